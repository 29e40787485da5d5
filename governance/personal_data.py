"""What governance holds about a person: the directory record and its earlier versions, the
organisations they belong to, their representation at the assembly, their seats and their
email preferences."""

from django.utils.translation import gettext_lazy as _

from governance.models import (
    Affiliation,
    AllianceIdentity,
    Body,
    College,
    DirectoryImport,
    FollowUpSent,
    NotificationPreferences,
    Organisation,
    Person,
    Representation,
    Seat,
    Sector,
    Territory,
)
from infrastructure.personal_data import (
    DELETE,
    FORMER_NAME,
    PERSON,
    USER,
    Blank,
    Custom,
    Export,
    Keep,
    NotExported,
    history_authors,
    organisational_addresses,
    register,
)

ANONYMISED = {"first_name": "", "last_name": FORMER_NAME, "title": "", "email": "", "phone": ""}


def person_rows(owner):
    p = owner.person
    return [[p.first_name, p.last_name, p.title, p.email, p.phone, p.show_email, p.show_phone]]


def anonymise_record(departure):
    """The directory record keeps its id, so that what the person did still points to it, and
    pages show « Ancien·ne partenaire » instead of the name."""
    person = departure.person
    for name, value in ANONYMISED.items():
        setattr(person, name, departure.name if value is FORMER_NAME else value)
    person.show_email = person.show_phone = False
    person.version += 1
    person._change_reason = "Anonymised (Law 25)"
    person.save()


register(
    Person,
    "pk",
    PERSON,
    export=Export(
        "person",
        _("Directory record"),
        (
            ("first_name", _("First name")),
            ("last_name", _("Last name")),
            ("title", _("Title")),
            ("email", _("Email")),
            ("phone", _("Phone")),
            ("show_email", _("Email shown to partners")),
            ("show_phone", _("Phone shown to partners")),
        ),
        person_rows,
        order=20,
        single=True,
    ),
    anonymise=Custom(anonymise_record),
)
register(
    Person,
    "user",
    USER,
    export=NotExported("the link itself: the record and the account are both exported"),
    anonymise=Keep("the record stays linked to its account, which is closed, its address freed"),
)


def history_rows(owner):
    return [
        [row.history_date, row.first_name, row.last_name, row.title, row.email, row.phone]
        for row in Person.history.filter(id=owner.person.pk).order_by("-history_date")
    ]


# The history tables (django-simple-history) keep a row per change, and so a copy of the old
# name, email and phone. Those rows stay (the audit trail of who changed what, when) but their
# personal fields are blanked the same way, so that the old name cannot be read back from them.
HistoricalPerson = Person.history.model
register(
    HistoricalPerson,
    "id",
    PERSON,
    export=Export(
        "history",
        _("Earlier versions of your directory record"),
        (
            ("date", _("Date")),
            ("first_name", _("First name")),
            ("last_name", _("Last name")),
            ("title", _("Title")),
            ("email", _("Email")),
            ("phone", _("Phone")),
        ),
        history_rows,
        order=30,
        note=_("Every change is kept, with its date and author, as the alliance's record."),
    ),
    anonymise=Blank({**ANONYMISED, "show_email": False, "show_phone": False}),
)
register(
    HistoricalPerson,
    "user",
    USER,
    export=NotExported("which account an earlier version was linked to: the account is exported"),
    anonymise=Keep("the earlier versions stay linked to the account, which is closed"),
)


def affiliation_rows(owner):
    return [
        [a.organisation.name, a.role, a.starts, a.ends]
        for a in owner.person.affiliations.select_related("organisation").order_by("-starts")
    ]


register(
    Affiliation,
    "person",
    PERSON,
    export=Export(
        "affiliations",
        _("Organisations"),
        (
            ("organisation", _("Organisation")),
            ("role", _("Role")),
            ("from", _("From")),
            ("until", _("Until")),
        ),
        affiliation_rows,
        order=40,
    ),
    # The membership stays (the organisation's record); the role held describes the person.
    anonymise=Blank({"role": ""}),
)
register(
    Affiliation.history.model,
    "person",
    PERSON,
    export=NotExported("earlier versions of the memberships exported in « Organisations »"),
    anonymise=Blank({"role": ""}),
)


