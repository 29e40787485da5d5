"""Pages kept once for everyone they are the same for (infrastructure.pagecache.shared_page):
the organigram, the chantiers overview, the decisions and an election's results. Kept under
the viewer's audience (governance.roles.audience: roles, seats, directory entry, account
flags), without the viewer's own part of the layout, which is made again for each visit."""

import contextlib

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import SeatRole
from governance.roles import audience
from infrastructure import pagecache
from tests.conftest import _member, _seated
from tests.elections.test_views import build_elections
from tests.factories import DecisionFactory, MeetingFactory

SHARED = ["organigram", "chantiers", "decisions", "results"]


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    yield
    with contextlib.suppress(Exception):
        pagecache.page_cache().clear()


@pytest.fixture
def records(territory, adoc):
    """A decision of the assembly (every partner reads it), one of the comité conseil (its
    members only) and a published election."""
    DecisionFactory(meeting=MeetingFactory(body=territory["assembly"], held=True))
    DecisionFactory(meeting=MeetingFactory(body=territory["council"], held=True))
    return build_elections(territory)


def url_of(name, records):
    return {
        "organigram": reverse("governance:organigram"),
        "chantiers": reverse("chantiers:chantier-list"),
        "decisions": reverse("meetings:decision-list"),
        "results": reverse("elections:election-results", args=[records["published"].pk]),
    }[name]


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def without_token(content):
    return pagecache.CSRF_INPUT.sub(rb"\g<1>\g<2>", content)


def twins(territory):
    """Two partners and two members of the comité conseil: each pair one audience."""
    partners = [
        _member(territory["organisation"], "un@example.org"),
        _member(territory["ciusss"], "deux@example.org"),
    ]
    members = [
        _seated(territory["council"], territory["organisation"], "trois@example.org"),
        _seated(territory["council"], territory["ciusss"], "quatre@example.org"),
    ]
    return partners, members


@pytest.mark.parametrize("name", SHARED)
def test_a_shared_page_is_the_same_for_everyone_of_one_audience(name, territory, records, settings):
    """What makes sharing safe, checked with the cache off: for two people of one audience the
    view makes the same page, and for another audience (a seat on the comité) another."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    url = url_of(name, records)
    partners, members = twins(territory)
    for first, second in (partners, members):
        assert audience(first) == audience(second)
        made = [without_token(logged_in(user).get(url).content) for user in (first, second)]
        assert made[0] == made[1]
    assert audience(partners[0]) != audience(members[0])


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("name", SHARED)
def test_a_shared_page_is_made_once_for_an_audience_with_each_viewer_s_own_menu(
    name, territory, records, django_assert_max_num_queries
):
    (first, second), (member, _) = twins(territory)
    url = url_of(name, records)
    made = logged_in(first).get(url)
    assert made.status_code == 200
    assert pagecache.HIT_HEADER not in made
    viewer = logged_in(second)
    # The session, the account, the roles and seats (kept with Redis; asked here: the
    # cache of the tests is the page cache only), nothing of the page itself.
    with django_assert_max_num_queries(5):
        again = viewer.get(url)
    assert again[pagecache.HIT_HEADER] == "hit"
    assert without_token(again.content) == without_token(made.content)
    # Kept without anyone's menu: only the empty slot where each viewer's goes.
    kept = [
        entry["content"]
        for entry in (pagecache.page_cache().get(key) for key in _shared_keys(again, url))
        if entry
    ]
    assert kept
    assert all(pagecache.PERSONAL_SLOT in content for content in kept)
    logout = reverse("account_logout").encode()
    assert logout in made.content
    assert all(logout not in content for content in kept)
    # Another audience does not get it.
    assert pagecache.HIT_HEADER not in logged_in(member).get(url)


def _shared_keys(response, url):
    request = response.wsgi_request
    return [pagecache.shared_key(request, audience(request.user))]


@pytest.mark.usefixtures("page_cache")
def test_the_menu_of_a_shared_page_is_the_viewer_s(territory, records, admin, settings):
    """The administrator has no directory entry (no « Mon profil »); a partner has one: two
    audiences, and each page carries its own viewer's menu, never the other's."""
    partner = _member(territory["organisation"], "un@example.org")
    url = url_of("organigram", records)
    assert "Mon profil" in logged_in(partner).get(url).content.decode()
    page = logged_in(admin).get(url).content.decode()
    assert "Mon profil" not in page
    assert "Se déconnecter" in page


@pytest.mark.usefixtures("page_cache")
def test_a_change_shows_at_once_to_every_audience(
    territory, records, django_capture_on_commit_callbacks
):
    (first, second), _ = twins(territory)
    url = url_of("decisions", records)
    logged_in(first).get(url)
    with django_capture_on_commit_callbacks(execute=True):
        DecisionFactory(
            meeting=MeetingFactory(body=territory["assembly"], held=True),
            title="Adopter le plan de transport",
        )
    response = logged_in(second).get(url)
    assert pagecache.HIT_HEADER not in response
    assert "Adopter le plan de transport" in response.content.decode()


def test_an_audience_names_roles_and_seats_never_the_person(territory):
    (first, _), (member, _) = twins(territory)
    for user in (first, member):
        said = audience(user)
        assert user.email not in said
        assert user.person.last_name not in said
    assert audience(Client().get("/").wsgi_request.user) == "anonymous"
    chair = _seated(
        territory["council"], territory["ciusss"], "cinq@example.org", role=SeatRole.CHAIR
    )
    assert audience(chair) != audience(member)
