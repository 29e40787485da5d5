"""The personal-data registry: what each app holds about a person, how it is exported and how it
is anonymised (Québec's Law 25).

Each app declares, in its own `personal_data.py`, every relation of its models to a person (the
directory record, `governance.Person`) or to a login account (the user model), with two required
decisions:

- the export: a section of the person's page and JSON file (`Export`), a part of another
  declaration's section (`InSection`), or not exported, with the reason (`NotExported`);
- the anonymisation of a person who left: the rows deleted (`DELETE`), some fields blanked
  (`Blank`), the rows kept as they are, with the reason (`Keep`), or a function of the app's own
  (`Custom`).

The privacy app walks the registry (`declarations()`, `sections()`) for the page, the JSON file
and the anonymisation; a test walks every relation to a person or an account and fails on any
that no declaration covers. The reasons are for the developers and the privacy officer: they
document the decision and are not shown on a page.

The registry knows no app: it is filled by the apps' `personal_data` modules, found by
`discover()` (autodiscovery, as the admin finds `admin.py`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

# Whom a declaration's `link` leads to.
PERSON = "person"  # the directory record (governance.Person)
USER = "user"  # the login account (settings.AUTH_USER_MODEL)


@dataclass(frozen=True)
class Owner:
    """Whose information is exported: the directory record and the login account (either may be
    None). `full` is True for the JSON file; the page may show only the latest rows of a long
    section."""

    person: Any = None
    user: Any = None
    full: bool = True


@dataclass(frozen=True)
class Departure:
    """Who is anonymised: the record, its account (or None), the name that replaces theirs, and
    their addresses (lower case) as they were before anything changed."""

    person: Any
    user: Any
    name: str
    emails: frozenset


# --- Export ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Export:
    """A titled section of the person's page and JSON file.

    `columns` are (key in the JSON file, translated label) pairs; `rows(owner)` returns the rows
    (lists of values, in the columns' order) in a fixed number of queries; `order` places the
    section among the others (the account first, the access log last). `note` is a text, or a
    function of the rows returning one. A `single` section is one record, shown as fields.
    """

    key: str
    title: Any
    columns: tuple
    rows: Callable[[Owner], list]
    order: int
    note: Any = ""
    single: bool = False

    def note_for(self, rows):
        return self.note(rows) if callable(self.note) else self.note


@dataclass(frozen=True)
class InSection:
    """Exported as part of another declaration's section (e.g. a count, a flag)."""

    key: str


@dataclass(frozen=True)
class NotExported:
    """Not part of the person's page or file, and why."""

    reason: str


# --- Anonymisation -----------------------------------------------------------------------------

# In `Blank`, stands for the name that replaces the person's (« Ancien·ne partenaire »).
FORMER_NAME = object()


@dataclass(frozen=True)
class Delete:
    """The rows are deleted: they only served to reach the person."""

    def apply(self, declaration, departure):
        declaration.rows_of(departure).delete()

    def check(self, declaration):
        declaration.require_link()


DELETE = Delete()


@dataclass(frozen=True)
class Blank:
    """Some fields of the rows take new values (usually empty); the rows stay."""

    values: dict

    def apply(self, declaration, departure):
        values = {
            name: departure.name if value is FORMER_NAME else value
            for name, value in self.values.items()
        }
        declaration.rows_of(departure).update(**values)

    def check(self, declaration):
        declaration.require_link()
        if not self.values:
            raise ImproperlyConfigured(f"{declaration}: Blank() needs the fields to blank.")
        for name in self.values:
            try:
                declaration.model._meta.get_field(name)
            except FieldDoesNotExist as error:
                raise ImproperlyConfigured(f"{declaration}: {error}") from error


@dataclass(frozen=True)
class Keep:
    """The rows stay as they are, and why (one line)."""

    reason: str

    def apply(self, declaration, departure):
        pass

    def check(self, declaration):
        _require_reason(declaration, self.reason)


@dataclass(frozen=True)
class Custom:
    """`function(departure)` does what the app decided, inside the anonymisation's transaction."""

    function: Callable[[Departure], None]

    def apply(self, declaration, departure):
        self.function(departure)

    def check(self, declaration):
        if not callable(self.function):
            raise ImproperlyConfigured(f"{declaration}: Custom() needs a function.")


# --- Declarations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    """One model's relation to a person or an account: `model.objects.filter(<link>=pk)` are the
    rows of the person (`of=PERSON`) or the account (`of=USER`). `link` may be None only for a
    custom anonymisation that finds the rows itself (e.g. addresses copied into a JSON field)."""

    model: type
    link: str | None
    of: str
    export: Export | InSection | NotExported
    anonymise: Delete | Blank | Keep | Custom
    what: str = ""  # what the rows hold, when the link says little

    def __str__(self):
        return f"{self.model._meta.label}.{self.link or self.what or '?'}"

    @property
    def link_field(self):
        """The model's field named by the link's first part (None without a link)."""
        if self.link is None:
            return None
        name = self.link.split("__")[0]
        return self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)

    def rows_of(self, who):
        """The rows of `who`'s person or account (an Owner or a Departure); none if they have
        no such record."""
        subject = getattr(who, self.of)
        manager = self.model._default_manager
        if subject is None:
            return manager.none()
        return manager.filter(**{self.link: subject.pk})

    def require_link(self):
        if self.link is None:
            raise ImproperlyConfigured(f"{self}: only a Custom() anonymisation may have no link.")

    def check(self):
        if self.of not in (PERSON, USER):
            raise ImproperlyConfigured(f"{self}: `of` must be PERSON or USER, not {self.of!r}.")
        if self.link is None and not self.what:
            raise ImproperlyConfigured(f"{self}: without a link, say what the rows hold (what=).")
        try:
            self.link_field  # noqa: B018  (the link names a field of the model)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(f"{self}: {error}") from error
        if not isinstance(self.export, Export | InSection | NotExported):
            raise ImproperlyConfigured(
                f"{self}: the export must be Export, InSection or NotExported, not {self.export!r}."
            )
        if isinstance(self.export, NotExported):
            _require_reason(self, self.export.reason)
        if not isinstance(self.anonymise, Delete | Blank | Keep | Custom):
            raise ImproperlyConfigured(
                f"{self}: the anonymisation must be DELETE, Blank, Keep or Custom, not "
                f"{self.anonymise!r}."
            )
        self.anonymise.check(self)


def _require_reason(declaration, reason):
    if not str(reason).strip():
        raise ImproperlyConfigured(f"{declaration}: say why (one line).")


class Registry:
    """The declarations, in the order they were registered (the apps' order in INSTALLED_APPS,
    then each module's order): anonymisation applies them in that order."""

    def __init__(self):
        self._declarations = []

    def register(self, model, link, of, *, export, anonymise, what=""):
        declaration = Declaration(model, link, of, export, anonymise, what)
        declaration.check()
        for other in self._declarations:
            if (other.model, other.link, other.what) == (model, link, what):
                raise ImproperlyConfigured(f"{declaration} is declared twice.")
            if (
                isinstance(export, Export)
                and isinstance(other.export, Export)
                and other.export.key == export.key
            ):
                raise ImproperlyConfigured(
                    f"{declaration}: the section {export.key!r} is already {other}'s."
                )
        self._declarations.append(declaration)
        return declaration

    def declarations(self):
        return list(self._declarations)

    def sections(self):
        """The declarations that own a section, in the order of the sections."""
        owning = [d for d in self._declarations if isinstance(d.export, Export)]
        return sorted(owning, key=lambda d: d.export.order)

    def check(self):
        """Every InSection names a section that exists."""
        keys = {d.export.key for d in self.sections()}
        for declaration in self._declarations:
            if isinstance(declaration.export, InSection) and declaration.export.key not in keys:
                raise ImproperlyConfigured(
                    f"{declaration}: no declaration owns the section {declaration.export.key!r}."
                )


registry = Registry()
_discovered = False


def discover():
    """Import every app's `personal_data` module (once), then check the whole registry."""
    global _discovered
    if not _discovered:
        autodiscover_modules("personal_data")
        registry.check()
        _discovered = True
    return registry


def register(model, link, of, *, export, anonymise, what=""):
    """Declare one relation of `model` to a person or an account; see `Declaration`."""
    return registry.register(model, link, of, export=export, anonymise=anonymise, what=what)


def declarations():
    return discover().declarations()


def sections():
    return discover().sections()


# Models with an email address that is the organisation's own, not a person's: {model: why}.
_ORGANISATIONAL = {}


def organisational_addresses(model, why):
    """Declare that `model`'s email addresses are the alliance's own (a contact desk), which no
    departure exports or blanks; `why` says so where a reviewer reads it."""
    _ORGANISATIONAL[model] = why


def organisational():
    discover()
    return dict(_ORGANISATIONAL)


HISTORY_AUTHOR = (
    "the author of each change is the record's audit trail (who changed what, when), kept with "
    "it; the changes a member of staff made are not information about them"
)


def history_authors(*models):
    """Declare the author of each change (django-simple-history's `history_user`) of these
    models' histories: kept, not exported."""
    for model in models:
        register(
            model.history.model,
            "history_user",
            USER,
            export=NotExported(HISTORY_AUTHOR),
            anonymise=Keep(HISTORY_AUTHOR),
        )
