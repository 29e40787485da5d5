"""What happens to an election, one function per step, each in one transaction.

Views, the admin and management commands call these; they raise `ElectionError` with a message
for the person when a step is refused, and change nothing then.
"""

import dataclasses
import datetime
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import ballot_box, verification
from elections.models import (
    Ballot,
    BallotChoice,
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionState,
    Elector,
    Participation,
    PendingBallot,
    Transition,
)
from governance.models import (
    Affiliation,
    Body,
    BodyKind,
    Organisation,
    Representation,
    RepresentationKind,
    Seat,
    SeatMode,
    SeatRole,
    Territory,
    territory,
)
from infrastructure import display
from infrastructure.outbox import enqueue_each_after_commit
from infrastructure.periods import today

# Receipt codes: no letters that read like digits.
RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ElectionError(Exception):
    """A step refused, with the reason for the person who asked."""


def _locked(election):
    return Election.objects.select_for_update().get(pk=election.pk)


# ---------------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------------


def _check_agent(user):
    """The steps of an election are signed by an ADOC agent (elections.manage_election): a site
    administrator, or any other account a script passes, is refused here as on the pages."""
    if user is None or not user.has_perm("elections.manage_election"):
        raise ElectionError(_("Only an ADOC agent runs an election: this account is not one."))


def move(election, target, user, note="", replaced=(), *, advance=False):
    """Move `election` to the `target` state, with what that step implies; record who and when.

    On publishing, `replaced` are the comité's seats the elected take over: they end the day
    before the assembly. Voting opens only from its opening date, unless `advance` (asked
    for on the page, after a confirmation): the opening date then becomes today, and the
    history says so.
    """
    _check_agent(user)
    with transaction.atomic():
        election = _locked(election)
        if target not in election.next_states:
            raise ElectionError(
                _("An election in the state “%(state)s” cannot go to “%(target)s”.")
                % {
                    "state": election.get_state_display(),
                    "target": ElectionState(target).label,
                }
            )
        source = election.state
        if target == ElectionState.CANCELLED:
            if not note.strip():
                raise ElectionError(_("Say why the election is cancelled."))
            election.cancel_reason = note
        elif target == ElectionState.NOMINATIONS:
            if not election.colleges.exists():
                raise ElectionError(_("Set the number of seats of at least one college first."))
        elif target == ElectionState.VOTING:
            moved = _check_voting_dates(election, advance)
            if moved:
                note = f"{moved}\n{note}".strip()
            _open_voting(election)
        elif target == ElectionState.COUNTED:
            # Under the election's row lock, which every cast takes too: a ballot is either in
            # the box before it is closed and counted, or refused (see cast).
            if not election.is_paper:
                ballot_box.close(election)
            count(election)
        elif target == ElectionState.PUBLISHED:
            _check_publishable(election)
            _seat_the_elected(election, replaced)
        election.state = target
        election.version += 1
        election.save()
        if target == ElectionState.PUBLISHED:
            verification.seal(election, with_seats=True)
        Transition.objects.create(
            election=election, source=source, target=target, by=user, note=note
        )
    return election


def _check_voting_dates(election, advance):
    """Refuse opening the vote before its opening date; with `advance`, bring the opening date (and
    the close of nominations, when later) back to today. Returns what was moved, for the
    history, or ""."""
    on = today()
    # A closing date already past is no dead end: `extend_voting` moves it.
    if election.voting_opens <= on:
        return ""
    if not advance:
        raise ElectionError(
            _(
                "Voting opens on %(date)s: it cannot be opened before. To open it today, "
                "confirm that the opening date moves to today."
            )
            % {"date": display.day(election.voting_opens)}
        )
    moved = _("Opening date moved from %(before)s to %(after)s.") % {
        "before": display.day(election.voting_opens),
        "after": display.day(on),
    }
    election.voting_opens = on
    election.nominations_close = min(election.nominations_close, on)
    election.nominations_open = min(election.nominations_open, on)
    return moved


def _record(election, user, note):
    """A change that keeps the state (dates moved, counts sent back): in the history too."""
    election.version += 1
    election.save()
    Transition.objects.create(
        election=election, source=election.state, target=election.state, by=user, note=note
    )


