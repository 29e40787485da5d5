"""Elections of the comité conseil by the assembly: candidacies, electors, secret ballots, counts.

Ballot secrecy is a property of the storage (elections/ballot_box.py, README « Secret du
vote »): `Ballot` and `BallotChoice` hold what was chosen, with random UUID keys and no
timestamp, user, organisation or ordered id; `Participation` holds the fact that an elector
voted, apart. A ballot first waits, sealed, in the pool (`PendingBallot`); it reaches the box in
a shuffled batch, and the box is rewritten in random order at each batch and when voting closes,
so that neither row order, ids nor transaction ids follow the order of the participations.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models import (
    Body,
    BodyKind,
    Organisation,
    Person,
    Representation,
    RepresentationKind,
)
from governance.models.territory import (
    College,
    Territory,
    college_choices,
    held_in,
    territory_choices,
)
from infrastructure.choices import QuickChoiceLabels
from infrastructure.periods import today
from infrastructure.versioning import Versioned


class ElectionState(models.TextChoices):
    PREPARATION = "preparation", _("In preparation")
    NOMINATIONS = "nominations", _("Nominations open")
    VOTING = "voting", _("Voting open")
    COUNTED = "counted", _("Counted")
    PUBLISHED = "published", _("Results published")
    CANCELLED = "cancelled", _("Cancelled")


# Where each state may go next (cancelling is possible until the results are published).
TRANSITIONS = {
    ElectionState.PREPARATION: [ElectionState.NOMINATIONS, ElectionState.CANCELLED],
    ElectionState.NOMINATIONS: [ElectionState.VOTING, ElectionState.CANCELLED],
    ElectionState.VOTING: [ElectionState.COUNTED, ElectionState.CANCELLED],
    ElectionState.COUNTED: [ElectionState.PUBLISHED, ElectionState.CANCELLED],
    ElectionState.PUBLISHED: [],
    ElectionState.CANCELLED: [],
}


class VotingMode(models.TextChoices):
    ONLINE = "online", _("Online ballot")
    PAPER = "paper", _("Paper ballots at the assembly")


class ElectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Elections in preparation are the ADOC team's draft: nobody else sees them."""
        if user.has_perm("elections.manage_election"):
            return self
        return self.exclude(state=ElectionState.PREPARATION)

    def in_progress(self):
        """Elections partners can act on: nominations, voting, or counted and not yet published."""
        return self.filter(
            state__in=[ElectionState.NOMINATIONS, ElectionState.VOTING, ElectionState.COUNTED]
        ).order_by("held_on")

    def published(self):
        return self.filter(state=ElectionState.PUBLISHED)

    def open_for_voting(self):
        on = today()
        return self.filter(state=ElectionState.VOTING, voting_opens__lte=on, voting_closes__gte=on)


