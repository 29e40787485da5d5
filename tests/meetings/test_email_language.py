"""Every email of the meetings app in the language its recipient chose, or French then
English when they chose none: convocations, cancellations, publication notices, digests."""

from django.urls import reverse

from governance.models import Frequency, NotificationPreferences
from governance.notifications import SEPARATOR, language_of
from meetings.digest import send_digests
from meetings.models import PendingNotification
from tests.factories import (
    DecisionFactory,
    MeetingFactory,
    NotificationPreferencesFactory,
    PendingNotificationFactory,
    PersonFactory,
)


def english_only(message):
    assert SEPARATOR not in message.body
    assert "Bonjour" not in message.body
    return message.body


def french_then_english(message):
    french, english = message.body.split(SEPARATOR)
    assert french.startswith("Bonjour ")
    assert english.startswith("Hello ")
    return french, english


def convene(client, adoc, meeting, capture):
    client.force_login(adoc)
    with capture(execute=True):
        client.post(reverse("meetings:convocation-send", args=[meeting.pk]))


def test_convocation_in_english_for_who_chose_english(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=council.person, language="en")
    meeting = MeetingFactory(body=territory["council"], title="Budget 2027")

    convene(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject.startswith("Convocation: Comité conseil, ")
    body = english_only(message)
    assert "You are convened to the meeting “Budget 2027” of Comité conseil." in body
    assert "Agenda" in body
    assert "Ordre du jour" not in body
    assert message.attachments[0][0] == "invitation.ics"


def test_convocation_without_a_choice_is_french_then_english(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=territory["council"], title="Budget 2027")

    convene(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject.startswith("Convocation : Comité conseil, ")
    french, english = french_then_english(message)
    assert "Vous êtes convoqué·e à la rencontre « Budget 2027 »" in french
    assert "Ordre du jour" in french
    assert "You are convened to the meeting “Budget 2027” of Comité conseil." in english
    assert message.attachments[0][0] == "invitation.ics"


def test_a_convocation_is_emailed_right_away_even_to_who_chose_the_weekly_digest(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(
        person=council.person, language="en", records=Frequency.WEEKLY, decisions=Frequency.WEEKLY
    )
    meeting = MeetingFactory(body=territory["council"])

    convene(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject.startswith("Convocation: Comité conseil, ")
    assert message.attachments[0][0] == "invitation.ics"
    assert not PendingNotification.objects.exists()


def cancel(client, meeting, capture):
    with capture(execute=True):
        client.post(
            reverse("meetings:meeting-cancel", args=[meeting.pk]),
            {"cancellation_reason": "Tempête de neige", "version": 1},
        )


def test_cancellation_in_english_for_who_chose_english(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=council.person, language="en")
    meeting = MeetingFactory(body=territory["council"], title="Budget 2027")
    convene(client, adoc, meeting, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    cancel(client, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject.startswith("Cancelled: Comité conseil, ")
    body = english_only(message)
    assert "is cancelled." in body
    assert "Reason: Tempête de neige" in body
    assert message.attachments[0][0] == "annulation.ics"


def test_cancellation_without_a_choice_is_french_then_english(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=territory["council"], title="Budget 2027")
    convene(client, adoc, meeting, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    cancel(client, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert not message.subject.startswith("Cancelled")
    french, english = french_then_english(message)
    assert "Motif : Tempête de neige" in french
    assert "Reason: Tempête de neige" in english


def publish(client, adoc, meeting, capture):
    client.force_login(adoc)
    with capture(execute=True):
        client.post(reverse("meetings:meeting-publish", args=[meeting.pk]), {"publish": "1"})


def test_records_notice_in_english_for_who_chose_english(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(
        person=council.person, language="en", records=Frequency.IMMEDIATE
    )
    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()

    publish(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject.startswith("Records published: Comité conseil, ")
    body = english_only(message)
    assert "You receive this message as you chose in your email preferences" in body


def test_records_notice_without_a_language_is_french_then_english(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=council.person, language="", records=Frequency.IMMEDIATE)
    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()

    publish(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject.startswith("Comptes rendus publiés : Comité conseil, ")
    french, english = french_then_english(message)
    assert "Comptes rendus publiés : Comité conseil" in french
    assert "Records published: Comité conseil" in english


def test_decisions_notice_in_english_for_who_chose_english(
    client, territory, adoc, partner, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(
        person=partner.person, language="en", decisions=Frequency.IMMEDIATE
    )
    meeting = MeetingFactory(body=territory["council"])
    DecisionFactory(meeting=meeting)

    publish(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == "1 decision of Comité conseil"
    english_only(message)


def test_decisions_notice_without_a_language_is_french_then_english(
    client, territory, adoc, partner, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(
        person=partner.person, language="", decisions=Frequency.IMMEDIATE
    )
    meeting = MeetingFactory(body=territory["council"])
    DecisionFactory(meeting=meeting)

    publish(client, adoc, meeting, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == "1 décision de l’instance Comité conseil"
    french, english = french_then_english(message)
    assert "1 décision de l’instance Comité conseil" in french
    assert "1 decision of Comité conseil" in english


def test_digest_in_english_for_who_chose_english(db, mailoutbox):
    person = PersonFactory(first_name="Sam", email="sam@example.org")
    NotificationPreferencesFactory(person=person, language="en")
    PendingNotificationFactory(person=person, kind="decisions", subject="1 decision of CC")

    send_digests()

    (message,) = mailoutbox
    assert message.subject == "Your weekly digest (Alliance): 1 news item"
    body = english_only(message)
    assert "Here is what happened this week" in body
    assert "Decisions\n" in body


def test_digest_without_a_choice_is_french_then_english(db, mailoutbox):
    person = PersonFactory(first_name="Lou", email="lou@example.org")
    PendingNotificationFactory(person=person, kind="decisions", subject="1 décision du CC")

    send_digests()

    (message,) = mailoutbox
    assert message.subject == "Votre résumé de la semaine (Alliance) : 1 nouvelle"
    french, english = french_then_english(message)
    assert "Voici ce qui s'est passé cette semaine" in french
    assert "Décisions\n" in french
    assert "Here is what happened this week" in english
    assert "Decisions\n" in english
    # The news keeps the title it was given when it happened, in both halves.
    assert "1 décision du CC" in french
    assert "1 décision du CC" in english


def test_preferences_page_offers_french_then_english_until_one_chooses(client, partner):
    client.force_login(partner)

    page = client.get(reverse("meetings:email-preferences")).content.decode()
    client.post(
        reverse("meetings:email-preferences"),
        {"convocations": "weekly", "records": "weekly", "decisions": "weekly", "language": ""},
    )

    assert '<option value="" selected>Français puis anglais</option>' in page
    preferences = NotificationPreferences.objects.get(person=partner.person)
    assert preferences.records == Frequency.WEEKLY
    assert language_of(partner.person) is None
