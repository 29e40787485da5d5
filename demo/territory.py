"""A fictional but realistic Charlevoix territory, to try the portal with.

The data are module-level tuples and dicts in `demo/data/` (French, like the portal's content);
the functions here load them idempotently: every row is matched on its natural key, so loading twice
creates nothing new and only saves what actually changed (no spurious history rows).

Dates that must stay meaningful (terms ending soon, past members) are computed from today.
"""

import datetime
from collections import Counter

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from demo.data.categories import COLLEGES, SECTORS, TERRITORIES
from demo.data.english import BODIES_EN, english
from demo.data.identity import IDENTITY
from demo.data.territory import (
    ADOC_AGENTS,
    ADOC_EMPLOYER,
    BODIES,
    BODY_LINKS,
    CHANTIER_FORMED,
    CHANTIER_SEATS,
    COUNCIL_QUOTAS,
    COUNCIL_SEATS,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    FORMER_REPRESENTATIVES,
    FRENCH_MONTHS,
    LEFT_ON,
    ORGANISATIONS,
    PEOPLE,
    SUPERUSER_EMAIL,
)
from governance import workflow
from governance.models import (
    Affiliation,
    AllianceIdentity,
    Body,
    BodyLink,
    College,
    Organisation,
    Person,
    Representation,
    Seat,
    SeatMode,
    SeatQuota,
    SeatRole,
    Sector,
    Territory,
)
from infrastructure.periods import today

# --------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# People: (email, first name, last name, organisation, role there, phone, speaks for it as)
# The role doubles as the person's title. "Speaks as" names the current delegate or substitute.
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Bodies
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Seats
# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def french_date(day):
    return f"{'1er' if day.day == 1 else day.day} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # February 29
        return day.replace(year=day.year + years, day=28)


def council_elections(now):
    """The election days of the comité conseil's cohorts, relative to `now`.

    The "earlier" cohort's two-year term ends about two months from now (so the terms ending
    soon are never empty); the "recent" one was elected about ten months ago and the "former"
    two years before that.
    """
    earlier = now - datetime.timedelta(days=670)
    recent = now - datetime.timedelta(days=305)
    return {"earlier": earlier, "recent": recent, "former": add_years(recent, -2)}


def upsert(model, lookup, values, created=None):
    """Get the row matching `lookup` and bring it to `values`, or create it.

    Unlike `update_or_create`, an unchanged row is not saved again, so a second load leaves no
    trace in the history tables. A `version` field (optimistic locking of the portal's forms)
    is bumped when something changed. Counts creations in the `created` Counter, if given.
    """
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        if created is not None:
            created[model.__name__] += 1
        return obj
    changed = []
    for name, value in values.items():
        if isinstance(value, models.Model):
            differs = getattr(obj, model._meta.get_field(name).attname) != value.pk
        else:
            differs = getattr(obj, name) != value
        if differs:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        if any(field.name == "version" for field in model._meta.concrete_fields):
            obj.version += 1
            changed.append("version")
        obj.save(update_fields=changed)
    return obj


def load_territory(*, with_accounts=True):
    """Create or update the demo territory; returns a Counter of the rows created, by model."""
    created = Counter()
    with transaction.atomic():
        upsert(AllianceIdentity, {"singleton": True}, IDENTITY, created)
        _load_categories(created)
        organisations = _load_organisations(created)
        people = _load_people(organisations, created)
        _load_representations(organisations, people, created)
        bodies = _load_bodies(created)
        _load_seats(bodies, organisations, people, created)
        if with_accounts:
            _load_accounts(people, created)
    return created


def _load_categories(created):
    """The MRCs, sectors and colleges (the two last are every new installation's already)."""
    for model, rows in ((Sector, SECTORS), (College, COLLEGES), (Territory, TERRITORIES)):
        for position, (code, french, in_english, *whole) in enumerate(rows, 1):
            values = {"name_fr": french, "name_en": in_english, "position": position * 10}
            if whole:
                values["whole"] = whole[0]
            upsert(model, {"code": code}, values, created)


def _load_organisations(created):
    organisations = {}
    for row in ORGANISATIONS:
        values = {key: value for key, value in row.items() if key != "slug"}
        values.setdefault("is_active", True)
        organisations[row["slug"]] = upsert(Organisation, {"slug": row["slug"]}, values, created)
    return organisations


def _load_people(organisations, created):
    people = {}
    for number, (email, first_name, last_name, slug, role, phone, _speaks) in enumerate(PEOPLE):
        # As if each person had set their preferences: most share their email, a third their phone.
        preferences = {"show_email": number % 5 != 4, "show_phone": number % 3 == 0}
        person = upsert(
            Person,
            {"email": email},
            {"first_name": first_name, "last_name": last_name, "title": role, "phone": phone}
            | preferences,
            created,
        )
        people[email] = person
        organisation = organisations[slug]
        upsert(
            Affiliation,
            {"person": person, "organisation": organisation, "starts": organisation.joined},
            {"role": role, "ends": LEFT_ON.get(email)},
            created,
        )
    return people