def representation_rows(owner):
    return [
        [r.organisation.name, r.get_kind_display(), r.starts, r.ends]
        for r in owner.person.representations.select_related("organisation").order_by("-starts")
    ]


REPRESENTATION_KEPT = "who represented an organisation at the assembly is the alliance's record"
register(
    Representation,
    "person",
    PERSON,
    export=Export(
        "representations",
        _("Representation at the assembly"),
        (
            ("organisation", _("Organisation")),
            ("as", _("As")),
            ("from", _("From")),
            ("until", _("Until")),
        ),
        representation_rows,
        order=50,
    ),
    anonymise=Keep(REPRESENTATION_KEPT),
)
register(
    Representation.history.model,
    "person",
    PERSON,
    export=NotExported("earlier versions of the representations exported"),
    anonymise=Keep(REPRESENTATION_KEPT),
)


def seat_rows(owner):
    return [
        [
            s.body.name,
            s.organisation.name if s.organisation_id else "",
            s.get_role_display(),
            s.get_mode_display(),
            s.starts,
            s.ends,
        ]
        for s in owner.person.seats.select_related("body", "organisation").order_by("-starts")
    ]


SEAT_KEPT = "who sat on which body, when, is the alliance's record (quorums, minutes, elections)"
register(
    Seat,
    "person",
    PERSON,
    export=Export(
        "seats",
        _("Seats"),
        (
            ("body", _("Body")),
            ("organisation", _("For the organisation")),
            ("as", _("As")),
            ("how", _("How")),
            ("from", _("From")),
            ("until", _("Until")),
        ),
        seat_rows,
        order=60,
    ),
    anonymise=Keep(SEAT_KEPT),
)
register(
    Seat.history.model,
    "person",
    PERSON,
    export=NotExported("earlier versions of the seats exported in « Seats »"),
    anonymise=Keep(SEAT_KEPT),
)

history_authors(
    Organisation,
    Person,
    Affiliation,
    Representation,
    Body,
    Seat,
    AllianceIdentity,
    Territory,
    Sector,
    College,
)
for model in (AllianceIdentity, AllianceIdentity.history.model):
    organisational_addresses(
        model,
        "the alliance's contact and privacy desks, as the administrator writes them on its "
        "identity (a role's address, shown on the privacy page), not a person's own",
    )


def preferences_rows(owner):
    person = owner.person
    preferences = NotificationPreferences.objects.filter(person=person).first()
    return [
        [
            preferences.get_records_display() if preferences else "",
            preferences.get_decisions_display() if preferences else "",
            preferences.get_actions_display() if preferences else "",
            preferences.get_language_display() if preferences else "",
            person.pending_notifications.count(),
        ]
    ]


def preferences_note(rows):
    # Without a record of preferences, the row's choices are empty.
    return "" if rows[0][0] else _("You kept the default preferences.")


register(
    NotificationPreferences,
    "person",
    PERSON,
    export=Export(
        "email_preferences",
        _("Email preferences"),
        (
            ("records", _("Newly published records")),
            ("decisions", _("Decisions")),
            ("actions", _("Action items")),
            ("language", _("Language of my emails")),
            ("waiting", _("Messages waiting for your weekly digest")),
        ),
        preferences_rows,
        order=130,
        note=preferences_note,
        single=True,
    ),
    anonymise=DELETE,
)


register(
    FollowUpSent,
    "person",
    PERSON,
    export=NotExported(
        "the days the ADOC follow-up was emailed to an agent: a dispatch log of the team's work, "
        "holding nothing about the person but their address's use"
    ),
    anonymise=DELETE,
)
register(
    DirectoryImport,
    "made_by",
    USER,
    export=NotExported(
        "who imported a spreadsheet into the directory: the ADOC team's work for the alliance, "
        "not information about them"
    ),
    anonymise=Keep("the record of an import says who made it, as any change of the directory"),
)
