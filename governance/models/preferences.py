"""What each person chose about the portal's emails: how often, and in which language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models.partners import Person
from infrastructure.choices import QuickChoiceLabels


class Frequency(models.TextChoices):
    """How often one kind of email comes."""

    IMMEDIATE = "immediate", _("Right away")
    WEEKLY = "weekly", _("In a weekly digest")


class NotificationPreferences(QuickChoiceLabels, models.Model):
    """How often each kind of email comes to one person, and in which language."""

    # A person without a row has the defaults below; governance.notifications reads the
    # language for every email the portal sends.
    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    # Convocations, their updates and cancellations always come right away, with their calendar
    # invitation: they are not held for a digest (meetings.workflow.convene).
    records = models.CharField(
        _("newly published records"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    decisions = models.CharField(
        _("decisions"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    actions = models.CharField(
        _("action items given to me and their reminders"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )
    # Empty: no choice yet, each email comes in French then in English.
    language = models.CharField(
        _("language of my emails"),
        max_length=10,
        choices=[("", _("French then English")), *settings.LANGUAGES],
        blank=True,
        default="",
    )

    class Meta:
        verbose_name = _("email preferences")
        verbose_name_plural = _("email preferences")

    def __str__(self):
        return str(self.person)


class FollowUpSent(QuickChoiceLabels, models.Model):
    """That the ADOC team's follow-up of terms and vacancies went to one agent on one day
    (governance.followup): once a day at most, however often the command runs."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("person")
    )
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("follow-up sent")
        verbose_name_plural = _("follow-ups sent")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sent_on"],
                name="one_follow_up_per_person_and_day",
                violation_error_message=_("The follow-up already went to this person today."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.sent_on}"
