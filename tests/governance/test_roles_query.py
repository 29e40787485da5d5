"""The roles query is compiled once a day and run with each user's id: never a stale answer."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from governance import roles
from governance.roles import Role, current_seats, roles_for
from infrastructure import pagecache
from tests.factories import SeatFactory


def fresh(user):
    """The same account as a new request sees it (nothing kept on the object)."""
    return User.objects.get(pk=user.pk)


def test_each_user_gets_their_own_roles_from_the_shared_query(partner, council, adoc, outsider):
    assert roles_for(fresh(partner)) == {Role.PARTNER}
    assert roles_for(fresh(council)) == {Role.PARTNER, Role.COUNCIL_MEMBER}
    assert roles_for(fresh(adoc)) == {Role.PARTNER, Role.ADOC}
    assert roles_for(fresh(outsider)) == frozenset()
    assert roles_for(AnonymousUser()) == frozenset()
    # The person fetched with the roles is the user's own, kept for the page.
    user = fresh(council)
    roles_for(user)
    assert user.person == council.person


def test_a_new_seat_counts_at_the_next_request(partner, territory):
    assert Role.COUNCIL_MEMBER not in roles_for(fresh(partner))
    SeatFactory(body=territory["council"], person=partner.person)
    user = fresh(partner)
    assert Role.COUNCIL_MEMBER in roles_for(user)
    assert (territory["council"].pk, "member") in current_seats(user)


def test_the_query_is_compiled_again_the_next_day(partner, territory):
    today = timezone.localdate()
    SeatFactory(
        body=territory["council"],
        person=partner.person,
        starts=today - datetime.timedelta(days=10),
        ends=today,
    )
    assert Role.COUNCIL_MEMBER in roles_for(fresh(partner))
    tomorrow = today + datetime.timedelta(days=1)
    with mock.patch.object(roles, "today", return_value=tomorrow):
        assert Role.COUNCIL_MEMBER not in roles_for(fresh(partner))
    assert Role.COUNCIL_MEMBER in roles_for(fresh(partner))


@pytest.fixture
def page_cache(settings):
    # Redis in production (REDIS_URL); memory is as good in one process.
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    yield
    pagecache.page_cache().clear()


def test_with_the_page_cache_the_roles_are_asked_once_until_a_seat_changes(
    page_cache, partner, territory, django_capture_on_commit_callbacks
):
    first = fresh(partner)
    assert roles_for(first) == {Role.PARTNER}
    current_seats(first)
    user = fresh(partner)
    with CaptureQueriesContext(connection) as queries:
        assert roles_for(user) == {Role.PARTNER}
        assert current_seats(user) == []
        # The person came with the roles, from the cache too.
        assert user.person == partner.person
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):
        SeatFactory(body=territory["council"], person=partner.person)
    user = fresh(partner)
    assert roles_for(user) == {Role.PARTNER, Role.COUNCIL_MEMBER}
    assert current_seats(user) == [(territory["council"].pk, "member")]


def test_a_kept_answer_is_never_another_accounts_nor_an_administrators_flag(
    page_cache, partner, council, admin_user, django_capture_on_commit_callbacks
):
    assert roles_for(fresh(partner)) == {Role.PARTNER}
    assert roles_for(fresh(council)) == {Role.PARTNER, Role.COUNCIL_MEMBER}
    assert roles_for(fresh(partner)) == {Role.PARTNER}
    # The administrator's flag is read from the account at each request, not from the cache.
    with django_capture_on_commit_callbacks(execute=True):
        User.objects.filter(pk=partner.pk).update(is_superuser=True)
    assert Role.ADMIN in roles_for(fresh(partner))
    User.objects.filter(pk=partner.pk).update(is_superuser=False)  # not even counted
    assert Role.ADMIN not in roles_for(fresh(partner))
