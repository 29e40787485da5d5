"""Accounts are opened by invitation: the ADOC team invites a person of the directory."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from governance.tasks import send_invitation
from infrastructure.outbox import enqueue_after_commit


class InvitationError(Exception):
    """The person cannot be invited; the message says why, in the user's language."""


def invite(person, request):
    """Open an account for `person` (or reuse an unused one); the worker then emails them a
    set-password link."""
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
    # The worker writes and sends the email (with a fresh link) once this is committed.
    enqueue_after_commit(
        send_invitation,
        person_id=person.pk,
        inviter_id=request.user.pk,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return user
