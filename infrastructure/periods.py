import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infrastructure.bounds import plausible_date
from infrastructure.choices import QuickChoiceLabels


def today():
    return timezone.localdate()


class PeriodQuerySet(models.QuerySet):
    """Rows that hold from `starts` to `ends` (inclusive; no `ends` means still open)."""

    def current(self, on=None):
        on = on or today()
        return self.filter(starts__lte=on).filter(Q(ends__isnull=True) | Q(ends__gte=on))

    def past(self, on=None):
        return self.filter(ends__lt=on or today())

    def ending_within(self, days, on=None):
        on = on or today()
        return self.current(on).filter(ends__lte=on + datetime.timedelta(days=days))


class Period(QuickChoiceLabels, models.Model):
    """Shared fields and rules of anything that holds for a period of time."""

    starts = models.DateField(_("from"), default=today, validators=[plausible_date])
    ends = models.DateField(_("until"), null=True, blank=True, validators=[plausible_date])

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                name="%(app_label)s_%(class)s_ends_after_starts",
                violation_error_message=_("The end date cannot be before the start date."),
            )
        ]

    def end(self, on):
        """Close the period on `on` (its last day)."""
        self.ends = on
        self.save(update_fields=["ends"])

    @property
    def is_current(self):
        now = today()
        return self.starts <= now and (self.ends is None or self.ends >= now)
