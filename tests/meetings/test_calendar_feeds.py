"""Calendar subscriptions: the private feed, the body feeds, the page that explains them."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.calendar import calendar_of
from meetings.models import CalendarFeed, MeetingStatus
from tests.factories import AttendanceFactory, MeetingFactory


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def feed(council):
    return CalendarFeed.objects.create(person=council.person)


def test_private_feed_lists_the_meetings_of_ones_bodies_with_time_zone_and_link(
    client, territory, feed
):
    meeting = MeetingFactory(
        body=territory["council"],
        title="Comité de novembre",
        starts=timezone.make_aware(datetime.datetime(2031, 11, 20, 13, 30)),
        place="Salle du conseil, Baie-Saint-Paul",
        online_link="https://visio.example.org/comite",
    )
    MeetingFactory(body=territory["chantier"].committee, title="Pas mon chantier")

    response = client.get(reverse("meetings:feed-person", args=[feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "BEGIN:VTIMEZONE" in text
    assert "TZID:America/Montreal" in text
    assert "DTSTART;TZID=America/Montreal:20311120T133000" in text
    found = events(response)
    assert list(found) == ["Comité conseil – Comité de novembre"]
    event = found["Comité conseil – Comité de novembre"]
    assert "Salle du conseil" in str(event["location"])
    assert "https://visio.example.org/comite" in str(event["location"])
    assert str(event["url"]) == "http://testserver" + meeting.get_absolute_url()
    assert str(event["status"]) == "CONFIRMED"


def test_private_feed_marks_cancelled_meetings_and_leaves_out_old_ones(client, territory, feed):
    MeetingFactory(
        body=territory["council"],
        title="Annulée",
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Tempête de neige",
    )
    MeetingFactory(
        body=territory["council"],
        title="Il y a deux ans",
        starts=timezone.now() - datetime.timedelta(days=730),
        status=MeetingStatus.HELD,
    )
    MeetingFactory(
        body=territory["council"],
        title="Il y a six mois",
        starts=timezone.now() - datetime.timedelta(days=180),
        status=MeetingStatus.HELD,
    )

    found = events(client.get(reverse("meetings:feed-person", args=[feed.token])))

    assert set(found) == {"Comité conseil – Annulée", "Comité conseil – Il y a six mois"}
    assert str(found["Comité conseil – Annulée"]["status"]) == "CANCELLED"


def test_private_feed_includes_meetings_one_is_invited_to(client, territory, feed):
    meeting = MeetingFactory(body=territory["chantier"].committee, title="Invitée")
    AttendanceFactory(meeting=meeting, person=feed.person, capacity="guest", voting=False)

    found = events(client.get(reverse("meetings:feed-person", args=[feed.token])))

    assert "Chantier Transport – Invitée" in found


def test_body_feed_lists_every_meeting_of_the_body(client, territory, feed):
    MeetingFactory(body=territory["chantier"].committee, title="Transport collectif")
    MeetingFactory(body=territory["council"], title="Pas ce comité")

    response = client.get(
        reverse("meetings:feed-body", args=[feed.token, territory["chantier"].committee.slug])
    )

    assert list(events(response)) == ["Chantier Transport – Transport collectif"]
    assert "X-WR-CALNAME:Alliance – Chantier Transport" in response.content.decode()


def test_unknown_token_answers_404(client, territory, feed):
    assert client.get(reverse("meetings:feed-person", args=["inconnu"])).status_code == 404
    url = reverse("meetings:feed-body", args=["inconnu", territory["council"].slug])
    assert client.get(url).status_code == 404


def test_token_of_someone_no_longer_a_partner_answers_404(client, territory, feed):
    feed.person.affiliations.all().delete()
    feed.person.seats.all().delete()

    assert client.get(reverse("meetings:feed-person", args=[feed.token])).status_code == 404


def test_renewing_makes_the_old_addresses_404_and_gives_new_ones(client, council, territory):
    client.force_login(council)
    client.post(reverse("meetings:my-calendar-renew"))  # the first time: creates them
    page = client.get(reverse("meetings:my-calendar"))
    old = CalendarFeed.objects.get(person=council.person).token
    assert old in page.content.decode()

    response = client.post(reverse("meetings:my-calendar-renew"))

    assert response.status_code == 302
    new = CalendarFeed.objects.get(person=council.person).token
    assert new != old
    assert client.get(reverse("meetings:feed-person", args=[old])).status_code == 404
    body_url = reverse("meetings:feed-body", args=[old, territory["council"].slug])
    assert client.get(body_url).status_code == 404
    assert client.get(reverse("meetings:feed-person", args=[new])).status_code == 200
    assert new in client.get(reverse("meetings:my-calendar")).content.decode()


def test_renewing_needs_a_post(client, council):
    client.force_login(council)

    assert client.get(reverse("meetings:my-calendar-renew")).status_code == 405


def test_reading_the_calendar_page_creates_nothing(client, partner):
    client.force_login(partner)

    page = client.get(reverse("meetings:my-calendar")).content.decode()

    assert not CalendarFeed.objects.exists()
    assert reverse("meetings:my-calendar-renew") in page  # the button that creates them


def test_calendar_page_explains_how_to_subscribe_and_lists_every_body(client, partner, territory):
    client.force_login(partner)
    client.post(reverse("meetings:my-calendar-renew"))

    response = client.get(reverse("meetings:my-calendar"))

    text = response.content.decode()
    token = CalendarFeed.objects.get(person=partner.person).token
    assert "Google Agenda" in text
    assert "Outlook" in text
    assert "Apple" in text
    assert "Thunderbird" in text
    assert f"http://testserver/calendrier/{token}/mes-rencontres.ics" in text
    assert f"webcal://testserver/calendrier/{token}/mes-rencontres.ics" in text
    for body in ("assemblee", "comite-conseil", "comite-transport", "equipe-adoc"):
        assert f"/calendrier/{token}/instances/{body}.ics" in text
    assert text.count("<h1") == 1


def test_feeds_answer_head_requests_and_refuse_posts(client, feed):
    url = reverse("meetings:feed-person", args=[feed.token])

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_a_feed_is_made_once_per_change_and_an_unchanged_one_answers_304(
    client, territory, feed, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=territory["council"], title="Comité de mars")
    url = reverse("meetings:feed-person", args=[feed.token])
    with mock.patch("meetings.views.calendar.calendar_of", wraps=calendar_of) as made:
        first = client.get(url)
        again = client.get(url)
        assert made.call_count == 1
        assert again.content == first.content
        etag = first["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        since = first["Last-Modified"]
        assert client.get(url, headers={"if-modified-since": since}).status_code == 304
        # HEAD: the headers a GET would have, without making the feed.
        head = client.head(reverse("meetings:feed-body", args=[feed.token, "comite-conseil"]))
        assert head.status_code == 200
        assert head["ETag"]
        assert made.call_count == 1

        meeting.title = "Comité d’avril"
        meeting.save()
        changed = client.get(url, headers={"if-none-match": etag})
        assert changed.status_code == 200
        assert changed["ETag"] != etag
        assert list(events(changed)) == ["Comité conseil – Comité d’avril"]
        # A body renamed changes every event's summary: a new feed too.
        territory["council"].name_fr = "Comité stratégique"
        territory["council"].save()
        renamed = client.get(url, headers={"if-none-match": changed["ETag"]})
        assert list(events(renamed)) == ["Comité stratégique – Comité d’avril"]
        assert made.call_count == 3


def test_a_kept_feed_is_never_served_in_another_language_or_to_a_renewed_token(
    client, settings, territory, feed
):
    MeetingFactory(body=territory["council"], title="Comité de mars")
    url = reverse("meetings:feed-person", args=[feed.token])
    french = client.get(url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert "X-WR-CALNAME:Alliance – mes rencontres" in french.content.decode()
    assert "X-WR-CALNAME:Alliance – my meetings" in english.content.decode()
    feed.renew()
    assert client.get(url).status_code == 404
