"""The permission matrix: every page × every role → expected status."""

import pytest
from django.urls import reverse

from governance.models import Organisation, Seat
from tests.conftest import ROLES
from tests.factories import AffiliationFactory, PersonFactory, SeatFactory

PARTNERS = {"partner", "delegate", "chantier_member", "council", "adoc", "admin"}
MANAGERS = {"adoc", "admin"}


def everyone(role):
    return 200


def partners(role):
    if role == "anonymous":
        return 302
    return 200 if role in PARTNERS else 403


def managers(role):
    if role == "anonymous":
        return 302
    return 200 if role in MANAGERS else 403


def partners_with_a_person(role):
    # The admin account of the test cast has no directory entry, hence no profile.
    return 403 if role == "admin" else partners(role)


PAGES = [
    ("home", lambda t: [], everyone),
    ("governance:organigram", lambda t: [], partners),
    ("governance:body-detail", lambda t: [t["council"].slug], partners),
    ("governance:body-detail", lambda t: [t["assembly"].slug], partners),
    ("governance:adoc-team", lambda t: [], partners),
    ("governance:directory", lambda t: [], partners),
    ("governance:organisation-detail", lambda t: [t["organisation"].slug], partners),
    ("governance:person-detail", lambda t: [t["person"].pk], partners),
    ("governance:profile", lambda t: [], partners_with_a_person),
    ("chantiers:chantier-list", lambda t: [], partners),
    ("chantiers:chantier-detail", lambda t: [t["chantier"].slug], partners),
    ("governance:term-ends", lambda t: [], managers),
    ("governance:organisation-create", lambda t: [], managers),
    ("governance:organisation-update", lambda t: [t["organisation"].slug], managers),
    ("governance:representation-create", lambda t: [t["organisation"].slug], managers),
    ("governance:person-create", lambda t: [], managers),
    ("governance:person-update", lambda t: [t["person"].pk], managers),
    ("governance:affiliation-create", lambda t: [t["person"].pk], managers),
    ("governance:seat-create", lambda t: [t["council"].slug], managers),
    ("governance:seat-update", lambda t: [t["seat"].pk], managers),
    ("governance:seat-end", lambda t: [t["seat"].pk], managers),
    ("governance:affiliation-end", lambda t: [t["affiliation"].pk], managers),
]


@pytest.fixture
def objects(territory):
    person = PersonFactory()
    seat = SeatFactory(
        body=territory["council"], person=person, organisation=territory["organisation"]
    )
    affiliation = AffiliationFactory(person=person, organisation=territory["organisation"])
    return {**territory, "person": person, "seat": seat, "affiliation": affiliation}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_answers_each_role_as_expected(client, login_as, objects, role, name, args, expected):
    login_as(role)

    response = client.get(reverse(name, args=args(objects)))

    assert response.status_code == expected(role)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))
    if response.status_code == 403:
        assert "Accès refusé" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_organisation_update_post_changes_data_only_for_managers(client, login_as, objects, role):
    login_as(role)
    organisation = objects["organisation"]

    response = client.post(
        reverse("governance:organisation-update", args=[organisation.slug]),
        {
            "name": "Nouveau nom",
            "sector": organisation.sector,
            "college": organisation.college,
            "mrc": organisation.mrc,
            "is_active": "on",
            "version": organisation.version,
        },
    )

    organisation = Organisation.objects.get(pk=organisation.pk)
    if role in MANAGERS:
        assert response.status_code == 302
        assert organisation.name == "Nouveau nom"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert organisation.name == "Maison de la famille"


@pytest.mark.parametrize("role", ROLES)
def test_seat_end_post_ends_the_seat_only_for_managers(client, login_as, objects, role):
    login_as(role)
    seat = objects["seat"]

    client.post(reverse("governance:seat-end", args=[seat.pk]), {"ends": seat.starts.isoformat()})

    ended = Seat.objects.get(pk=seat.pk).ends == seat.starts
    assert ended == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_person_invite_post_sends_an_invitation_only_for_managers(
    client, login_as, objects, role, mailoutbox
):
    login_as(role)
    person = objects["person"]

    response = client.post(reverse("governance:person-invite", args=[person.pk]))

    person.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert person.user is not None
        assert len(mailoutbox) == 1
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert person.user is None
        assert mailoutbox == []
