"""Emails of the governance app, sent by the worker (see infrastructure.outbox)."""

from urllib.parse import quote

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.models import Person
from governance.notifications import render_templates
from infrastructure.outbox import email_task


def people_named(kwargs_list):
    people = Person.objects.in_bulk([kwargs["person_id"] for kwargs in kwargs_list])
    return [
        f"{people[k['person_id']]} <{people[k['person_id']].email}>"
        if k["person_id"] in people
        else ""
        for k in kwargs_list
    ]


@email_task(_("Account invitation"), people_named)
def send_invitation(*, person_id, inviter_id, base_url):
    """Email `person` a link to set the password of the account opened for them, in the
    language they chose if they did (a second invitation), else in French then English."""
    person = Person.objects.select_related("user", "notification_preferences").get(pk=person_id)
    user = person.user
    inviter = get_user_model().objects.filter(pk=inviter_id).first()
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    context = {
        "person": person,
        "inviter": inviter.get_full_name() if inviter else "",
        "link": base_url + path.replace("UID-KEY", quote(key)),
        "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }
    subject, message = render_templates(person, "governance/email/invitation", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[user.email])


@email_task(_("Follow-up of terms and vacancies"), people_named)
def send_follow_up_email(*, person_id, base_url):
    """The ADOC team's follow-up, to one agent, in their language: terms ending soon and seats
    left vacant, as they stand when the worker sends it."""
    from governance import followup

    person = Person.objects.select_related("notification_preferences").get(pk=person_id)
    context = {
        "person": person,
        "ending": list(followup.terms_ending()),
        "vacancies": followup.vacancies(),
        "notice_days": followup.TERM_END_NOTICE_DAYS,
        "url": base_url + reverse("governance:term-ends"),
    }
    subject, message = render_templates(person, "governance/email/follow_up", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[person.email])
