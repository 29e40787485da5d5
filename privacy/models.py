"""What the privacy app records: who looked at whose personal information, and who was
anonymised when and by whom (Québec's Law 25)."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Affiliation, Organisation, Person
from infrastructure.choices import QuickChoiceLabels


class AccessKind(models.TextChoices):
    PERSON = "person", _("Page of the person, with their contact details")
    ORGANISATION = "organisation", _("Members of the organisation, with their contact details")
    ATTENDANCE = "attendance", _("Attendance list of the meeting (CSV export)")
    EXPORT = "export", _("Export of the personal information (JSON)")
    DIRECTORY = "directory", _("Export of the directory's people, with their contact details")


class AccessLogQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("viewer__person", "person", "organisation", "meeting")

    def about(self, person):
        """Accesses that showed `person`'s information: their own page or export, the member
        list of an organisation they belong or belonged to, the attendance of a meeting they
        were listed at, an export of the whole directory made while they were in it."""
        organisations = Affiliation.objects.filter(person=person).values("organisation")
        meetings = person.attendance.values("meeting")
        added = person.history.order_by("history_date").values("history_date")
        return self.filter(
            Q(person=person)
            | Q(kind=AccessKind.ORGANISATION, organisation__in=organisations)
            | Q(kind=AccessKind.ATTENDANCE, meeting__in=meetings)
            | Q(kind=AccessKind.DIRECTORY, at__gte=Subquery(added[:1]))
        )


class AccessLog(QuickChoiceLabels, models.Model):
    """One look by a member of the ADOC team (or an administrator) at someone else's personal
    information: who, whose, what, when and from which page."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="personal_info_accesses",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=AccessKind.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesses_logged",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesses_logged",
        verbose_name=_("organisation"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accesses_logged",
        verbose_name=_("meeting"),
    )
    path = models.CharField(_("page"), max_length=300)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access to personal information")
        verbose_name_plural = _("accesses to personal information")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["-at"], name="accesslog_at_idx"),
            models.Index(fields=["person", "-at"], name="accesslog_person_idx"),
        ]

    def __str__(self):
        return f"{self.viewer} – {self.get_kind_display()} – {self.at:%Y-%m-%d %H:%M}"

    @property
    def subject(self):
        return self.person or self.organisation or self.meeting


class Anonymisation(QuickChoiceLabels, models.Model):
    """That a person who left was anonymised, when and by whom; at most once per person."""

    person = models.OneToOneField(
        Person,
        on_delete=models.PROTECT,
        related_name="anonymisation",
        verbose_name=_("person"),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="anonymisations_made",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.person} – {self.at:%Y-%m-%d}"
