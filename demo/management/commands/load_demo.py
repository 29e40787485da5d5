from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chantiers.models import Chantier, Objective, ProgressReport
from demo.chantiers import load_chantiers, load_progress
from demo.elections import load_elections
from demo.meetings import load_meetings
from demo.territory import DEMO_ACCOUNTS, DEMO_PASSWORD, load_territory
from governance.models import Affiliation, Body, Organisation, Person, Representation, Seat
from meetings.models import Decision, Meeting


class Command(BaseCommand):
    help = _(
        "Load (or refresh) the fictional Charlevoix demo territory: organisations, people, "
        "bodies, seats, chantiers and demo logins. Safe to run more than once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Load even when DEBUG is off (the demo logins share a public password)."),
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                gettext(
                    "DEBUG is off: this looks like a production site, and the demo creates "
                    "accounts with the public password %(password)s. Use --force to load it "
                    "anyway."
                )
                % {"password": DEMO_PASSWORD}
            )
        with transaction.atomic():
            created = load_territory()
            created["Chantier"] += load_chantiers()
            load_meetings(created)
            load_progress(created)
            load_elections(created)
        if created := +created:
            summary = ", ".join(f"{name}: {count}" for name, count in sorted(created.items()))
            self.stdout.write(gettext("Created: %(summary)s.") % {"summary": summary})
        else:
            self.stdout.write(gettext("The demo territory was already up to date."))

        rows = [
            (
                gettext("Organisations (active)"),
                Organisation.objects.count(),
                Organisation.objects.active(),
            ),
            (gettext("People"), Person.objects.count(), None),
            (
                gettext("Affiliations (current)"),
                Affiliation.objects.count(),
                Affiliation.objects.current(),
            ),
            (
                gettext("Representations (current)"),
                Representation.objects.count(),
                Representation.objects.current(),
            ),
            (gettext("Bodies"), Body.objects.count(), None),
            (gettext("Seats (current)"), Seat.objects.count(), Seat.objects.current()),
            (gettext("Chantiers"), Chantier.objects.count(), None),
            (gettext("Meetings"), Meeting.objects.count(), None),
            (gettext("Decisions"), Decision.objects.count(), None),
            (gettext("Objectives"), Objective.objects.count(), None),
            (
                gettext("Progress reports (approved)"),
                ProgressReport.objects.count(),
                ProgressReport.objects.approved(),
            ),
        ]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(gettext("In the database:")))
        for label, total, subset in rows:
            detail = f" ({subset.count()})" if subset is not None else ""
            self.stdout.write(f"  {label:<28}{total}{detail}")

        User = get_user_model()
        width = max(len(email) for email, _description in DEMO_ACCOUNTS)
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                gettext("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD}
            )
        )
        for email, description in DEMO_ACCOUNTS:
            if User.objects.filter(email=email).exists():
                self.stdout.write(f"  {email:<{width}}  {description}")
        self.stdout.write(self.style.SUCCESS(gettext("Demo data loaded.")))
