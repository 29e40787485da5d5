"""Recount an election and compare it with everything stored about its results.

Three sources are compared (`differences`):

- the ballot box, recounted (online elections): ballots and blank ballots per college, votes
  per candidate, and as many ballots as participations;
- the decisions, taken again from the recounted votes with the count's own rules
  (`workflow.decide`, the recorded tie-breaks, `workflow.apply_mrc_minimum`): acclamations, ties,
  who is elected, who by the MRC minimum, the MRC note;
- the record sealed when the results were counted, a tie broken and the results published
  (`seal`): every stored figure, tie-break (method, note, who, when) and seat that publishing
  created must still be what was sealed, and the seal itself must match. The seal is an HMAC
  keyed by the portal's secret key, which is not in the database: someone who changes the
  stored results with SQL cannot write a seal that matches.
"""

import copy
import hashlib
import hmac
import json

from django.conf import settings
from django.db.models import Q
from django.utils.encoding import force_bytes
from django.utils.translation import gettext as _

from elections.models import Candidacy, Election
from governance.models import BodyKind, Seat, SeatMode
from governance.models.territory import college_choices

COLLEGE_FIELDS = (
    "seats",
    "ballots",
    "blank",
    "spoiled",
    "acclaimed",
    "tie",
    "tie_method",
    "tie_note",
    "tie_broken_by_id",
    "tie_broken_at",
)
CANDIDACY_FIELDS = ("votes", "elected", "tied", "by_mrc_minimum")
SEAT_FIELDS = ("person_id", "organisation_id", "college", "mrc", "starts", "ends", "mode")


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(election, with_seats=False):
    """The stored results of `election`, as JSON-friendly data."""
    data = {
        "mrc_note": election.mrc_note,
        "colleges": {
            row.college: {f: _plain(getattr(row, f)) for f in COLLEGE_FIELDS}
            for row in election.colleges.all()
        },
        "candidacies": {
            str(c.pk): {f: getattr(c, f) for f in CANDIDACY_FIELDS}
            for c in election.candidacies.confirmed()
        },
    }
    if with_seats:
        data["seats"] = {
            str(seat.pk): {f: _plain(getattr(seat, f)) for f in SEAT_FIELDS}
            for seat in seats_of(election)
        }
    return data


def seats_of(election):
    """The comité's seats that the elected of `election` hold for its term."""
    elected = election.candidacies.filter(elected=True).values("person")
    return (
        Seat.objects.filter(
            body__kind=BodyKind.COUNCIL, mode=SeatMode.ELECTED, ends=election.term_ends
        )
        .filter(Q(person__in=elected, starts__lte=election.held_on) | Q(starts=election.held_on))
        .order_by("pk")
    )


def _signature(election_pk, record, secret=None):
    secret = force_bytes(secret or settings.SECRET_KEY)
    key = hmac.new(secret, b"dsi-elections-results", hashlib.sha256)
    message = json.dumps([election_pk, record], sort_keys=True).encode()
    return hmac.new(key.digest(), message, hashlib.sha256).hexdigest()


def _seal_matches(election, record):
    """Whether the seal is the record's, under the secret key or one of its fallbacks."""
    if not election.results_seal:
        return False
    return any(
        hmac.compare_digest(election.results_seal, _signature(election.pk, record, secret))
        for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    )


def seal(election, with_seats=False, tie_winners=None, fresh=False):
    """Record and seal the results as they are now (after the count, a tie-break, publishing).

    The winners of each tie-break are kept in the record (`tie_winners`: college → candidacy
    ids), from one seal to the next: the MRC minimum may later take a winner's seat, so the
    elected flags alone do not say whom the ADOC team chose. A new count (`fresh`) forgets them.
    """
    previous = election.results_record or {}
    winners = (
        {} if fresh or not _seal_matches(election, previous) else previous.get("tie_winners", {})
    )
    winners = {**winners, **(tie_winners or {})}
    election.results_record = snapshot(election, with_seats)
    election.results_record["tie_winners"] = winners
    election.results_seal = _signature(election.pk, election.results_record)
    Election.objects.filter(pk=election.pk).update(
        results_record=election.results_record, results_seal=election.results_seal
    )


