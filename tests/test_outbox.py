"""Emails through the real queue: the database backend of django-tasks and its worker
(`manage.py db_worker --batch`, run in the test), the retry policy and the ADOC page."""

import datetime
import smtplib

import html5lib
import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from infrastructure import outbox
from meetings.tasks import send_convocation
from tests.factories import MeetingFactory

# The worker commits as it goes, like in production: no test transaction to roll back.
pytestmark = pytest.mark.django_db(transaction=True)


class DownServer(EmailBackend):
    """A mail server that hangs up, as one does when it is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """What `manage.py db_worker` does, until the queue is empty."""
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
    )


def convene(client, adoc, meeting):
    client.force_login(adoc)
    return client.post(reverse("meetings:convocation-send", args=[meeting.pk]), follow=True)


def test_the_convocation_waits_in_the_queue_until_the_worker_sends_it(
    client, queue, territory, adoc, council, mailoutbox
):
    meeting = MeetingFactory(body=territory["council"])

    response = convene(client, adoc, meeting)

    assert "La convocation est en cours d’envoi à 1 personne" in response.content.decode()
    assert mailoutbox == []  # not sent during the request
    (row,) = DBTaskResult.objects.all()
    assert row.status == TaskResultStatus.READY
    assert row.task_path == send_convocation.module_path
    assert set(row.args_kwargs["kwargs"]) == {"attendance_id", "convocation_id", "base_url"}
    assert "1 en attente, 0 envoyé(s), 0 en échec" in response.content.decode()

    run_worker()

    (message,) = mailoutbox
    assert message.to == ["comite@example.org"]
    assert message.attachments[0][0] == "invitation.ics"
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "0 en attente, 1 envoyé(s), 0 en échec" in page
    run_worker()
    assert len(mailoutbox) == 1  # a second run sends nothing again


def test_a_failed_send_is_retried_then_shown_to_adoc_who_sends_it_again(
    client, queue, settings, monkeypatch, territory, adoc, council, partner, mailoutbox
):
    monkeypatch.setattr(outbox, "RETRY_DELAYS", [datetime.timedelta(0)] * 3)
    settings.EMAIL_BACKEND = "tests.test_outbox.DownServer"
    meeting = MeetingFactory(body=territory["council"])
    convene(client, adoc, meeting)

    run_worker()  # four attempts: the first and three retries, each failing

    (row,) = DBTaskResult.objects.all()
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == outbox.max_attempts() == 4
    assert "SMTPServerDisconnected" in row.traceback
    assert mailoutbox == []
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "0 en attente, 0 envoyé(s), 1 en échec" in page
    assert reverse("governance:sends") in page

    response = client.get(reverse("governance:sends"))
    html = response.content.decode()
    html5lib.HTMLParser(strict=True).parse(html)  # valid HTML with its rows and button
    assert html.count("<h1>") == 1
    assert "échec" in html
    assert "Connection unexpectedly closed" in html
    assert "comite@example.org" in html
    assert "Réessayer" in html
    (send,) = response.context["sends"]
    assert send.attempts == 4

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(reverse("governance:send-retry", args=[row.pk]), follow=True)
    assert "remis dans la file" in response.content.decode()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY
    assert not outbox.requeue(row.pk)  # a second click does nothing
    run_worker()

    (message,) = mailoutbox
    assert message.to == ["comite@example.org"]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 5
    html = client.get(reverse("governance:sends")).content.decode()
    assert "envoyé" in html
    assert "Réessayer" not in html

    # The page and its button are the ADOC team's only.
    client.force_login(partner)
    assert client.get(reverse("governance:sends")).status_code == 403
    assert client.post(reverse("governance:send-retry", args=[row.pk])).status_code == 403


def test_an_error_that_a_retry_cannot_fix_fails_at_once(
    client, queue, territory, adoc, council, mailoutbox
):
    meeting = MeetingFactory(body=territory["council"])
    convene(client, adoc, meeting)
    meeting.attendance.all().delete()  # the task's record is gone: no retry helps

    run_worker()

    (row,) = DBTaskResult.objects.all()
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 1
    assert "DoesNotExist" in row.traceback


def test_an_email_whose_worker_was_killed_can_be_sent_again(
    client, queue, territory, adoc, council, mailoutbox
):
    meeting = MeetingFactory(body=territory["council"])
    convene(client, adoc, meeting)
    row = DBTaskResult.objects.get()
    row.claim("killed-worker")  # what a worker does before it runs the task
    url = reverse("governance:send-retry", args=[row.pk])

    assert not outbox.requeue(row.pk)  # a send in progress is left alone
    DBTaskResult.objects.filter(pk=row.pk).update(
        started_at=timezone.now() - outbox.STUCK_AFTER - datetime.timedelta(minutes=1)
    )
    page = client.get(reverse("governance:sends") + "?echecs=1").content.decode()
    assert "bloqué" in page
    assert url in page
    client.post(url)
    run_worker()

    assert [m.to for m in mailoutbox] == [["comite@example.org"]]


def test_the_sends_page_lists_every_kind_in_a_fixed_number_of_queries(
    client, queue, territory, adoc, council, partner, django_assert_max_num_queries
):
    from governance.tasks import send_invitation
    from meetings import tasks as meeting_tasks

    for _ in range(3):
        meeting = MeetingFactory(body=territory["council"])
        meeting.sync_attendance()
        row = meeting.attendance.first()
        send_convocation.enqueue(attendance_id=row.pk, convocation_id=0, base_url="")
        meeting_tasks.send_cancellation.enqueue(attendance_id=row.pk, base_url="")
        meeting_tasks.send_notice.enqueue(
            person_id=partner.person.pk, meeting_id=meeting.pk, kind="records", base_url=""
        )
        meeting_tasks.send_digest.enqueue(person_id=partner.person.pk)
        send_invitation.enqueue(person_id=partner.person.pk, inviter_id=adoc.pk, base_url="")
    client.force_login(adoc)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:sends"))

    sends = response.context["sends"]
    assert len(sends) == 15
    assert all(send.recipient for send in sends)
    assert {str(send.label) for send in sends} == {
        "Convocation",
        "Annulation",
        "Avis de publication",
        "Résumé hebdomadaire",
        "Invitation à ouvrir un compte",
    }


def test_a_password_reset_email_goes_through_the_queue_too(client, queue, partner, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": partner.email})

    assert response.status_code == 302
    assert mailoutbox == []  # not sent during the request
    (row,) = DBTaskResult.objects.all()
    assert row.args_kwargs["kwargs"]["to"] == ["partenaire@example.org"]

    run_worker()

    (message,) = mailoutbox
    assert message.to == ["partenaire@example.org"]
    assert "/comptes/password/reset/key/" in message.body
