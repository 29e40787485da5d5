"""The fixed cast of the tests: one user per role, on a small territory."""

import pytest

from governance.models import BodyKind, BodyLinkKind, College, RepresentationKind, SeatRole
from tests.factories import (
    AffiliationFactory,
    BodyFactory,
    BodyLinkFactory,
    ChantierFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
    SeatFactory,
    SeatQuotaFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "outsider",
    "partner",
    "delegate",
    "chantier_member",
    "council",
    "adoc",
    "admin",
]

# The roles by what the portal lets them do, for the permission matrices. `outsider` has an
# account but no organisation; `admin` is a superuser without a directory entry.
PARTNERS = {"partner", "delegate", "chantier_member", "council", "adoc", "admin"}
MANAGERS = {"adoc", "admin"}  # the ADOC team, and site administrators, who pass every rule
COUNCIL_AND_MANAGERS = {"council"} | MANAGERS  # who read the comité conseil's drafts
OUTSIDE_THE_COUNCIL = PARTNERS - COUNCIL_AND_MANAGERS
WITH_A_PERSON = PARTNERS - {"admin"}  # a profile, a calendar, email preferences of their own


def refused(role):
    """The answer to a role that may not see an object: the login page (302) for anonymous,
    403 for a logged-in non-partner, 404 for a partner (not told that it exists)."""
    return {"anonymous": 302, "outsider": 403}.get(role, 404)


def statuses(allowed, hidden=()):
    """The expected status of a page per role: 200 for `allowed`, 404 for `hidden`, 403 for
    the others, the login page (302) for anonymous."""

    def expected(role):
        if role == "anonymous":
            return 302
        if role == "outsider":
            return 403
        if role in allowed:
            return 200
        return 404 if role in hidden else 403

    return expected


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "fr-ca"
    # Emails run in the test, once the transaction commits (django_capture_on_commit_callbacks);
    # tests/test_outbox.py goes through the database queue and a real worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # allauth's rate limits count in the database cache, rolled back after each test.


@pytest.fixture
def territory(db):
    """The assembly, the comité conseil (4 + 4 seats), one chantier and the ADOC team."""
    assembly = BodyFactory(
        name="Assemblée des partenaires", slug="assemblee", kind=BodyKind.ASSEMBLY, position=10
    )
    council = BodyFactory(
        name="Comité conseil",
        slug="comite-conseil",
        kind=BodyKind.COUNCIL,
        alias="Comité stratégique",
        position=20,
    )
    SeatQuotaFactory(body=council, college=College.COMMUNITY, seats=4)
    SeatQuotaFactory(body=council, college=College.INSTITUTIONAL, seats=4)
    chantier = ChantierFactory(name="Chantier Transport", slug="transport")
    adoc = BodyFactory(name="Équipe ADOC", slug="equipe-adoc", kind=BodyKind.ADOC, position=90)
    BodyLinkFactory(source=assembly, target=council, kind=BodyLinkKind.ELECTS)
    BodyLinkFactory(source=chantier.committee, target=council, kind=BodyLinkKind.REPORTS_TO)
    BodyLinkFactory(source=adoc, target=council, kind=BodyLinkKind.SUPPORTS)
    organisation = OrganisationFactory(name="Maison de la famille", slug="maison-famille")
    ciusss = OrganisationFactory(
        name="CIUSSS", slug="ciusss", sector="health", college=College.INSTITUTIONAL
    )
    return {
        "assembly": assembly,
        "council": council,
        "chantier": chantier,
        "adoc": adoc,
        "organisation": organisation,
        "ciusss": ciusss,
    }


def _member(organisation, email):
    user = UserFactory(email=email)
    person = PersonFactory(user=user, email=email)
    AffiliationFactory(person=person, organisation=organisation)
    return user


@pytest.fixture
def outsider(db):
    """Logged in, but attached to no member organisation."""
    return UserFactory(email="outsider@example.org")


@pytest.fixture
def partner(territory):
    return _member(territory["organisation"], "partenaire@example.org")


@pytest.fixture
def delegate(territory):
    user = _member(territory["organisation"], "delegue@example.org")
    RepresentationFactory(
        organisation=territory["organisation"], person=user.person, kind=RepresentationKind.DELEGATE
    )
    return user


@pytest.fixture
def chantier_member(territory):
    user = _member(territory["organisation"], "chantier@example.org")
    SeatFactory(
        body=territory["chantier"].committee,
        person=user.person,
        organisation=territory["organisation"],
    )
    return user


@pytest.fixture
def chantier_chair(territory):
    """Chairs the chantier's committee: its coordination, as much as a coordination seat."""
    user = _member(territory["organisation"], "presidence-chantier@example.org")
    SeatFactory(
        body=territory["chantier"].committee,
        person=user.person,
        organisation=territory["organisation"],
        role=SeatRole.CHAIR,
    )
    return user


@pytest.fixture
def council(territory):
    user = _member(territory["organisation"], "comite@example.org")
    SeatFactory(
        body=territory["council"],
        person=user.person,
        organisation=territory["organisation"],
        role=SeatRole.CHAIR,
    )
    return user


@pytest.fixture
def adoc(territory):
    user = _member(territory["ciusss"], "adoc@example.org")
    SeatFactory(body=territory["adoc"], person=user.person, organisation=territory["ciusss"])
    return user


@pytest.fixture
def admin(db):
    return UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def login_as(client, request):
    """Log the test client in as one of the cast, by role name; returns the user (or None)."""

    def login(role):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return user

    return login