def open_voting_now(election, user, note=""):
    """Voting was opened before its opening date (delegates are refused until then): the
    opening date becomes today."""
    _check_agent(user)
    with transaction.atomic():
        election = _locked(election)
        if election.state != ElectionState.VOTING or election.voting_opens <= today():
            raise ElectionError(_("Voting is not waiting for its opening date."))
        moved = _check_voting_dates(election, advance=True)
        _record(election, user, f"{moved}\n{note}".strip())
    return election


def extend_voting(election, closes, user, note=""):
    """Voting closes later, on `closes` (today at the earliest): the way out of a vote whose
    closing date passed before everyone could vote."""
    _check_agent(user)
    with transaction.atomic():
        election = _locked(election)
        if election.state != ElectionState.VOTING:
            raise ElectionError(_("Only an open vote can be extended."))
        if closes < today() or closes < election.voting_opens:
            raise ElectionError(_("The new closing date is today or later, after the opening."))
        if closes <= election.voting_closes:
            raise ElectionError(_("The new closing date is later than the current one."))
        change = _("Closing date moved from %(before)s to %(after)s.") % {
            "before": display.day(election.voting_closes),
            "after": display.day(closes),
        }
        election.voting_closes = closes
        _record(election, user, f"{change}\n{note}".strip())
    return election


def reopen_voting(election, closes, user, note):
    """Voting was closed too early (or the count must wait): back to open voting until
    `closes`, with a reason. The count is cleared (closing counts again) and paper counts
    need a new confirmation; ballots and the record of who voted stay."""
    _check_agent(user)
    with transaction.atomic():
        election = _locked(election)
        if election.state != ElectionState.COUNTED:
            raise ElectionError(_("Only a counted election, not yet published, can be reopened."))
        if not note.strip():
            raise ElectionError(_("Say why voting is reopened."))
        if closes < today() or closes < election.voting_opens:
            raise ElectionError(_("The new closing date is today or later, after the opening."))
        election.voting_closes = closes
        election.mrc_note = ""
        election.paper_confirmed_by = election.paper_confirmed_at = None
        for row in election.colleges.all():
            row.tie, row.tie_method, row.tie_note = False, "", ""
            row.tie_broken_by, row.tie_broken_at = None, None
            if not election.is_paper and not row.acclaimed:
                row.ballots = row.blank = row.spoiled = None
            row.save()
        candidacies = list(election.candidacies.all())
        for candidacy in candidacies:
            candidacy.elected, candidacy.tied, candidacy.by_mrc_minimum = None, False, False
            if not election.is_paper:
                candidacy.votes = None
        Candidacy.objects.bulk_update(
            candidacies, ["votes", "elected", "tied", "by_mrc_minimum"], batch_size=500
        )
        source = election.state
        election.state = ElectionState.VOTING
        election.version += 1
        election.save()
        Transition.objects.create(
            election=election, source=source, target=election.state, by=user, note=note
        )
    return election


def _open_voting(election):
    """Freeze the electors (every active member organisation) and mark acclaimed colleges."""
    Elector.objects.bulk_create(
        Elector(election=election, organisation=organisation)
        for organisation in Organisation.objects.active()
    )
    running = dict(
        election.candidacies.confirmed()
        .values_list("college")
        .annotate(count=Count("pk"))
        .values_list("college", "count")
    )
    for row in election.colleges.all():
        row.acclaimed = running.get(row.college, 0) <= row.seats
        row.save(update_fields=["acclaimed"])


def _check_publishable(election):
    if election.colleges.filter(tie=True, tie_broken_at__isnull=True).exists():
        raise ElectionError(
            _("A tie at the last seat must be broken, and how recorded, before publishing.")
        )
    if election.is_paper and not election.paper_confirmed_by_id:
        raise ElectionError(
            _("A second ADOC agent must confirm the paper counts before the results are published.")
        )
    differences = verification.differences(election)
    if differences:
        raise ElectionError(
            _("The recount differs from the recorded results: %(differences)s")
            % {"differences": " ".join(differences)}
        )


