"""Everything the portal holds about one person, for their page and their JSON file, and what
the privacy app itself holds: the access log and the anonymisations.

The sections come from the personal-data registry (`infrastructure.personal_data`), where every
app declares what it holds about a person; a fixed number of queries, whatever the number of
rows: about one per section.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infrastructure import display
from infrastructure import personal_data as registry
from infrastructure.personal_data import PERSON, USER, Export, Keep, NotExported, Owner, register
from privacy.models import AccessLog, Anonymisation

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
        return display.moment(value)
    if isinstance(value, datetime.date):
        return display.day(value)
    return value


def _plain(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def collect(user=None, person=None, full=False):
    """The sections for `person` (and their account `user`), in the reader's language: every
    section some app declared, for the records the reader has. `full` for the JSON file; the
    page may show only the latest rows of a long section."""
    owner = Owner(person=person, user=user, full=full)
    sections = []
    for declaration in registry.sections():
        if getattr(owner, declaration.of) is None:
            continue
        export = declaration.export
        rows = export.rows(owner)
        sections.append(
            Section(
                export.key,
                export.title,
                list(export.columns),
                rows,
                note=export.note_for(rows),
                single=export.single,
            )
        )
    return sections


def as_json(sections):
    return {section.key: section.as_json() for section in sections}


# --- What the privacy app holds ----------------------------------------------------------------


def access_rows(owner):
    accesses = AccessLog.objects.about(owner.person).for_listing()
    if not owner.full:
        accesses = accesses[:ACCESSES_SHOWN]
    return [[a.at, a.viewer.get_full_name(), a.get_kind_display(), a.path] for a in accesses]


ACCOUNTABILITY = "who looked at a person's information stays: the alliance answers for it (Law 25)"
register(
    AccessLog,
    "person",
    PERSON,
    export=Export(
        "accesses",
        _("Who on the ADOC team looked at your information"),
        (
            ("when", _("When")),
            ("by", _("By")),
            ("what", _("What")),
            ("page", _("Page")),
        ),
        access_rows,
        order=150,
        note=_(
            "Each time a member of the ADOC team or an administrator opens your page, the "
            "member list of your organisation or the attendance list of your meetings, it "
            "is written here."
        ),
    ),
    anonymise=Keep(ACCOUNTABILITY),
)
register(
    AccessLog,
    "viewer",
    USER,
    export=NotExported("what staff looked at belongs to the log of the others' information"),
    anonymise=Keep(ACCOUNTABILITY),
)
register(
    Anonymisation,
    "person",
    PERSON,
    export=NotExported("once anonymised, the account is closed: nobody reads this page as them"),
    anonymise=Keep("the proof that the person was anonymised, when and by whom"),
)
register(
    Anonymisation,
    "by",
    USER,
    export=NotExported("what a member of staff did for the alliance, not information about them"),
    anonymise=Keep("the proof that the person was anonymised, when and by whom"),
)
