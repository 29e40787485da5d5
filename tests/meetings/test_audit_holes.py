"""Holes an outside audit found (issue 16): each reproduced, each closed."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import ActionStatus
from tests.factories import ActionItemFactory, AgendaItemFactory, MeetingFactory

EVIL = "https://evil.example/phish"


def test_restoring_a_version_that_does_not_exist_is_a_404_not_a_500(client, adoc):
    client.force_login(adoc)

    response = client.post(reverse("meetings:history-restore", args=["meeting", 999999]))

    assert response.status_code == 404


def test_a_partner_restoring_learns_nothing_of_which_versions_exist(client, partner, territory):
    item = AgendaItemFactory(meeting__body=territory["council"])
    client.force_login(partner)
    existing = item.history.get().history_id

    for history_id in (existing, 999999):
        response = client.post(reverse("meetings:history-restore", args=["item", history_id]))
        assert response.status_code == 403


def test_restore_never_sends_to_another_site(client, adoc, territory):
    item = AgendaItemFactory(meeting__body=territory["council"], title="Avant")
    first = item.history.get().history_id
    item.title = "Après"
    item.save()
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:history-restore", args=["item", first]), {"next": EVIL}
    )

    assert response.status_code == 302
    assert response.url == reverse("meetings:history", args=[item.meeting_id])


def test_marking_an_action_done_never_sends_to_another_site(client, council, territory):
    action = ActionItemFactory(
        meeting=MeetingFactory(body=territory["council"]), person=council.person
    )
    client.force_login(council)

    response = client.post(reverse("meetings:action-done", args=[action.pk]), {"next": EVIL})

    assert response.url == reverse("meetings:my-actions")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


@pytest.mark.parametrize("exists", [True, False])
def test_an_action_someone_else_must_do_is_a_404_like_one_that_does_not_exist(
    client, partner, territory, exists
):
    action = ActionItemFactory(meeting=MeetingFactory(body=territory["council"]))
    client.force_login(partner)

    response = client.post(reverse("meetings:action-done", args=[action.pk if exists else 999999]))

    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


@pytest.mark.parametrize(
    "url",
    [
        "/rencontres/?instance=%00",
        "/mandats/?instance=%00",
        "/repertoire/personnes/nouvelle/?organisation=%00",
        "/recherche/?q=budget%00",
    ],
)
def test_a_nul_character_in_a_parameter_is_bad_input_not_a_server_error(client, adoc, url):
    client.force_login(adoc)

    response = client.get(url)

    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


def test_a_nul_character_in_a_form_is_refused_and_nothing_saved(client, adoc, territory):
    meeting = MeetingFactory(body=territory["council"], title="Titre")
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:meeting-update", args=[meeting.pk]), {"title": "Ti\x00tre"}
    )

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.title == "Titre"


@pytest.mark.parametrize("starts", ["9999-12-31T23:00", "0001-01-01T10:00", "1900-06-01T10:00"])
def test_a_meeting_dated_out_of_any_record_is_a_french_form_error(client, adoc, territory, starts):
    from meetings.models import Meeting

    client.force_login(adoc)

    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "body": territory["council"].pk,
            "title": "Rencontre",
            "starts": starts,
            "ends": starts.replace("T23:00", "T23:30").replace("T10:00", "T12:00"),
            "place": "La Malbaie",
        },
    )

    assert response.status_code == 200
    assert "Choisissez une date entre 1950 et" in str(response.context["form"].errors["starts"])
    assert not Meeting.objects.exists()
    assert client.get(reverse("meetings:meeting-list")).status_code == 200


def test_a_seat_dated_year_one_is_refused_by_its_model(territory):
    from django.core.exceptions import ValidationError

    from tests.factories import SeatFactory

    seat = SeatFactory.build(body=territory["council"], starts=datetime.date(1, 1, 1))
    with pytest.raises(ValidationError) as error:
        seat.full_clean(exclude=["person", "organisation"])
    assert "starts" in error.value.message_dict


def test_the_convocation_and_attendance_pages_write_nothing_when_read(client, adoc, territory):
    from governance.models import Seat
    from meetings.models import Attendance
    from tests.factories import SeatFactory

    meeting = MeetingFactory(body=territory["council"])
    seat = SeatFactory.build(body=territory["council"], organisation=territory["ciusss"])
    seat.person.save()
    Seat.objects.bulk_create([seat])  # an import's seat: the list does not know it yet
    client.force_login(adoc)
    rows, versions = Attendance.objects.count(), Attendance.history.count()

    for name in ("convocation-send", "attendance-update"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 200

    assert (Attendance.objects.count(), Attendance.history.count()) == (rows, versions)


@pytest.mark.parametrize("back", ["abc", "//evil.example/", "1e309", "javascript:alert(1)"])
def test_a_next_that_is_no_page_of_this_site_is_ignored(client, council, territory, back):
    action = ActionItemFactory(
        meeting=MeetingFactory(body=territory["council"]), person=council.person
    )
    client.force_login(council)

    response = client.post(reverse("meetings:action-done", args=[action.pk]), {"next": back})

    assert response.status_code == 302
    assert response.url == reverse("meetings:my-actions")
