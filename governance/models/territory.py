"""How an alliance divides itself: its sub-territories (MRCs, boroughs, or whatever it calls
them), the sectors its partners come from, and the colleges its committee balances. Records the
administrator edits, in French and English, not a list in the code.

Organisations, seats, quotas, candidacies and attendance rows hold a category by its `code` (a
short name in a column of their own, as before these were data), and their fields' choices are
read from these tables (`sector_choices`, `college_choices`, `territory_choices`): a form, an
import or the model's own validation refuses a code that no record has. Every page lists and
labels them, so they are kept per process (like the alliance's identity) and read again after
an edit, at once in the editing process, within KEPT_SECONDS in the others.
"""

import threading
import time

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import DatabaseError, models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from infrastructure import pagecache
from infrastructure.collation import FRENCH

KEPT_SECONDS = 60
CODE = RegexValidator(
    r"^[a-z0-9][a-z0-9-]*$",
    _("Lower-case letters without accents, digits and hyphens (for example “haut-pays”)."),
)


class Category(models.Model):
    """What the three have in common: a code the records hold, a name in both languages
    (governance.translation), and a place in the lists."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[CODE],
        help_text=_("Kept by the records that use it: it cannot change once used."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True, db_collation=FRENCH)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.name

    def records_using(self, code=None):
        """How many records hold this code, or `code` (an edit of the code, or a deletion,
        would orphan them)."""
        return sum(
            model._default_manager.filter(**{field: code or self.code}).count()
            for model, field in USES.get(type(self), [])
        )

    def clean(self):
        if self.pk:
            saved = type(self)._default_manager.filter(pk=self.pk).values_list("code", flat=True)
            if saved and saved[0] != self.code and self.records_using(saved[0]):
                raise ValidationError(
                    {"code": _("This code is held by records of the directory: it cannot change.")}
                )


class Territory(Category):
    """A part of the alliance's territory (an MRC, a borough, a neighbourhood): organisations
    and seats belong to one; a committee's balance and an election's minimum count them."""

    whole = models.BooleanField(
        _("the whole territory"),
        default=False,
        help_text=_(
            "For organisations that serve every part (“Both MRCs”): they count for none in an "
            "election's territorial minimum."
        ),
    )

    class Meta(Category.Meta):
        verbose_name = _("sub-territory")
        verbose_name_plural = _("sub-territories")


class Sector(Category):
    """Where a partner comes from: municipal, community, health network…"""

    class Meta(Category.Meta):
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class College(Category):
    """A half (or a third…) of the partners that the elected committee balances: community
    organisations and institutions, in the DSI Charlevoix."""

    class Meta(Category.Meta):
        verbose_name = _("college")
        verbose_name_plural = _("colleges")


# Which columns of which models hold each kind of code: filled by each app's models (as
# governance may not import the apps above it), read to refuse orphaning a record.
USES = {}


def held_in(category, model, field):
    """Say that `model.field` holds codes of `category` (Territory, Sector or College)."""
    USES.setdefault(category, []).append((model, field))


# --- Kept per process -------------------------------------------------------------------------


class Entry:
    """A category as kept: its code, its names, whether it is the whole territory."""

    __slots__ = ("code", "name_en", "name_fr", "whole")

    def __init__(self, code, name_fr, name_en="", whole=False):
        self.code, self.name_fr, self.name_en, self.whole = code, name_fr, name_en, whole

    @property
    def label(self):
        english = (get_language() or "").startswith("en")
        return (self.name_en if english else "") or self.name_fr

    def __repr__(self):
        return f"Entry({self.code!r})"


_kept = threading.local()


def forget_categories(**kwargs):
    _kept.__dict__.clear()


def keep_categories(entries):
    """Keep `entries` ({model: [Entry…]}) as if just read: the tests start each with the DSI
    Charlevoix's, as a process does once it has read them (no query)."""
    _kept.entries, _kept.read_at = dict(entries), time.monotonic()


def entries(model):
    """The categories of `model` (Territory, Sector or College), in their order."""
    kept = getattr(_kept, "entries", None)
    if kept is None or time.monotonic() - _kept.read_at > KEPT_SECONDS:
        try:
            kept = {
                kind: [
                    Entry(row.code, row.name_fr, row.name_en or "", getattr(row, "whole", False))
                    for row in kind._default_manager.order_by("position", "code")
                ]
                for kind in (Territory, Sector, College)
            }
        except DatabaseError:  # before the tables exist (a first migrate), or the database down
            return (kept or {}).get(model, [])
        keep_categories(kept)
    # A kept page lists or labels them: an edit of one makes it out of date.
    pagecache.depends_on(model._meta.db_table)
    return kept[model]


def label(model, code):
    """The name of the category `code` in the page's language (the code itself when no record
    has it any more)."""
    return next((entry.label for entry in entries(model) if entry.code == code), code or "")


def territory_choices():
    return [(entry.code, entry.label) for entry in entries(Territory)]


def sector_choices():
    return [(entry.code, entry.label) for entry in entries(Sector)]


def college_choices():
    return [(entry.code, entry.label) for entry in entries(College)]


def parts_of_the_territory():
    """The codes of the sub-territories an election's minimum applies to (not the whole)."""
    return [entry.code for entry in entries(Territory) if not entry.whole]


for _model in (Territory, Sector, College):
    post_save.connect(forget_categories, sender=_model, dispatch_uid=f"forget-{_model.__name__}")
    post_delete.connect(
        forget_categories, sender=_model, dispatch_uid=f"forget-{_model.__name__}-deleted"
    )
