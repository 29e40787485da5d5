from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, BodyKind


class ChantierStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("On hold")
    DONE = "done", _("Completed")


class ChantierQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=ChantierStatus.ACTIVE)


class Chantier(models.Model):
    """A thematic working group of the alliance, steered by its own decision committee."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    mandate = models.TextField(_("mandate"))
    status = models.CharField(
        _("status"), max_length=20, choices=ChantierStatus.choices, default=ChantierStatus.ACTIVE
    )
    started = models.DateField(_("started"), null=True, blank=True)
    committee = models.OneToOneField(
        Body,
        on_delete=models.PROTECT,
        related_name="chantier",
        limit_choices_to={"kind": BodyKind.CHANTIER},
        verbose_name=_("decision committee"),
    )

    history = HistoricalRecords()
    objects = ChantierQuerySet.as_manager()

    class Meta:
        verbose_name = _("chantier")
        verbose_name_plural = _("chantiers")
        ordering = ["name"]
        indexes = [models.Index(fields=["status"], name="chantier_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ChantierStatus.values), name="chantier_status_valid"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("chantiers:chantier-detail", args=[self.slug])

    @property
    def is_active(self):
        return self.status == ChantierStatus.ACTIVE
