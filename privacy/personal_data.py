"""Everything the portal holds about one person, for their page and their JSON file.

A fixed number of queries, whatever the number of rows: one per section.
"""

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from chantiers.models import JoinRequest, ProgressReport
from elections.models import Candidacy, Participation
from governance.models import NotificationPreferences, Person
from meetings.models import ActionItem, Attendance, CalendarFeed
from privacy.models import AccessLog

# Accesses shown on the page; the JSON file has them all.
ACCESSES_SHOWN = 50


@dataclass
class Section:
    """A titled table: `columns` are (key in the JSON file, translated label) pairs."""

    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    note: str = ""
    single: bool = False  # one record, shown as a list of fields

    @property
    def display_rows(self):
        return [[_display(value) for value in row] for row in self.rows]

    @property
    def fields(self):
        """(label, value) pairs of a single record, ready to show."""
        labels = [label for _key, label in self.columns]
        return list(zip(labels, self.display_rows[0], strict=True))

    def as_json(self):
        keys = [key for key, _label in self.columns]
        records = [dict(zip(keys, map(_plain, row), strict=True)) for row in self.rows]
        if self.single:
            return records[0] if records else None
        return records


def _display(value):
    """Dates and times in the reader's format and time zone; the rest as is."""
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    return value


def _plain(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def collect(user=None, person=None, accesses_limit=ACCESSES_SHOWN):
    """The sections for `person` (and their account `user`), in the reader's language."""
    sections = []
    if user is not None:
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        sections.append(
            Section(
                "account",
                _("Login account"),
                [
                    ("email", _("Email used to log in")),
                    ("verified", _("Email confirmed")),
                    ("joined", _("Account opened")),
                    ("last_login", _("Last login")),
                    ("active", _("Active")),
                ],
                [[user.email, verified, user.date_joined, user.last_login, user.is_active]],
                note=_("Your password is stored only as a one-way fingerprint (hash)."),
                single=True,
            )
        )
    if person is None:
        return sections
    sections.append(
        Section(
            "person",
            _("Directory record"),
            [
                ("first_name", _("First name")),
                ("last_name", _("Last name")),
                ("title", _("Title")),
                ("email", _("Email")),
                ("phone", _("Phone")),
                ("show_email", _("Email shown to partners")),
                ("show_phone", _("Phone shown to partners")),
            ],
            [
                [
                    person.first_name,
                    person.last_name,
                    person.title,
                    person.email,
                    person.phone,
                    person.show_email,
                    person.show_phone,
                ]
            ],
            single=True,
        )
    )
    sections.append(
        Section(
            "history",
            _("Earlier versions of your directory record"),
            [
                ("date", _("Date")),
                ("first_name", _("First name")),
                ("last_name", _("Last name")),
                ("title", _("Title")),
                ("email", _("Email")),
                ("phone", _("Phone")),
            ],
            [
                [row.history_date, row.first_name, row.last_name, row.title, row.email, row.phone]
                for row in Person.history.filter(id=person.pk).order_by("-history_date")
            ],
            note=_("Every change is kept, with its date and author, as the alliance's record."),
        )
    )
    sections.append(
        Section(
            "affiliations",
            _("Organisations"),
            [
                ("organisation", _("Organisation")),
                ("role", _("Role")),
                ("from", _("From")),
                ("until", _("Until")),
            ],
            [
                [a.organisation.name, a.role, a.starts, a.ends]
                for a in person.affiliations.select_related("organisation").order_by("-starts")
            ],
        )
    )
    sections.append(
        Section(
            "representations",
            _("Representation at the assembly"),
            [
                ("organisation", _("Organisation")),
                ("as", _("As")),
                ("from", _("From")),
                ("until", _("Until")),
            ],
            [
                [r.organisation.name, r.get_kind_display(), r.starts, r.ends]
                for r in person.representations.select_related("organisation").order_by("-starts")
            ],
        )
    )
    sections.append(
        Section(
            "seats",
            _("Seats"),
            [
                ("body", _("Body")),
                ("organisation", _("For the organisation")),
                ("as", _("As")),
                ("how", _("How")),
                ("from", _("From")),
                ("until", _("Until")),
            ],
            [
                [
                    s.body.name,
                    s.organisation.name if s.organisation_id else "",
                    s.get_role_display(),
                    s.get_mode_display(),
                    s.starts,
                    s.ends,
                ]
                for s in person.seats.select_related("body", "organisation").order_by("-starts")
            ],
        )
    )
    sections.append(
        Section(
            "attendance",
            _("Meetings you were convened to"),
            [
                ("meeting", _("Meeting")),
                ("body", _("Body")),
                ("date", _("Date")),
                ("as", _("As")),
                ("voting", _("Voting")),
                ("convened", _("Convened")),
                ("attendance", _("Attendance")),
            ],
            [
                [
                    a.meeting.title,
                    a.meeting.body.name,
                    a.meeting.starts,
                    a.get_capacity_display(),
                    a.voting,
                    a.convened_at,
                    a.get_status_display(),
                ]
                for a in Attendance.objects.filter(person=person)
                .select_related("meeting__body")
                .order_by("-meeting__starts")
            ],
        )
    )
    sections.append(
        Section(
            "action_items",
            _("Action items assigned to you"),
            [
                ("what", _("What")),
                ("meeting", _("Meeting")),
                ("due", _("Due")),
                ("status", _("Status")),
            ],
            [
                [a.title, a.meeting.title, a.due, a.get_status_display()]
                for a in ActionItem.objects.filter(person=person)
                .select_related("meeting")
                .order_by("-meeting__starts", "pk")
            ],
        )
    )
    sections.append(
        Section(
            "candidacies",
            _("Candidacies"),
            [
                ("election", _("Election")),
                ("organisation", _("For the organisation")),
                ("college", _("College")),
                ("status", _("Status")),
                ("statement", _("Statement")),
                ("votes", _("Votes")),
                ("elected", _("Elected")),
            ],
            [
                [
                    c.election.title,
                    c.organisation.name,
                    c.get_college_display(),
                    c.get_status_display(),
                    c.statement,
                    c.votes,
                    c.elected,
                ]
                for c in Candidacy.objects.filter(person=person)
                .select_related("election", "organisation")
                .order_by("-election__held_on")
            ],
        )
    )
    sections.append(
        Section(
            "votes_cast",
            _("Votes you cast for your organisation"),
            [("election", _("Election")), ("organisation", _("Organisation"))],
            [
                [p.elector.election.title, p.elector.organisation.name]
                for p in Participation.objects.filter(cast_by=person)
                .select_related("elector__election", "elector__organisation")
                .order_by("-elector__election__held_on")
            ],
            note=_(
                "The portal records that you voted, never how: a ballot is stored with no link "
                "to any person, organisation or time, so nobody can tell what you chose."
            ),
        )
    )
    sections.append(
        Section(
            "join_requests",
            _("Requests to join a chantier"),
            [
                ("chantier", _("Chantier")),
                ("organisation", _("For the organisation")),
                ("message", _("Message")),
                ("status", _("Status")),
                ("asked", _("Asked on")),
            ],
            [
                [j.chantier.name, j.organisation.name, j.message, j.get_status_display(), j.created]
                for j in JoinRequest.objects.filter(person=person)
                .select_related("chantier", "organisation")
                .order_by("-created")
            ],
        )
    )
    sections.append(
        Section(
            "reports",
            _("Chantier progress reports you wrote"),
            [
                ("chantier", _("Chantier")),
                ("from", _("From")),
                ("until", _("Until")),
                ("status", _("Status")),
            ],
            [
                [r.chantier.name, r.period_start, r.period_end, r.get_status_display()]
                for r in ProgressReport.objects.filter(authors=person)
                .select_related("chantier")
                .order_by("-period_start")
            ],
        )
    )
    preferences = NotificationPreferences.objects.filter(person=person).first()
    sections.append(
        Section(
            "email_preferences",
            _("Email preferences"),
            [
                ("convocations", _("Convocations")),
                ("records", _("Newly published records")),
                ("decisions", _("Decisions")),
                ("language", _("Language of my emails")),
                ("waiting", _("Messages waiting for your weekly digest")),
            ],
            [
                [
                    preferences.get_convocations_display() if preferences else "",
                    preferences.get_records_display() if preferences else "",
                    preferences.get_decisions_display() if preferences else "",
                    preferences.get_language_display() if preferences else "",
                    person.pending_notifications.count(),
                ]
            ],
            note="" if preferences else _("You kept the default preferences."),
            single=True,
        )
    )
    feed = CalendarFeed.objects.filter(person=person).first()
    sections.append(
        Section(
            "calendar_feed",
            _("Private calendar address"),
            [("exists", _("Created")), ("created", _("Created on"))],
            [[feed is not None, feed.created_at if feed else None]],
            note=_("Its secret address is shown on your calendar page, never here."),
            single=True,
        )
    )
    accesses = AccessLog.objects.about(person).for_listing()
    if accesses_limit is not None:
        accesses = accesses[:accesses_limit]
    sections.append(
        Section(
            "accesses",
            _("Who on the ADOC team looked at your information"),
            [
                ("when", _("When")),
                ("by", _("By")),
                ("what", _("What")),
                ("page", _("Page")),
            ],
            [[a.at, a.viewer.get_full_name(), a.get_kind_display(), a.path] for a in accesses],
            note=_(
                "Each time a member of the ADOC team or an administrator opens your page, the "
                "member list of your organisation or the attendance list of your meetings, it "
                "is written here."
            ),
        )
    )
    return sections


def as_json(sections):
    return {section.key: section.as_json() for section in sections}
