"""The calendar, email preferences, search and assembly report pages, and the feeds, issue a
bounded number of queries as records pile up."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chantiers.models import Chantier
from governance.models import Body, BodyKind, Person, Seat, SeatQuota
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    CalendarFeed,
    Decision,
    Mandate,
    MandateUpdate,
    Meeting,
    MeetingStatus,
)
from tests.factories import MeetingFactory, PersonFactory


def grow(territory, size, user):
    """`size` chantiers and people, and `size` held meetings of the comité in the last
    months, each with attendance, an agenda item, a decision and a mandate (in bulk)."""
    now = timezone.now()
    bodies = Body.objects.bulk_create(
        Body(name=f"Comité {n}", slug=f"comite-{n}", kind=BodyKind.CHANTIER, summary="Un chantier")
        for n in range(size)
    )
    Chantier.objects.bulk_create(
        Chantier(name=f"Chantier {n}", slug=f"chantier-{n}", mandate="Agir", committee=body)
        for n, body in enumerate(bodies)
    )
    SeatQuota.objects.bulk_create(SeatQuota(body=body, seats=3) for body in bodies)
    people = Person.objects.bulk_create(PersonFactory.build() for _ in range(size))
    council = territory["council"]
    Seat.objects.bulk_create(
        [
            Seat(body=council, person=p, ends=timezone.localdate() + datetime.timedelta(days=30))
            for p in people
        ]
        + [Seat(body=b, person=p) for b, p in zip(bodies, people, strict=True)]
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=body,
            title=f"Rencontre sur le transport {n}",
            starts=now - datetime.timedelta(days=1 + n % 150, hours=n),
            ends=now - datetime.timedelta(days=1 + n % 150, hours=n - 2),
            status=MeetingStatus.HELD,
            published_at=now,
        )
        for n, body in enumerate([council] * size + bodies)
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person=person,
            capacity=AttendanceCapacity.MEMBER,
            status=AttendanceStatus.PRESENT,
        )
        for meeting in meetings
        for person in people[:5]
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, title="Transport", minutes="Le transport avance.") for m in meetings
    )
    decisions = Decision.objects.bulk_create(
        Decision(meeting=m, number=f"CC-2026-{n:04d}", title="Transport", text="Résolu.")
        for n, m in enumerate(meetings)
    )
    mandates = Mandate.objects.bulk_create(
        Mandate(meeting=m, given_by=council, given_to=m.body, decision=d, title="Transport")
        for m, d in zip(meetings, decisions, strict=True)
    )
    MandateUpdate.objects.bulk_create(
        MandateUpdate(mandate=m, made_by=user, status="in_progress", note="En cours")
        for m in mandates
    )
    Meeting.objects.bulk_create(
        Meeting(
            body=council,
            title=f"À venir {n}",
            starts=now + datetime.timedelta(days=n + 1),
            ends=now + datetime.timedelta(days=n + 1, hours=2),
        )
        for n in range(size)
    )


PAGES = [
    ("meetings:my-calendar", lambda t: [], {}, 8),
    ("meetings:email-preferences", lambda t: [], {}, 5),
    ("meetings:search", lambda t: [], {"q": "transport"}, 8),
    ("portal:assembly-report", lambda t: [t["assembly_meeting"].pk], {}, 16),
]


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize(("name", "args", "query", "bound"), PAGES, ids=[p[0] for p in PAGES])
def test_page_queries_stay_bounded_as_data_grows(
    client, council, territory, django_assert_max_num_queries, size, name, args, query, bound
):
    MeetingFactory(
        body=territory["assembly"],
        starts=timezone.now() - datetime.timedelta(days=180),
        status=MeetingStatus.HELD,
    )
    territory = {**territory, "assembly_meeting": MeetingFactory(body=territory["assembly"])}
    grow(territory, size, council)
    client.force_login(council)
    url = reverse(name, args=args(territory))

    # Session, user and roles, then the page itself: the same bound at 10 and at 200.
    with django_assert_max_num_queries(bound):
        response = client.get(url, query)

    assert response.status_code == 200
    if name == "meetings:search":
        assert response.context["found"] == 4 * min(25, 2 * size)
    if name == "portal:assembly-report":
        assert len(response.context["report"].decisions) == 2 * size


@pytest.mark.parametrize("size", [10, 200])
def test_feeds_queries_stay_bounded_as_data_grows(
    client, council, territory, django_assert_max_num_queries, size
):
    grow(territory, size, council)
    token = CalendarFeed.objects.create(person=council.person).token

    person_url = reverse("meetings:feed-person", args=[token])
    body_url = reverse("meetings:feed-body", args=[token, "comite-conseil"])
    # The token with its person and account, their roles, the feed's fingerprint, the kept
    # feed (the body: one more), the meetings and keeping the feed made (the database cache
    # here: a few queries; one command to Redis in production).
    with django_assert_max_num_queries(10):
        person_feed = client.get(person_url)
    with django_assert_max_num_queries(11):
        body_feed = client.get(body_url)
    # Asked again: the feed kept, without the meetings.
    with django_assert_max_num_queries(4):
        assert client.get(person_url).content == person_feed.content
    with django_assert_max_num_queries(5):
        assert client.get(body_url).content == body_feed.content
    with django_assert_max_num_queries(4):
        unchanged = client.get(person_url, headers={"if-none-match": person_feed["ETag"]})
    assert unchanged.status_code == 304

    assert body_feed.content.count(b"BEGIN:VEVENT") == 2 * size
