"""Search that forgives: accents, case, French word forms and the first letters of a word.

People type « eboulements » for « Éboulements », « demandes » for « demande », « maison fam »
for « Maison de la famille ». Every word of the query must match a word of the record, through
its French stem or as the beginning of one; « -word » leaves records out, a phrase between
quotation marks must appear in that order.

A record's word becomes its French Snowball stem, computed on the word as written (the
stemmer reads the accents: « appuyées » and « appuyer » are both « appui », where « appuyees »
would be « appuye »), then stripped of accents. A query's word, often typed without its
accents, is tried as typed and with the final accent French usually puts back
(« securite » → « sécurité », « assemblee » → « assemblée »); any of those stems may begin a
record's stem.

The same rules hold on both engines:
- PostgreSQL does it in SQL: to_tsvector('french') stripped of its accents by `dsi_unaccent`
  (an immutable wrapper of the unaccent extension, created by governance's search migration
  with GIN indexes over the vectors the pages search), against a to_tsquery of prefixes
  (`word:*`) treated the same way;
- SQLite (the embedded default) calls `dsi_search_rank`, a function registered on every
  connection, which stems the record's words in Python with the same Snowball stemmer and the
  same stop words. Nothing is stored: no search column to keep up to date, and nothing written
  on the rows the record lock freezes.

Hyphens separate words on both engines (« Baie-Saint-Paul » is baie, saint, paul), where
PostgreSQL's parser would otherwise keep compounds and read « -2026 » as a negative number.
Highlighting is done here in Python on both engines, so the same words are marked whichever
database answered.
"""

import functools
import re
import unicodedata

import snowballstemmer
from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connections
from django.db.models import BooleanField, F, FloatField, Func, Q, Value
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import mark_safe

UNACCENT = "dsi_unaccent"
SQLITE_FUNCTION = "dsi_search_rank"
# The weights PostgreSQL's ts_rank gives by default to the labels D, C, B and A.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}

# PostgreSQL's tsearch_data/french.stop, which its french_stem dictionary reads: both engines
# leave the same words out.
FRENCH_STOP = """
    au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes
    moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
    tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes
    suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions
    seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons
    soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue
    eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions
    auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons
    ayez aient eusse eusses eût eussions eussiez eussent"""
STOP_WORDS = frozenset(FRENCH_STOP.split())
# The accented endings a word typed without accents may have lost, tried as well.
ENDINGS = [
    ("ieres", "ières"),
    ("iere", "ière"),
    ("eres", "ères"),
    ("ere", "ère"),
    ("ees", "ées"),
    ("ee", "ée"),
    ("es", "és"),
    ("e", "é"),
]
# What unaccent writes as two letters, which Unicode does not decompose.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})
# A word: letters and digits; everything else (hyphens, apostrophes, underscores) separates.
WORD = re.compile(r"[^\W_]+")
QUOTES = '"«»“”'
_stemmer = snowballstemmer.stemmer("french")


def fold(text):
    """Lower case, without accents: « Éboulements » → « eboulements »."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=65536)
def lexeme(word):
    """A record's word as both engines index it: its stem, without accents; None for a stop
    word."""
    word = word.lower()
    if word in STOP_WORDS:
        return None
    return fold(_stemmer.stemWord(word))


@functools.lru_cache(maxsize=4096)
def lexemes(text):
    """The lexemes of a text in order, None where a stop word stands (it keeps its place)."""
    return tuple(lexeme(word) for word in WORD.findall(text or ""))


@functools.lru_cache(maxsize=4096)
def forms(word):
    """The forms a query's word is tried in: as typed, without accents, with a final accent
    put back. Empty for a stop word."""
    word = word.lower()
    if word in STOP_WORDS:
        return ()
    folded = fold(word)
    accented = [
        folded[: -len(plain)] + ending
        for plain, ending in ENDINGS
        if folded.endswith(plain) and len(folded) > len(plain) + 1
    ]
    return tuple(dict.fromkeys([word, folded, *accented]))


@functools.lru_cache(maxsize=4096)
def prefixes(word):
    """The lexemes a query's word may begin, one per form."""
    return frozenset(fold(_stemmer.stemWord(form)) for form in forms(word))


