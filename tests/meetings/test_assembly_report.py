"""The report to the assembly: what it counts, over which period, for whom."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import SeatRole
from meetings.models import AttendanceStatus, MandateStatus, MeetingStatus
from tests.factories import (
    AttendanceFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    OrganisationFactory,
    SeatFactory,
)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def period(territory):
    """A previous assembly 200 days ago, this one in 10 days, comité meetings around them."""
    assembly, council = territory["assembly"], territory["council"]
    previous = MeetingFactory(
        held=True, body=assembly, title="Assemblée du printemps", starts=days_ago(200)
    )
    upcoming = MeetingFactory(
        body=assembly,
        title="Assemblée d’automne",
        starts=timezone.now() + datetime.timedelta(days=10),
    )
    before = MeetingFactory(held=True, body=council, title="Avant la période", starts=days_ago(250))
    first = MeetingFactory(held=True, body=council, title="Comité de juin", starts=days_ago(150))
    second = MeetingFactory(
        held=True, body=council, title="Comité de septembre", starts=days_ago(60)
    )
    draft = MeetingFactory(
        held=True, body=council, title="Comité d’octobre", starts=days_ago(20), published_at=None
    )
    return {
        "previous": previous,
        "upcoming": upcoming,
        "before": before,
        "first": first,
        "second": second,
        "draft": draft,
    }


def report_of(client, user, meeting):
    client.force_login(user)
    response = client.get(reverse("portal:assembly-report", args=[meeting.pk]))
    assert response.status_code == 200
    return response.context["report"], response.content.decode()


def test_report_covers_the_period_since_the_previous_assembly(client, partner, period):
    DecisionFactory(meeting=period["before"], number="CC-2025-001", title="Trop ancienne")
    DecisionFactory(meeting=period["first"], number="CC-2026-001", title="Appui à la navette")
    DecisionFactory(meeting=period["second"], number="CC-2026-002", title="Budget adopté")
    DecisionFactory(meeting=period["draft"], number="CC-2026-003", title="En brouillon")

    report, text = report_of(client, partner, period["upcoming"])

    assert report.previous == period["previous"]
    assert [d.number for d in report.decisions] == ["CC-2026-001", "CC-2026-002"]
    assert "Appui à la navette" in text
    assert "Trop ancienne" not in text
    assert "En brouillon" not in text
    assert report.unpublished == 1
    assert text.count("<h1") == 1


def test_adoc_sees_draft_records_counted_and_is_told_so(client, adoc, period):
    DecisionFactory(meeting=period["draft"], number="CC-2026-003", title="En brouillon")

    report, text = report_of(client, adoc, period["upcoming"])

    assert [d.number for d in report.decisions] == ["CC-2026-003"]
    assert "En brouillon" in text
    assert report.includes_drafts


def test_attendance_rate_counts_members_present_over_those_recorded(client, partner, period):
    for status in ["present", "present", "present", "excused"]:
        AttendanceFactory(meeting=period["first"], status=status)
    AttendanceFactory(meeting=period["second"], status=AttendanceStatus.ABSENT)
    AttendanceFactory(meeting=period["second"], status=AttendanceStatus.INVITED)
    AttendanceFactory(meeting=period["second"], capacity="guest", voting=False)  # not counted
    AttendanceFactory(meeting=period["before"], status=AttendanceStatus.ABSENT)  # out of period

    report, text = report_of(client, partner, period["upcoming"])

    rows = {row.body.slug: row for row in report.attendance}
    assert set(rows) == {"assemblee", "comite-conseil"}  # the previous assembly is in the period
    council = rows["comite-conseil"]
    assert council.meetings == 2
    assert (council.present, council.excused, council.absent) == (3, 1, 1)
    assert council.rate == 60
    assert "60&nbsp;%" in text


def test_cancelled_meetings_and_meetings_without_attendance(client, partner, territory, period):
    MeetingFactory(
        held=True,
        body=territory["chantier"].committee,
        starts=days_ago(30),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Tempête",
    )
    MeetingFactory(held=True, body=territory["chantier"].committee, starts=days_ago(40))

    report, _text = report_of(client, partner, period["upcoming"])

    chantier = next(row for row in report.attendance if row.body.kind == "chantier")
    assert chantier.meetings == 1
    assert chantier.rate is None


def test_council_composition_by_college_and_mrc(client, partner, territory, council, period):
    east = OrganisationFactory(
        college="institutional", mrc="charlevoix-est", name="CISSS", slug="cisss-est"
    )
    SeatFactory(body=territory["council"], organisation=east)
    SeatFactory(body=territory["council"], organisation=east, role=SeatRole.OBSERVER)

    report, text = report_of(client, partner, period["upcoming"])

    assert report.council_voting == 2
    matrix = {label: (counts, total) for label, counts, total in report.council_matrix}
    mrcs = [value for value, _label in report.mrcs]
    community, institutional = matrix["Communautaire"], matrix["Institutionnel"]
    assert community[0][mrcs.index("charlevoix")] == 1
    assert institutional[0][mrcs.index("charlevoix-est")] == 1
    assert report.council_mrc_totals[mrcs.index("charlevoix")] == 1
    vacant = {row["quota"].college: row["vacant"] for row in report.council_composition}
    assert vacant == {"community": 3, "institutional": 3}
    assert council.person.last_name in text


def test_vacancies_and_terms_ending_before_the_next_assembly(client, partner, territory, period):
    soon = period["upcoming"].starts.date() + datetime.timedelta(days=60)
    later = period["upcoming"].starts.date() + datetime.timedelta(days=400)
    ending = SeatFactory(body=territory["council"], ends=soon)
    SeatFactory(body=territory["council"], ends=later)

    report, _text = report_of(client, partner, period["upcoming"])

    assert report.terms_ending == [ending]
    assert any(body == territory["council"] for body, _rows in report.vacancies)


def test_mandates_open_or_followed_in_the_period(client, partner, territory, period):
    council, chantier = territory["council"], territory["chantier"].committee
    open_old = MandateFactory(meeting=period["before"], given_to=chantier, title="Ouvert ancien")
    done_recent = MandateFactory(
        meeting=period["first"], given_to=chantier, title="Réalisé", status=MandateStatus.DONE
    )
    MandateFactory(
        meeting=period["before"],
        given_to=chantier,
        title="Réalisé avant",
        status=MandateStatus.DONE,
    )
    MandateFactory(meeting=period["draft"], given_to=council, title="Brouillon")

    report, text = report_of(client, partner, period["upcoming"])

    assert set(report.mandates) == {open_old, done_recent}
    assert report.mandate_counts[MandateStatus.DONE] == 1
    assert open_old.get_absolute_url() in text


def test_active_chantiers_are_listed_with_a_link(client, partner, territory, period):
    _report, text = report_of(client, partner, period["upcoming"])

    assert territory["chantier"].get_absolute_url() in text
    assert "Avancées des chantiers" in text


def test_first_assembly_has_no_previous_one(client, partner, territory):
    meeting = MeetingFactory(body=territory["assembly"])

    report, _text = report_of(client, partner, meeting)

    assert report.previous is None


def test_report_exists_only_for_assembly_meetings(client, partner, territory):
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(partner)

    response = client.get(reverse("portal:assembly-report", args=[meeting.pk]))

    assert response.status_code == 404
