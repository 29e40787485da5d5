"""Finding meetings, agenda items and minutes, decisions and mandates by their words.

The words are found as infrastructure.search finds them on both engines: without regard to
accents or case, through their French stem (« demandes » finds « demande ») or as the
beginning of a word; results ranked, a match in a title before one in the text.
Only what the user may read is searched (meetings.rules.visible_meetings).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from infrastructure.search import excerpt
from infrastructure.search import search as forgiving_search
from meetings.models import AgendaItem, Decision, Mandate, Meeting
from meetings.rules import visible_meetings

# Results shown per kind; the page says when there are more.
PER_KIND = 25
SEPARATOR = " — "
# What a decision is found by, and how much each weighs (migration 0011_search indexes it).
DECISION_SEARCH_FIELDS = [("number", "A"), ("title", "A"), ("text", "B")]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=200, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class Kind:
    """One kind of record: which fields are searched, how results are shaped."""

    def __init__(self, key, label, model, fields, related, order):
        self.key = key
        self.label = label
        self.model = model
        self.fields = fields  # [(field, weight)], the first ones weigh most
        self.related = related
        self.order = order

    def queryset(self, user):
        visible = visible_meetings(user)
        if self.model is Meeting:
            return visible.select_related(*self.related)
        return self.model.objects.filter(meeting__in=visible).select_related(*self.related)


KINDS = [
    Kind(
        "meetings",
        pgettext_lazy("search", "Meetings"),
        Meeting,
        [("title", "A"), ("notes", "B")],
        ["body"],
        ["-starts"],
    ),
    Kind(
        "items",
        pgettext_lazy("search", "Agenda items and minutes"),
        AgendaItem,
        [("title", "A"), ("description", "B"), ("minutes", "B")],
        ["meeting__body"],
        ["-meeting__starts", "position"],
    ),
    Kind(
        "decisions",
        pgettext_lazy("search", "Decisions"),
        Decision,
        DECISION_SEARCH_FIELDS,
        ["meeting__body"],
        ["-meeting__starts", "-number"],
    ),
    Kind(
        "mandates",
        pgettext_lazy("search", "Mandates"),
        Mandate,
        [("title", "A"), ("description", "B")],
        ["given_by", "given_to"],
        ["status", "-pk"],
    ),
]


def _excerpt_fields(kind):
    """The fields the excerpt shows: those not already in the result's link (weight A)."""
    return [name for name, weight in kind.fields if weight != "A"]


def search(user, text):
    """[(kind, results, more)] for every kind, results being the first PER_KIND matches."""
    groups = []
    for kind in KINDS:
        found = forgiving_search(kind.queryset(user), text, kind.fields)
        results = list(found.order_by("-search_rank", *kind.order)[: PER_KIND + 1])
        for result in results:
            shown = SEPARATOR.join(
                value for name in _excerpt_fields(kind) if (value := getattr(result, name))
            )
            result.highlighted = excerpt(shown, text)
        groups.append((kind, results[:PER_KIND], len(results) > PER_KIND))
    return groups
