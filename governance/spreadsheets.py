"""The directory to and from spreadsheets: organisations, and people with the organisation they
belong to and the one they represent, imported from CSV or XLSX and exported in the same
columns, so that an alliance starts from the list it already keeps and can leave with it.

An import is previewed first (`preview`): every row read, matched and checked by
django-import-export's resources inside a transaction that is rolled back, and said back as
« will be created », « updated », « unchanged » or « refused » with a French reason; nothing is
written until the person confirms (`confirm`), which runs the same file again for real. Rows are
matched by a stable key (an organisation by its name or acronym, accents and case aside; a
person by their email), so that importing the same file twice changes nothing. Every change
goes through the models' history (django-simple-history) with the import as its reason, and
the import itself is kept (governance.DirectoryImport) with what it did.

Who may do it: the ADOC team (governance.manage_directory), from the directory's pages.
"""

import csv
import datetime
import io
import logging
import zipfile

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, override
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets
from import_export.results import RowResult

from governance.forms import unique_slug
from governance.models import (
    Affiliation,
    Body,
    College,
    DirectoryImport,
    ImportKind,
    ImportStatus,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
    Seat,
    SeatMode,
    SeatRole,
    Sector,
    Territory,
)
from governance.models.territory import entries
from governance.workflow import (
    GovernanceError,
    check_seat,
    name_representative,
    one_role_at_a_time,
    other_open_representation,
    save_seat,
)
from infrastructure.exports import Table
from infrastructure.periods import today
from infrastructure.search import fold

logger = logging.getLogger(__name__)
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
PREVIEW_KEPT = datetime.timedelta(days=1)
ACTIONS = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "update",
    RowResult.IMPORT_TYPE_SKIP: "skip",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
    RowResult.IMPORT_TYPE_ERROR: "invalid",
}


class RowRefused(Exception):
    """A rule of the directory refused a row once it was being saved (not when checked):
    import-export undoes the whole import, and `message` says why."""


