from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models import Body, BodyKind, Organisation, Person
from infrastructure.bounds import plausible_date
from infrastructure.choices import QuickChoiceLabels
from infrastructure.collation import FRENCH


class ChantierStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("On hold")
    DONE = "done", _("Completed")


class ChantierQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ChantierStatus.ACTIVE)

    def with_progress(self):
        """Annotate what the overview compares: the weighted sums of the objectives' progress
        (read by `Chantier.progress`), the last approved report's end and overdue objectives.

        Correlated subqueries, so that they combine with other annotations without a join.
        """
        from chantiers.models.progress import Objective, ProgressReport, ReportStatus

        # Grouped by chantier alone: no ordering (django-modeltranslation's querysets make the
        # model's ordering explicit, and an ordering column would split the groups).
        objectives = Objective.objects.counted().filter(chantier=OuterRef("pk")).order_by()
        weighted = objectives.values("chantier").annotate(
            total=Sum(F("progress") * Coalesce("weight", 1))
        )
        weights = objectives.values("chantier").annotate(total=Sum(Coalesce("weight", 1)))
        overdue = (
            Objective.objects.overdue()
            .filter(chantier=OuterRef("pk"))
            .order_by()
            .values("chantier")
            .annotate(count=Count("pk"))
        )
        last_report = (
            ProgressReport.objects.filter(chantier=OuterRef("pk"), status=ReportStatus.APPROVED)
            .order_by("-period_end")
            .values("period_end")[:1]
        )
        return self.annotate(
            progress_weighted=Subquery(weighted.values("total")),
            progress_weights=Subquery(weights.values("total")),
            overdue_count=Coalesce(Subquery(overdue.values("count")), 0),
            last_report_end=Subquery(last_report),
        )


class Chantier(QuickChoiceLabels, models.Model):
    """A thematic working group of the alliance, steered by its own decision committee."""

    name = models.CharField(_("name"), max_length=150, unique=True, db_collation=FRENCH)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    mandate = models.TextField(_("mandate"))
    priorities = models.TextField(
        _("priorities of the territory it serves"),
        blank=True,
        help_text=_("One priority per line, as the assembly adopted them."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ChantierStatus.choices, default=ChantierStatus.ACTIVE
    )
    started = models.DateField(_("started"), null=True, blank=True, validators=[plausible_date])
    committee = models.OneToOneField(
        Body,
        on_delete=models.PROTECT,
        related_name="chantier",
        limit_choices_to={"kind": BodyKind.CHANTIER},
        verbose_name=_("decision committee"),
    )

    # history: registered in translation.py, with the English columns.
    objects = ChantierQuerySet.as_manager()

    class Meta:
        verbose_name = _("chantier")
        verbose_name_plural = _("chantiers")
        ordering = ["name"]
        indexes = [models.Index(fields=["status"], name="chantier_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ChantierStatus.values),
                name="chantier_status_valid",
                violation_error_message=_("Choose one of the statuses offered."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("chantiers:chantier-detail", args=[self.slug])

    @property
    def is_active(self):
        return self.status == ChantierStatus.ACTIVE

    @property
    def priority_list(self):
        return [line.strip() for line in self.priorities.splitlines() if line.strip()]

    @property
    def progress(self):
        """Overall progress in percent: the objectives' progress weighted by their weights
        (1 when none is given), abandoned objectives left out; None without objectives.

        Reads the annotations of `with_progress()` when present, computes them otherwise.
        """
        if not hasattr(self, "progress_weighted"):
            rows = [
                (objective.progress, objective.weight or 1)
                for objective in self.objectives.counted()
            ]
            self.progress_weighted = sum(p * w for p, w in rows) if rows else None
            self.progress_weights = sum(w for _p, w in rows) if rows else None
        if not self.progress_weights:
            return None
        return round(self.progress_weighted / self.progress_weights)


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class JoinRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=JoinRequestStatus.PENDING)


class JoinRequest(QuickChoiceLabels, models.Model):
    """A partner's request to join a chantier for their organisation, accepted by its
    coordination or the ADOC team."""

    chantier = models.ForeignKey(
        Chantier, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("chantier")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="join_requests", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("for the organisation"),
    )
    message = models.TextField(_("why join"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    created = models.DateTimeField(_("asked on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="decided_join_requests",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided = models.DateTimeField(_("decided on"), null=True, blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request to join a chantier")
        verbose_name_plural = _("requests to join a chantier")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["chantier", "person"],
                condition=Q(status=JoinRequestStatus.PENDING),
                name="one_pending_join_request_per_person",
                violation_error_message=_(
                    "This person already asked to join this chantier; the request awaits an answer."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=JoinRequestStatus.values),
                name="join_request_status_valid",
                violation_error_message=_("Choose one of the statuses offered."),
            ),
        ]

    def __str__(self):
        return f"{self.person} → {self.chantier}"