def council_seats_open_on(election):
    """Voting seats of the comité conseil still held on the day of the assembly."""
    return (
        Seat.objects.voting()
        .filter(body__kind=BodyKind.COUNCIL, starts__lt=election.held_on)
        .filter(Q(ends__isnull=True) | Q(ends__gte=election.held_on))
    )


OFFICER_ROLES = [
    SeatRole.CHAIR,
    SeatRole.VICE_CHAIR,
    SeatRole.SECRETARY,
    SeatRole.COORDINATION,
]


@dataclasses.dataclass
class PublicationPlan:
    """What publishing does to the comité conseil: the seats that end the day before the
    assembly, the sitting members re-elected whose seat is extended, the new seats, and the
    seats that simply continue."""

    council: object
    ending: list
    extended: list  # (seat, candidacy)
    incoming: list  # candidacies taking a new seat
    continuing: list

    @property
    def seats_after(self):
        """(college, mrc) of each voting seat held the day of the assembly, once published."""
        kept = [(seat.college, seat.mrc) for seat in self.continuing]
        kept += [(c.college, c.mrc) for _seat, c in self.extended]
        kept += [(c.college, c.mrc) for c in self.incoming]
        return kept

    @property
    def officers_ending(self):
        return [seat for seat in self.ending if seat.role in OFFICER_ROLES]

    def quotas(self):
        """Each declared quota of the comité against its seats after publication."""
        if self.council is None:
            return []
        rows = []
        seats = self.seats_after
        for quota in self.council.quotas.all():
            filled = sum(
                1
                for college, mrc in seats
                if (not quota.college or college == quota.college)
                and (not quota.mrc or mrc == quota.mrc)
            )
            rows.append({"quota": quota, "filled": filled, "balanced": filled == quota.seats})
        return rows


