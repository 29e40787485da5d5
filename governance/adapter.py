"""allauth's emails in the language their recipient chose (the accounts app, below
governance, does not know people's preferences)."""

from accounts.adapter import InvitationOnlyAdapter
from governance.models import Person, current_identity
from governance.notifications import chosen_language


def recipient(email, context):
    """The person an allauth email goes to: the account's, else the directory entry with that
    address (a password reset asked for an address with no account), else None."""
    user = context.get("user")
    queryset = Person.objects.select_related("notification_preferences")
    if getattr(user, "pk", None) is not None:
        person = queryset.filter(user=user).first()
        if person is not None:
            return person
    address = email if isinstance(email, str) else (email[0] if email else "")
    return queryset.filter(email__iexact=address).first() if address else None


class PortalAccountAdapter(InvitationOnlyAdapter):
    """The portal's allauth policy (see accounts.adapter), each email rendered in the language
    its recipient chose; in the visitor's language, as allauth does, when they chose none."""

    def format_email_subject(self, subject):
        return f"[{current_identity().short_name}] {subject}"

    def render_mail(self, template_prefix, email, context, headers=None):
        with chosen_language(recipient(email, context)):
            return super().render_mail(template_prefix, email, context, headers=headers)
