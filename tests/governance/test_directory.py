"""The directory: filters, search, pagination and who sees personal details."""

import pytest
from django.urls import reverse

from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory, SeatFactory


@pytest.fixture
def organisations(territory):
    return {
        "ville": OrganisationFactory(
            name="Ville de Clermont",
            sector="municipal",
            college="institutional",
            mrc="charlevoix-est",
        ),
        "banque": OrganisationFactory(name="Banque alimentaire", acronym="BAC"),
        "ancien": OrganisationFactory(name="Ancien organisme", is_active=False),
    }


def names(response):
    return [organisation.name for organisation in response.context["organisations"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"college": "institutional"}, ["CIUSSS", "Ville de Clermont"]),
        ({"sector": "municipal"}, ["Ville de Clermont"]),
        ({"mrc": "charlevoix-est"}, ["Ville de Clermont"]),
        ({"q": "bac"}, ["Banque alimentaire"]),
        ({"q": "ancien"}, []),
        ({"q": "ancien", "former": "on"}, ["Ancien organisme"]),
    ],
)
def test_directory_filters(client, partner, organisations, query, expected):
    client.force_login(partner)

    response = client.get(reverse("governance:directory"), query)

    assert names(response) == expected


def test_directory_finds_an_organisation_by_a_member_name(client, partner, organisations):
    AffiliationFactory(
        person=PersonFactory(first_name="Rosalie", last_name="Gagnon"),
        organisation=organisations["banque"],
    )
    client.force_login(partner)

    response = client.get(reverse("governance:directory"), {"q": "rosalie gagnon"})

    assert names(response) == ["Banque alimentaire"]


def test_directory_filters_by_chantier(client, partner, organisations, territory):
    SeatFactory(body=territory["chantier"].committee, organisation=organisations["banque"])
    client.force_login(partner)

    response = client.get(
        reverse("governance:directory"), {"chantier": territory["chantier"].committee.slug}
    )

    assert names(response) == ["Banque alimentaire"]


def test_directory_paginates_and_keeps_the_filters_in_page_links(client, partner, territory):
    for number in range(30):
        OrganisationFactory(name=f"Municipalité {number:02}", sector="municipal")
    client.force_login(partner)

    first = client.get(reverse("governance:directory"), {"sector": "municipal"})
    second = client.get(reverse("governance:directory"), {"sector": "municipal", "page": 2})

    assert len(first.context["organisations"]) == 25
    assert len(second.context["organisations"]) == 5
    assert "sector=municipal&amp;page=2" in first.content.decode()


def test_an_unknown_filter_value_shows_everything_active_not_an_error(
    client, partner, organisations
):
    client.force_login(partner)

    response = client.get(reverse("governance:directory"), {"college": "nope"})

    assert response.status_code == 200
    assert "Ancien organisme" not in names(response)


@pytest.fixture
def reachable(territory):
    person = PersonFactory(
        email="rejoindre@example.org", phone="418-555-0199", show_email=True, show_phone=False
    )
    AffiliationFactory(person=person, organisation=territory["organisation"])
    return person


def test_partners_see_only_the_contact_details_a_person_shares(client, partner, reachable):
    client.force_login(partner)

    content = client.get(reverse("governance:person-detail", args=[reachable.pk])).content.decode()

    assert "rejoindre@example.org" in content
    assert "418-555-0199" not in content


def test_the_adoc_team_sees_every_contact_detail(client, adoc, reachable):
    client.force_login(adoc)

    content = client.get(reverse("governance:person-detail", args=[reachable.pk])).content.decode()

    assert "rejoindre@example.org" in content
    assert "418-555-0199" in content


def test_anonymous_visitors_never_see_personal_details(client, reachable):
    pages = [
        reverse("home"),
        reverse("governance:person-detail", args=[reachable.pk]),
        reverse(
            "governance:organisation-detail", args=[reachable.affiliations.get().organisation.slug]
        ),
    ]

    for url in pages:
        content = client.get(url, follow=True).content.decode()
        assert "rejoindre@example.org" not in content
        assert "418-555-0199" not in content


def test_contact_details_stay_private_until_the_person_shares_them(client, partner, territory):
    person = PersonFactory(email="discret@example.org", phone="418-555-0177")
    AffiliationFactory(person=person, organisation=territory["organisation"])
    client.force_login(partner)

    content = client.get(reverse("governance:person-detail", args=[person.pk])).content.decode()

    assert "discret@example.org" not in content
    assert "418-555-0177" not in content


def test_anonymous_users_pass_no_contact_rule(reachable):
    from django.contrib.auth.models import AnonymousUser

    reachable.user = None

    assert not AnonymousUser().has_perm("governance.view_email", reachable)
    assert not AnonymousUser().has_perm("governance.view_phone", reachable)


def test_adoc_support_does_not_make_the_employer_a_chantier_member(
    client, partner, adoc, territory
):
    from governance.models import SeatRole

    SeatFactory(
        body=territory["chantier"].committee,
        person=adoc.person,
        organisation=territory["ciusss"],
        role=SeatRole.SUPPORT,
    )
    client.force_login(partner)

    directory = client.get(
        reverse("governance:directory"), {"chantier": territory["chantier"].committee.slug}
    )
    organisation = client.get(reverse("governance:organisation-detail", args=["ciusss"]))
    chantier = client.get(reverse("chantiers:chantier-detail", args=[territory["chantier"].slug]))

    assert names(directory) == []
    assert organisation.context["chantier_bodies"] == []
    assert list(chantier.context["organisations"]) == []
