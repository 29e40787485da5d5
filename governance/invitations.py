"""Accounts are opened by invitation: the ADOC team invites a person of the directory."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class InvitationError(Exception):
    """The person cannot be invited; the message says why, in the user's language."""


def invite(person, request):
    """Open an account for `person` (or reuse an unused one) and email a set-password link."""
    if not person.email:
        raise InvitationError(_("Add an email address to this person before inviting them."))
    user = person.user
    if user is not None and user.last_login is not None:
        raise InvitationError(_("This person already uses their account."))
    email = person.email.lower()
    User = get_user_model()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exclude(pk=getattr(user, "pk", None)).exists():
            raise InvitationError(_("Another account already uses this email address."))
        if user is None:
            user = User.objects.create_user(email=email)
            user.set_unusable_password()
            user.save(update_fields=["password"])
            person.user = user
            person.save(update_fields=["user"])
        elif user.email != email:
            # The address was corrected since the first invitation: the account follows it.
            user.email = email
            user.save(update_fields=["email"])
            EmailAddress.objects.filter(user=user).delete()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"primary": True})
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    context = {
        "person": person,
        "inviter": request.user.get_full_name(),
        "link": get_adapter(request).get_reset_password_from_key_url(key),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }
    send_mail(
        subject=render_to_string("governance/email/invitation_subject.txt", context).strip(),
        message=render_to_string("governance/email/invitation_message.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return user
