from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models.partners import Organisation, Person
from governance.models.territory import college_choices, territory_choices
from infrastructure.choices import QuickChoiceLabels
from infrastructure.collation import FRENCH
from infrastructure.periods import Period, PeriodQuerySet


class BodyKind(models.TextChoices):
    ASSEMBLY = "assembly", _("Partners’ assembly")
    COUNCIL = "council", _("Comité conseil")
    CHANTIER = "chantier", _("Chantier decision committee")
    ADOC = "adoc", _("ADOC team")
    OTHER = "other", _("Other body")


# The alliance has exactly one assembly, one comité conseil and one ADOC team.
SINGULAR_BODY_KINDS = [BodyKind.ASSEMBLY, BodyKind.COUNCIL, BodyKind.ADOC]


class BodyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_current_seats(self):
        """Prefetch each body's current seats (as `current_seats`) with who holds them."""
        return self.prefetch_related(
            Prefetch(
                "seats",
                queryset=Seat.objects.current().select_related("person", "organisation"),
                to_attr="current_seats",
            )
        )


class Body(QuickChoiceLabels, models.Model):
    """A body of the alliance: the assembly, the comité conseil, a chantier committee, ADOC."""

    name = models.CharField(_("name"), max_length=150, unique=True, db_collation=FRENCH)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    alias = models.CharField(
        _("also called"), max_length=150, blank=True, help_text=_("Another name in use.")
    )
    summary = models.CharField(
        _("role in one sentence"), max_length=300, help_text=_("Shown on the organigram.")
    )
    mandate = models.TextField(_("mandate"), blank=True)
    meeting_frequency = models.CharField(_("meets"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order on the organigram, smallest first.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    # history: registered in translation.py, with the English columns.
    objects = BodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=SINGULAR_BODY_KINDS),
                name="one_assembly_council_and_adoc_team",
                violation_error_message=_(
                    "The alliance has one assembly, one comité conseil and one ADOC team: a "
                    "body of this kind already exists."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:body-detail", args=[self.slug])

    @property
    def is_assembly(self):
        return self.kind == BodyKind.ASSEMBLY

    @property
    def is_adoc_team(self):
        return self.kind == BodyKind.ADOC

    def current_member_ids(self):
        """Who sits on the body now; ADOC agents supporting it are not its members (but the
        ADOC team's own agents are). Reads the prefetched `current_seats`."""
        return {
            seat.person_id
            for seat in self.current_seats
            if self.is_adoc_team or seat.role != SeatRole.SUPPORT
        }

    def composition(self):
        """Each declared quota with its filled and vacant seats.

        Reads `current_seats` and `quotas` when they were prefetched, so that a list of
        bodies costs no query per body.
        """
        seats = getattr(self, "current_seats", None)
        if seats is None:
            seats = list(self.seats.current())
        voting = [seat for seat in seats if seat.is_voting]
        rows = []
        for quota in self.quotas.all():
            filled = sum(1 for seat in voting if quota.counts(seat))
            rows.append({"quota": quota, "filled": filled, "vacant": max(quota.seats - filled, 0)})
        return rows


class SeatQuota(QuickChoiceLabels, models.Model):
    """How many voting seats a body wants for a college and/or an MRC (its declared composition)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("body")
    )
    college = models.CharField(_("college"), max_length=20, choices=college_choices, blank=True)
    mrc = models.CharField(_("MRC"), max_length=20, choices=territory_choices, blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seat quota")
        verbose_name_plural = _("seat quotas")
        ordering = ["college", "mrc"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "college", "mrc"],
                name="one_quota_per_group",
                violation_error_message=_(
                    "This body already has a quota for this college and MRC: change that one "
                    "instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(seats__gte=1),
                name="quota_at_least_one_seat",
                violation_error_message=_("A quota counts at least one seat."),
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.seats}"

    @property
    def label(self):
        parts = [self.get_college_display(), self.get_mrc_display()]
        return " · ".join(part for part in parts if part) or _("All seats")

    def counts(self, seat):
        """Whether `seat` fills this quota."""
        return (not self.college or seat.college == self.college) and (
            not self.mrc or seat.mrc == self.mrc
        )


class BodyLinkKind(models.TextChoices):
    ELECTS = "elects", _("elects")
    REPORTS_TO = "reports_to", _("reports to")
    SUPPORTS = "supports", _("supports")


class BodyLink(QuickChoiceLabels, models.Model):
    """How two bodies relate: the assembly elects the comité, a chantier reports to it…"""

    source = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="outgoing_links", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="incoming_links", verbose_name=_("to")
    )
    kind = models.CharField(_("link"), max_length=20, choices=BodyLinkKind.choices)

    class Meta:
        verbose_name = _("link between bodies")
        verbose_name_plural = _("links between bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                name="one_link_of_a_kind",
                violation_error_message=_("These two bodies are already linked this way."),
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="link_between_two_bodies",
                violation_error_message=_("A body is linked to another body, not to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"


class SeatRole(models.TextChoices):
    """In the order members are listed: officers first."""

    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    COORDINATION = "coordination", _("Coordination")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer (non-voting)")
    SUPPORT = "support", _("ADOC support (non-voting)")


NON_VOTING_ROLES = [SeatRole.OBSERVER, SeatRole.SUPPORT]


class SeatMode(models.TextChoices):
    ELECTED = "elected", _("Elected by the assembly")
    DESIGNATED = "designated", _("Designated")
    EX_OFFICIO = "ex_officio", _("Ex officio")


class SeatQuerySet(PeriodQuerySet):
    def voting(self):
        return self.exclude(role__in=NON_VOTING_ROLES)

    def for_listing(self):
        return self.select_related("person", "organisation", "body")


class Seat(Period):
    """Who sits on which body, as what, for which organisation, from when to when."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="seats", verbose_name=_("body")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="seats", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="seats",
        null=True,
        blank=True,
        verbose_name=_("for the organisation"),
    )
    role = models.CharField(
        _("as"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    mode = models.CharField(_("how"), max_length=20, choices=SeatMode.choices)
    college = models.CharField(
        _("college"),
        max_length=20,
        choices=college_choices,
        blank=True,
        help_text=_("Left empty, the organisation’s college is used."),
    )
    mrc = models.CharField(
        _("MRC"),
        max_length=20,
        choices=territory_choices,
        blank=True,
        help_text=_("The territory this seat represents; left empty, the organisation’s MRC."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("For example: elected at the assembly of November 20, 2025."),
    )

    # Recorded beyond the body's declared quota, on purpose (governance.workflow.save_seat).
    beyond_quota = models.BooleanField(
        _("beyond the quota"),
        default=False,
        help_text=_("Tick to record a voting seat beyond the body’s declared quota."),
    )
    beyond_quota_reason = models.CharField(_("why beyond the quota"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = SeatQuerySet.as_manager()

    class Meta(Period.Meta):
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        indexes = [models.Index(fields=["body", "ends"], name="seat_body_ends_idx")]
        constraints = [
            *Period.Meta.constraints,
            models.CheckConstraint(
                condition=Q(beyond_quota=False) | ~Q(beyond_quota_reason=""),
                name="seat_beyond_quota_has_reason",
                violation_error_message=_("Say why this seat goes beyond the body’s quota."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.body}"

    def save(self, *args, **kwargs):
        if self.organisation_id and not self.college:
            self.college = self.organisation.college
        if self.organisation_id and not self.mrc:
            self.mrc = self.organisation.mrc
        super().save(*args, **kwargs)

    @property
    def is_voting(self):
        return self.role not in NON_VOTING_ROLES

    @property
    def rank(self):
        """Position in listings: the order of SeatRole (officers, members, non-voting seats)."""
        return list(SeatRole).index(self.role)