class Query:
    """A parsed query: phrases that must match, phrases that must not.

    A phrase is a tuple of the words as typed (stop words included, for their place); a plain
    word is a phrase of one. Stop words alone are dropped, as PostgreSQL drops them.
    """

    def __init__(self, text):
        self.wanted, self.unwanted = [], []
        quoted = False
        for piece in re.split(f"([{QUOTES}])", text or ""):
            if not piece:
                continue
            if piece in QUOTES:
                quoted = not quoted
                continue
            if quoted:
                self._add(self.wanted, tuple(WORD.findall(piece.lower())))
                continue
            for chunk in piece.split():
                into = self.wanted
                if chunk.startswith("-") and len(chunk) > 1:
                    into, chunk = self.unwanted, chunk[1:]
                for word in WORD.findall(chunk.lower()):
                    self._add(into, (word,))

    @staticmethod
    def _add(into, phrase):
        while phrase and not forms(phrase[0]):
            phrase = phrase[1:]
        while phrase and not forms(phrase[-1]):
            phrase = phrase[:-1]
        if phrase and phrase not in into:
            into.append(phrase)

    def __bool__(self):
        return bool(self.wanted)

    def prefixes(self):
        """Every lexeme the wanted words may begin, for highlighting."""
        return {p for phrase in self.wanted for word in phrase for p in prefixes(word)}

    def tsquery(self):
        """The query in to_tsquery's syntax: only letters and digits reach it."""

        def term(word):
            tried = [f"{form}:*" for form in forms(word)] or [f"{word}:*"]  # a stop word
            return tried[0] if len(tried) == 1 else "(" + " | ".join(tried) + ")"

        def phrase(words):
            terms = [term(word) for word in words]
            return terms[0] if len(terms) == 1 else "(" + " <-> ".join(terms) + ")"

        return " & ".join(
            [phrase(p) for p in self.wanted] + [f"!{phrase(p)}" for p in self.unwanted]
        )

    def rank(self, documents):
        """How well the (text, weight) documents match, 0 when they do not.

        Each wanted phrase scores the weight of the best field it is found in, plus a little
        for every further occurrence, as ts_rank puts a name match before a description one.
        """
        fields = [(lexemes(text), WEIGHTS[weight]) for text, weight in documents if text]
        if any(_count(p, words) for p in self.unwanted for words, _w in fields):
            return 0.0
        score = 0.0
        for wanted in self.wanted:
            found = [(c, weight) for words, weight in fields if (c := _count(wanted, words))]
            if not found:
                return 0.0
            score += max(weight for _c, weight in found)
            score += sum(0.01 * weight * (count - 1) for count, weight in found)
        return score


def _count(phrase, words):
    """How many times a phrase starts in a text's lexemes (a word's prefixes may begin one)."""
    targets = [tuple(prefixes(word)) if forms(word) else None for word in phrase]
    if len(targets) == 1:  # a plain word, the usual case: one pass in C
        begins = targets[0]
        return sum(1 for word in words if word and word.startswith(begins))
    count = 0
    for start in range(len(words) - len(targets) + 1):
        if all(
            target is None or (words[start + i] or "\0").startswith(target)
            for i, target in enumerate(targets)
        ):
            count += 1
    return count


@functools.lru_cache(maxsize=256)
def parse(text):
    return Query(text)


# SQLite


def _sqlite_rank(text, weights, *values):
    query = parse(text)
    if not query:
        return 0.0
    return query.rank(list(zip(values, weights, strict=True)))


def register(sender, connection, **kwargs):
    """connection_created: gives every SQLite connection the search function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, -1, _sqlite_rank, deterministic=True)


def connect():
    from django.db.backends.signals import connection_created

    connection_created.connect(register, dispatch_uid="infrastructure.search")


class _SQLiteRank(Func):
    function = SQLITE_FUNCTION
    output_field = FloatField()


# PostgreSQL

# One field's vector: French stems of the words as written, then without accents (lower():
# unaccent keeps the case of « É » → « E »). Constants only, so that the GIN indexes of the
# migrations and the queries hold the same expression.
FIELD_VECTOR = (
    "setweight(lower({unaccent}(to_tsvector('french'::regconfig, "
    "COALESCE(translate(({field})::text, '-', ' '), ''))::text))::tsvector, '{weight}')"
)
TSQUERY = "lower({unaccent}(to_tsquery('french'::regconfig, %s)::text))::tsquery"


class Vector(Func):
    """PostgreSQL's weighted search vector of some fields, as `search` and the indexes use it."""

    output_field = SearchVectorField()

    def __init__(self, fields):
        self.weights = [weight for _name, weight in fields]
        if not all(weight in WEIGHTS for weight in self.weights):
            raise ValueError(self.weights)
        super().__init__(*[F(name) for name, _weight in fields])

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression, weight in zip(self.get_source_expressions(), self.weights, strict=True):
            sql, more = compiler.compile(expression)
            parts.append(FIELD_VECTOR.format(unaccent=UNACCENT, field=sql, weight=weight))
            params.extend(more)
        return "(" + " || ".join(parts) + ")", params


class TsQuery(Func):
    output_field = SearchQueryField()

    def __init__(self, query):
        super().__init__(Value(query.tsquery()))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return TSQUERY.replace("%s", sql).format(unaccent=UNACCENT), params


class _Matches(Func):
    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


class _Rank(Func):
    function = "ts_rank"
    output_field = FloatField()


# Both engines


