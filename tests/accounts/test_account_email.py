"""The address of an account is the directory's, kept by the ADOC team: a partner can neither
add an address to their account nor change it, so no one can claim an address a person of
the directory holds (issue 16)."""

from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.factories import PersonFactory


def test_a_partner_cannot_add_an_address_to_their_account(client, partner):
    someone = PersonFactory(email="quelquun@example.org")
    client.force_login(partner)
    before = set(EmailAddress.objects.values_list("email", flat=True))

    page = client.get(reverse("account_email"))
    response = client.post(reverse("account_email"), {"action_add": "", "email": someone.email})

    assert page.status_code == 200
    assert "équipe ADOC" in page.content.decode()
    assert response.status_code == 403
    assert set(EmailAddress.objects.values_list("email", flat=True)) == before
    assert not EmailAddress.objects.filter(email="quelquun@example.org").exists()


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(reverse("account_email"))

    assert response.status_code == 302
    assert reverse("account_login") in response.url
