"""Meeting pages issue a bounded number of queries, however many records there are."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Person
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Mandate,
    Meeting,
    MeetingStatus,
    MinutesAmendment,
)
from tests.factories import PersonFactory


def grow(territory, adoc, size):
    """`size` published meetings of the comité, each with `size` items, attendance rows,
    decisions, action items and mandates; the first meeting is the one under test."""
    council = territory["council"]
    now = timezone.now()
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=council,
            title=f"Rencontre {n}",
            starts=now - datetime.timedelta(days=n + 1),
            ends=now - datetime.timedelta(days=n + 1) + datetime.timedelta(hours=2),
            place="Clermont",
            status=MeetingStatus.HELD,
            published_at=now,
        )
        for n in range(size)
    )
    meetings += Meeting.objects.bulk_create(
        Meeting(
            body=council,
            title=f"Prochaine {n}",
            starts=now + datetime.timedelta(days=n + 1),
            ends=now + datetime.timedelta(days=n + 1, hours=2),
            place="Clermont",
        )
        for n in range(size)
    )
    people = Person.objects.bulk_create(PersonFactory.build() for _ in range(size))
    first = meetings[0]
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=first, position=n, title=f"Point {n}", minutes="Texte")
        for n in range(size)
    )
    MinutesAmendment.objects.bulk_create(
        MinutesAmendment(
            meeting=first, item=item, text="Correction", reason="Précision", made_by=adoc
        )
        for item in items
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=first,
            person=person,
            capacity="member",
            voting=True,
            college="community",
            status=AttendanceStatus.PRESENT,
        )
        for person in people
    )
    Decision.objects.bulk_create(
        Decision(meeting=meeting, item=items[0], number=f"CC-2026-{n:04d}", title="D", text="T")
        for n, meeting in enumerate(meetings)
    )
    ActionItem.objects.bulk_create(
        ActionItem(meeting=first, title=f"Suivi {n}", person=adoc.person, item=items[n])
        for n in range(size)
    )
    Mandate.objects.bulk_create(
        Mandate(
            meeting=meeting,
            given_by=council,
            given_to=territory["chantier"].committee,
            title=f"Mandat {n}",
        )
        for n, meeting in enumerate(meetings)
    )
    return first


PAGES = [
    ("meetings:meeting-list", False, 7),
    # Both show corrections beside the items, the decisions and the attendance: one query each.
    ("meetings:meeting-detail", True, 17),
    ("meetings:minutes-print", True, 10),
    ("meetings:decision-list", False, 6),
    ("meetings:mandate-list", False, 5),
    # One more for the candidacies awaiting the delegate (elections' « Mes suivis » section).
    ("meetings:my-actions", False, 5),
    ("meetings:attendance-update", True, 7),
]


@pytest.mark.parametrize("size", [5, 60])
@pytest.mark.parametrize(("name", "with_meeting", "bound"), PAGES, ids=[p[0] for p in PAGES])
def test_meeting_pages_stay_bounded(
    client, adoc, territory, django_assert_max_num_queries, size, name, with_meeting, bound
):
    meeting = grow(territory, adoc, size)
    client.force_login(adoc)
    url = reverse(name, args=[meeting.pk] if with_meeting else [])

    with django_assert_max_num_queries(bound):
        response = client.get(url)

    assert response.status_code == 200
