"""Reaching people outside the portal: private calendar feeds and the news waiting for
someone's weekly digest (the email preferences are governance's, beside the person)."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Person
from infrastructure.choices import QuickChoiceLabels


def new_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(QuickChoiceLabels, models.Model):
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


class PendingNotification(QuickChoiceLabels, models.Model):
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
