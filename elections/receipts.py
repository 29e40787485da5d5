"""The one-time token of a vote and the receipt shown again after a double submit.

The review page carries a signed token (the election, the delegate, the names chosen and a
random nonce). Casting keeps the receipt code for an hour in the cache, under a key derived
from the nonce and masked with a pad derived from it too: whoever reads the cache (or the
database) finds neither whose receipt it is nor the code, since the nonce lives only in the
delegate's browser. A second POST of the same review page (a double click) carries the same
nonce, and shows the same code again. The code never goes to the session, the email queue or
a log.
"""

import hashlib
import secrets
import time

from django.core import signing
from django.core.cache import cache

SALT = "elections.vote"
# How long a review page may be confirmed, and its receipt shown again or emailed.
LIFETIME = 3600
# A double submit may arrive while the first request is still storing its receipt.
WAIT_SECONDS, WAIT_STEP = 3.0, 0.1


def new_token(election, person, elector, chosen_ids):
    return signing.dumps(
        {
            "e": election.pk,
            "p": person.pk,
            "o": elector.pk,
            "c": list(chosen_ids),
            "n": secrets.token_hex(32),
        },
        salt=SALT,
    )


def read_token(token, election, person):
    """The token's content when it is valid for this election and delegate, else None."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LIFETIME)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("e") != election.pk or data.get("p") != person.pk:
        return None
    return data


def _key(nonce):
    return "elections:receipt:" + hashlib.sha256(f"key:{nonce}".encode()).hexdigest()


def _pad(nonce, length):
    return hashlib.sha256(f"pad:{nonce}".encode()).digest()[:length]


def claim(data):
    """Whether this request is the first to confirm this review page (an atomic add to the
    shared cache): only the first one casts; a delegate of two organisations who double
    clicks does not vote for both."""
    return cache.add(_key(data["n"]) + ":claimed", 1, LIFETIME)


def release(data):
    """The vote was refused: the same review page may be confirmed again."""
    cache.delete(_key(data["n"]) + ":claimed")


def keep(data, code):
    raw = code.encode()
    masked = bytes(a ^ b for a, b in zip(raw, _pad(data["n"], len(raw)), strict=True))
    cache.set(_key(data["n"]), masked.hex(), LIFETIME)


def recall(data, wait=False):
    """The receipt code kept by `keep` for this token, or None; with `wait`, give a request
    still casting the same ballot a few seconds to keep it."""
    deadline = time.monotonic() + (WAIT_SECONDS if wait else 0)
    while True:
        masked = cache.get(_key(data["n"]))
        if masked is not None:
            raw = bytes.fromhex(masked)
            return bytes(
                a ^ b for a, b in zip(raw, _pad(data["n"], len(raw)), strict=True)
            ).decode()
        if time.monotonic() >= deadline:
            return None
        time.sleep(WAIT_STEP)
