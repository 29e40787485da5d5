"""Reaching people outside the portal: private calendar feeds, email preferences, and the
news waiting for someone's weekly digest."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Person


def new_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private calendar address; revoking it gives a new token."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("person")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("private calendar feed")
        verbose_name_plural = _("private calendar feeds")

    def __str__(self):
        return str(self.person)

    def renew(self):
        self.token = new_token()
        self.created_at = timezone.now()
        self.save(update_fields=["token", "created_at"])


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Right away")
    WEEKLY = "weekly", _("In a weekly digest")


class NotificationPreferences(models.Model):
    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("person"),
    )
    convocations = models.CharField(
        _("convocations"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    records = models.CharField(
        _("newly published records"),
        max_length=20,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    decisions = models.CharField(
        _("decisions"), max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(
        _("language of my emails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("email preferences")
        verbose_name_plural = _("email preferences")

    def __str__(self):
        return str(self.person)


class PendingNotification(models.Model):
    """A message waiting for someone's weekly digest."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="pending_notifications"
    )
    kind = models.CharField(max_length=20)
    subject = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.subject
