"""The fixed cast of the tests: one user per role, on a small territory."""

import contextlib

import pytest
from django.db import transaction
from django.db.models import Model
from django.test import override_settings

from demo.data import categories
from governance.models import BodyKind, BodyLinkKind, RepresentationKind, SeatRole
from governance.models.identity import AllianceIdentity, keep_identity
from governance.models.territory import keep_categories
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
MANAGERS = {"adoc", "admin"}  # the ADOC team, and site administrators where a rule names them
# Running an election is the ADOC agents' alone: the superuser's shortcut does not reach the
# portal's rules (accounts.models.User.has_perm), and no election rule names administrators.
ELECTION_AGENTS = {"adoc"}
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


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # The identity kept in the process may be a row an earlier test saved, then rolled back:
    # each test starts with the default one, read already (saving one forgets it).
    keep_identity(AllianceIdentity())
    # The same for the sectors, colleges and MRCs: the DSI Charlevoix's, whatever an earlier
    # test wrote (a test that writes its own reads them again, as the editing process does).
    keep_categories(categories.entries())
    settings.PASSWORD_HASHERS = FAST_HASHER
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


def build_territory():
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
    SeatQuotaFactory(body=council, college="community", seats=4)
    SeatQuotaFactory(body=council, college="institutional", seats=4)
    chantier = ChantierFactory(name="Chantier Transport", slug="transport")
    adoc = BodyFactory(name="Équipe ADOC", slug="equipe-adoc", kind=BodyKind.ADOC, position=90)
    BodyLinkFactory(source=assembly, target=council, kind=BodyLinkKind.ELECTS)
    BodyLinkFactory(source=chantier.committee, target=council, kind=BodyLinkKind.REPORTS_TO)
    BodyLinkFactory(source=adoc, target=council, kind=BodyLinkKind.SUPPORTS)
    organisation = OrganisationFactory(name="Maison de la famille", slug="maison-famille")
    ciusss = OrganisationFactory(
        name="CIUSSS", slug="ciusss", sector="health", college="institutional"
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


def _seated(body, organisation, email, role=SeatRole.MEMBER):
    user = _member(organisation, email)
    SeatFactory(body=body, person=user.person, organisation=organisation, role=role)
    return user


def adoc_agent(territory, email):
    """Another ADOC agent than the cast's `adoc`: elections are run by ADOC agents only
    (elections.workflow), a paper count confirmed by a second one."""
    return _seated(territory["adoc"], territory["ciusss"], email)


def _delegate(territory):
    user = _member(territory["organisation"], "delegue@example.org")
    RepresentationFactory(
        organisation=territory["organisation"], person=user.person, kind=RepresentationKind.DELEGATE
    )
    return user


# How each member of the cast is made, on the territory. Each is a fixture of the same name.
CAST = {
    # Logged in, but attached to no member organisation.
    "outsider": lambda t: UserFactory(email="outsider@example.org"),
    "partner": lambda t: _member(t["organisation"], "partenaire@example.org"),
    "delegate": _delegate,
    "chantier_member": lambda t: _seated(
        t["chantier"].committee, t["organisation"], "chantier@example.org"
    ),
    # Chairs the chantier's committee: its coordination, as much as a coordination seat.
    "chantier_chair": lambda t: _seated(
        t["chantier"].committee,
        t["organisation"],
        "presidence-chantier@example.org",
        role=SeatRole.CHAIR,
    ),
    "council": lambda t: _seated(
        t["council"], t["organisation"], "comite@example.org", role=SeatRole.CHAIR
    ),
    "adoc": lambda t: _seated(t["adoc"], t["ciusss"], "adoc@example.org"),
    "admin": lambda t: UserFactory(email="admin@example.org", is_superuser=True, is_staff=True),
}


def fresh(value):
    """The same records read again from the database (in the same dicts, lists and tuples): what
    one test changes on an object in memory does not follow it into the next test."""
    if isinstance(value, Model):
        return type(value)._base_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(fresh(item) for item in value)
    return value


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """A transaction around a module's tests, rolled back after the last one: what is built in it
    is there for each test, whose own writes are rolled back to a savepoint as usual."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def cast_once_per_module(request, django_db_setup, django_db_blocker):
    """The territory and the whole cast built once for a module's tests, rather than for each.

    A module opts in with `pytestmark = pytest.mark.usefixtures("cast_once_per_module")`, when
    none of its tests commits (no `transaction=True`, no live server): then `territory`, every
    role's fixture and the module's own `once_per_module` fixtures hand each test the records
    read again (`fresh`), built once at the start of the module, before its first test opens its
    own transaction."""
    for item in request.node.session.items:
        if item.module is request.module and _commits(item):
            pytest.fail(f"{item.nodeid} commits: its module may not build the cast once")
    with rolled_back(django_db_blocker):
        territory = build_territory()
        yield {"territory": territory, **{role: make(territory) for role, make in CAST.items()}}


def _commits(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    return bool(transactional) or bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames)
    )


def _module_cast(request):
    if "cast_once_per_module" in request.fixturenames:
        return request.getfixturevalue("cast_once_per_module")
    return None


@pytest.fixture
def territory(request, db):
    """The assembly, the comité conseil (4 + 4 seats), one chantier and the ADOC team."""
    cast = _module_cast(request)
    return fresh(cast["territory"]) if cast else build_territory()


def _cast_fixture(role):
    def on_the_territory(request, territory):
        cast = _module_cast(request)
        return fresh(cast[role]) if cast else CAST[role](territory)

    def apart(request, db):  # the outsider and the administrator need no territory
        cast = _module_cast(request)
        return fresh(cast[role]) if cast else CAST[role](None)

    return pytest.fixture(apart if role in APART else on_the_territory, name=role)


APART = {"outsider", "admin"}
outsider = _cast_fixture("outsider")
partner = _cast_fixture("partner")
delegate = _cast_fixture("delegate")
chantier_member = _cast_fixture("chantier_member")
chantier_chair = _cast_fixture("chantier_chair")
council = _cast_fixture("council")
adoc = _cast_fixture("adoc")
admin = _cast_fixture("admin")


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


# make test spreads the tests over the machine's cores (pytest-xdist, -n auto). Each test is a
# unit of work of its own, except the tests sharing one ops stack (fixed ports, started once per
# module): they run in one worker. Units are handed out the largest first (xdist's
# --loadscope-reorder), then in the order below: the longest tests first, so that no worker is left
# with one of them at the end while the other waits (the crawl's roles that reach the most pages,
# the other browser tests), then the rest as collected.
ONE_WORKER_MODULES = ("tests/ops/test_scale_out.py",)
LONGEST_FIRST = (
    "[adoc@",
    "[admin@",
    "tests/browser/test_crawl.py",
    "tests/test_fuzz.py",
    "tests/browser/",
)


@pytest.hookimpl(optionalhook=True)  # without xdist (-p no:xdist), not called
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class OneTestPerUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.partition("::")[0]
            return module if module in ONE_WORKER_MODULES else nodeid

    return OneTestPerUnit(config, log)


def pytest_collection_modifyitems(items):
    def rank(item):
        return next(
            (rank for rank, part in enumerate(LONGEST_FIRST) if part in item.nodeid),
            len(LONGEST_FIRST),
        )

    items.sort(key=rank)


# What a test wants said at the end of every run (the crawl's figures), as a "summary" property:
# unlike a print, it reaches the terminal from an xdist worker too.
_SUMMARIES = []


def pytest_runtest_logreport(report):
    if report.when == "call":
        _SUMMARIES.extend(value for name, value in report.user_properties if name == "summary")


def pytest_terminal_summary(terminalreporter):
    if _SUMMARIES:
        terminalreporter.section("summaries")
        for line in sorted(_SUMMARIES):
            terminalreporter.write_line(line)
