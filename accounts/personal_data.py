"""What accounts holds about a person: the login account, its addresses (allauth), the Django
admin's log of what it changed, and the account emails waiting in the worker's queue."""

from allauth.account.models import EmailAddress
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_account_email
from infrastructure.personal_data import (
    DELETE,
    USER,
    Custom,
    Export,
    InSection,
    Keep,
    NotExported,
    register,
)

User = get_user_model()


def freed_email(user):
    # Unique and never deliverable (.invalid is reserved): the real address can be reused.
    return f"ancien-{user.pk}@anonyme.invalid"


def account_rows(owner):
    user = owner.user
    verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    return [[user.email, verified, user.date_joined, user.last_login, user.is_active]]


def close_account(departure):
    """The login account: closed and its address freed. Open sessions end by themselves: the
    login backend refuses inactive users."""
    user = departure.user
    if user is None:
        return
    user.email = freed_email(user)
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "is_active", "password"])


def forget_queued_emails(departure):
    """Account emails waiting in (or kept by) the worker's queue carry the address itself."""
    for row in DBTaskResult.objects.filter(task_path=send_account_email.module_path):
        addressees = row.args_kwargs.get("kwargs", {}).get("to", [])
        if any(address.lower() in departure.emails for address in addressees):
            row.delete()


register(
    User,
    "pk",
    USER,
    export=Export(
        "account",
        _("Login account"),
        (
            ("email", _("Email used to log in")),
            ("verified", _("Email confirmed")),
            ("joined", _("Account opened")),
            ("last_login", _("Last login")),
            ("active", _("Active")),
        ),
        account_rows,
        order=10,
        note=_("Your password is stored only as a one-way fingerprint (hash)."),
        single=True,
    ),
    anonymise=Custom(close_account),
)
register(EmailAddress, "user", USER, export=InSection("account"), anonymise=DELETE)
register(
    LogEntry,
    "user",
    USER,
    export=NotExported("what an administrator changed in the Django admin is its audit trail"),
    anonymise=Keep("the Django admin's log of who changed what, when, is the audit trail"),
)
register(
    DBTaskResult,
    None,
    USER,
    what="account emails queued for the address",
    export=NotExported("emails on their way, not a record about the person"),
    anonymise=Custom(forget_queued_emails),
)
