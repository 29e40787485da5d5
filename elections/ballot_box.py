"""Where a ballot goes, so that no one reading the database or a backup can tell whose it is.

The record of who voted (`Participation`) is written in the casting order, and says so: its
rows, ids and transaction ids follow that order. What must not follow it is the ballot. So:

1. At the cast (`drop_in`, in the transaction that records the participation, under the
   election's row lock), the ballot goes into the election's pool, `PendingBallot`, *sealed*:
   its choices are encrypted and authenticated with a key derived from the portal's secret key
   (`SECRET_KEY`, in the server's environment, never in the database nor in a backup) and
   padded to a fixed length, so that even a blank ballot looks like any other. The whole pool
   is then rewritten: deleted and inserted again in random order, with new random ids and new
   seals. Every pool row thus carries the transaction id of the last cast, and its position says
   nothing of when it arrived.
2. When the pool holds `2 * POOL_MINIMUM` ballots, a random half of it goes into the box
   (`Ballot`, `BallotChoice`) and the whole box is rewritten in random order, with new ids, in
   that same transaction: every box row carries one transaction id, and the ballots that came
   in are a random half of the last casts, not the last ones. The pool is never emptied while
   voting is open, so the box never holds a ballot that arrived alone.
3. When voting closes (`close`, from `workflow.move` to « dépouillé », under the same lock),
   the pool is emptied into the box, which is rewritten once more in random order.

Counting reads the box only, after `close`: by then it holds every ballot, in one random order.
A backup holds the box and the pool as they are: both already shuffled, and the pool sealed.
The limits (someone watching the statements or the write-ahead log live, the secret key and
the database stolen together) are in the README, « Secret du vote ».
"""

import base64
import hashlib
import hmac
import json
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.encoding import force_bytes
from django.utils.translation import gettext as _

from elections.models import Ballot, BallotChoice, PendingBallot

# Ballots that always stay in the pool while voting is open (the box grows by this many at once).
POOL_MINIMUM = 5
# Sealed choices are padded to a multiple of this (bytes), so that their length says nothing.
PADDING = 512

_random = secrets.SystemRandom()


# ---------------------------------------------------------------------------------------------
# Sealing: HMAC-SHA256 as a stream cipher in counter mode, then HMAC-SHA256 over the nonce and
# the ciphertext (encrypt-then-MAC), with two keys derived from SECRET_KEY. The standard library
# has no AES; this construction needs only a pseudo-random function, which HMAC-SHA256 is.
# ---------------------------------------------------------------------------------------------


def _key(purpose, secret=None):
    return hmac.new(
        force_bytes(secret or settings.SECRET_KEY), b"dsi-elections-pool-" + purpose, hashlib.sha256
    ).digest()


def _secrets():
    """The secret key, then its fallbacks (a key being rotated still opens its pool)."""
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _stream(nonce, length, secret=None):
    key = _key(b"encryption", secret)
    blocks = (
        hmac.new(key, nonce + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        for counter in range((length + 31) // 32)
    )
    return b"".join(blocks)[:length]


def seal(candidacy_ids):
    """The sealed text of a ballot's choices (a list of candidacy ids)."""
    plain = json.dumps(sorted(candidacy_ids)).encode()
    plain += b" " * (PADDING - len(plain) % PADDING)
    nonce = secrets.token_bytes(16)
    cipher = bytes(a ^ b for a, b in zip(plain, _stream(nonce, len(plain)), strict=True))
    tag = hmac.new(_key(b"authentication"), nonce + cipher, hashlib.sha256).digest()
    return base64.b64encode(nonce + cipher + tag).decode()


def unseal(sealed):
    raw = base64.b64decode(sealed)
    nonce, cipher, tag = raw[:16], raw[16:-32], raw[-32:]
    for secret in _secrets():
        expected = hmac.new(_key(b"authentication", secret), nonce + cipher, hashlib.sha256)
        if hmac.compare_digest(tag, expected.digest()):
            stream = _stream(nonce, len(cipher), secret)
            plain = bytes(a ^ b for a, b in zip(cipher, stream, strict=True))
            return json.loads(plain.decode().rstrip())
    raise ValidationError(_("A ballot waiting for the box was altered, or the secret key changed."))


# ---------------------------------------------------------------------------------------------
# The pool and the box. Every function runs inside the caller's transaction, which holds the
# election's row lock (select_for_update): casts and the close never interleave.
# ---------------------------------------------------------------------------------------------


def drop_in(election, receipt_hash, candidacy_ids):
    """Put a cast ballot in the pool, rewrite the pool, and move a batch to the box when full."""
    pool = [(p.receipt_hash, unseal(p.sealed)) for p in election.pending_ballots.all()]
    pool.append((receipt_hash, list(candidacy_ids)))
    if len(pool) >= 2 * POOL_MINIMUM:
        _random.shuffle(pool)
        moving, pool = pool[: len(pool) - POOL_MINIMUM], pool[len(pool) - POOL_MINIMUM :]
        _rewrite_box(election, moving)
    _rewrite_pool(election, pool)


def close(election):
    """Voting closes: every ballot of the pool goes into the box, rewritten in random order."""
    pool = [(p.receipt_hash, unseal(p.sealed)) for p in election.pending_ballots.all()]
    _rewrite_pool(election, [])
    _rewrite_box(election, pool)


def _rewrite_pool(election, pool):
    PendingBallot.objects.filter(election=election).delete()
    _random.shuffle(pool)
    PendingBallot.objects.bulk_create(
        PendingBallot(id=uuid.uuid4(), election=election, receipt_hash=h, sealed=seal(ids))
        for h, ids in pool
    )


def _rewrite_box(election, arriving=()):
    """Delete the box and insert it again, with `arriving` (receipt hash, candidacy ids), in a
    random order and with new ids. Ballots are never changed otherwise (ImmutableModel)."""
    box = {}
    for ballot_id, receipt in Ballot._base_manager.filter(election=election).values_list(
        "id", "receipt_hash"
    ):
        box[ballot_id] = (receipt, [])
    choices = BallotChoice._base_manager.filter(ballot__election=election)
    for ballot_id, candidacy_id in choices.values_list("ballot_id", "candidacy_id"):
        box[ballot_id][1].append(candidacy_id)
    ballots = [*box.values(), *((h, list(ids)) for h, ids in arriving)]
    choices._raw_delete(choices.db)
    stored = Ballot._base_manager.filter(election=election)
    stored._raw_delete(stored.db)
    _random.shuffle(ballots)
    rows = [Ballot(id=uuid.uuid4(), election=election, receipt_hash=h) for h, _ids in ballots]
    Ballot.objects.bulk_create(rows, batch_size=1000)
    marks = [
        BallotChoice(id=uuid.uuid4(), ballot=row, candidacy_id=candidacy_id)
        for row, (_h, ids) in zip(rows, ballots, strict=True)
        for candidacy_id in ids
    ]
    _random.shuffle(marks)
    BallotChoice.objects.bulk_create(marks, batch_size=1000)


def ballots_cast(election):
    """Ballots in the box and in the pool: as many as participations, always."""
    return election.ballots.count() + election.pending_ballots.count()
