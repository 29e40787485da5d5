"""Permission matrix of the calendar, email preferences, search and assembly report pages:
every page × every role, GET and POST effect."""

import pytest
from django.urls import reverse

from governance.models import NotificationPreferences
from meetings.models import CalendarFeed
from tests.conftest import PARTNERS, ROLES, WITH_A_PERSON, refused, statuses
from tests.factories import DecisionFactory, MeetingFactory, PersonFactory

# Each test reads the cast built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")

PAGES = [
    ("meetings:my-calendar", lambda t: [], statuses(WITH_A_PERSON)),
    ("meetings:email-preferences", lambda t: [], statuses(WITH_A_PERSON)),
    ("meetings:search", lambda t: [], statuses(PARTNERS)),
    ("portal:assembly-report", lambda t: [t["assembly_meeting"].pk], statuses(PARTNERS)),
]


@pytest.fixture
def objects(territory):
    assembly_meeting = MeetingFactory(body=territory["assembly"])
    DecisionFactory(meeting=MeetingFactory(held=True, body=territory["council"]), title="Budget")
    return {**territory, "assembly_meeting": assembly_meeting}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_page_answers_each_role_as_expected(client, login_as, objects, role, name, args, expected):
    login_as(role)

    response = client.get(reverse(name, args=args(objects)), {"q": "budget"})

    assert response.status_code == expected(role)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))
    if response.status_code == 403:
        assert "Accès refusé" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_report_of_a_meeting_that_is_not_an_assembly_is_404_for_partners(
    client, login_as, objects, role
):
    login_as(role)
    meeting = MeetingFactory(body=objects["council"])

    response = client.get(reverse("portal:assembly-report", args=[meeting.pk]))

    assert response.status_code == refused(role)


@pytest.mark.parametrize("role", ROLES)
def test_renewing_the_calendar_address_changes_only_ones_own(client, login_as, objects, role):
    user = login_as(role)
    someone_else = CalendarFeed.objects.create(person=PersonFactory())
    mine = CalendarFeed.objects.create(person=user.person) if role in WITH_A_PERSON else None
    before = mine.token if mine else None

    response = client.post(reverse("meetings:my-calendar-renew"))

    if role in WITH_A_PERSON:
        assert response.status_code == 302
        mine.refresh_from_db()
        assert mine.token != before
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
    assert CalendarFeed.objects.get(pk=someone_else.pk).token == someone_else.token


@pytest.mark.parametrize("role", ROLES)
def test_email_preferences_post_changes_only_ones_own(client, login_as, objects, role):
    user = login_as(role)
    data = {"records": "weekly", "decisions": "weekly", "language": "en"}

    response = client.post(reverse("meetings:email-preferences"), data)

    saved = NotificationPreferences.objects.filter(language="en")
    if role in WITH_A_PERSON:
        assert response.status_code == 302
        assert [p.person for p in saved] == [user.person]
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not saved.exists()


@pytest.mark.parametrize("role", ROLES)
def test_feeds_answer_the_token_of_every_partner_without_a_login(client, login_as, objects, role):
    user = login_as(role)
    client.logout()  # calendar apps have no session
    if role not in WITH_A_PERSON:
        token = "pas-un-jeton"
        expected = 404
    else:
        token = CalendarFeed.objects.create(person=user.person).token
        expected = 200

    person_feed = client.get(reverse("meetings:feed-person", args=[token]))
    body_feed = client.get(reverse("meetings:feed-body", args=[token, objects["council"].slug]))

    assert person_feed.status_code == expected
    assert body_feed.status_code == expected


def test_feed_of_an_unknown_or_inactive_body_is_404(client, partner, objects):
    token = CalendarFeed.objects.create(person=partner.person).token
    objects["council"].is_active = False
    objects["council"].save()

    for slug in ("inconnue", objects["council"].slug):
        response = client.get(reverse("meetings:feed-body", args=[token, slug]))
        assert response.status_code == 404


def test_feed_of_a_person_whose_account_is_deactivated_is_404(client, partner):
    token = CalendarFeed.objects.create(person=partner.person).token
    partner.is_active = False
    partner.save()

    assert client.get(reverse("meetings:feed-person", args=[token])).status_code == 404
