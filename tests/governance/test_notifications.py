"""The language of the portal's emails (governance.notifications), for the emails governance
sends (invitations) and allauth's (password reset): the chosen language, or French then
English for whoever chose none."""

import re

from django.urls import reverse

from governance.models import NotificationPreferences
from governance.notifications import SEPARATOR, language_of, render_templates
from tests.factories import NotificationPreferencesFactory, PersonFactory, ProgressReportFactory

LINK = re.compile(r"http://testserver(/comptes/password/reset/key/[^\s]+/)")


def test_language_of_is_the_choice_or_none(db):
    chose = NotificationPreferencesFactory(language="en").person
    left_empty = NotificationPreferencesFactory(language="").person
    never_came = PersonFactory()

    assert language_of(chose) == "en"
    assert language_of(left_empty) is None
    assert language_of(never_came) is None
    assert language_of(None) is None  # an attendance row with no directory entry


def test_render_templates_without_a_choice_writes_french_then_english(db, territory):
    report = ProgressReportFactory(chantier=territory["chantier"])
    context = {"report": report, "link": "http://testserver/bilan/"}

    subject, body = render_templates(PersonFactory(), "chantiers/email/report_submitted", context)

    assert subject == "Bilan d'étape du chantier « Chantier Transport » à approuver"
    french, english = body.split(SEPARATOR)
    assert french.startswith("Le chantier « Chantier Transport » a soumis au comité conseil")
    assert english.startswith("The chantier Chantier Transport submitted its progress report")
    assert french.rstrip().endswith("http://testserver/bilan/")
    assert english.rstrip().endswith("http://testserver/bilan/")


def invite(client, adoc, person, capture):
    client.force_login(adoc)
    with capture(execute=True):
        client.post(reverse("governance:person-invite", args=[person.pk]))


def test_invitation_without_a_choice_is_french_then_english(
    client, adoc, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(first_name="Lou", email="lou@example.org")

    invite(client, adoc, person, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == "Invitation à l’espace partenaires · Alliance"
    french, english = message.body.split(SEPARATOR)
    assert french.startswith(f"Bonjour {person},")
    assert "Votre identifiant est votre adresse courriel." in french
    assert english.startswith(f"Hello {person},")
    assert "Your login is your email address." in english
    assert LINK.search(french).group(1) == LINK.search(english).group(1)


def test_a_second_invitation_honours_the_language_the_person_chose(
    client, adoc, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(first_name="Sam", email="sam@example.org")
    invite(client, adoc, person, django_capture_on_commit_callbacks)
    NotificationPreferencesFactory(person=person, language="en")
    mailoutbox.clear()

    invite(client, adoc, person, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.subject == "Invitation to the partner space · Alliance"
    assert message.body.startswith(f"Hello {person},")
    assert "Your login is your email address." in message.body
    assert "Bonjour" not in message.body
    assert SEPARATOR not in message.body
    # The link of the English message opens the set-password page like the bilingual one.
    page = client.get(LINK.search(message.body).group(1), follow=True)
    assert page.status_code == 200


def reset(client, partner, capture):
    with capture(execute=True):
        client.post(reverse("account_reset_password"), {"email": partner.email})


def test_password_reset_is_in_english_for_who_chose_english(
    client, partner, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=partner.person, language="en")

    reset(client, partner, django_capture_on_commit_callbacks)  # from the French interface

    (message,) = mailoutbox
    assert "Password Reset Email" in message.subject
    assert "You're receiving this email because you or someone else" in message.body
    assert "Vous recevez" not in message.body
    assert LINK.search(message.body)


def test_password_reset_is_in_french_for_who_chose_french_even_from_the_english_interface(
    client, partner, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreferencesFactory(person=partner.person, language="fr-ca")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    reset(client, partner, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert "E-mail de réinitialisation de mot de passe" in message.subject
    assert "You're receiving" not in message.body


def test_password_reset_without_a_choice_stays_in_the_visitors_language(
    client, partner, mailoutbox, django_capture_on_commit_callbacks
):
    assert not NotificationPreferences.objects.exists()

    reset(client, partner, django_capture_on_commit_callbacks)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    reset(client, partner, django_capture_on_commit_callbacks)

    french, english = mailoutbox
    assert "E-mail de réinitialisation de mot de passe" in french.subject
    assert "Password Reset Email" in english.subject