class Election(Versioned):
    """An election of the comité conseil, held by the assembly on a given day."""

    assembly = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="elections",
        limit_choices_to={"kind": BodyKind.ASSEMBLY},
        verbose_name=_("assembly"),
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(
        _("assembly date"), help_text=_("The day of the assembly; elected terms start then.")
    )
    term_years = models.PositiveSmallIntegerField(
        _("term length (years)"),
        default=2,
        help_text=_("Terms are staggered: half of the comité is elected at each election."),
    )
    mrc_minimum = models.PositiveSmallIntegerField(
        _("minimum elected per MRC"),
        default=0,
        help_text=_(
            "At least this many of the people elected must come from each MRC of the "
            "territory; 0 for no minimum."
        ),
    )
    mode = models.CharField(
        _("voting"), max_length=20, choices=VotingMode.choices, default=VotingMode.ONLINE
    )
    nominations_open = models.DateField(_("nominations open on"))
    nominations_close = models.DateField(_("nominations close on"))
    voting_opens = models.DateField(_("voting opens on"))
    voting_closes = models.DateField(_("voting closes on"))
    state = models.CharField(
        _("state"), max_length=20, choices=ElectionState.choices, default=ElectionState.PREPARATION
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    mrc_note = models.TextField(_("how the MRC minimum was applied"), blank=True)
    paper_entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_counts_entered",
        verbose_name=_("paper counts entered by"),
    )
    paper_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="paper_counts_confirmed",
        verbose_name=_("paper counts confirmed by"),
    )
    paper_entered_at = models.DateTimeField(_("paper counts entered on"), null=True, blank=True)
    paper_confirmed_at = models.DateTimeField(_("paper counts confirmed on"), null=True, blank=True)
    # What the count, the tie-breaks and publishing decided, and its seal (an HMAC keyed by the
    # portal's secret key, not in the database): `verify_election` compares both with a recount
    # and with what is stored now (elections/verification.py).
    results_record = models.JSONField(_("recorded results"), null=True, blank=True, editable=False)
    results_seal = models.CharField(
        _("seal of the results"), max_length=64, blank=True, editable=False
    )
    paper_refusal = models.TextField(
        _("why the paper counts were sent back"),
        blank=True,
        help_text=_("Left by the second agent who refused the counts; cleared by a new entry."),
    )

    objects = ElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["state"], name="election_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close__gte=F("nominations_open")),
                name="election_nominations_close_after_open",
                violation_error_message=_("Nominations close on or after the day they open."),
            ),
            models.CheckConstraint(
                condition=Q(voting_opens__gte=F("nominations_close")),
                name="election_voting_after_nominations",
                violation_error_message=_("Voting opens on or after the day nominations close."),
            ),
            models.CheckConstraint(
                condition=Q(voting_closes__gte=F("voting_opens")),
                name="election_voting_closes_after_opens",
                violation_error_message=_("Voting closes on or after the day it opens."),
            ),
            models.CheckConstraint(
                condition=Q(term_years__gte=1),
                name="election_term_at_least_one_year",
                violation_error_message=_("A term lasts at least one year."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=ElectionState.values),
                name="election_state_valid",
                violation_error_message=_("Choose one of the states offered."),
            ),
            # The second agent who confirms paper counts is not the one who entered them.
            models.CheckConstraint(
                condition=Q(paper_confirmed_by__isnull=True)
                | ~Q(paper_confirmed_by=F("paper_entered_by")),
                name="election_paper_confirmed_by_another_agent",
                violation_error_message=_(
                    "The paper counts are confirmed by another agent than the one who entered them."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("elections:election-detail", args=[self.pk])

    def clean(self):
        if self.assembly_id and self.assembly.kind != BodyKind.ASSEMBLY:
            raise ValidationError({"assembly": _("Elections are held by the assembly.")})

    @property
    def is_paper(self):
        return self.mode == VotingMode.PAPER

    @property
    def is_published(self):
        return self.state == ElectionState.PUBLISHED

    @property
    def next_states(self):
        return TRANSITIONS[ElectionState(self.state)]

    @property
    def has_ballot_box(self):
        """Whether receipts can be checked: online voting has opened."""
        return not self.is_paper and self.state in (
            ElectionState.VOTING,
            ElectionState.COUNTED,
            ElectionState.PUBLISHED,
        )

    @property
    def accepts_candidacies(self):
        return self.state in (ElectionState.PREPARATION, ElectionState.NOMINATIONS)

    @property
    def is_voting_open(self):
        on = today()
        return self.state == ElectionState.VOTING and self.voting_opens <= on <= self.voting_closes

    @property
    def term_ends(self):
        try:
            ends = self.held_on.replace(year=self.held_on.year + self.term_years)
        except ValueError:  # February 29
            ends = self.held_on.replace(year=self.held_on.year + self.term_years, day=28)
        return ends - datetime.timedelta(days=1)


class ElectionCollege(QuickChoiceLabels, models.Model):
    """The seats an election fills in one college, and, once counted, that college's tally."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="colleges", verbose_name=_("election")
    )
    college = models.CharField(_("college"), max_length=20, choices=college_choices)
    seats = models.PositiveSmallIntegerField(_("seats"))
    # Filled by the count (or the paper entry): ballots cast in this college, of which blank
    # (no name) and spoiled (paper only).
    ballots = models.PositiveIntegerField(_("ballots"), null=True, blank=True)
    blank = models.PositiveIntegerField(_("blank ballots"), null=True, blank=True)
    spoiled = models.PositiveIntegerField(_("spoiled ballots"), null=True, blank=True)
    acclaimed = models.BooleanField(_("elected by acclamation"), default=False)
    tie = models.BooleanField(_("tie at the last seat"), default=False)
    tie_method = models.CharField(_("tie broken by"), max_length=20, blank=True)
    tie_note = models.TextField(_("how the tie was broken"), blank=True)
    tie_broken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="election_ties_broken",
        verbose_name=_("tie broken by"),
    )
    tie_broken_at = models.DateTimeField(_("tie broken on"), null=True, blank=True)

    class Meta:
        verbose_name = _("college of an election")
        verbose_name_plural = _("colleges of an election")
        ordering = ["college"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "college"],
                name="one_row_per_college",
                violation_error_message=_("This election already has seats for this college."),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="election_college_one_seat",
                violation_error_message=_("A college elects at least one seat."),
            ),
        ]

    def __str__(self):
        return f"{self.election} – {self.get_college_display()}: {self.seats}"

    @property
    def tie_pending(self):
        return self.tie and not self.tie_broken_at

    @property
    def valid_ballots(self):
        return (self.ballots or 0) - (self.spoiled or 0)


class TieMethod(models.TextChoices):
    DRAW = "draw", _("Drawing lots")
    SECOND_ROUND = "second_round", _("Second round at the assembly")


class Transition(QuickChoiceLabels, models.Model):
    """A change of an election's state: from what, to what, by whom and when."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("election")
    )
    source = models.CharField(_("from"), max_length=20, choices=ElectionState.choices)
    target = models.CharField(_("to"), max_length=20, choices=ElectionState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="election_transitions",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("on"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.election}: {self.get_source_display()} → {self.get_target_display()}"


class CandidacyStatus(models.TextChoices):
    PROPOSED = "proposed", _("Awaiting the delegate’s confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused by the delegate")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CandidacyQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=CandidacyStatus.CONFIRMED)

    def awaiting(self, person):
        """Candidacies waiting for `person`'s confirmation as the delegate of their
        organisation, in elections still taking candidacies."""
        delegates = Representation.objects.current().filter(
            person=person, kind=RepresentationKind.DELEGATE
        )
        return self.filter(
            status=CandidacyStatus.PROPOSED,
            organisation__in=delegates.values("organisation"),
            election__state__in=[ElectionState.PREPARATION, ElectionState.NOMINATIONS],
        )

    def for_listing(self):
        return self.select_related("person", "organisation").order_by(
            "college", "person__last_name", "person__first_name"
        )


class Candidacy(QuickChoiceLabels, models.Model):
    """A person of a member organisation running in their organisation's college."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="candidacies", verbose_name=_("election")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="candidacies", verbose_name=_("candidate")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("for the organisation"),
    )
    college = models.CharField(_("college"), max_length=20, choices=college_choices)
    mrc = models.CharField(_("MRC"), max_length=20, choices=territory_choices)
    statement = models.TextField(_("statement"), max_length=1500, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CandidacyStatus.choices,
        default=CandidacyStatus.PROPOSED,
    )
    confirmed_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies_confirmed",
        verbose_name=_("confirmed by"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidacies_proposed",
        verbose_name=_("proposed by"),
    )
    refusal_reason = models.TextField(_("why the delegate refused it"), blank=True)
    # Filled by the count.
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    elected = models.BooleanField(_("elected"), null=True, blank=True)
    tied = models.BooleanField(_("tied at the last seat"), default=False)
    by_mrc_minimum = models.BooleanField(_("elected by the MRC minimum"), default=False)

    objects = CandidacyQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["college", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"],
                name="one_candidacy_per_person_and_election",
                violation_error_message=_("This person is already a candidate in this election."),
            ),
        ]
        indexes = [models.Index(fields=["election", "status"], name="candidacy_status_idx")]

    def __str__(self):
        return f"{self.person} ({self.organisation})"

    def save(self, *args, **kwargs):
        if self._state.adding and self.organisation_id:
            self.college = self.college or self.organisation.college
            self.mrc = self.mrc or self.organisation.mrc
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self):
        return self.status == CandidacyStatus.CONFIRMED


class Elector(QuickChoiceLabels, models.Model):
    """An organisation allowed to vote, frozen when voting opens; its delegate casts the vote."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="electors", verbose_name=_("election")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="electors",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electors")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"],
                name="one_elector_per_organisation",
                violation_error_message=_("This organisation is already on the list of electors."),
            )
        ]

    def __str__(self):
        return f"{self.election} – {self.organisation}"