class SpreadsheetError(Exception):
    """A file that cannot be read as a whole (not a spreadsheet, too large, a column missing);
    `message` is for the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Columns ----------------------------------------------------------------------------------

ORGANISATION_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("acronym", gettext_lazy("Acronym")),
    ("sector", gettext_lazy("Sector")),
    ("college", gettext_lazy("College")),
    ("mrc", gettext_lazy("MRC")),
    ("address", gettext_lazy("Address")),
    ("website", gettext_lazy("Website")),
    ("description", gettext_lazy("Description")),
    ("joined", gettext_lazy("Member since")),
    ("is_active", gettext_lazy("Active member")),
]
PERSON_COLUMNS = [
    ("first_name", gettext_lazy("First name")),
    ("last_name", gettext_lazy("Last name")),
    ("email", gettext_lazy("Email")),
    ("title", gettext_lazy("Title")),
    ("phone", gettext_lazy("Phone")),
    ("organisation", gettext_lazy("Organisation")),
    ("role", gettext_lazy("Role in the organisation")),
    ("representation", gettext_lazy("Represents it as")),
]
SEAT_COLUMNS = [
    ("body", gettext_lazy("Body")),
    ("person", gettext_lazy("Email")),
    ("organisation", gettext_lazy("For the organisation")),
    ("role", gettext_lazy("As")),
    ("mode", gettext_lazy("How")),
    ("college", gettext_lazy("College")),
    ("mrc", gettext_lazy("MRC")),
    ("starts", gettext_lazy("From")),
    ("ends", gettext_lazy("Until")),
    ("note", gettext_lazy("Note")),
    ("beyond_quota_reason", gettext_lazy("Why beyond the quota")),
]
COLUMNS = {
    ImportKind.ORGANISATIONS: ORGANISATION_COLUMNS,
    ImportKind.PEOPLE: PERSON_COLUMNS,
    ImportKind.SEATS: SEAT_COLUMNS,
}
REQUIRED = {
    ImportKind.ORGANISATIONS: ["name", "sector", "college", "mrc"],
    ImportKind.PEOPLE: ["first_name", "last_name", "email"],
    ImportKind.SEATS: ["body", "person", "mode"],
}
# Values that mean yes and no in an « Active member » column, in either language.
YES = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
NO = {"non", "n", "no", "faux", "false", "0"}


def _key(text):
    """A cell or a header as compared: accents, case, apostrophes and spaces aside."""
    return " ".join(fold(str(text or "")).replace("’", "'").split())


def _in_both_languages(label):
    with override("fr"):
        french = str(label)
    with override("en"):
        english = str(label)
    return {_key(french), _key(english)}


def _canonical_headers(kind, headers):
    """The file's headers as the resource's field names (a header in French or in English, or
    the field's own name, accents and case aside); None for a column it does not know."""
    known = {}
    for name, label in COLUMNS[kind]:
        for spelling in {_key(name), *_in_both_languages(label)}:
            known[spelling] = name
    return [known.get(_key(header)) for header in headers]


# --- Reading a file ---------------------------------------------------------------------------


def _csv_rows(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first_line = text.split("\n", 1)[0]
    # Excel writes `;` in French, `,` in English; some export with tabs.
    delimiter = max(";,\t", key=first_line.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_rows(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SpreadsheetError(
            _("This file cannot be read as an Excel workbook (XLSX): save it again as XLSX or CSV.")
        ) from None
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def _blank(row):
    return all(value is None or str(value).strip() == "" for value in row)


def read(kind, filename, content):
    """The file as a tablib Dataset whose headers are the resource's field names, and the
    line of the file each of its rows comes from. Raises SpreadsheetError."""
    if len(content) > MAX_BYTES:
        raise SpreadsheetError(
            _("This file is larger than %(megabytes)s MB: split it into several files.")
            % {"megabytes": MAX_BYTES // (1024 * 1024)}
        )
    if filename.lower().endswith(".xlsx"):
        rows = _xlsx_rows(content)
    elif filename.lower().endswith((".csv", ".txt")):
        rows = _csv_rows(content)
    else:
        raise SpreadsheetError(_("Choose a CSV or XLSX file."))
    numbered = [(line, row) for line, row in enumerate(rows, 1) if not _blank(row)]
    if not numbered:
        raise SpreadsheetError(_("This file is empty."))
    (_header_line, headers), body = numbered[0], numbered[1:]
    if len(body) > MAX_ROWS:
        raise SpreadsheetError(
            _("This file has %(count)s rows; import at most %(max)s at a time.")
            % {"count": len(body), "max": MAX_ROWS}
        )
    names = _canonical_headers(kind, headers)
    labels = dict(COLUMNS[kind])
    missing = [str(labels[name]) for name in REQUIRED[kind] if name not in names]
    if missing:
        raise SpreadsheetError(
            _("A column is missing from the first row: %(columns)s. Start from the template.")
            % {"columns": ", ".join(missing)}
        )
    kept = [index for index, name in enumerate(names) if name is not None]
    dataset = tablib.Dataset(headers=[names[index] for index in kept])
    for _line, row in body:
        row = list(row) + [None] * (len(headers) - len(row))
        dataset.append([_cell(row[index]) for index in kept])
    return dataset, [line for line, _row in body]


def _cell(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number or a year Excel stored as a number
    return value


# --- Widgets: what a cell means ---------------------------------------------------------------


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class ChoiceWidget(widgets.Widget):
    """A cell naming one of a list of values: its name in French or English, or its code,
    accents and case aside; exported as its name in the person's language. `options()` gives
    (code, French name, English name) of each, read when the file is (the alliance's sectors,
    colleges and sub-territories are data, governance.models.territory)."""

    def __init__(self, options, unknown):
        super().__init__()
        # `unknown`: the message for a value that is none of them, with %(value)s and
        # %(accepted)s (one per column: « MRC inconnue », « Secteur inconnu »).
        self.options, self.unknown = options, unknown

    def clean(self, value, row=None, **kwargs):
        text = _key(value)
        if not text:
            return ""
        options = self.options()
        for code, french, english in options:
            if text in {_key(code), _key(french), _key(english)}:
                return code
        raise ValueError(
            str(self.unknown)
            % {"value": value, "accepted": ", ".join(label for _c, label in self.labels())}
        )

    def labels(self):
        english = (get_language() or "").startswith("en")
        return [(code, (en if english else "") or fr) for code, fr, en in self.options()]

    def render(self, value, obj=None, **kwargs):
        return dict(self.labels()).get(value, value or "")


def _categories(model):
    return lambda: [(e.code, e.name_fr, e.name_en) for e in entries(model)]


def _enum(choices):
    return lambda: _both_labels(choices)


def _both_labels(choices):
    options = []
    for kind in choices:
        with override("fr"):
            french = str(kind.label)
        with override("en"):
            english = str(kind.label)
        options.append((kind.value, french, english))
    return options


class DayWidget(widgets.Widget):
    """A date as a spreadsheet gives it (a real date), or written 2027-06-19 or 19/06/2027."""

    FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.date):
            return value
        for pattern in self.FORMATS:
            try:
                return datetime.datetime.strptime(str(value).strip(), pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date: write it day/month/year, as 19/06/2027.")
            % {"value": value}
        )


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _key(value)
        if text == "" or text in YES:
            return True  # an organisation listed is a member unless the file says otherwise
        if text in NO:
            return False
        raise ValueError(_("Write yes or no, not “%(value)s”.") % {"value": value})


def _field(name, widget=None):
    return fields.Field(attribute=name, column_name=name, widget=widget or TextWidget())


# --- Resources --------------------------------------------------------------------------------


class DirectoryResource(resources.ModelResource):
    """What the imports share: the file's lines for the messages, the import as the reason
    of every change in the history, and the version bumped, so that a form opened before the
    import is refused rather than overwriting it."""

    class Meta:
        # A row as in the directory is said « unchanged » and not saved again (no history).
        skip_unchanged = True
        report_skipped = True
        # The models' own validation (constraints included) refuses a row, not the database.
        clean_model_instances = True
        skip_html_diff = True

    def __init__(self, lines=(), reason=""):
        super().__init__()
        self.lines, self.reason = list(lines), reason
        self.seen = {}

    def line(self, row_number):
        return self.lines[row_number - 1] if row_number <= len(self.lines) else row_number

    def import_instance(self, instance, row, **kwargs):
        """The row's cells, then the checks of the row as a whole, whose messages are said
        together (a bad sector and a duplicate name, not one after the other)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.check_row(instance, row, self.line(kwargs["row_number"]))
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # Kept for do_instance_save, which import-export calls without it.
        self.original = original
        return super().skip_row(instance, original, row, import_validation_errors)

    def changed(self, instance):
        return any(
            getattr(instance, name) != getattr(self.original, name)
            for name, _label in COLUMNS[self.kind]
            if name in {field.name for field in instance._meta.fields}
        )

    def do_instance_save(self, instance, is_create):
        if not is_create and not self.changed(instance):
            return  # only a tie of the row is new (people): the record stays as it was
        if not is_create:
            instance.version += 1
        instance._change_reason = self.reason
        instance.save()

    def check_row(self, instance, row, line):
        pass


class OrganisationResource(DirectoryResource):
    kind = ImportKind.ORGANISATIONS
    name = _field("name")
    acronym = _field("acronym")
    sector = _field(
        "sector",
        ChoiceWidget(
            _categories(Sector),
            gettext_lazy("Unknown sector: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )
    college = _field(
        "college",
        ChoiceWidget(
            _categories(College),
            gettext_lazy("Unknown college: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )
    mrc = _field(
        "mrc",
        ChoiceWidget(
            _categories(Territory),
            gettext_lazy("Unknown MRC: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )
    address = _field("address")
    website = _field("website")
    description = _field("description")
    joined = _field("joined", DayWidget())
    is_active = _field("is_active", YesNoWidget())

    class Meta:
        model = Organisation
        fields = [name for name, _label in ORGANISATION_COLUMNS]
        import_id_fields = ["name"]

    def before_import(self, dataset, **kwargs):
        self.known = {}
        for organisation in Organisation.objects.all():
            self.known.setdefault(_key(organisation.name), organisation.pk)

    def get_instance(self, instance_loader, row):
        pk = self.known.get(_key(row.get("name")))
        return Organisation.objects.filter(pk=pk).first() if pk else None

    def check_row(self, organisation, row, line):
        if organisation.website and "://" not in organisation.website:
            organisation.website = "https://" + organisation.website
        if not organisation.slug:
            organisation.slug = unique_slug(Organisation, organisation.name)
        key = _key(organisation.name)
        if not key:
            raise ValidationError({"name": _("The organisation's name is missing.")})
        if key in self.seen:
            raise ValidationError(
                {
                    "name": _("This organisation is already on line %(line)s of the file.")
                    % {"line": self.seen[key]}
                }
            )
        self.seen[key] = line

    def after_save_instance(self, instance, row, **kwargs):
        self.known[_key(instance.name)] = instance.pk


class PersonResource(DirectoryResource):
    """A person, matched by their email, with the organisation they belong to (an
    affiliation from today when they had none there) and, when the row says so, the one they
    represent (named through governance.workflow, which ends whoever held the role)."""

    kind = ImportKind.PEOPLE

    first_name = _field("first_name")
    last_name = _field("last_name")
    email = _field("email")
    title = _field("title")
    phone = _field("phone")
    organisation = fields.Field(column_name="organisation", widget=TextWidget())
    role = fields.Field(column_name="role", widget=TextWidget())
    representation = fields.Field(
        column_name="representation",
        widget=ChoiceWidget(
            _enum(RepresentationKind),
            gettext_lazy("Unknown representation: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )

    class Meta:
        model = Person
        fields = [name for name, _label in PERSON_COLUMNS]
        import_id_fields = ["email"]

    def before_import(self, dataset, **kwargs):
        self.organisations = {}
        for organisation in Organisation.objects.all():
            self.organisations.setdefault(_key(organisation.name), organisation)
            if organisation.acronym:
                self.organisations.setdefault(_key(organisation.acronym), organisation)

    def get_instance(self, instance_loader, row):
        email = str(row.get("email") or "").strip()
        person = Person.objects.filter(email__iexact=email).first() if email else None
        self.original_email = person.email if person else ""
        return person

    def _ties(self, row):
        """The row's organisation, role and kind of representation, checked."""
        name = str(row.get("organisation") or "").strip()
        organisation = self.organisations.get(_key(name)) if name else None
        if name and organisation is None:
            raise ValidationError(
                {
                    "organisation": _(
                        "Organisation not found: “%(name)s”. Import the organisations first, or "
                        "write its name as the directory does."
                    )
                    % {"name": name}
                }
            )
        kind = self.fields["representation"].clean(row) if "representation" in row else ""
        if kind and organisation is None:
            raise ValidationError(
                {"representation": _("Say which organisation this person represents.")}
            )
        return organisation, str(row.get("role") or "").strip(), kind

    def check_row(self, person, row, line):
        if person.pk and person.email.lower() == self.original_email.lower():
            person.email = self.original_email  # the same address, however capitalised
        if not person.email:
            raise ValidationError(
                {
                    "email": _(
                        "The email is missing: it is how the person is recognised when the file is "
                        "imported again."
                    )
                }
            )
        organisation, _role, kind = self._ties(row)
        key, name = person.email.lower(), _key(f"{person.first_name} {person.last_name}")
        if key in self.seen:
            other_line, other_name, other_organisations = self.seen[key]
            if other_name != name:
                raise ValidationError(
                    {
                        "email": _(
                            "This email is already on line %(line)s of the file, for another "
                            "person."
                        )
                        % {"line": other_line}
                    }
                )
            if organisation is None or organisation.pk in other_organisations:
                raise ValidationError(
                    {
                        "email": _("This person is already on line %(line)s of the file.")
                        % {"line": other_line}
                    }
                )
            other_organisations.add(organisation.pk)
        else:
            self.seen[key] = (line, name, {organisation.pk} if organisation else set())
        other = (
            kind and person.pk and other_open_representation(organisation, person, kind, today())
        )
        if other:
            raise ValidationError({"representation": one_role_at_a_time(other)})

    def _missing_ties(self, person, row):
        """What the row asks for that is not in the directory yet."""
        organisation, role, kind = self._ties(row)
        missing = {}
        if organisation is None:
            return missing
        affiliation = (
            Affiliation.objects.current().filter(person=person, organisation=organisation).first()
            if person.pk
            else None
        )
        if affiliation is None or affiliation.role != role:
            missing["affiliation"] = (organisation, role, affiliation)
        if kind:
            holder = Representation.objects.current().filter(organisation=organisation, kind=kind)
            if not person.pk or not holder.filter(person=person).exists():
                missing["representation"] = (organisation, kind)
        return missing

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return super().skip_row(
            instance, original, row, import_validation_errors
        ) and not self._missing_ties(instance, row)

    def after_save_instance(self, instance, row, **kwargs):
        missing = self._missing_ties(instance, row)
        if "affiliation" in missing:
            organisation, role, affiliation = missing["affiliation"]
            if affiliation is None:
                affiliation = Affiliation(person=instance, organisation=organisation)
            affiliation.role = role
            affiliation._change_reason = self.reason
            affiliation.save()
        if "representation" in missing:
            organisation, kind = missing["representation"]
            try:
                name_representative(organisation, instance, kind, today())
            except GovernanceError as error:
                # Checked before the row was saved; named by someone else meanwhile: the whole
                # import is undone (a plain error, not a refused row) and said so.
                raise RowRefused(error.message) from None


class RecordWidget(widgets.Widget):
    """A cell naming a record of the directory: looked up in `known()` ({key: record}, the
    keys as `_key` writes them), said back by `shown(record)`."""

    def __init__(self, known, missing, shown=str):
        super().__init__()
        self.known, self.missing, self.shown = known, missing, shown
        self.records = None

    def clean(self, value, row=None, **kwargs):
        if not _key(value):
            return None
        if self.records is None:
            self.records = self.known()
        record = self.records.get(_key(value))
        if record is None:
            raise ValueError(str(self.missing) % {"value": value})
        return record

    def render(self, value, obj=None, **kwargs):
        return self.shown(value) if value else ""


def _bodies():
    known = {}
    for body in Body.objects.all():
        for spelling in (body.slug, body.name_fr, body.name_en, body.alias_fr, body.alias_en):
            if spelling:
                known.setdefault(_key(spelling), body)
    return known


def _people():
    return {_key(p.email): p for p in Person.objects.exclude(email="")}


def _organisations():
    known = {}
    for organisation in Organisation.objects.all():
        known.setdefault(_key(organisation.name), organisation)
        if organisation.acronym:
            known.setdefault(_key(organisation.acronym), organisation)
    return known


class SeatResource(DirectoryResource):
    """A seat on a body, matched by its body and its person: the seat they hold there today
    or from a later day is updated, otherwise one is added (from the day the file says, or
    today). Each goes through governance.workflow's rules: no two seats of a person on a body
    at once, no voting seat beyond a quota unless the row says why."""

    kind = ImportKind.SEATS

    body = fields.Field(
        attribute="body",
        column_name="body",
        widget=RecordWidget(
            _bodies,
            gettext_lazy("Body not found: “%(value)s”. Write its name as on its page."),
        ),
    )
    person = fields.Field(
        attribute="person",
        column_name="person",
        widget=RecordWidget(
            _people,
            gettext_lazy(
                "Nobody in the directory has the email “%(value)s”: import the people first."
            ),
            shown=lambda person: person.email,
        ),
    )
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=RecordWidget(
            _organisations,
            gettext_lazy(
                "Organisation not found: “%(value)s”. Import the organisations first, or "
                "write its name as the directory does."
            ),
        ),
    )
    role = _field(
        "role",
        ChoiceWidget(
            _enum(SeatRole), gettext_lazy("Unknown role: “%(value)s”. Accepted: %(accepted)s.")
        ),
    )
    mode = _field(
        "mode",
        ChoiceWidget(
            _enum(SeatMode),
            gettext_lazy("Unknown way of holding a seat: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )
    college = _field(
        "college",
        ChoiceWidget(
            _categories(College),
            gettext_lazy("Unknown college: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )
    mrc = _field(
        "mrc",
        ChoiceWidget(
            _categories(Territory),
            gettext_lazy("Unknown MRC: “%(value)s”. Accepted: %(accepted)s."),
        ),
    )
    starts = _field("starts", DayWidget())
    ends = _field("ends", DayWidget())
    note = _field("note")
    beyond_quota_reason = _field("beyond_quota_reason")

    class Meta:
        model = Seat
        fields = [name for name, _label in SEAT_COLUMNS]
        import_id_fields = ["body", "person"]

    def get_instance(self, instance_loader, row):
        try:
            body = self.fields["body"].clean(row)
            person = self.fields["person"].clean(row)
        except ValueError:
            return None  # said by the row's check, with the other cells
        if body is None or person is None:
            return None
        return (
            Seat.objects.filter(body=body, person=person)
            .exclude(ends__lt=today())
            .order_by("-starts")
            .first()
        )

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "starts" and not row.get("starts"):
            return  # a seat kept keeps its first day; a new one starts today (check_row)
        if field.attribute == "role" and not row.get("role"):
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def check_row(self, seat, row, line):
        if not seat.starts:
            seat.starts = today()
        if not seat.role:
            seat.role = SeatRole.MEMBER
        seat.beyond_quota = bool(seat.beyond_quota_reason)
        if not seat.body_id or not seat.person_id:
            missing = {}
            if not seat.body_id and not row.get("body"):
                missing["body"] = _("Say on which body the seat is.")
            if not seat.person_id and not row.get("person"):
                missing["person"] = _("Give the email of the person who holds the seat.")
            if missing:
                raise ValidationError(missing)
            return  # the unknown body or person is said by its cell
        key = (seat.body_id, seat.person_id)
        if key in self.seen:
            raise ValidationError(
                {
                    "person": _(
                        "This person's seat on this body is already on line %(line)s of the file."
                    )
                    % {"line": self.seen[key]}
                }
            )
        self.seen[key] = line
        try:
            check_seat(seat)
        except GovernanceError as error:
            message = error.message
            if error.field == "beyond_quota":  # the form's box is a column here
                message = _(
                    "%(refusal)s In a spreadsheet, write the reason in the column “%(column)s”."
                ) % {"refusal": message, "column": dict(SEAT_COLUMNS)["beyond_quota_reason"]}
            raise ValidationError({"__all__": message}) from None

    def do_instance_save(self, instance, is_create):
        if not is_create and not self.changed(instance):
            return
        instance._change_reason = self.reason
        try:
            save_seat(instance)  # the body locked, the rules checked again
        except GovernanceError as error:
            raise RowRefused(error.message) from None


RESOURCES = {
    ImportKind.ORGANISATIONS: OrganisationResource,
    ImportKind.PEOPLE: PersonResource,
    ImportKind.SEATS: SeatResource,
}


# --- Preview and import -----------------------------------------------------------------------


def _label(kind, row):
    if kind == ImportKind.ORGANISATIONS:
        return str(row.get("name") or "")
    if kind == ImportKind.SEATS:
        return f"{row.get('body') or ''} – {row.get('person') or ''}"
    return f"{row.get('first_name') or ''} {row.get('last_name') or ''}".strip()


def _messages(row_result):
    if row_result.validation_error is not None:
        error = row_result.validation_error
        if hasattr(error, "message_dict"):
            return [message for messages in error.message_dict.values() for message in messages]
        return list(error.messages)
    return [str(error.error) for error in row_result.errors]


def _run(directory_import, dry_run):
    """Import the file (rolled back when `dry_run`): the rows said back, and the totals."""
    kind = directory_import.kind
    dataset, lines = read(kind, directory_import.filename, bytes(directory_import.content))
    reason = _("Import of the file “%(name)s” (no. %(number)s)") % {
        "name": directory_import.filename,
        "number": directory_import.pk,
    }
    resource = RESOURCES[kind](lines, reason)
    result = resource.import_data(dataset, dry_run=dry_run, use_transactions=True)
    if result.has_errors():
        # Something no row check foresaw (a rule of the directory refused a move while the
        # import ran): nothing was written. Said with the line, never as a database message.
        line, errors = result.row_errors()[0]
        error = errors[0].error
        if isinstance(error, RowRefused):
            reason = str(error)
        else:  # never a database's own words to the person; the traceback goes to the log
            logger.error("Directory import %s, line %s", directory_import.pk, line, exc_info=error)
            reason = _("an unexpected error, recorded for the administrator")
        raise SpreadsheetError(
            _("The import was undone, nothing was written: line %(line)s: %(error)s")
            % {"line": resource.line(line), "error": reason}
        )
    rows, totals = [], dict.fromkeys(("new", "update", "skip", "invalid"), 0)
    for number, row_result in enumerate(result.rows, 1):
        action = ACTIONS[row_result.import_type]
        totals[action] += 1
        rows.append(
            {
                "number": resource.line(number),
                "action": action,
                "label": _label(kind, dict(zip(dataset.headers, dataset[number - 1], strict=True))),
                "errors": _messages(row_result) if action == "invalid" else [],
            }
        )
    return rows, totals


def preview(kind, upload, user):
    """A DirectoryImport of the uploaded file, with what importing it would do; nothing of the
    directory is written. Raises SpreadsheetError for a file that cannot be read."""
    content = upload.read()
    read(kind, upload.name, content)  # refused before anything is kept
    # A preview nobody confirmed within a day is dropped, with its copy of the file.
    DirectoryImport.objects.filter(
        status=ImportStatus.PREVIEWED, created__lt=timezone.now() - PREVIEW_KEPT
    ).update(status=ImportStatus.CANCELLED, content=b"", rows=[])
    with transaction.atomic():
        directory_import = DirectoryImport.objects.create(
            kind=kind, filename=upload.name[:200], content=content, made_by=user
        )
        directory_import.rows, directory_import.totals = _run(directory_import, dry_run=True)
        directory_import.save(update_fields=["rows", "totals"])
    return directory_import


def confirm(directory_import):
    """Import the previewed file for real; its refused rows are left out, said again in the
    record. Refused unless the import is still a preview (a second click, a second tab)."""
    with transaction.atomic():
        locked = DirectoryImport.objects.select_for_update().get(pk=directory_import.pk)
        if locked.status != ImportStatus.PREVIEWED:
            raise SpreadsheetError(_("This file was already imported or cancelled."))
        locked.rows, locked.totals = _run(locked, dry_run=False)
        if locked.kind == ImportKind.PEOPLE:
            # The file is gone; the report keeps its lines and reasons, not people's names
            # (those imported are in the directory, with its history and its Law 25 care).
            for row in locked.rows:
                row["label"] = ""
        locked.status, locked.imported_at, locked.content = (
            ImportStatus.IMPORTED,
            timezone.now(),
            b"",
        )
        locked.save()
    return locked


def cancel(directory_import):
    updated = DirectoryImport.objects.filter(
        pk=directory_import.pk, status=ImportStatus.PREVIEWED
    ).update(status=ImportStatus.CANCELLED, content=b"", rows=[])
    if not updated:
        raise SpreadsheetError(_("This file was already imported or cancelled."))


# --- Templates and exports --------------------------------------------------------------------


def template(kind):
    """The empty spreadsheet an alliance fills in: the columns, in the person's language."""
    return Table(ImportKind(kind).label, [label for _name, label in COLUMNS[kind]])


def export_organisations():
    resource = OrganisationResource()
    table = template(ImportKind.ORGANISATIONS)
    for organisation in Organisation.objects.order_by("name"):
        table.append(
            [
                resource.fields[name].widget.render(getattr(organisation, name))
                if isinstance(resource.fields[name].widget, ChoiceWidget)
                else _exported(getattr(organisation, name))
                for name, _label in ORGANISATION_COLUMNS
            ]
        )
    return table


def _exported(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value if value not in ("",) else None


def export_people():
    """One row per person and current organisation (a person in two organisations has two
    rows, which import back as the same person); people of no organisation have one row."""
    table = template(ImportKind.PEOPLE)
    representations = {
        (r.person_id, r.organisation_id): r.get_kind_display()
        for r in Representation.objects.current()
    }
    affiliations = {}
    for affiliation in Affiliation.objects.current().select_related("organisation"):
        affiliations.setdefault(affiliation.person_id, []).append(affiliation)
    for person in Person.objects.order_by("last_name", "first_name", "pk"):
        own = [person.first_name, person.last_name, person.email, person.title, person.phone]
        ties = sorted(affiliations.get(person.pk, []), key=lambda a: a.organisation.name)
        for affiliation in ties or [None]:
            if affiliation is None:
                table.append([*own, None, None, None])
                continue
            table.append(
                [
                    *own,
                    affiliation.organisation.name,
                    affiliation.role,
                    representations.get((person.pk, affiliation.organisation_id)),
                ]
            )
    return table


def export_seats():
    """The seats held today or from a later day, with the email of whoever holds each (the
    key an import matches them by)."""
    table = template(ImportKind.SEATS)
    resource = SeatResource()
    seats = (
        Seat.objects.exclude(ends__lt=today())
        .select_related("body", "person", "organisation")
        .order_by("body__position", "body__name", "starts", "pk")
    )
    for seat in seats:
        table.append(
            [
                seat.body.name,
                seat.person.email or None,
                seat.organisation.name if seat.organisation_id else None,
                resource.fields["role"].widget.render(seat.role),
                resource.fields["mode"].widget.render(seat.mode),
                resource.fields["college"].widget.render(seat.college),
                resource.fields["mrc"].widget.render(seat.mrc),
                seat.starts,
                seat.ends,
                seat.note or None,
                seat.beyond_quota_reason or None,
            ]
        )
    return table
