from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.dispatch import receiver


@receiver(password_reset)
def verify_email_on_password_reset(sender, request, user, **kwargs):
    """A reset (or invitation) link was opened from the mailbox: the address is proven."""
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
