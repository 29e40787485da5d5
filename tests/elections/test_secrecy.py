"""Ballot secrecy at the storage level: an attacker who reads the database, or a backup, cannot
match ballots to the organisations that cast them better than chance.

N delegates vote in a known order, each with a different selection. The attacker then reads
every row of the record of who voted and of the ballots (box and pool, the pool *unsealed*, as
if the secret key had been stolen too) in every order the storage offers: physical order
(`rowid` on SQLite, `ctid` on PostgreSQL), the unordered `SELECT *`, ids, receipt fingerprints,
transaction ids (`xmin`), and pairs the i-th ballot with the i-th participation, or a ballot
with the participation of the same transaction. Each strategy's correct matches are counted.

The bound: if ballots are stored in an order independent of the casting order, a strategy's
correct matches follow the fixed points of a random permutation, about Poisson(1): mean 1, and
P(≥ N/3 = 8) ≈ 1e-5 for N = 24; over the dozen strategies tried, a false alarm is about one in
ten thousand runs. Before this design, physical order alone matched all N (issue 15).
"""

import base64
import io
import itertools
import re
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from backups.archive import POSTGRES_DUMP, SQLITE_COPY, _postgres_environment
from elections import ballot_box, workflow
from elections.models import ElectionState
from governance.models import RepresentationKind
from tests.factories import (
    AffiliationFactory,
    CandidacyFactory,
    ElectionFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
)

N = 24
BOUND = N // 3  # a strategy matching this many or more would be no longer chance


def _delegate():
    organisation = OrganisationFactory()
    person = PersonFactory()
    AffiliationFactory(person=person, organisation=organisation)
    RepresentationFactory(
        organisation=organisation, person=person, kind=RepresentationKind.DELEGATE
    )
    return organisation, person


@pytest.fixture
def cast_in_order(territory, adoc):
    """An online election; N delegates vote one after the other, each a different selection
    (every top-level transaction commits). Returns (election, {organisation id: selection})."""
    election = ElectionFactory(seats={"community": 3})
    workflow.move(election, ElectionState.NOMINATIONS, adoc)
    running = [CandidacyFactory(election=election) for _ in range(6)]
    voters = [_delegate() for _ in range(N)]
    election = workflow.move(election, ElectionState.VOTING, adoc)
    selections = [
        list(chosen) for size in (1, 2, 3) for chosen in itertools.combinations(running, size)
    ][:N]
    assert len({frozenset(c.pk for c in s) for s in selections}) == N
    truth = {}
    for (organisation, person), chosen in zip(voters, selections, strict=True):
        workflow.cast(election, person, {"community": chosen})
        truth[organisation.pk] = frozenset(c.pk for c in chosen)
    return election, truth


# ---------------------------------------------------------------------------------------------
# What the attacker reads
# ---------------------------------------------------------------------------------------------


def _live_rows():
    """(participations, ballots) read from the live database, with every column and the
    storage's own order and transaction ids."""
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    xmin = "xmin::text::bigint" if connection.vendor == "postgresql" else "0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, e.organisation_id, {xmin.replace('xmin', 'p.xmin')} "
            f"FROM elections_participation p JOIN elections_elector e ON e.id = p.elector_id "
            f"ORDER BY p.{position}"
        )
        participations = [
            {"position": n, "id": pk, "organisation": org, "xmin": x}
            for n, (pk, org, x) in enumerate(cursor.fetchall())
        ]
        cursor.execute(f"SELECT id, receipt_hash, {xmin} FROM elections_ballot ORDER BY {position}")
        box = cursor.fetchall()
        cursor.execute("SELECT ballot_id, candidacy_id FROM elections_ballotchoice")
        marks = cursor.fetchall()
        cursor.execute(
            f"SELECT id, receipt_hash, {xmin}, sealed FROM elections_pendingballot "
            f"ORDER BY {position}"
        )
        pool = cursor.fetchall()
        cursor.execute("SELECT id FROM elections_ballot")
        unordered_box = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM elections_pendingballot")
        unordered_pool = [row[0] for row in cursor.fetchall()]
    return participations, _ballots(box, marks, pool, unordered_box, unordered_pool)