class Search:
    """The condition and the rank of a query over a model's (field, weight) pairs.

    `condition` goes in filter() (alone or in a Q), `rank` in annotate(); `using` is the
    database alias the queryset runs on.
    """

    def __init__(self, text, fields, using="default"):
        self.text = text
        self.query = parse(text)
        self.fields = fields
        self.postgres = connections[using].vendor == "postgresql"

    def rank(self):
        if not self.query:
            return Value(0.0)
        if self.postgres:
            return _Rank(Vector(self.fields), TsQuery(self.query))
        return _SQLiteRank(
            Value(self.text),
            Value("".join(weight for _name, weight in self.fields)),
            *[F(name) for name, _weight in self.fields],
        )

    def condition(self):
        if not self.query:
            return Q(pk__in=[])
        if self.postgres:
            return Q(_Matches(Vector(self.fields), TsQuery(self.query)))
        return Q(GreaterThan(self.rank(), 0))


def search(queryset, text, fields):
    """The records of `queryset` that match `text`, annotated with `search_rank`."""
    found = Search(text, fields, queryset.db)
    return queryset.filter(found.condition()).annotate(search_rank=found.rank())


class ForgivingSearchMixin:
    """For a ModelAdmin: its search box also finds what `search` forgives (accents, word
    forms, prefixes of words) in its `search_fields`, besides what Django's own search finds
    (a part of a word, an email address, the ^ = @ lookups)."""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        fields = [
            (name.lstrip("^=@"), "A")
            for name in self.get_search_fields(request)
            if not name.lstrip("^=@").endswith(LOOKUPS)
        ]
        if not fields or not parse(search_term):
            return found, may_have_duplicates
        forgiving = Search(search_term, fields, queryset.db)
        return (
            queryset.filter(Q(pk__in=found.values("pk")) | forgiving.condition()),
            may_have_duplicates or any("__" in name for name, _weight in fields),
        )


LOOKUPS = ("__exact", "__iexact", "__contains", "__icontains", "__startswith", "__istartswith")


# Highlighting


def _marks(text, stems):
    """(start, end) of every word of `text` whose lexeme begins with one of `stems`."""
    for match in WORD.finditer(text):
        found = lexeme(match.group())
        if found and any(found.startswith(s) for s in stems):
            yield match.start(), match.end()


def highlight(text, query_text):
    """`text` escaped, with the words the query found in <mark>."""
    text = str(text or "")
    stems = parse(query_text).prefixes() if query_text else set()
    html, at = [], 0
    for start, end in _marks(text, stems) if stems else ():
        html += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    html.append(escape(text[at:]))
    return mark_safe("".join(html))  # every piece of text is escaped above


def excerpt(text, query_text, words=30, only_if_found=False):
    """Some `words` of `text` around the first word the query found, highlighted (nothing
    when `only_if_found` and no word of the text was found)."""
    text = " ".join(str(text or "").split())
    stems = parse(query_text).prefixes() if query_text else set()
    first = next(iter(_marks(text, stems)), None) if stems else None
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    if not spans or (only_if_found and first is None):
        return ""
    at = 0
    if first is not None:
        at = next(i for i, (_s, end) in enumerate(spans) if end > first[0])
        at = max(at - words // 3, 0)
    last = min(at + words, len(spans)) - 1
    piece = text[spans[at][0] : spans[last][1]]
    before = "… " if at else ""
    after = " …" if last < len(spans) - 1 else ""
    return mark_safe(before + highlight(piece, query_text) + after)  # the pieces are escaped


# Migrations (PostgreSQL only; SQLite computes everything when it searches)

# The unaccent extension's own schema is written into the function, so that it does not
# depend on the search path of whoever calls it.
CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION {unaccent}(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$;
"""


def gin_indexes(app_label, indexes):
    """A RunPython operation creating, on PostgreSQL only, GIN indexes over the vectors
    `search` builds: `indexes` is [(model name, index name, [(field, weight)])]."""
    from django.contrib.postgres.indexes import GinIndex
    from django.db import migrations

    def each(apps, schema_editor, action):
        if schema_editor.connection.vendor != "postgresql":
            return
        for model_name, name, fields in indexes:
            model = apps.get_model(app_label, model_name)
            action(schema_editor, model, GinIndex(Vector(fields), name=name))

    return migrations.RunPython(
        lambda apps, editor: each(apps, editor, type(editor).add_index),
        lambda apps, editor: each(apps, editor, type(editor).remove_index),
    )


def functions():
    """A RunPython operation creating, on PostgreSQL only, the unaccent extension and the
    immutable `dsi_unaccent` the vectors and their indexes use (unaccent() itself is only
    stable: it reads the search path)."""
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT extnamespace::regnamespace::text FROM pg_extension"
                " WHERE extname = 'unaccent'"
            )
            (schema,) = cursor.fetchone()
        schema_editor.execute(CREATE_FUNCTION.format(unaccent=UNACCENT, schema=schema))

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {UNACCENT}(text)")

    return migrations.RunPython(create, drop)
