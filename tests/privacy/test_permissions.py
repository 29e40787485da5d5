"""Personal information through the person loader (governance.rules.person_for): someone
else's personal-data file is not for a partner to know of (404); a person every partner sees
but may not anonymise answers 403."""

import pytest
from django.urls import reverse

from privacy.models import AccessLog, Anonymisation
from tests.conftest import MANAGERS, ROLES, refused
from tests.factories import PersonFactory

# Each test reads the cast built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")


@pytest.mark.parametrize("role", ROLES)
def test_someone_elses_personal_data_file_is_404_for_partners(client, login_as, territory, role):
    someone = PersonFactory(first_name="Solange", last_name="Tremblay")
    login_as(role)

    response = client.get(reverse("privacy:person-data-json", args=[someone.pk]))

    if role in MANAGERS:
        assert response.status_code == 200
        assert "Tremblay" in response.content.decode()
        assert AccessLog.objects.filter(person=someone).exists()
    else:
        assert response.status_code == refused(role)
        assert not AccessLog.objects.filter(person=someone).exists()


def test_a_partner_downloads_their_own_file_by_its_address(client, partner):
    client.force_login(partner)

    response = client.get(reverse("privacy:person-data-json", args=[partner.person.pk]))

    assert response.status_code == 200
    assert partner.person.last_name in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_anonymising_is_403_for_partners_who_see_the_person(client, login_as, territory, role):
    someone = PersonFactory(first_name="Solange", last_name="Tremblay")
    login_as(role)

    response = client.post(
        reverse("privacy:person-anonymise", args=[someone.pk]), {"confirm": "on"}
    )

    someone.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert Anonymisation.objects.filter(person=someone).exists()
    else:
        assert response.status_code == {"anonymous": 302}.get(role, 403)
        assert someone.last_name == "Tremblay"
        assert not Anonymisation.objects.exists()


def test_an_unknown_person_is_404_even_for_the_adoc_team(client, adoc):
    client.force_login(adoc)

    assert client.get(reverse("privacy:person-anonymise", args=[0])).status_code == 404
    assert client.get(reverse("privacy:person-data-json", args=[0])).status_code == 404
