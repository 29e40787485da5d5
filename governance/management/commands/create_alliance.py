"""`manage.py create_alliance`: an empty alliance, ready for its partners."""

import getpass
import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from governance.models import (
    AllianceIdentity,
    Body,
    BodyKind,
    BodyLink,
    BodyLinkKind,
    College,
    Territory,
)

# (option, question, default) of what the command asks; the bodies' names default to the
# words the alliance's texts use, each alliance renames them as it calls them.
ASKED = [
    ("name", _("Full name of the alliance"), None),
    ("short_name", _("Short name (header, page titles, email subjects)"), None),
    ("assembly", _("Name of the assembly of all partners"), "Assemblée des partenaires"),
    ("council", _("Name of the elected committee"), "Comité conseil"),
    ("team", _("Name of the support team"), "Équipe de soutien"),
    (
        "territories",
        _("Parts of the territory (MRCs, boroughs…), separated by commas"),
        None,
    ),
    ("whole", _("Name for what serves the whole territory"), "Tout le territoire"),
    (
        "colleges",
        _("Colleges the elected committee balances, separated by commas"),
        "Communautaire, Institutionnel",
    ),
    ("admin_email", _("Email address of the first administrator"), None),
]
SUMMARIES = {
    BodyKind.ASSEMBLY: "Réunit tous les partenaires deux fois par année et élit le comité.",
    BodyKind.COUNCIL: "Comité élu qui réalise les mandats de l’assemblée et approuve les bilans.",
    BodyKind.ADOC: "Convoque, prépare, documente et relie les instances.",
}


class Command(BaseCommand):
    help = _(
        "Create an empty alliance: its identity, its assembly, its elected committee, its "
        "support team and its first administrator. Asks what it is not given."
    )

    def add_arguments(self, parser):
        for option, question, _default in ASKED:
            parser.add_argument(f"--{option.replace('_', '-')}", dest=option, help=question)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=_(
                "Ask nothing; the administrator's password then comes from "
                "DJANGO_SUPERUSER_PASSWORD, or is set later by a password reset."
            ),
        )

    def handle(self, *args, interactive=True, **options):
        if AllianceIdentity.objects.exists() or Body.objects.exists():
            raise CommandError(
                gettext(
                    "This database already holds an alliance: its identity is edited in the "
                    "administration, its bodies on the portal."
                )
            )
        answers = {}
        for option, question, default in ASKED:
            answers[option] = self.answer(options.get(option), question, default, interactive)
        try:
            validate_email(answers["admin_email"])
        except ValidationError as error:
            raise CommandError(
                gettext("%(email)s: not an email address.") % {"email": answers["admin_email"]}
            ) from error
        password = self.password(interactive)
        with transaction.atomic():
            identity = AllianceIdentity(
                name=answers["name"],
                short_name=answers["short_name"],
                contact_email=answers["admin_email"],
                privacy_email=answers["admin_email"],
            )
            identity.full_clean()
            identity.save()
            bodies = {
                kind: Body.objects.create(
                    name=answers[key],
                    slug=slugify(answers[key])[:80] or kind,
                    kind=kind,
                    summary=SUMMARIES[kind],
                    position=position,
                )
                for key, kind, position in (
                    ("assembly", BodyKind.ASSEMBLY, 10),
                    ("council", BodyKind.COUNCIL, 20),
                    ("team", BodyKind.ADOC, 90),
                )
            }
            BodyLink.objects.create(
                source=bodies[BodyKind.ASSEMBLY],
                target=bodies[BodyKind.COUNCIL],
                kind=BodyLinkKind.ELECTS,
            )
            BodyLink.objects.create(
                source=bodies[BodyKind.ADOC],
                target=bodies[BodyKind.COUNCIL],
                kind=BodyLinkKind.SUPPORTS,
            )
            parts = self.names(answers["territories"])
            self.categories(Territory, [*parts, answers["whole"]], whole=answers["whole"])
            colleges = self.names(answers["colleges"])
            if [c.name for c in College.objects.order_by("position")] != colleges:
                College.objects.all().delete()  # the two every installation starts with
                self.categories(College, colleges)
            admin = get_user_model().objects.create_superuser(answers["admin_email"], password)
            # The address is the login (allauth, mandatory verification): known good here.
            EmailAddress.objects.create(user=admin, email=admin.email, primary=True, verified=True)
        self.stdout.write(
            self.style.SUCCESS(
                gettext("The alliance %(name)s is created.") % {"name": identity.short_name}
            )
        )
        self.stdout.write(
            gettext(
                "Next steps:\n"
                "  1. Serve the portal and log in as %(email)s%(password)s.\n"
                "  2. In the administration (/admin/), complete the identity: the texts of the "
                "home, organigram and chantiers pages, the logo, the colours, the person in "
                "charge of personal information.\n"
                "  3. Add the organisations and people of the directory (Directory → Import or "
                "export a spreadsheet, from a template), then the seats of the elected committee "
                "and of the support team; the sectors, colleges and parts of the territory are "
                "edited in the administration.\n"
                "  4. Create a chantier for each working group; invite the partners from their "
                "directory records."
            )
            % {
                "email": admin.email,
                "password": ""
                if password
                else gettext(" after choosing a password with « Mot de passe oublié? »"),
            }
        )

    @staticmethod
    def names(answer):
        names = [name.strip() for name in answer.split(",") if name.strip()]
        if not names:
            raise CommandError(gettext("Give at least one name."))
        return names

    @staticmethod
    def categories(model, names, whole=None):
        codes = [
            slugify(name)[:20] or f"{model.__name__.lower()}-{i}" for i, name in enumerate(names)
        ]
        if len(set(codes)) < len(codes) or len({name.lower() for name in names}) < len(names):
            raise CommandError(
                gettext("Two of these names are the same: %(names)s.") % {"names": ", ".join(names)}
            )
        for position, (code, name) in enumerate(zip(codes, names, strict=True), 1):
            extra = {"whole": name == whole} if model is Territory else {}
            model.objects.create(code=code, name=name, position=position * 10, **extra)

    def answer(self, given, question, default, interactive):
        if given:
            return given.strip()
        if not interactive:
            if default is None:
                raise CommandError(gettext("Missing: %(what)s.") % {"what": question})
            return default
        prompt = f"{question}" + (f" [{default}]" if default else "") + " : "
        while True:
            value = input(prompt).strip() or (default or "")
            if value:
                return value
            self.stderr.write(gettext("An answer is needed."))

    def password(self, interactive):
        if not interactive:
            return os.environ.get("DJANGO_SUPERUSER_PASSWORD") or None
        while True:
            first = getpass.getpass(gettext("Administrator's password: "))
            if not first or first != getpass.getpass(gettext("The same again: ")):
                self.stderr.write(gettext("The two passwords differ or are empty; again."))
                continue
            try:
                validate_password(first)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return first
