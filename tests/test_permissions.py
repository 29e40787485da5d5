"""The permission matrix: every page × every role → expected status."""

import pytest
from django.urls import reverse

from governance.models import (
    Affiliation,
    DirectoryImport,
    ImportKind,
    Organisation,
    Person,
    Representation,
    Seat,
)
from tests.conftest import MANAGERS, PARTNERS, ROLES, WITH_A_PERSON, refused, statuses
from tests.factories import (
    AffiliationFactory,
    PersonFactory,
    RepresentationFactory,
    SeatFactory,
    UserFactory,
)

# Each test reads the cast built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")


def everyone(role):
    return 200


PAGES = [
    ("home", lambda t: [], everyone),
    ("governance:organigram", lambda t: [], statuses(PARTNERS)),
    ("governance:body-detail", lambda t: [t["council"].slug], statuses(PARTNERS)),
    ("governance:body-detail", lambda t: [t["assembly"].slug], statuses(PARTNERS)),
    ("governance:body-past-members", lambda t: [t["council"].slug], statuses(PARTNERS)),
    ("governance:adoc-team", lambda t: [], statuses(PARTNERS)),
    ("governance:directory", lambda t: [], statuses(PARTNERS)),
    ("governance:organisation-detail", lambda t: [t["organisation"].slug], statuses(PARTNERS)),
    ("governance:person-detail", lambda t: [t["person"].pk], statuses(PARTNERS)),
    ("governance:profile", lambda t: [], statuses(WITH_A_PERSON)),
    ("chantiers:chantier-list", lambda t: [], statuses(PARTNERS)),
    ("chantiers:chantier-detail", lambda t: [t["chantier"].slug], statuses(PARTNERS)),
    ("governance:term-ends", lambda t: [], statuses(MANAGERS)),
    ("governance:organisation-create", lambda t: [], statuses(MANAGERS)),
    ("governance:organisation-update", lambda t: [t["organisation"].slug], statuses(MANAGERS)),
    ("governance:representation-create", lambda t: [t["organisation"].slug], statuses(MANAGERS)),
    ("governance:person-create", lambda t: [], statuses(MANAGERS)),
    ("governance:person-update", lambda t: [t["person"].pk], statuses(MANAGERS)),
    ("governance:affiliation-create", lambda t: [t["person"].pk], statuses(MANAGERS)),
    ("governance:seat-create", lambda t: [t["council"].slug], statuses(MANAGERS)),
    ("governance:seat-update", lambda t: [t["seat"].pk], statuses(MANAGERS)),
    ("governance:seat-end", lambda t: [t["seat"].pk], statuses(MANAGERS)),
    ("governance:affiliation-end", lambda t: [t["affiliation"].pk], statuses(MANAGERS)),
    ("governance:representation-end", lambda t: [t["representation"].pk], statuses(MANAGERS)),
    ("governance:import-start", lambda t: [], statuses(MANAGERS)),
    ("governance:import-detail", lambda t: [t["import"].pk], statuses(MANAGERS)),
    ("governance:import-template-csv", lambda t: ["organisations"], statuses(MANAGERS)),
    ("governance:directory-export-xlsx", lambda t: ["personnes"], statuses(MANAGERS)),
]


@pytest.fixture
def objects(territory):
    person = PersonFactory()
    seat = SeatFactory(
        body=territory["council"], person=person, organisation=territory["organisation"]
    )
    affiliation = AffiliationFactory(person=person, organisation=territory["organisation"])
    representation = RepresentationFactory(organisation=territory["ciusss"])
    directory_import = DirectoryImport.objects.create(
        kind=ImportKind.ORGANISATIONS, filename="liste.csv", made_by=UserFactory()
    )
    return {
        "import": directory_import,
        **territory,
        "person": person,
        "seat": seat,
        "affiliation": affiliation,
        "representation": representation,
    }


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


def counts(model, **lookup):
    return lambda t: model.objects.filter(**lookup).count()


