"""The history of records as people read it: every version of each record (the tables of
django-simple-history), who made it and when, and what changed, field by field.

A history page lists `Source`s (the versions of one model matching a lookup) and `Log`s (rows
of a model that is its own record of events, such as a mandate's updates), then calls
`build_history()`. Values are shown as the record's page shows them (infrastructure.display):
a field's verbose name, a choice's label, yes/no, a related record by its name (by its last
known values, marked deleted, when it no longer exists), times in local time. A deleted record
is named by the values it had when it was deleted.

The number of queries does not grow with the number of versions: one per source, and one or
two per kind of related record named.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from infrastructure.display import EMPTY, shown
from infrastructure.translation import translated_originals

# Never shown: the optimistic-locking counter (infrastructure.versioning) and the key.
NOT_SHOWN = {"id", "version"}


@dataclass
class Source:
    """The versions of `model`'s records matching `lookup` (a Q or keyword arguments).

    `kind` names them in restore addresses (empty: not restorable from the page); `hidden`
    lists fields this reader may not see (a person's private contact details); `labels` names
    the fields whose model gives them no verbose name; `formats` shows a field's value with a
    function of its own (a size in bytes as « 24 octets »)."""

    model: type[models.Model]
    lookup: Q | dict
    kind: str = ""
    hidden: frozenset = field(default_factory=frozenset)
    labels: dict = field(default_factory=dict)
    formats: dict = field(default_factory=dict)


@dataclass
class Log:
    """Rows of `model` matching `lookup` that are events themselves (never changed once
    written): each is shown as added on its `date` field, by its `user` field."""

    model: type[models.Model]
    lookup: Q | dict
    date: str
    user: str
    hidden: frozenset = field(default_factory=frozenset)
    labels: dict = field(default_factory=dict)
    formats: dict = field(default_factory=dict)


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    """One version of one record."""

    type: str  # "created", "changed", "deleted", "added" (an event of a Log)
    date: object
    author: str
    model_label: str
    label: str
    changes: list
    reason: str = ""
    kind: str = ""
    history_id: int | None = None
    record_id: object = None
    is_latest: bool = False

    @property
    def restorable(self):
        return bool(self.kind) and self.type in ("created", "changed") and not self.is_latest


def _filter(queryset, lookup):
    return queryset.filter(lookup) if isinstance(lookup, Q) else queryset.filter(**lookup)


def _shown_fields(model, hidden):
    """The fields of `model` a history shows, in the model's order: those the workflow sets
    too (a decision's quorum flag, a document's size), not only those of the forms."""
    skipped = NOT_SHOWN | set(hidden) | translated_originals(model)
    return [f for f in model._meta.concrete_fields if f.name not in skipped]


def _label_of(source, f):
    return source.labels.get(f.name, f.verbose_name)


def _author(user):
    if user is None:
        return _("the system")
    return user.get_full_name()


class _Names:
    """The names of the related records the versions point to, fetched at once per model:
    the live record, or else its last version (marked deleted)."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.objects = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def fetch(self):
        user_model = get_user_model()
        for model, pks in self.wanted.items():
            queryset = model._base_manager.filter(pk__in=pks)
            if model is user_model:
                # Accounts are named by their directory entry (User.get_full_name).
                one_to_one = [
                    r.get_accessor_name() for r in model._meta.related_objects if r.one_to_one
                ]
                queryset = queryset.select_related(*one_to_one)
            found = {obj.pk: obj for obj in queryset}
            for pk, obj in found.items():
                self.objects[model, pk] = (obj, False)
            missing = pks - found.keys()
            manager = getattr(model._meta, "simple_history_manager_attribute", None)
            if missing and manager:
                versions = (
                    getattr(model, manager).filter(id__in=missing).order_by("id", "-history_date")
                )
                for version in versions:
                    self.objects.setdefault((model, version.id), (version.instance, True))

    def get(self, model, pk):
        return self.objects.get((model, pk), (None, False))

    def label(self, model, pk):
        if pk is None:
            return EMPTY
        obj, deleted = self.get(model, pk)
        if obj is None:
            return _("%(kind)s no longer recorded") % {"kind": model._meta.verbose_name}
        name = obj.get_full_name() if hasattr(obj, "get_full_name") else _label(obj)
        return _("%(name)s (deleted)") % {"name": name} if deleted else name

    def attach(self, instance):
        """Give `instance` its related records, so that naming it costs no query."""
        for f in instance._meta.concrete_fields:
            if isinstance(f, models.ForeignKey):
                obj, _deleted = self.get(f.related_model, getattr(instance, f.attname))
                if obj is not None:
                    f.set_cached_value(instance, obj)
        return instance


def _label(instance):
    try:
        return str(instance)
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} {instance.pk}"