def _ballots(box, marks, pool, unordered_box=None, unordered_pool=None):
    content = {}
    for ballot_id, candidacy_id in marks:
        content.setdefault(str(ballot_id), set()).add(int(candidacy_id))
    ballots = []
    unordered = {str(pk): n for n, pk in enumerate(unordered_box or [])}
    unordered |= {str(pk): n for n, pk in enumerate(unordered_pool or [])}
    for table, rows in (("box", box), ("pool", pool)):
        for n, row in enumerate(rows):
            pk, receipt, xmin = str(row[0]), row[1], int(row[2] or 0)
            chosen = (
                frozenset(content.get(pk, ()))
                if table == "box"
                else frozenset(ballot_box.unseal(row[3]))
            )
            ballots.append(
                {
                    "table": table,
                    "position": n,
                    "unordered": unordered.get(pk, n),
                    "id": pk,
                    "receipt": receipt,
                    "xmin": xmin,
                    "content": chosen,
                }
            )
    return ballots


# ---------------------------------------------------------------------------------------------
# What the attacker tries
# ---------------------------------------------------------------------------------------------


def best_match(participations, ballots, truth):
    """The most correct matches any strategy gets, and its name."""
    assert len(ballots) == len(participations) == N
    by_cast = sorted(participations, key=lambda p: p["position"])
    results = {}
    for key in ("position", "unordered", "id", "receipt", "xmin"):
        for tables in (("box", "pool"), ("pool", "box")):
            ordered = sorted(
                ballots, key=lambda b: (tables.index(b["table"]), b[key], b["position"])
            )
            for participation_key in ("position", "id", "xmin"):
                people = sorted(participations, key=lambda p: (p[participation_key], p["position"]))
                results[f"{key}/{'+'.join(tables)}/{participation_key}"] = sum(
                    truth[p["organisation"]] == b["content"]
                    for p, b in zip(people, ordered, strict=True)
                )
            # Reversed: the last cast first.
            results[f"{key}/{'+'.join(tables)}/reversed"] = sum(
                truth[p["organisation"]] == b["content"]
                for p, b in zip(reversed(by_cast), ordered, strict=True)
            )
    if any(b["xmin"] for b in ballots):
        # The same transaction, or the closest one before: each ballot gets the participation
        # with the greatest xmin not after its own.
        matched = 0
        for ballot in ballots:
            earlier = [p for p in participations if p["xmin"] <= ballot["xmin"]]
            if earlier:
                guess = max(earlier, key=lambda p: p["xmin"])
                matched += truth[guess["organisation"]] == ballot["content"]
        results["xmin join"] = matched
    strategy = max(results, key=results.get)
    return results[strategy], strategy


def _assert_chance(participations, ballots, truth):
    matched, strategy = best_match(participations, ballots, truth)
    assert matched < BOUND, f"{strategy} matched {matched} of {N} ballots"
    # The attack itself works: the ballots are all there, and each is one voter's.
    assert sorted(map(sorted, (b["content"] for b in ballots))) == sorted(
        map(sorted, truth.values())
    )


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_live_database_does_not_link_ballots_to_who_voted_while_voting_is_open(cast_in_order):
    _election, truth = cast_in_order
    participations, ballots = _live_rows()

    # While voting is open, part of the ballots wait in the pool, sealed: unreadable without
    # the secret key (the attacker here has it too).
    pool = [b for b in ballots if b["table"] == "pool"]
    assert ballot_box.POOL_MINIMUM <= len(pool) < 2 * ballot_box.POOL_MINIMUM
    # The record of who voted does follow the casting order: the attacker knows it.
    assert [p["organisation"] for p in participations] == list(truth)
    _assert_chance(participations, ballots, truth)