class Participation(QuickChoiceLabels, models.Model):
    """That an elector voted (never what it chose): the record of who voted.

    Its unique constraint is what makes a second ballot impossible, even when two requests
    arrive at once: the ballot is written in the same transaction, and rolled back with it.
    """

    elector = models.ForeignKey(
        Elector, on_delete=models.PROTECT, related_name="participations", verbose_name=_("elector")
    )
    cast_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="election_participations",
        verbose_name=_("cast by"),
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["elector"],
                name="one_ballot_per_elector",
                violation_error_message=_("This elector has already voted."),
            )
        ]

    def __str__(self):
        return str(self.elector)


class ImmutableQuerySet(models.QuerySet):
    """Ballots are written once and never changed or deleted, even in bulk."""

    def update(self, **kwargs):
        raise ValidationError(_("A ballot cannot be changed."))

    def delete(self):
        raise ValidationError(_("A ballot cannot be deleted."))


class ImmutableModel(QuickChoiceLabels, models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A ballot cannot be changed."))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A ballot cannot be deleted."))


class Ballot(ImmutableModel):
    """One secret ballot: a random key, its election and the hash of its receipt code. Nothing
    else, and in particular no organisation, person, time or ordered id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("election")
    )
    receipt_hash = models.CharField(_("receipt fingerprint"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return str(_("Secret ballot"))


class PendingBallot(QuickChoiceLabels, models.Model):
    """A ballot cast and not yet in the box: its receipt's fingerprint and its choices, sealed
    (encrypted and authenticated with a key derived from the portal's secret key, which is not
    in the database nor in its backups). Random key, no time, nothing about who cast it; the
    pool is rewritten in random order at every cast (elections/ballot_box.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election,
        on_delete=models.PROTECT,
        related_name="pending_ballots",
        verbose_name=_("election"),
    )
    receipt_hash = models.CharField(_("receipt fingerprint"), max_length=64, unique=True)
    sealed = models.TextField(_("sealed choices"))

    class Meta:
        verbose_name = _("ballot waiting for the box")
        verbose_name_plural = _("ballots waiting for the box")

    def __str__(self):
        return str(_("Secret ballot"))


class BallotChoice(ImmutableModel):
    """A name marked on a ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, on_delete=models.PROTECT, related_name="choices", verbose_name=_("ballot")
    )
    candidacy = models.ForeignKey(
        Candidacy, on_delete=models.PROTECT, related_name="choices", verbose_name=_("candidacy")
    )

    class Meta:
        verbose_name = _("choice on a ballot")
        verbose_name_plural = _("choices on ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "candidacy"],
                name="one_mark_per_name",
                violation_error_message=_("A name is marked only once on a ballot."),
            )
        ]

    def __str__(self):
        return str(self.candidacy)


# The colleges and parts of the territory these rows name (governance.models.territory).
held_in(College, ElectionCollege, "college")
held_in(College, Candidacy, "college")
held_in(Territory, Candidacy, "mrc")