def _value(source, f, value, names):
    if f.name in source.formats and value is not None:
        return str(source.formats[f.name](value))
    if isinstance(f, models.ForeignKey):
        return names.label(f.related_model, value)
    if f.choices:
        return shown(value, dict(f.flatchoices))
    if isinstance(f, models.FileField):
        value = getattr(value, "name", value)  # a FieldFile, or its name in a version
        return shown(value.rsplit("/", 1)[-1] if value else value)
    return shown(value)


def _versions(source):
    queryset = source.model.history.select_related("history_user")
    user_model = get_user_model()
    one_to_one = [r.get_accessor_name() for r in user_model._meta.related_objects if r.one_to_one]
    queryset = queryset.select_related(*[f"history_user__{name}" for name in one_to_one])
    return list(_filter(queryset, source.lookup).order_by("id", "history_date", "history_id"))


def _events(log):
    user_model = get_user_model()
    one_to_one = [r.get_accessor_name() for r in user_model._meta.related_objects if r.one_to_one]
    queryset = log.model._base_manager.select_related(
        log.user, *[f"{log.user}__{name}" for name in one_to_one]
    )
    return list(_filter(queryset, log.lookup))


def build_history(sources):
    """Every version of the records of `sources` (Source or Log), newest first."""
    names = _Names()
    loaded = []
    for source in sources:
        rows = _events(source) if isinstance(source, Log) else _versions(source)
        fields = _shown_fields(source.model, source.hidden)
        for f in source.model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey):
                for row in rows:
                    names.want(f.related_model, getattr(row, f.attname))
        loaded.append((source, rows, fields))
    names.fetch()

    entries = []
    for source, rows, fields in loaded:
        if isinstance(source, Log):
            entries.extend(_log_entries(source, rows, fields, names))
        else:
            entries.extend(_version_entries(source, rows, fields, names))
    entries.sort(key=lambda entry: (entry.date, entry.history_id or 0), reverse=True)
    return entries


def _initial(source, fields, row, names):
    """The values of a version, as created or as deleted (its empty fields left out)."""
    return [
        Change(_label_of(source, f), EMPTY, _value(source, f, getattr(row, f.attname), names))
        for f in fields
        if getattr(row, f.attname) not in (None, "")
    ]


def _version_entries(source, rows, fields, names):
    model = source.model
    previous = {}
    entries = []
    for row in rows:
        before = previous.get(row.id)
        if row.history_type == "+":
            kind, changes = "created", _initial(source, fields, row, names)
        elif row.history_type == "-":
            kind, changes = "deleted", _initial(source, fields, row, names)  # its last values
        elif before is None:
            kind, changes = "changed", []  # its earlier versions are not kept
        else:
            kind = "changed"
            changes = [
                Change(
                    _label_of(source, f),
                    _value(source, f, getattr(before, f.attname), names),
                    _value(source, f, getattr(row, f.attname), names),
                )
                for f in fields
                if getattr(before, f.attname) != getattr(row, f.attname)
            ]
        previous[row.id] = row
        if kind == "changed" and not changes and not row.history_change_reason:
            continue  # saved without a change this reader may see
        instance = names.attach(
            model(**{f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields})
        )
        entries.append(
            Entry(
                type=kind,
                date=row.history_date,
                author=_author(row.history_user),
                model_label=model._meta.verbose_name,
                label=_label(instance),
                changes=changes,
                reason=row.history_change_reason or "",
                kind=source.kind,
                history_id=row.history_id,
                record_id=row.id,
            )
        )
    latest = {}
    for entry in entries:
        latest[entry.record_id] = entry
    for entry in latest.values():
        entry.is_latest = True
    return entries


def _log_entries(log, rows, fields, names):
    fields = [f for f in fields if f.name not in (log.date, log.user)]
    return [
        Entry(
            type="added",
            date=getattr(row, log.date),
            author=_author(getattr(row, log.user)),
            model_label=log.model._meta.verbose_name,
            label=_label(names.attach(row)),
            changes=_initial(log, fields, row, names),
        )
        for row in rows
    ]
