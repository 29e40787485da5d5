"""Login, logout, password reset, invitation, closed sign-up and language switch."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, PersonFactory

LINK = re.compile(r"http://testserver(/comptes/password/reset/key/[^\s]+/)")


def test_login_with_email_and_password_opens_the_partner_space(client, partner):
    response = client.post(
        reverse("account_login"), {"login": partner.email, "password": PASSWORD}, follow=True
    )

    assert response.context["user"] == partner
    assert "Organigramme" in response.content.decode()


def test_login_with_a_wrong_password_keeps_the_email_and_explains_in_french(client, partner):
    response = client.post(reverse("account_login"), {"login": partner.email, "password": "non"})

    content = response.content.decode()
    assert response.status_code == 200
    assert f'value="{partner.email}"' in content
    assert "L’adresse e-mail ou le mot de passe sont incorrects." in content
    assert not response.context["user"].is_authenticated


def test_login_attempts_are_rate_limited(client, partner):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": partner.email, "password": "non"})

    response = client.post(reverse("account_login"), {"login": partner.email, "password": PASSWORD})

    assert not response.wsgi_request.user.is_authenticated
    assert "Trop de tentatives de connexion échouées" in response.content.decode()


def test_logout_logs_the_user_out(client, partner):
    client.force_login(partner)

    client.post(reverse("account_logout"))

    assert client.get(reverse("governance:organigram")).status_code == 302


def test_password_reset_emails_a_link_that_sets_a_new_password(
    client, partner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": partner.email})
    assert len(mailoutbox) == 1
    link = LINK.search(mailoutbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "une-toute-nouvelle-phrase", "password2": "une-toute-nouvelle-phrase"},
    )

    partner.refresh_from_db()
    assert partner.check_password("une-toute-nouvelle-phrase")


def test_password_reset_does_not_reveal_unknown_emails(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1  # allauth tells that address it has no account, nobody else
    assert "nobody@example.org" in mailoutbox[0].to


def test_sign_up_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "x-long-password-1",
            "password2": "x-long-password-1",
        },
    )

    assert not User.objects.filter(email="new@example.org").exists()
    assert "Inscriptions fermées" in response.content.decode()


def test_invited_person_sets_a_password_and_logs_in(
    client, adoc, territory, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="nouvelle@example.org")
    client.force_login(adoc)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("governance:person-invite", args=[person.pk]))
    client.logout()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nouvelle@example.org"]
    assert "Invitation" in message.subject
    link = LINK.search(message.body).group(1)
    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(
        set_password_url,
        {"password1": "charlevoix-ensemble-2026", "password2": "charlevoix-ensemble-2026"},
        follow=True,
    )

    person.refresh_from_db()
    assert response.context["user"] == person.user
    assert EmailAddress.objects.get(user=person.user).verified
    client.logout()
    client.post(
        reverse("account_login"),
        {"login": "nouvelle@example.org", "password": "charlevoix-ensemble-2026"},
    )
    assert client.session.get("_auth_user_id") == str(person.user.pk)


def test_invitation_needs_an_email(client, adoc, territory, mailoutbox):
    person = PersonFactory(email="")
    client.force_login(adoc)

    response = client.post(reverse("governance:person-invite", args=[person.pk]), follow=True)

    assert "Ajoutez une adresse courriel" in response.content.decode()
    assert mailoutbox == []


def test_invitation_is_refused_for_someone_who_already_uses_the_portal(
    client, adoc, partner, mailoutbox
):
    client.post(reverse("account_login"), {"login": partner.email, "password": PASSWORD})
    client.force_login(adoc)

    client.post(reverse("governance:person-invite", args=[partner.person.pk]))

    assert mailoutbox == []


@pytest.mark.parametrize(("language", "heading"), [("en", "Organigram"), ("fr-ca", "Organigramme")])
def test_language_switch_changes_the_interface(client, partner, language, heading):
    client.force_login(partner)

    client.post(reverse("set_language"), {"language": language, "next": "/"})
    response = client.get(reverse("governance:organigram"))

    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert f"<h1>{heading}</h1>" in content


def test_a_second_invitation_follows_a_corrected_address(
    client, adoc, territory, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="erreur@example.org")
    client.force_login(adoc)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("governance:person-invite", args=[person.pk]))
    person.email = "bonne@example.org"
    person.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("governance:person-invite", args=[person.pk]), follow=True)

    person.refresh_from_db()
    assert mailoutbox[-1].to == ["bonne@example.org"]
    assert person.user.email == "bonne@example.org"
    assert list(EmailAddress.objects.filter(user=person.user).values_list("email", flat=True)) == [
        "bonne@example.org"
    ]
    assert "bonne@example.org" in response.content.decode()