def _load_representations(organisations, people, created):
    """Name each active organisation's delegate and substitute, unless it already has one."""
    terms = {}
    for email, _first, _last, slug, _role, _phone, speaks in PEOPLE:
        if speaks and organisations[slug].is_active:
            terms[slug, speaks] = [(email, organisations[slug].joined)]
    for slug, kind, email, starts, ends in FORMER_REPRESENTATIVES:
        current = terms[slug, kind].pop()
        terms[slug, kind].extend([(email, starts), (current[0], ends + datetime.timedelta(days=1))])
    for (slug, kind), history in terms.items():
        organisation = organisations[slug]
        if organisation.representations.current().filter(kind=kind).exists():
            continue
        for email, starts in history:
            person = people[email]
            if not organisation.representations.filter(
                kind=kind, person=person, starts=starts
            ).exists():
                workflow.name_representative(organisation, person, kind, starts)
                created[Representation.__name__] += 1


def _load_bodies(created):
    bodies = {}
    for row in BODIES:
        values = {key: value for key, value in row.items() if key != "slug"}
        values["is_active"] = True
        values.update(english(BODIES_EN.get(row["slug"], {})))
        bodies[row["slug"]] = upsert(Body, {"slug": row["slug"]}, values, created)
    council = bodies["comite-conseil"]
    for college, mrc, seats in COUNCIL_QUOTAS:
        upsert(SeatQuota, {"body": council, "college": college, "mrc": mrc}, {"seats": seats})
    for source, kind, target in BODY_LINKS:
        BodyLink.objects.get_or_create(source=bodies[source], target=bodies[target], kind=kind)
    return bodies


def _seat(body, person, organisation, role, values, created):
    upsert(
        Seat,
        {"body": body, "person": person, "organisation": organisation, "role": role},
        values,
        created,
    )


def _load_seats(bodies, organisations, people, created):
    now = today()
    council = bodies["comite-conseil"]
    elections = council_elections(now)
    for email, slug, role, cohort in COUNCIL_SEATS:
        elected = elections[cohort]
        ends = add_years(elected, 2) - datetime.timedelta(days=1)
        values = {
            "mode": SeatMode.ELECTED,
            "starts": elected,
            "ends": ends,
            "note": f"Élu·e à l'assemblée du {french_date(elected)}",
        }
        _seat(council, people[email], organisations[slug], role, values, created)

    for body_slug, seats in CHANTIER_SEATS.items():
        formed = CHANTIER_FORMED[body_slug]
        for email, slug, role in seats:
            values = {
                "mode": SeatMode.DESIGNATED,
                "starts": formed,
                "ends": None,
                "note": "Désigné·e par son organisme",
            }
            _seat(bodies[body_slug], people[email], organisations[slug], role, values, created)

    employer = organisations[ADOC_EMPLOYER]
    for email, territory, since, supported in ADOC_AGENTS:
        person = people[email]
        values = {
            "mode": SeatMode.DESIGNATED,
            "starts": since,
            "ends": None,
            "mrc": territory,
            "note": "Affecté·e par le CIUSSS",
        }
        _seat(bodies["equipe-adoc"], person, employer, SeatRole.MEMBER, values, created)
        for body_slug in supported:
            values = {
                "mode": SeatMode.DESIGNATED,
                "starts": max(since, CHANTIER_FORMED.get(body_slug, since)),
                "ends": None,
                "note": "Soutien de l'équipe ADOC",
            }
            _seat(bodies[body_slug], person, employer, SeatRole.SUPPORT, values, created)


def _load_accounts(people, created):
    """The demo logins, their verified email addresses and their link to the directory."""
    User = get_user_model()
    # Hashed once for every login (the hasher is slow by design, and this password is public
    # anyway): the demo loads in a second less.
    password = make_password(DEMO_PASSWORD)
    for email, _description in DEMO_ACCOUNTS:
        is_admin = email == SUPERUSER_EMAIL
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email)
            created[User.__name__] += 1
        user.is_staff = user.is_superuser = is_admin
        user.is_active = True
        user.password = password
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"primary": True, "verified": True}
        )
        person = people.get(email)
        if person is not None and person.user_id != user.pk:
            # Another person may hold this account after manual edits: free it first.
            Person.objects.filter(user=user).exclude(pk=person.pk).update(user=None)
            person.user = user
            person.save(update_fields=["user"])