@pytest.mark.django_db(transaction=True)
def test_the_ballot_box_after_closing_does_not_link_ballots_to_who_voted(cast_in_order, adoc):
    election, truth = cast_in_order
    workflow.move(election, ElectionState.COUNTED, adoc)
    participations, ballots = _live_rows()

    assert {b["table"] for b in ballots} == {"box"}
    if connection.vendor == "postgresql":
        # Rewritten in one transaction: every ballot carries the same transaction id.
        assert len({b["xmin"] for b in ballots}) == 1
    _assert_chance(participations, ballots, truth)


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_voting_is_open_does_not_link_ballots(cast_in_order, tmp_path):
    _election, truth = cast_in_order
    call_command("backup", "--dir", str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("*.tar")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    if connection.vendor == "postgresql":
        participations, ballots = _rows_of_the_dump(tmp_path / POSTGRES_DUMP)
    else:
        participations, ballots = _rows_of_the_copy(tmp_path / SQLITE_COPY)

    assert len(participations) == N
    _assert_chance(participations, ballots, truth)


def _rows_of_the_copy(path):
    """The SQLite copy, read with SQLite alone (no portal, no function it registers)."""
    with sqlite3.connect(path) as database:
        participations = [
            {"position": n, "id": pk, "organisation": org, "xmin": 0}
            for n, (pk, org) in enumerate(
                database.execute(
                    "SELECT p.id, e.organisation_id FROM elections_participation p "
                    "JOIN elections_elector e ON e.id = p.elector_id ORDER BY p.rowid"
                )
            )
        ]
        box = list(
            database.execute("SELECT id, receipt_hash, 0 FROM elections_ballot ORDER BY rowid")
        )
        marks = list(database.execute("SELECT ballot_id, candidacy_id FROM elections_ballotchoice"))
        pool = list(
            database.execute(
                "SELECT id, receipt_hash, 0, sealed FROM elections_pendingballot ORDER BY rowid"
            )
        )
        raw = Path(path).read_bytes()
    database.close()
    # Nothing the pool or the box held before being rewritten lingers in the file's free pages
    # (PRAGMA secure_delete): each receipt fingerprint is there twice, its row and its index.
    for ballot in [*box, *pool]:
        assert raw.count(ballot[1].encode()) == 2, ballot[1]
    return participations, _ballots(box, marks, pool)


def _rows_of_the_dump(path):
    """The PostgreSQL dump as pg_restore prints it: each table's rows in the dump's order."""
    text = subprocess.run(
        ["pg_restore", "--data-only", "-f", "-", str(path)],
        env=_postgres_environment(connection.settings_dict),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    tables = {}
    for match in re.finditer(
        r"^COPY public\.(\w+) \(([^)]*)\) FROM stdin;\n(.*?)^\\\.$", text, re.M | re.S
    ):
        columns = [c.strip().strip('"') for c in match.group(2).split(",")]
        rows = [
            dict(zip(columns, line.split("\t"), strict=True))
            for line in match.group(3).splitlines()
        ]
        tables[match.group(1)] = rows
    electors = {row["id"]: int(row["organisation_id"]) for row in tables["elections_elector"]}
    participations = [
        {
            "position": n,
            "id": int(row["id"]),
            "organisation": electors[row["elector_id"]],
            "xmin": 0,
        }
        for n, row in enumerate(tables["elections_participation"])
    ]
    box = [(r["id"], r["receipt_hash"], 0) for r in tables["elections_ballot"]]
    marks = [(r["ballot_id"], r["candidacy_id"]) for r in tables["elections_ballotchoice"]]
    pool = [(r["id"], r["receipt_hash"], 0, r["sealed"]) for r in tables["elections_pendingballot"]]
    return participations, _ballots(box, marks, pool)


def test_a_sealed_ballot_hides_its_length_and_refuses_tampering(settings):
    settings.SECRET_KEY = "k" * 60
    blank, full = ballot_box.seal([]), ballot_box.seal([1, 2, 3, 4, 5, 6])
    assert len(blank) == len(full)
    assert ballot_box.unseal(full) == [1, 2, 3, 4, 5, 6]
    assert ballot_box.seal([1]) != ballot_box.seal([1])  # a new nonce each time
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "m" * 60, ["k" * 60]
    assert ballot_box.unseal(full) == [1, 2, 3, 4, 5, 6]  # a key being rotated
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ValidationError, match="clé secrète"):
        ballot_box.unseal(full)
    tampered = bytearray(base64.b64decode(full))
    tampered[20] ^= 1
    with pytest.raises(ValidationError, match="altéré"):
        ballot_box.unseal(base64.b64encode(bytes(tampered)).decode())
