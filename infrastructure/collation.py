"""French order for the names people read (organisations, people, bodies, chantiers).

The name columns carry the collation `FRENCH` (`db_collation`): on PostgreSQL an ICU collation
for fr-CA that the migration creates; on SQLite a collation of the same name, registered here
on every connection, whose key gives the same order. Accents and case count only after the
letters (« Bélanger » before « Brisson », « Maison… » before « MRC… »), and, as in fr-CA, the
last accent of a word counts first (« cote, côte, coté, côté »). Two different names never
compare equal, so that unique names and lookups by name behave as with the binary order.
"""

import functools
import unicodedata

from django.db import connection as default_connection
from django.db.backends.signals import connection_created

FRENCH = "fr_ca"
CREATE_ON_POSTGRESQL = f"CREATE COLLATION IF NOT EXISTS {FRENCH} (provider = icu, locale = 'fr-CA')"
# Letters that are two letters in the order of a dictionary.
LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss"}
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


@functools.lru_cache(maxsize=4096)
def sort_key(text):
    """The key of `text` in French order: the letters, then the accents read from the end
    (fr-CA), then lowercase before uppercase, then the text itself."""
    letters, accents, cases = [], [], []
    for char in unicodedata.normalize("NFD", text.translate(APOSTROPHES)):
        if unicodedata.combining(char):
            if accents:
                accents[-1] += char
            continue
        folded = char.casefold()
        for letter in LIGATURES.get(folded, folded):
            letters.append(letter)
            accents.append("")
            cases.append(char != folded)
    return "".join(letters), tuple(reversed(accents)), tuple(cases), text


def compare(left, right):
    left, right = sort_key(left), sort_key(right)
    return (left > right) - (left < right)


def _register(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(FRENCH, compare)


def connect():
    connection_created.connect(_register, dispatch_uid="french-collation")
    # A connection opened before this app was ready (a management command's) gets it too.
    if default_connection.connection is not None:
        _register(None, default_connection)
