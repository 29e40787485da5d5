"""What was true at the convocation stays true: the list follows the body's seats until the
meeting is held, each row keeps the seat, college and organisation its person had, and the
quorum is computed from the rule in force at the convocation, not today's."""

import datetime

import pytest
from django.utils import timezone

from governance.models import SeatRole
from meetings import workflow
from meetings.models import AttendanceStatus, Meeting, MeetingStatus, QuorumRule
from tests.factories import (
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)

BASE_URL = "http://testserver"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def comite(territory):
    """The comité conseil with four voting members of its own, and a meeting in ten days."""
    body = territory["council"]
    organisation = OrganisationFactory(name="Centre d'action bénévole", college="community")
    people = [PersonFactory(email=f"membre{n}@example.org") for n in range(4)]
    seats = [
        SeatFactory(body=body, person=person, organisation=organisation, starts=days(-300))
        for person in people
    ]
    meeting = workflow.create_meeting(
        MeetingFactory.build(
            body=body, starts=timezone.now() + datetime.timedelta(days=10), title="Rencontre"
        )
    )
    return {"body": body, "seats": seats, "people": people, "meeting": meeting}


def listed(meeting):
    return set(meeting.attendance.exclude(person=None).values_list("person__email", flat=True))


def test_a_seat_ending_before_the_meeting_takes_its_holder_off_the_list(comite):
    leaving = comite["seats"][0]
    leaving.end(days(2))  # the meeting is in ten days

    workflow.convene(comite["meeting"], UserFactory(), BASE_URL)

    assert "membre0@example.org" not in listed(comite["meeting"])
    recipients = {r["email"] for r in comite["meeting"].convocations.get().recipients}
    assert "membre0@example.org" not in recipients


def test_a_seat_starting_before_the_meeting_puts_its_holder_on_the_list(comite):
    newcomer = PersonFactory(email="nouvelle@example.org")
    SeatFactory(body=comite["body"], person=newcomer, starts=days(5))

    assert "nouvelle@example.org" in listed(comite["meeting"])


def test_moving_the_meeting_follows_the_seats_of_its_new_day(comite):
    comite["seats"][1].end(days(20))
    meeting = comite["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(
        starts=meeting.starts + datetime.timedelta(days=30),
        ends=meeting.ends + datetime.timedelta(days=30),
    )
    meeting.refresh_from_db()

    workflow.sync_attendance(meeting)

    assert "membre1@example.org" not in listed(meeting)


def test_a_held_meeting_keeps_who_sat_as_what_whatever_the_seats_become(comite):
    meeting = comite["meeting"]
    workflow.convene(meeting, UserFactory(), BASE_URL, now=timezone.now())
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    seat = comite["seats"][2]
    seat.role = SeatRole.CHAIR
    seat.organisation = OrganisationFactory(name="Autre organisme")
    seat.save()
    seat.end(days(0))

    row = meeting.attendance.get(person__email="membre2@example.org")
    assert (row.seat_role, row.organisation_name, row.college) == (
        SeatRole.MEMBER,
        "Centre d'action bénévole",
        "community",
    )


def test_the_quorum_of_a_convened_meeting_follows_the_rule_of_its_convocation(comite):
    meeting = comite["meeting"]
    QuorumRule.objects.create(body=comite["body"], minimum_present=3)
    workflow.convene(meeting, UserFactory(), BASE_URL)
    rows = meeting.attendance.filter(voting=True)
    workflow.record_attendance(meeting, {row.pk: AttendanceStatus.PRESENT for row in rows[:3]})
    assert meeting.quorum().is_met

    QuorumRule.objects.filter(body=comite["body"]).update(minimum_present=12)

    quorum = Meeting.objects.get(pk=meeting.pk).quorum()
    assert (quorum.required, quorum.is_met) == (3, True)


def test_a_meeting_not_convened_yet_follows_todays_rule(comite):
    QuorumRule.objects.create(body=comite["body"], minimum_present=2)
    QuorumRule.objects.filter(body=comite["body"]).update(minimum_present=5)

    assert Meeting.objects.get(pk=comite["meeting"].pk).quorum().required == 5


def test_a_meeting_held_without_a_convocation_keeps_the_rule_of_that_day(comite, territory):
    meeting = MeetingFactory(
        body=comite["body"], starts=timezone.now() - datetime.timedelta(hours=3)
    )
    QuorumRule.objects.create(body=comite["body"], minimum_present=2)
    workflow.mark_held(meeting)
    QuorumRule.objects.filter(body=comite["body"]).update(minimum_present=9)

    assert Meeting.objects.get(pk=meeting.pk).quorum().required == 2
