from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib.sites.shortcuts import get_current_site

from infrastructure.outbox import enqueue_after_commit


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation only (ADOC team or admin), never by open sign-up."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context_data):
        """Render in the request as allauth does, then let the worker send it: a slow or
        unreachable mail server neither delays the page nor loses the message (it is retried)."""
        from accounts.tasks import send_account_email

        request = context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context_data,
            },
        )
        text, html = message.body, ""
        if message.content_subtype == "html":
            text, html = "", message.body
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        enqueue_after_commit(
            send_account_email,
            subject=message.subject,
            text=text,
            html=html,
            from_email=message.from_email,
            to=list(message.to),
        )