# Each write: (URL name, its arguments, the data posted, a measure of its effect).
WRITES = [
    (
        "governance:organisation-create",
        lambda t: [],
        lambda t: {"name": "Neuf", "sector": "other", "college": "community", "mrc": "both"},
        counts(Organisation, name="Neuf"),
    ),
    (
        "governance:organisation-update",
        lambda t: [t["organisation"].slug],
        lambda t: {
            "name": "Nouveau nom",
            "sector": "community",
            "college": "community",
            "mrc": "charlevoix",
            "is_active": "on",
            "version": 0,
        },
        counts(Organisation, name="Nouveau nom"),
    ),
    (
        "governance:representation-create",
        lambda t: [t["organisation"].slug],
        lambda t: {"kind": "substitute", "person": t["person"].pk, "starts": "2026-01-01"},
        counts(Representation, kind="substitute"),
    ),
    (
        "governance:person-create",
        lambda t: [],
        lambda t: {"first_name": "Léa", "last_name": "Neuve", "organisation": t["organisation"].pk},
        counts(Person, last_name="Neuve"),
    ),
    (
        "governance:person-update",
        lambda t: [t["person"].pk],
        lambda t: {"first_name": "Autre", "last_name": "Nom", "version": 0},
        counts(Person, last_name="Nom"),
    ),
    (
        "governance:affiliation-create",
        lambda t: [t["person"].pk],
        lambda t: {"organisation": t["ciusss"].pk, "starts": "2026-01-01"},
        counts(Affiliation, organisation__slug="ciusss"),
    ),
    (
        "governance:affiliation-end",
        lambda t: [t["affiliation"].pk],
        lambda t: {"ends": "2026-01-01"},
        counts(Affiliation, ends="2026-01-01"),
    ),
    (
        "governance:seat-create",
        lambda t: [t["assembly"].slug],
        lambda t: {
            "person": t["person"].pk,
            "organisation": t["organisation"].pk,
            "role": "observer",
            "mode": "designated",
            "starts": "2026-01-01",
        },
        counts(Seat, role="observer"),
    ),
    (
        "governance:seat-update",
        lambda t: [t["seat"].pk],
        lambda t: {
            "organisation": t["organisation"].pk,
            "role": "secretary",
            "mode": "elected",
            "starts": t["seat"].starts.isoformat(),
        },
        counts(Seat, role="secretary"),
    ),
    (
        "governance:seat-end",
        lambda t: [t["seat"].pk],
        lambda t: {"ends": t["seat"].starts.isoformat()},
        lambda t: Seat.objects.filter(ends=t["seat"].starts).count(),
    ),
    (
        "governance:representation-end",
        lambda t: [t["representation"].pk],
        lambda t: {"ends": "2026-01-01"},
        counts(Representation, ends="2026-01-01"),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "data", "effect"), WRITES, ids=[w[0] for w in WRITES])
def test_writes_change_data_only_for_managers(
    client, login_as, objects, role, name, args, data, effect
):
    login_as(role)
    before = effect(objects)

    response = client.post(reverse(name, args=args(objects)), data(objects))

    if role in MANAGERS:
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert effect(objects) == before + 1
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert effect(objects) == before


@pytest.mark.parametrize("role", ROLES)
def test_profile_post_changes_only_ones_own_preferences(client, login_as, objects, role):
    user = login_as(role)

    response = client.post(
        reverse("governance:profile"), {"phone": "418-555-0000", "show_phone": "on", "version": 0}
    )

    changed = Person.objects.filter(phone="418-555-0000")
    if role in WITH_A_PERSON:
        assert response.status_code == 302
        assert list(changed) == [user.person]
    else:
        assert response.status_code in {302, 403}
        assert not changed.exists()


@pytest.mark.parametrize("role", ROLES)
def test_person_invite_post_sends_an_invitation_only_for_managers(
    client, login_as, objects, role, mailoutbox, django_capture_on_commit_callbacks
):
    login_as(role)
    person = objects["person"]

    with django_capture_on_commit_callbacks(execute=True):
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


MISSING = [
    ("governance:organisation-detail", ["inconnue"]),
    ("governance:organisation-update", ["inconnue"]),
    ("governance:body-detail", ["inconnue"]),
    ("governance:seat-create", ["inconnue"]),
    ("governance:person-detail", [0]),
    ("governance:person-update", [0]),
    ("governance:seat-update", [0]),
    ("governance:affiliation-end", [0]),
    ("governance:representation-end", [0]),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args"), MISSING, ids=[m[0] for m in MISSING])
def test_a_missing_object_is_404_to_every_partner(client, login_as, objects, role, name, args):
    """Through the loaders (governance.rules): the login page first, then 404 whether or not
    the partner could have changed it."""
    login_as(role)

    response = client.get(reverse(name, args=args))

    assert response.status_code == refused(role)
