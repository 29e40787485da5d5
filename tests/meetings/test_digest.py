"""Email preferences and the weekly digest."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse

from governance.models import Frequency, NotificationPreferences
from meetings.digest import send_digests
from meetings.models import PendingNotification
from meetings.tasks import send_digest
from tests.factories import PendingNotificationFactory, PersonFactory


class FailingBackend(EmailBackend):
    """Refuses to send to one address, as an SMTP server would."""

    def send_messages(self, messages):
        if any("refuse@example.org" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"refuse@example.org": (550, b"No such user")})
        return super().send_messages(messages)


def test_digest_sends_one_email_per_person_and_forgets_what_it_listed(db, mailoutbox):
    lea = PersonFactory(first_name="Léa", email="lea@example.org")
    PendingNotificationFactory(person=lea, kind="records", subject="Procès-verbal publié")
    PendingNotificationFactory(person=lea, kind="decisions", subject="Décision CC-2026-004")
    PendingNotificationFactory(person=lea, kind="convocation", subject="Convocation au comité")
    other = PendingNotificationFactory(subject="Pour quelqu’un d’autre")

    call_command("send_digest")

    assert len(mailoutbox) == 2
    message = next(m for m in mailoutbox if m.to == ["lea@example.org"])
    assert "3" in message.subject
    body = message.body
    assert "Bonjour Léa" in body
    assert body.index("Convocations") < body.index("Convocation au comité")
    assert body.index("Procès-verbal publié") < body.index("Décision CC-2026-004")
    assert "http://testserver/rencontres/" in body
    assert "&" not in body  # plain text, not HTML-escaped
    assert other.subject not in body
    assert not PendingNotification.objects.exists()


def test_digest_is_written_in_the_persons_language(db, mailoutbox):
    person = PersonFactory(first_name="Sam", email="sam@example.org")
    NotificationPreferences.objects.create(person=person, language="en")
    PendingNotificationFactory(person=person, kind="records", subject="Records published")

    send_digests()

    (message,) = mailoutbox
    assert "weekly digest" in message.subject
    assert "Hello Sam" in message.body
    assert "Newly published records" in message.body


def test_a_failed_send_keeps_the_notifications_for_the_next_run(db, settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.meetings.test_digest.FailingBackend"
    refused = PersonFactory(email="refuse@example.org")
    kept = PendingNotificationFactory.create_batch(2, person=refused)
    PendingNotificationFactory(person=PersonFactory(email="ok@example.org"))

    call_command("send_digest")  # one task per person; the refused one fails alone

    assert [m.to for m in mailoutbox] == [["ok@example.org"]]
    assert set(PendingNotification.objects.all()) == set(kept)
    # Its retry (tests/test_outbox.py shows the worker doing it) finds them still there.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_digest.call(person_id=refused.pk) == 2
    assert [m.to for m in mailoutbox][-1] == ["refuse@example.org"]
    assert send_digest.call(person_id=refused.pk) == 0  # sent once, not twice


def test_nothing_waiting_sends_nothing(db, mailoutbox):
    PersonFactory()

    assert send_digests() == 0
    assert mailoutbox == []


def test_preferences_page_creates_then_updates_ones_preferences(client, partner):
    client.force_login(partner)
    page = client.get(reverse("meetings:email-preferences"))
    assert page.status_code == 200
    assert "partenaire@example.org" in page.content.decode()

    response = client.post(
        reverse("meetings:email-preferences"),
        {"records": "immediate", "decisions": "weekly", "language": "en"},
    )

    assert response.status_code == 302
    preferences = NotificationPreferences.objects.get(person=partner.person)
    assert preferences.records == Frequency.IMMEDIATE
    assert preferences.language == "en"
    client.post(
        reverse("meetings:email-preferences"),
        {"records": "weekly", "decisions": "weekly", "language": "fr-ca"},
    )
    assert NotificationPreferences.objects.get(person=partner.person).records == "weekly"
    assert NotificationPreferences.objects.count() == 1


def test_preferences_page_refuses_an_unknown_choice_and_keeps_the_rest(client, partner):
    client.force_login(partner)

    response = client.post(
        reverse("meetings:email-preferences"),
        {"records": "hourly", "decisions": "weekly", "language": "en"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["records"]
    assert not NotificationPreferences.objects.exists()


def test_preferences_page_says_how_many_messages_wait(client, partner):
    PendingNotificationFactory.create_batch(2, person=partner.person)
    client.force_login(partner)

    response = client.get(reverse("meetings:email-preferences"))

    assert response.context["pending"] == 2
