import json

import pytest
from django.urls import reverse

from privacy.models import Anonymisation
from tests.factories import AttendanceFactory, MeetingFactory, PersonFactory


def test_policy_is_public_and_names_the_person_in_charge(client, db, settings):
    settings.PRIVACY_OFFICER = "Responsable de la protection <vie-privee@example.org>"

    response = client.get(reverse("privacy:policy"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Politique de confidentialité" in html
    assert "Responsable de la protection" in html
    assert 'href="mailto:vie-privee@example.org"' in html
    assert "bulletin" in html  # ballots are secret: said so
    assert "Commission d’accès à l’information" in html


def test_the_default_privacy_officer_has_a_working_address(client, db):
    """The default names the ADOC team with a comma in it, which parseaddr misread."""
    html = client.get(reverse("privacy:policy")).content.decode()

    assert 'href="mailto:adoc@example.org"' in html
    assert "Coordination de l’équipe ADOC" in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Coordination, DSI <a@example.org>", ("Coordination, DSI", "a@example.org")),
        ('"Marie Tremblay" <m@example.org>', ("Marie Tremblay", "m@example.org")),
        ("vie-privee@example.org", ("vie-privee@example.org", "vie-privee@example.org")),
    ],
)
def test_name_and_address_reads_what_a_person_writes(value, expected):
    from infrastructure.addresses import name_and_address

    assert name_and_address(value) == expected


@pytest.mark.parametrize("value", ["personne", "Coordination <pas une adresse>", "<a@b>", ""])
def test_name_and_address_refuses_what_is_no_address(value):
    from infrastructure.addresses import name_and_address

    with pytest.raises(ValueError, match="does not read"):
        name_and_address(value)


def test_policy_is_linked_from_every_page_footer(client, db):
    response = client.get(reverse("account_login"))

    assert f'href="{reverse("privacy:policy")}"' in response.content.decode()


def test_profile_links_my_personal_information(client, partner):
    client.force_login(partner)

    response = client.get(reverse("governance:profile"))

    assert f'href="{reverse("privacy:my-data")}"' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("privacy:my-data", []),
        ("privacy:my-data-json", []),
        ("privacy:access-log", []),
        ("privacy:person-data-json", ["person"]),
        ("privacy:person-anonymise", ["person"]),
    ],
)
def test_anonymous_visitor_is_sent_to_login(client, partner, name, args):
    args = [partner.person.pk if arg == "person" else arg for arg in args]
    url = reverse(name, args=args)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


PERMISSIONS = [
    # (url name, role, expected status)
    ("privacy:my-data", "outsider", 200),
    ("privacy:my-data", "partner", 200),
    ("privacy:access-log", "partner", 403),
    ("privacy:access-log", "council", 403),
    ("privacy:access-log", "adoc", 200),
    ("privacy:access-log", "admin", 200),
    # Someone else's personal-data file: a partner is not told it exists.
    ("privacy:person-data-json", "partner", 404),
    ("privacy:person-data-json", "adoc", 200),
    ("privacy:person-data-json", "admin", 200),
    ("privacy:person-anonymise", "partner", 403),
    ("privacy:person-anonymise", "delegate", 403),
    ("privacy:person-anonymise", "adoc", 200),
    ("privacy:person-anonymise", "admin", 200),
]


@pytest.mark.parametrize(("name", "role", "status"), PERMISSIONS)
def test_permissions(client, login_as, territory, name, role, status):
    someone = PersonFactory(first_name="Solange", last_name="Tremblay")
    login_as(role)
    args = [someone.pk] if "person" in name else []

    response = client.get(reverse(name, args=args))

    assert response.status_code == status
    if status == 200 and name == "privacy:person-anonymise":
        assert "Solange Tremblay" in response.content.decode()


def test_partner_cannot_anonymise(client, partner, delegate):
    client.force_login(partner)

    response = client.post(
        reverse("privacy:person-anonymise", args=[delegate.person.pk]), {"confirm": "on"}
    )

    assert response.status_code == 403
    delegate.person.refresh_from_db()
    assert delegate.person.email == "delegue@example.org"
    assert not Anonymisation.objects.exists()


def test_my_data_shows_everything_held(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("privacy:my-data"))

    html = response.content.decode()
    person = records["person"]
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for text in [
        person.first_name,
        person.last_name,
        "partenaire@example.org",
        "418-555-0100",
        "Maison de la famille",
        "Comité conseil",
        "Comité conseil de mars",
        "Envoyer le bilan",
        "Élection 2026",
        "Je suis Marie, de Baie-Saint-Paul.",
        "jamais comment",  # whether they voted, never how
        "Anglais",  # email preferences
    ]:
        assert text in html, text
    assert "jeton-secret-du-calendrier" not in html
    assert f'href="{reverse("meetings:email-preferences")}"' in html
    assert f'href="{reverse("governance:profile")}"' in html
    assert f'href="{reverse("privacy:my-data-json")}"' in html


def test_my_data_download_is_a_json_attachment(client, partner, records):
    client.force_login(partner)

    response = client.get(reverse("privacy:my-data-json"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="mes-renseignements.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "partenaire@example.org"
    assert data["account"]["verified"] is True
    assert data["person"]["email"] == "partenaire@example.org"
    assert data["person"]["show_email"] is False
    assert [s["body"] for s in data["seats"]] == ["Comité conseil"]
    assert data["attendance"][0]["meeting"] == "Comité conseil de mars"
    assert data["candidacies"][0]["statement"] == "Je suis Marie, de Baie-Saint-Paul."
    assert data["votes_cast"] == [
        {"election": "Élection 2026", "organisation": "Maison de la famille"}
    ]
    assert data["calendar_feed"]["exists"] is True
    assert data["action_items"][0]["what"] == "Envoyer le bilan"
    assert data["history"][0]["email"] == "partenaire@example.org"
    assert "jeton-secret-du-calendrier" not in response.content.decode()


def test_account_without_directory_record_sees_its_account(client, outsider):
    client.force_login(outsider)

    data = json.loads(client.get(reverse("privacy:my-data-json")).content)

    assert data["account"]["email"] == "outsider@example.org"
    assert "person" not in data


@pytest.mark.parametrize("meetings", [1, 15])
def test_my_data_queries_are_bounded(
    client, partner, records, django_assert_max_num_queries, meetings
):
    for _ in range(meetings):
        AttendanceFactory(
            meeting=MeetingFactory(held=True, body=records["meeting"].body), person=partner.person
        )
    client.force_login(partner)

    with django_assert_max_num_queries(24):
        response = client.get(reverse("privacy:my-data"))

    assert response.content.decode().count("<tr>") >= meetings + 1


def test_a_malformed_privacy_officer_is_named_at_start_up():
    from tests.test_project import start_django

    result = start_django(DEBUG="true", PRIVACY_OFFICER="personne")

    assert result.returncode != 0
    assert "PRIVACY_OFFICER must read" in result.stderr
