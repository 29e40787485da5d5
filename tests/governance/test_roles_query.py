"""The roles query is compiled once a day and run with each user's id: never a stale answer."""

import datetime
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.models import User
from governance import roles
from governance.roles import Role, current_seats, roles_for
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