def differences(election, require_seal=True):
    """Every difference between the recount and what is stored, in words (empty: all match).

    `require_seal=False` (for `verify_election --seal-unsealed` only) leaves out the comparison
    with the sealed record when there is none: an election counted before sealing existed."""
    from elections import ballot_box, workflow

    found = []
    colleges = list(election.colleges.all())
    candidacies = list(election.candidacies.confirmed().select_related("person"))
    names = {c.pk: str(c.person) for c in candidacies}
    labels = dict(college_choices())
    recounted = {c.pk: c.votes for c in candidacies}
    if not election.is_paper:
        found += _recount(election, colleges, candidacies, recounted, ballot_box, workflow)

    # The decisions, taken again from the recounted votes.
    record = election.results_record or {}
    sealed_ok = _seal_matches(election, record)
    rows = [copy.copy(row) for row in colleges]
    running = [copy.copy(c) for c in candidacies]
    for candidacy in running:
        candidacy.votes = recounted[candidacy.pk]
    for row, stored in zip(rows, colleges, strict=True):
        row.acclaimed = False  # decided again: acclaimed when no more candidates than seats
        workflow.decide(row, [c for c in running if c.college == row.college])
        row.tie_broken_at = stored.tie_broken_at
        if row.tie and stored.tie_broken_at:
            # The winners the ADOC team chose, as sealed when the tie was broken.
            sealed = record.get("tie_winners", {}) if sealed_ok else {}
            tied = [c for c in running if c.college == row.college and c.tied]
            winners = {c.pk for c in tied if c.pk in sealed.get(row.college, [])}
            remaining = row.seats - sum(
                1 for c in running if c.college == row.college and c.elected
            )
            if len(winners) != remaining:
                found.append(
                    _("College %(college)s: the recorded tie-break does not fill the tied seats.")
                    % {"college": labels[row.college]}
                )
            for candidacy in tied:
                candidacy.elected = candidacy.pk in winners
    replay = copy.copy(election)
    workflow.apply_mrc_minimum(replay, rows, running)
    for row, stored in zip(rows, colleges, strict=True):
        label = labels[row.college]
        if row.acclaimed != stored.acclaimed:
            found.append(
                _("College %(college)s: the recorded acclamation does not match the recount.")
                % {"college": label}
            )
        if row.tie != stored.tie:
            found.append(
                _(
                    "College %(college)s: the recorded tie at the last seat does not match the "
                    "recount."
                )
                % {"college": label}
            )
    for again, stored in zip(running, candidacies, strict=True):
        name = names[stored.pk]
        if again.elected != stored.elected:
            found.append(
                (
                    _("%(name)s is recorded as elected; the recount does not elect them.")
                    if stored.elected
                    else _("%(name)s is not recorded as elected; the recount elects them.")
                )
                % {"name": name}
            )
        elif again.by_mrc_minimum != stored.by_mrc_minimum or again.tied != stored.tied:
            found.append(
                _("%(name)s: the recorded tie or MRC minimum does not match the recount.")
                % {"name": name}
            )
    if replay.mrc_note != election.mrc_note:
        found.append(_("The note on the MRC minimum does not match the recount."))

    if require_seal or election.results_seal:
        found += _against_the_record(election, record, sealed_ok, names, labels)
    return found


def _recount(election, colleges, candidacies, recounted, ballot_box, workflow):
    found = []
    votes, marked = workflow.tally(election)
    ballots = election.ballots.count()
    voted = workflow.participation_count(election)
    if voted != ballot_box.ballots_cast(election):
        found.append(
            _("%(voted)s organisations voted but the box holds %(ballots)s ballots.")
            % {"voted": voted, "ballots": ballot_box.ballots_cast(election)}
        )
    pending = election.pending_ballots.count()
    if pending:
        found.append(
            _("%(count)s ballots are still waiting outside the box after the count.")
            % {"count": pending}
        )
    for row in colleges:
        if row.acclaimed:
            continue
        blank = ballots - marked.get(row.college, 0)
        if (row.ballots, row.blank) != (ballots, blank):
            found.append(
                _(
                    "College %(college)s: recorded %(ballots)s ballots and %(blank)s blank, "
                    "recounted %(recounted)s and %(reblank)s."
                )
                % {
                    "college": row.get_college_display(),
                    "ballots": row.ballots,
                    "blank": row.blank,
                    "recounted": ballots,
                    "reblank": blank,
                }
            )
    for candidacy in candidacies:
        recounted[candidacy.pk] = votes.get(candidacy.pk, 0)
        if candidacy.votes is None:
            continue
        if recounted[candidacy.pk] != candidacy.votes:
            found.append(
                _("%(name)s: recorded %(votes)s votes, recounted %(recounted)s.")
                % {
                    "name": candidacy.person,
                    "votes": candidacy.votes,
                    "recounted": recounted[candidacy.pk],
                }
            )
    return found


def _against_the_record(election, record, sealed_ok, names, labels):
    if not sealed_ok:
        return [
            _(
                "The recorded results are missing or their seal does not match: they were "
                "changed outside the portal."
            )
        ]
    found = []
    now = snapshot(election, with_seats="seats" in record)
    for college, fields in record.get("colleges", {}).items():
        current = now["colleges"].get(college)
        for field, value in fields.items():
            if current is None or current[field] != value:
                found.append(
                    _(
                        "College %(college)s: “%(field)s” was changed after the results were "
                        "recorded."
                    )
                    % {"college": labels.get(college, college), "field": _field_label(field)}
                )
    for pk, fields in record.get("candidacies", {}).items():
        current = now["candidacies"].get(pk)
        for field, value in fields.items():
            if current is None or current[field] != value:
                found.append(
                    _("%(name)s: “%(field)s” was changed after the results were recorded.")
                    % {"name": names.get(int(pk), pk), "field": _field_label(field, Candidacy)}
                )
    if record.get("mrc_note") != now["mrc_note"]:
        found.append(_("The note on the MRC minimum was changed after the results were recorded."))
    if "seats" in record:
        found += _seats(election, record["seats"], now["seats"])
    return found


def _seats(election, sealed, current):
    found = []
    people = dict(
        election.candidacies.filter(elected=True).values_list("person", "person__last_name")
    )
    for pk, fields in sealed.items():
        if current.get(pk) != fields:
            found.append(
                _(
                    "The seat on the comité created by publishing for %(name)s was deleted or "
                    "changed."
                )
                % {"name": _person(fields["person_id"])}
            )
    for pk, fields in current.items():
        if pk not in sealed:
            found.append(
                _(
                    "A seat on the comité for %(name)s was added after publishing, for the same "
                    "term."
                )
                % {"name": _person(fields["person_id"])}
            )
    seated = {fields["person_id"] for fields in current.values()}
    for person_id in people:
        if person_id not in seated:
            found.append(
                _("%(name)s is elected but holds no seat on the comité for the term.")
                % {"name": _person(person_id)}
            )
    return found


def _person(person_id):
    from governance.models import Person

    return str(Person.objects.filter(pk=person_id).first() or person_id)


def _field_label(field, model=None):
    from elections.models import ElectionCollege

    model = model or ElectionCollege
    name = field.removesuffix("_id")
    return str(model._meta.get_field(name).verbose_name)
