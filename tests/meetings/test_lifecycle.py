"""A comité conseil meeting from preparation to adopted minutes, through the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    MeetingStatus,
    MinutesAmendment,
)
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory, SeatFactory


def local(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


@pytest.fixture
def council_seats(territory, council):
    """The comité: the `council` user (chair) and three more voting members."""
    people = [PersonFactory(email=f"membre{n}@example.org") for n in range(3)]
    for person in people:
        SeatFactory(body=territory["council"], person=person, organisation=territory["ciusss"])
    return people


def test_adoc_prepares_convenes_records_and_closes_a_meeting(
    client,
    territory,
    adoc,
    council,
    council_seats,
    partner,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    body = territory["council"]
    client.force_login(adoc)

    # Prepare: the meeting, then its agenda.
    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "body": body.pk,
            "title": "Rencontre d'automne",
            "starts": local(-1, 13),
            "ends": local(-1, 16),
            "place": "CLSC de Baie-Saint-Paul",
            "online_link": "visio.example.org/cc",
        },
    )
    meeting = Meeting.objects.get(title="Rencontre d'automne")
    assert response.url == meeting.get_absolute_url()
    assert meeting.online_link == "https://visio.example.org/cc"
    assert meeting.attendance.filter(voting=True).count() == 4  # every current member listed
    for title, kind in [("Suivi des mandats", "discussion"), ("Budget", "decision")]:
        client.post(
            reverse("meetings:item-create", args=[meeting.pk]), {"title": title, "kind": kind}
        )
    budget = AgendaItem.objects.get(title="Budget")
    client.post(reverse("meetings:item-move", args=[budget.pk]), {"direction": "up"})
    assert [item.title for item in meeting.items.all()] == ["Budget", "Suivi des mandats"]

    # Convene: one email per member, each with the agenda and an invitation.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:convocation-send", args=[meeting.pk]))
    assert response.status_code == 302
    # The worker sends them; the agent is told they are on their way, not already sent.
    assert "en cours d’envoi" in client.get(response.url).content.decode()
    assert len(mailoutbox) == 4  # the four members of the comité
    message = next(m for m in mailoutbox if m.to == ["comite@example.org"])
    assert "Budget" in message.body
    assert "Suivi des mandats" in message.body
    name, ics, mimetype = message.attachments[0]
    assert name == "invitation.ics"
    assert mimetype.startswith("text/calendar")
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "TZID=America/Montreal" in ics
    assert "ORGANIZER;CN=" in ics
    assert "BEGIN:VTIMEZONE" in ics
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    assert meeting.convocations.get().recipients[0]["email"]
    # Sending again asks for confirmation first.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:convocation-send", args=[meeting.pk]))
    assert response.status_code == 200
    assert "déjà été envoyée" in response.content.decode()
    assert len(mailoutbox) == 4

    # Record attendance: three of four voting members present, quorum reached.
    rows = list(meeting.attendance.order_by("pk"))
    data = {
        "attendance-TOTAL_FORMS": len(rows),
        "attendance-INITIAL_FORMS": len(rows),
    }
    for index, row in enumerate(rows):
        data[f"attendance-{index}-id"] = row.pk
        data[f"attendance-{index}-status"] = "excused" if index == 1 else "present"
    client.post(reverse("meetings:attendance-update", args=[meeting.pk]), data)
    assert meeting.attendance.filter(status=AttendanceStatus.PRESENT).count() == len(rows) - 1
    assert meeting.quorum().is_met

    # Minutes and a decision, numbered for the body and the year.
    client.post(
        reverse("meetings:minutes-update", args=[budget.pk]),
        {"minutes": "Budget adopté.", "version": 0},
    )
    response = client.post(
        reverse("meetings:decision-create", args=[meeting.pk]),
        {
            "number": Decision.objects.next_number(body, timezone.localdate().year),
            "item": budget.pk,
            "title": "Budget 2027",
            "text": "Le comité adopte le budget.",
            "mode": "vote",
            "votes_for": 3,
            "votes_against": 0,
            "abstentions": 0,
            "outcome": "adopted",
        },
    )
    decision = Decision.objects.get()
    assert decision.number == f"CC-{timezone.localdate().year}-001"
    assert decision.quorum_met
    client.post(reverse("meetings:meeting-held", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD

    # Drafts are for the body and the ADOC team; publishing opens them to every partner.
    client.force_login(partner)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Budget adopté." not in page
    assert "pas encore publiés" in page
    client.force_login(adoc)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:meeting-publish", args=[meeting.pk]), {"publish": "1"})
    client.force_login(partner)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Budget adopté." in page
    assert decision.number in page

    # The next meeting adopts the minutes: they become read-only, corrections are recorded.
    client.force_login(adoc)
    later = MeetingFactory(body=body, starts=timezone.now() + datetime.timedelta(days=30))
    client.post(reverse("meetings:minutes-adopt", args=[later.pk]), {"earlier": meeting.pk})
    meeting.refresh_from_db()
    assert meeting.minutes_adopted_at == later
    response = client.post(
        reverse("meetings:minutes-update", args=[budget.pk]), {"minutes": "Réécrit", "version": 1}
    )
    budget.refresh_from_db()
    assert budget.minutes == "Budget adopté."
    assert response.url == reverse("meetings:amendment-create", args=[budget.pk])
    client.post(
        reverse("meetings:amendment-create", args=[budget.pk]),
        {"text": "Budget adopté à l'unanimité.", "reason": "Précision du vote"},
    )
    assert MinutesAmendment.objects.get().item == budget
    assert (
        "Précision du vote"
        in client.get(reverse("meetings:minutes-print", args=[meeting.pk])).content.decode()
    )
    # The decision of adopted minutes is read-only too.
    response = client.get(reverse("meetings:decision-update", args=[decision.pk]))
    assert response.status_code == 302


def test_decisions_without_quorum_are_flagged(client, territory, adoc, council, council_seats):
    meeting = MeetingFactory(
        body=territory["council"], starts=timezone.now() - datetime.timedelta(hours=3)
    )
    meeting.sync_attendance()
    meeting.attendance.filter(person=council.person).update(status=AttendanceStatus.PRESENT)
    client.force_login(adoc)
    client.post(
        reverse("meetings:decision-create", args=[meeting.pk]),
        {
            "number": "CC-2026-001",
            "title": "Sans quorum",
            "text": "Texte.",
            "mode": "consensus",
            "outcome": "adopted",
        },
    )
    decision = Decision.objects.get()
    assert not decision.quorum_met
    assert "Prise sans quorum" in client.get(meeting.get_absolute_url()).content.decode()


def test_quorum_follows_the_bodys_rule(territory, council, council_seats):
    from meetings.models import QuorumRule

    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()
    voting = list(meeting.attendance.filter(voting=True))
    assert len(voting) == 4
    for row in voting[:3]:
        row.status = AttendanceStatus.PRESENT
        row.save()
    assert meeting.quorum().required == 3
    assert meeting.quorum().is_met
    # A minimum per college: the institutional college (the CIUSSS seats) must have two present.
    QuorumRule.objects.create(body=territory["council"], minimum_per_college=2)
    meeting = Meeting.objects.get(pk=meeting.pk)
    quorum = meeting.quorum()
    present = {row.college for row in meeting.attendance.filter(status="present")}
    assert quorum.colleges
    assert present
    assert quorum.is_met == all(count >= 2 for _label, count in quorum.colleges)


def test_attendance_exports_as_csv(client, territory, adoc, council):
    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()
    Attendance.objects.create(meeting=meeting, guest_name="Invitée du MAMH", capacity="guest")
    client.force_login(adoc)
    response = client.get(reverse("meetings:attendance-csv", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "Invitée du MAMH" in body
    assert str(council.person) in body


def test_assembly_agenda_offers_chantier_progress_items(client, territory, adoc):
    meeting = MeetingFactory(body=territory["assembly"])
    client.force_login(adoc)
    client.post(reverse("chantiers:meeting-progress-items", args=[meeting.pk]))
    client.post(reverse("chantiers:meeting-progress-items", args=[meeting.pk]))  # no duplicates
    item = meeting.items.get()
    assert item.chantier == territory["chantier"]


def test_items_with_minutes_stay_on_the_agenda(client, territory, adoc):
    item = AgendaItemFactory(meeting__body=territory["council"], minutes="Dit et décidé.")
    client.force_login(adoc)
    client.post(reverse("meetings:item-delete", args=[item.pk]))
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_publishing_tells_people_as_they_chose(
    client, territory, adoc, council, partner, mailoutbox, django_capture_on_commit_callbacks
):
    from governance.models import Frequency, NotificationPreferences
    from meetings.models import PendingNotification
    from tests.factories import DecisionFactory

    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()
    DecisionFactory(meeting=meeting)
    NotificationPreferences.objects.create(person=partner.person, decisions=Frequency.IMMEDIATE)
    NotificationPreferences.objects.create(person=council.person, records=Frequency.WEEKLY)
    client.force_login(adoc)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:meeting-publish", args=[meeting.pk]), {"publish": "1"})

    assert [message.to for message in mailoutbox] == [["partenaire@example.org"]]
    assert "1 décision" in mailoutbox[0].subject
    # Those who chose the weekly digest find it there: the comité member for the records,
    # the ADOC agent (not convened to this meeting) for its decisions, by default.
    pending = set(PendingNotification.objects.values_list("person__email", "kind"))
    assert pending == {("comite@example.org", "records"), ("adoc@example.org", "decisions")}


def test_emails_are_plain_text_not_html_escaped(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    body = territory["council"]
    body.name = "Comité d'été & co"
    body.save()
    meeting = MeetingFactory(body=body, title="L'été")
    client.force_login(adoc)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:convocation-send", args=[meeting.pk]))

    message = mailoutbox[0]
    assert "Comité d'été & co" in message.subject
    assert "« L'été »" in message.body


def test_cancelling_a_convened_meeting_tells_the_convened(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(body=territory["council"])
    client.force_login(adoc)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:convocation-send", args=[meeting.pk]))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:meeting-cancel", args=[meeting.pk]),
            {"cancellation_reason": "Tempête de neige", "version": 1},
            follow=True,
        )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert "la personne convoquée est en train d’être prévenue" in response.content.decode()
    assert [message.to for message in mailoutbox] == [["comite@example.org"]]
    assert "Tempête de neige" in mailoutbox[0].body
    _name, ics, _mimetype = mailoutbox[0].attachments[0]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "METHOD:CANCEL" in ics
    assert "STATUS:CANCELLED" in ics


def test_publishing_again_after_a_correction_tells_nobody_twice(
    client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks
):
    from governance.models import Frequency, NotificationPreferences

    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()
    NotificationPreferences.objects.create(person=council.person, records=Frequency.IMMEDIATE)
    client.force_login(adoc)
    url = reverse("meetings:meeting-publish", args=[meeting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"publish": "1"})
        client.post(url, {"publish": "0"})
        client.post(url, {"publish": "1"})

    assert len(mailoutbox) == 1
