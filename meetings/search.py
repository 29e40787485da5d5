"""Finding meetings, agenda items and minutes, decisions and mandates by their words.

PostgreSQL ranks with its full-text search in French (stemming: « décisions » finds
« décision »); other databases (SQLite in development) fall back to matching every word.
Only what the user may read is searched (meetings.rules.visible_meetings).
"""

from django import forms
from django.db import connection
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from meetings.models import AgendaItem, Decision, Mandate, Meeting
from meetings.rules import visible_meetings

# Results shown per kind; the page says when there are more.
PER_KIND = 25
# Highlight markers PostgreSQL puts around matched words, escaped and replaced afterwards.
START, STOP = "\ue000", "\ue001"
SEPARATOR = " — "
QUOTES = '"«»“”'


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
        [("number", "A"), ("title", "A"), ("text", "B")],
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


def _document(names):
    """The excerpt's fields as one text in SQL, empty ones left out."""
    return Func(
        *[NullIf(F(name), Value("")) for name in names],
        function="CONCAT_WS",
        template=f"%(function)s('{SEPARATOR}', %(expressions)s)",
        output_field=TextField(),
    )


def _postgres(queryset, kind, text):
    from django.contrib.postgres.search import (
        SearchHeadline,
        SearchQuery,
        SearchRank,
        SearchVector,
    )

    vector = SearchVector(kind.fields[0][0], weight=kind.fields[0][1], config="french")
    for name, weight in kind.fields[1:]:
        vector += SearchVector(name, weight=weight, config="french")
    query = SearchQuery(text, config="french", search_type="websearch")
    return (
        queryset.annotate(
            document=vector,
            rank=SearchRank(vector, query),
            excerpt=SearchHeadline(
                _document(_excerpt_fields(kind)),
                query,
                config="french",
                start_sel=START,
                stop_sel=STOP,
                max_words=30,
                min_words=12,
            ),
        )
        .filter(document=query)
        .order_by("-rank", *kind.order)
    )


def _words(text):
    """The words to find and the words to leave out (written -word), quotes ignored."""
    words = text.translate(str.maketrans("", "", QUOTES)).split()
    wanted = [w for w in words if not w.startswith("-")]
    unwanted = [w[1:] for w in words if w.startswith("-") and len(w) > 1]
    return wanted, unwanted


def _fallback(queryset, kind, text):
    wanted, unwanted = _words(text)
    if not wanted:
        return queryset.none()
    for word, keep in [(w, True) for w in wanted] + [(w, False) for w in unwanted]:
        match = Q()
        for name, _weight in kind.fields:
            match |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(match if keep else ~match)
    return queryset.order_by(*kind.order)


def _highlight_postgres(excerpt):
    return mark_safe(  # escaped above: only our markers become tags
        escape(excerpt).replace(START, "<mark>").replace(STOP, "</mark>")
    )


def _highlight_fallback(excerpt, text):
    """An excerpt around the first word found, with every word found marked."""
    words = {word.lower() for word in _words(text)[0]}
    first = min((excerpt.lower().find(w) for w in words if w in excerpt.lower()), default=0)
    start = max(first - 80, 0)
    piece = Truncator(excerpt[start:]).words(30)
    lowered = piece.lower()
    spans = sorted(
        (found, found + len(word)) for word in words for found in _occurrences(lowered, word)
    )
    html, at = ["…"] if start else [], 0
    for begin, end in spans:
        if begin < at:
            continue
        html += [escape(piece[at:begin]), "<mark>", escape(piece[begin:end]), "</mark>"]
        at = end
    html.append(escape(piece[at:]))
    return mark_safe("".join(html))  # built from escaped text


def _occurrences(text, word):
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def search(user, text):
    """[(kind, results, more)] for every kind, results being the first PER_KIND matches."""
    postgres = connection.vendor == "postgresql"
    groups = []
    for kind in KINDS:
        shape = _postgres if postgres else _fallback
        results = list(shape(kind.queryset(user), kind, text)[: PER_KIND + 1])
        for result in results:
            if postgres:
                result.highlighted = _highlight_postgres(result.excerpt)
            else:
                excerpt = SEPARATOR.join(
                    value for name in _excerpt_fields(kind) if (value := getattr(result, name))
                )
                result.highlighted = _highlight_fallback(excerpt, text)
        groups.append((kind, results[:PER_KIND], len(results) > PER_KIND))
    return groups