def publication_plan(election, replaced=()):
    """The comité as it will be once `election` is published with `replaced` ending (the same
    plan `_seat_the_elected` applies: the preview shows exactly what publishing does).

    A sitting member elected again, for the same organisation and college, keeps their seat,
    extended to the end of the new term, whether or not it was among the replaced; any other
    seat of theirs still open ends the day before the assembly, so that nobody holds two."""
    council = Body.objects.filter(kind=BodyKind.COUNCIL).prefetch_related("quotas").first()
    if council is None:
        return PublicationPlan(None, [], [], [], [])
    open_seats = list(
        council_seats_open_on(election)
        .filter(body=council)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    by_pk = {seat.pk: seat for seat in open_seats}
    replaced_pks = set()
    for seat in replaced:
        if seat.pk not in by_pk:
            raise ElectionError(
                _("%(seat)s is not a seat of the comité held on the day of the assembly.")
                % {"seat": seat}
            )
        replaced_pks.add(seat.pk)
    elected = list(
        election.candidacies.filter(elected=True)
        .select_related("person", "organisation")
        .order_by("college", "person__last_name", "person__first_name")
    )
    extended, incoming, kept = [], [], set()
    for candidacy in elected:
        sitting = [
            seat
            for seat in open_seats
            if seat.person_id == candidacy.person_id
            and seat.mode == SeatMode.ELECTED
            and seat.organisation_id == candidacy.organisation_id
            and seat.college == candidacy.college
        ]
        if sitting:
            extended.append((sitting[0], candidacy))
            kept.add(sitting[0].pk)
        else:
            incoming.append(candidacy)
    elected_people = {c.person_id for c in elected}
    ending = [
        seat
        for seat in open_seats
        if seat.pk not in kept
        and (
            seat.pk in replaced_pks
            or (seat.person_id in elected_people and seat.mode == SeatMode.ELECTED)
        )
    ]
    ending_pks = {seat.pk for seat in ending}
    continuing = [
        seat
        for seat in open_seats
        if seat.pk not in kept and seat.pk not in ending_pks and seat.is_voting
    ]
    return PublicationPlan(council, ending, extended, incoming, continuing)


def _seat_the_elected(election, replaced):
    """The elected take their seats on the comité conseil for the term, from the assembly; the
    seats they replace end the day before; a re-elected sitting member's seat is extended."""
    plan = publication_plan(election, replaced)
    if plan.council is None:
        return
    for seat in plan.ending:
        seat.end(election.held_on - datetime.timedelta(days=1))
    note = _("Elected at the assembly of %(date)s") % {"date": display.day(election.held_on)}
    for seat, _candidacy in plan.extended:
        seat.ends = max(seat.ends or election.term_ends, election.term_ends)
        seat.note = (
            _("Re-elected at the assembly of %(date)s") % {"date": display.day(election.held_on)}
        )[:200]
        seat.save(update_fields=["ends", "note"])
    for candidacy in plan.incoming:
        Seat.objects.create(
            body=plan.council,
            person_id=candidacy.person_id,
            organisation=candidacy.organisation,
            mode=SeatMode.ELECTED,
            college=candidacy.college,
            mrc=candidacy.mrc,
            starts=election.held_on,
            ends=election.term_ends,
            note=note,
        )


# ---------------------------------------------------------------------------------------------
# Candidacies
# ---------------------------------------------------------------------------------------------


def propose(election, person, organisation, statement="", *, by=None, base_url=None):
    """`person` runs for `organisation`, in its college; its delegate confirms later. With a
    `base_url`, the organisation's delegates are emailed that a candidacy waits for them."""
    if not election.accepts_candidacies:
        raise ElectionError(_("Nominations are closed for this election."))
    if not organisation.is_active:
        raise ElectionError(_("Only people of an active member organisation may run."))
    if not Affiliation.objects.current().filter(person=person, organisation=organisation).exists():
        raise ElectionError(_("The candidate must belong to the organisation they run for."))
    if not election.colleges.filter(college=organisation.college).exists():
        raise ElectionError(_("This election has no seat in the organisation’s college."))
    try:
        with transaction.atomic():
            candidacy = Candidacy.objects.create(
                election=election,
                person=person,
                organisation=organisation,
                statement=statement,
                proposed_by=by if by is not None and by.is_authenticated else None,
            )
            if base_url is not None:
                from elections.tasks import send_candidacy_to_confirm

                delegates = delegate_of_organisation(organisation).exclude(person__email="")
                enqueue_each_after_commit(
                    send_candidacy_to_confirm,
                    [
                        {"person_id": pk, "candidacy_id": candidacy.pk, "base_url": base_url}
                        for pk in delegates.values_list("person_id", flat=True).distinct()
                    ],
                )
            return candidacy
    except IntegrityError:
        raise ElectionError(_("This person already runs in this election.")) from None


def delegate_of_organisation(organisation):
    """The current delegate representations of `organisation`."""
    return Representation.objects.current().filter(
        organisation=organisation, kind=RepresentationKind.DELEGATE
    )


def delegate_of(person, organisation):
    return Representation.objects.current().filter(
        person=person, organisation=organisation, kind=RepresentationKind.DELEGATE
    )


def delegate_of_any(person):
    """The organisations `person` is the delegate of today."""
    return (
        Representation.objects.current()
        .filter(person=person, kind=RepresentationKind.DELEGATE)
        .values("organisation")
    )


def confirm(candidacy, person):
    """The organisation's delegate confirms that `candidacy` runs in its name."""
    if not candidacy.election.accepts_candidacies:
        raise ElectionError(_("Nominations are closed for this election."))
    if candidacy.status != CandidacyStatus.PROPOSED:
        raise ElectionError(_("This candidacy is not awaiting confirmation."))
    if not delegate_of(person, candidacy.organisation).exists():
        raise ElectionError(_("Only the organisation’s delegate confirms its candidacies."))
    candidacy.status = CandidacyStatus.CONFIRMED
    candidacy.confirmed_by = person
    candidacy.save(update_fields=["status", "confirmed_by"])
    return candidacy


def refuse(candidacy, person, reason, *, base_url=None):
    """The organisation's delegate refuses that `candidacy` runs in its name, saying why; the
    candidate (and whoever entered the candidacy for them) is told by email."""
    if not reason.strip():
        raise ElectionError(_("Say why you refuse this candidacy."))
    with transaction.atomic():
        candidacy = Candidacy.objects.select_for_update().get(pk=candidacy.pk)
        if not candidacy.election.accepts_candidacies:
            raise ElectionError(_("Nominations are closed for this election."))
        if candidacy.status != CandidacyStatus.PROPOSED:
            raise ElectionError(_("This candidacy is not awaiting confirmation."))
        if not delegate_of(person, candidacy.organisation).exists():
            raise ElectionError(_("Only the organisation’s delegate refuses its candidacies."))
        candidacy.status = CandidacyStatus.REFUSED
        candidacy.refusal_reason = reason.strip()
        candidacy.confirmed_by = person
        candidacy.save(update_fields=["status", "refusal_reason", "confirmed_by"])
        if base_url is not None:
            from elections.tasks import send_candidacy_refused

            told = {candidacy.person_id}
            proposer = getattr(candidacy.proposed_by, "person", None)
            if proposer is not None:
                told.add(proposer.pk)
            enqueue_each_after_commit(
                send_candidacy_refused,
                [
                    {"person_id": pk, "candidacy_id": candidacy.pk, "base_url": base_url}
                    for pk in sorted(told)
                ],
            )
    return candidacy


def withdraw(candidacy):
    """The candidate (or the ADOC team on their word) withdraws, before voting opens."""
    if not candidacy.election.accepts_candidacies:
        raise ElectionError(_("Candidates may withdraw only until voting opens."))
    if candidacy.status == CandidacyStatus.WITHDRAWN:
        raise ElectionError(_("This candidacy was already withdrawn."))
    candidacy.status = CandidacyStatus.WITHDRAWN
    candidacy.save(update_fields=["status"])
    return candidacy


# ---------------------------------------------------------------------------------------------
# Voting
# ---------------------------------------------------------------------------------------------


def elector_for(election, person):
    """The elector `person` votes for as its delegate today, or None. Someone who is the
    delegate of several organisations gets one that has not voted yet first."""
    if person is None:
        return None
    return (
        election.electors.filter(organisation__in=delegate_of_any(person))
        .annotate(voted=Exists(Participation.objects.filter(elector=OuterRef("pk"))))
        .select_related("organisation")
        .order_by("voted", "pk")
        .first()
    )


def has_voted(elector):
    """Reads the `voted` annotation of `elector_for()` when there."""
    if elector is None:
        return False
    voted = getattr(elector, "voted", None)
    if voted is None:
        voted = Participation.objects.filter(elector=elector).exists()
    return voted


def participation_count(election):
    return Participation.objects.filter(elector__election=election).count()


def receipt_hash(code):
    normalised = "".join(code.upper().split()).replace("-", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def new_receipt_code():
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def ballot_colleges(election):
    """The colleges with a contest: acclaimed colleges have no ballot."""
    return [row for row in election.colleges.all() if not row.acclaimed]


def cast(election, person, selections):
    """Cast the ballot of `person`'s organisation; returns the receipt code (shown once).

    `selections` maps each college to the candidacies chosen in it (none: a blank ballot).
    Under the election's row lock (which closing the vote takes too), the state is checked
    again and the participation and the ballot are written in one transaction: a vote either
    counts, with its receipt, or is refused. The unique constraint on Participation makes a
    second ballot fail, and the ballot with it. The ballot goes into the pool, sealed, and
    reaches the box in a shuffled batch (elections/ballot_box.py): nothing stored links it to
    the participation.
    """
    if not election.is_voting_open:
        raise ElectionError(_("Voting is not open for this election at the moment."))
    elector = elector_for(election, person)
    if elector is None:
        raise ElectionError(
            _("Only the delegate of a member organisation on the list of electors may vote.")
        )
    contested = {row.college: row for row in ballot_colleges(election)}
    chosen = []
    for college, candidacies in selections.items():
        row = contested.get(college)
        if row is None:
            raise ElectionError(_("There is no vote in this college."))
        if len(candidacies) > row.seats:
            raise ElectionError(
                _("Choose at most %(seats)s people in the college “%(college)s”.")
                % {"seats": row.seats, "college": row.get_college_display()}
            )
        for candidacy in candidacies:
            if (
                candidacy.election_id != election.pk
                or candidacy.college != college
                or not candidacy.is_confirmed
            ):
                raise ElectionError(
                    _("%(name)s does not run in the college “%(college)s”.")
                    % {"name": candidacy.person, "college": row.get_college_display()}
                )
        chosen.extend(candidacies)
    code = new_receipt_code()
    with transaction.atomic():
        election = _locked(election)
        if not election.is_voting_open:
            raise ElectionError(_("Voting is not open for this election at the moment."))
        try:
            with transaction.atomic():
                Participation.objects.create(elector=elector, cast_by=person)
        except IntegrityError:
            raise ElectionError(
                _(
                    "%(organisation)s has already voted in this election; a ballot cannot be "
                    "changed."
                )
                % {"organisation": elector.organisation}
            ) from None
        ballot_box.drop_in(election, receipt_hash(code), [c.pk for c in chosen])
    return code


def check_receipt(election, code):
    """Whether a ballot with this receipt code is in the ballot box (its content stays secret)."""
    fingerprint = receipt_hash(code)
    return (
        Ballot.objects.filter(election=election, receipt_hash=fingerprint).exists()
        or PendingBallot.objects.filter(election=election, receipt_hash=fingerprint).exists()
    )


# ---------------------------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------------------------


def tally(election):
    """Votes per candidacy and non-blank ballots per college, from the stored ballots.

    Two aggregate queries, whatever the number of ballots.
    """
    # Filtered through the (small) candidacy table rather than a join with every ballot.
    choices = BallotChoice.objects.filter(candidacy__election=election)
    votes = dict(choices.values("candidacy").annotate(n=Count("pk")).values_list("candidacy", "n"))
    marked = dict(
        choices.values("candidacy__college")
        .annotate(n=Count("ballot", distinct=True))
        .values_list("candidacy__college", "n")
    )
    return votes, marked


def count(election):
    """Count the votes (online: from the ballots; paper: from the entered counts) and decide
    who is elected by plural block voting in each college, flagging a tie at the last seat."""
    colleges = list(election.colleges.all())
    candidacies = list(election.candidacies.confirmed())
    if not election.is_paper:
        votes, marked = tally(election)
        total = election.ballots.count()
        for row in colleges:
            if not row.acclaimed:
                row.ballots, row.spoiled = total, 0
                row.blank = total - marked.get(row.college, 0)
        for candidacy in candidacies:
            candidacy.votes = votes.get(candidacy.pk, 0)
    elif election.paper_entered_by_id is None:
        raise ElectionError(_("Enter the counts of the paper ballots first."))
    for row in colleges:
        running = [c for c in candidacies if c.college == row.college]
        decide(row, running)
    apply_mrc_minimum(election, colleges, candidacies)
    for row in colleges:
        row.save()
    Candidacy.objects.bulk_update(
        candidacies, ["votes", "elected", "tied", "by_mrc_minimum"], batch_size=500
    )
    election.save(update_fields=["mrc_note"])
    verification.seal(election, fresh=True)


def decide(row, running):
    """Plural block voting in one college: the `seats` most voted are elected; candidates tied
    at the last seat stay undecided (`elected` None) until the ADOC team breaks the tie."""
    row.tie = False
    row.tie_method, row.tie_note, row.tie_broken_by, row.tie_broken_at = "", "", None, None
    for candidacy in running:
        candidacy.tied = candidacy.by_mrc_minimum = False
    if row.acclaimed or len(running) <= row.seats:
        row.acclaimed = True
        row.ballots = row.blank = row.spoiled = None
        for candidacy in running:
            candidacy.elected, candidacy.votes = True, None
        return
    running.sort(key=lambda c: -(c.votes or 0))
    last = running[row.seats - 1].votes or 0
    first_out = running[row.seats].votes or 0
    for candidacy in running:
        votes = candidacy.votes or 0
        if first_out == last and votes == last:
            candidacy.elected, candidacy.tied = None, True
        else:
            candidacy.elected = votes >= last and votes > first_out
    row.tie = first_out == last


def break_tie(row, winners, method, note, user):
    """Record how the ADOC team broke the tie at the last seat of a college: `winners` among
    the tied candidates take the remaining seats."""
    _check_agent(user)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=row.election_id)
        row.refresh_from_db()
        if election.state != ElectionState.COUNTED or not row.tie_pending:
            raise ElectionError(_("There is no tie to break in this college."))
        running = list(election.candidacies.confirmed().filter(college=row.college))
        tied = [c for c in running if c.tied]
        remaining = row.seats - sum(1 for c in running if c.elected)
        winner_ids = {c.pk for c in winners}
        if len(winner_ids) != remaining or not winner_ids <= {c.pk for c in tied}:
            raise ElectionError(
                _("Choose exactly %(count)s of the tied candidates.") % {"count": remaining}
            )
        for candidacy in tied:
            candidacy.elected = candidacy.pk in winner_ids
        row.tie_method, row.tie_note = method, note
        row.tie_broken_by, row.tie_broken_at = user, timezone.now()
        row.save()
        Candidacy.objects.bulk_update(tied, ["elected"])
        colleges = list(election.colleges.all())
        candidacies = list(election.candidacies.confirmed())
        apply_mrc_minimum(election, colleges, candidacies)
        Candidacy.objects.bulk_update(candidacies, ["elected", "by_mrc_minimum"])
        election.save(update_fields=["mrc_note"])
        verification.seal(election, tie_winners={row.college: sorted(winner_ids)})


def apply_mrc_minimum(election, colleges, candidacies):
    """Make sure each MRC has at least `election.mrc_minimum` people elected.

    Applied once every tie is broken. While an MRC is short, its most voted candidate not
    elected replaces the least voted person elected in the same college whose MRC can spare a
    seat; acclaimed colleges are left alone. Writes the explanation to `election.mrc_note`.
    """
    election.mrc_note = ""
    minimum = election.mrc_minimum
    if not minimum or any(row.tie and not row.tie_broken_at for row in colleges):
        return
    acclaimed = {row.college for row in colleges if row.acclaimed}
    notes = []
    # The parts of the territory the minimum applies to (an organisation serving the whole
    # territory counts for none).
    parts = territory.parts_of_the_territory()

    def elected_in(mrc):
        return sum(1 for c in candidacies if c.elected and c.mrc == mrc)

    for mrc in parts:
        while elected_in(mrc) < minimum:
            swap = None
            newcomers = sorted(
                (
                    c
                    for c in candidacies
                    if not c.elected and c.mrc == mrc and c.college not in acclaimed
                ),
                key=lambda c: -(c.votes or 0),
            )
            for newcomer in newcomers:
                leaving = sorted(
                    (
                        c
                        for c in candidacies
                        if c.elected
                        and c.college == newcomer.college
                        and c.mrc != mrc
                        and not c.by_mrc_minimum
                        and (c.mrc not in parts or elected_in(c.mrc) > minimum)
                    ),
                    key=lambda c: c.votes or 0,
                )
                if leaving:
                    swap = newcomer, leaving[0]
                    break
            if swap is None:
                notes.append(
                    _("The minimum of %(minimum)s elected for the MRC %(mrc)s could not be met.")
                    % {"minimum": minimum, "mrc": territory.label(Territory, mrc)}
                )
                break
            newcomer, leaving = swap
            newcomer.elected, newcomer.by_mrc_minimum = True, True
            leaving.elected = False
            notes.append(
                _(
                    "MRC minimum (%(minimum)s per MRC): %(in)s (%(mrc)s, %(in_votes)s votes) takes "
                    "the seat of %(out)s (%(out_votes)s votes) in the same college."
                )
                % {
                    "minimum": minimum,
                    "in": newcomer.person,
                    "mrc": territory.label(Territory, mrc),
                    "in_votes": newcomer.votes or 0,
                    "out": leaving.person,
                    "out_votes": leaving.votes or 0,
                }
            )
    if not notes:
        notes.append(
            _("The MRC minimum (%(minimum)s per MRC) was met by the vote itself.")
            % {"minimum": minimum}
        )
    election.mrc_note = "\n".join(notes)


# ---------------------------------------------------------------------------------------------
# Paper ballots
# ---------------------------------------------------------------------------------------------


def enter_paper_counts(election, colleges, votes, user):
    """Record the counts of the paper ballots: `colleges` maps each college row to (ballots,
    blank, spoiled), `votes` each candidacy to its votes. A new entry needs a new confirmation."""
    _check_agent(user)
    if not election.is_paper or election.state != ElectionState.VOTING:
        raise ElectionError(_("Paper counts are entered while the paper vote is open."))
    with transaction.atomic():
        election = _locked(election)
        electors = election.electors.count()
        for row, (ballots, blank, spoiled) in colleges.items():
            if row.election_id != election.pk or row.acclaimed:
                raise ElectionError(_("There is no vote in this college."))
            if ballots > electors:
                raise ElectionError(
                    _(
                        "%(ballots)s ballots in the college “%(college)s” for %(electors)s "
                        "electors: there cannot be more ballots than electors."
                    )
                    % {
                        "ballots": ballots,
                        "college": row.get_college_display(),
                        "electors": electors,
                    }
                )
            if blank + spoiled > ballots:
                raise ElectionError(
                    _("Blank and spoiled ballots cannot outnumber the ballots cast.")
                )
        for row, (ballots, blank, spoiled) in colleges.items():
            row.ballots, row.blank, row.spoiled = ballots, blank, spoiled
            row.save(update_fields=["ballots", "blank", "spoiled"])
        for candidacy, number in votes.items():
            candidacy.votes = number
        Candidacy.objects.bulk_update(list(votes), ["votes"])
        election.paper_entered_by, election.paper_entered_at = user, timezone.now()
        election.paper_confirmed_by = election.paper_confirmed_at = None
        election.paper_refusal = ""
        election.version += 1
        election.save(
            update_fields=[
                "paper_entered_by",
                "paper_entered_at",
                "paper_confirmed_by",
                "paper_confirmed_at",
                "paper_refusal",
                "version",
            ]
        )
    return election


def confirm_paper_counts(election, user):
    """A second ADOC agent, not the one who entered them, confirms the paper counts."""
    _check_agent(user)
    with transaction.atomic():
        election = _locked(election)
        if not election.is_paper or election.paper_entered_by_id is None:
            raise ElectionError(_("There are no paper counts to confirm."))
        if election.paper_entered_by_id == user.pk:
            raise ElectionError(
                _(
                    "The counts must be confirmed by another ADOC agent than the one who "
                    "entered them."
                )
            )
        if election.state not in (ElectionState.VOTING, ElectionState.COUNTED):
            raise ElectionError(_("The counts can no longer be confirmed."))
        election.paper_confirmed_by, election.paper_confirmed_at = user, timezone.now()
        election.version += 1
        election.save(update_fields=["paper_confirmed_by", "paper_confirmed_at", "version"])
    return election


def refuse_paper_counts(election, user, reason):
    """The second ADOC agent refuses the paper counts, saying why: they go back to be entered
    again (the figures stay as the starting point), and the history keeps the reason."""
    _check_agent(user)
    if not reason.strip():
        raise ElectionError(_("Say why the counts are sent back."))
    with transaction.atomic():
        election = _locked(election)
        if (
            not election.is_paper
            or election.paper_entered_by_id is None
            or election.paper_confirmed_by_id is not None
        ):
            raise ElectionError(_("There are no paper counts awaiting confirmation."))
        if election.paper_entered_by_id == user.pk:
            raise ElectionError(
                _("The counts are checked by another ADOC agent than the one who entered them.")
            )
        if election.state != ElectionState.VOTING:
            raise ElectionError(_("The counts can no longer be sent back."))
        election.paper_refusal = reason.strip()
        election.paper_entered_by = election.paper_entered_at = None
        _record(
            election,
            user,
            _("Paper counts sent back: %(reason)s") % {"reason": election.paper_refusal},
        )
    return election
