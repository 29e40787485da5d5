"""allauth's emails (password reset, address confirmation) go out from the worker too."""

from django.core.mail import EmailMultiAlternatives
from django.utils.translation import gettext_lazy as _

from infrastructure.outbox import email_task


def addressees(kwargs_list):
    return [", ".join(kwargs["to"]) for kwargs in kwargs_list]


@email_task(_("Account email"), addressees)
def send_account_email(*, subject, text, html, from_email, to):
    """Send a message allauth rendered in the request (its links need the request's site)."""
    message = EmailMultiAlternatives(subject, text, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
