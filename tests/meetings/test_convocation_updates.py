"""Convocations follow every change: the invitations are read back with vobject, a parser other
than the icalendar library that writes them, as a calendar app would read them."""

import datetime
from email.utils import parseaddr

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, MeetingStatus
from tests.factories import MeetingFactory, PersonFactory, SeatFactory


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def edit_data(meeting, **changes):
    return {
        "title": meeting.title,
        "starts": local(meeting.starts),
        "ends": local(meeting.ends),
        "place": meeting.place,
        "online_link": meeting.online_link,
        "notes": meeting.notes,
        "responsible": meeting.responsible_id or "",
        "version": meeting.version,
        **changes,
    }


def invitation(message):
    """The calendar attached to `message`, parsed."""
    ((_name, content, mimetype),) = message.attachments
    assert mimetype.startswith("text/calendar; method=")
    return vobject.readOne(text(content))


def text(content):
    return content.decode() if isinstance(content, bytes) else content


def attendees(event):
    return {line.value.removeprefix("mailto:"): line.params for line in event.contents["attendee"]}


@pytest.fixture
def convened(client, territory, adoc, council, mailoutbox, django_capture_on_commit_callbacks):
    """A comité meeting in ten days, its ADOC agent responsible, convened through the portal;
    one member shows their email to partners, another does not."""
    shown = PersonFactory(email="visible@example.org", show_email=True)
    hidden = PersonFactory(email="cachee@example.org", show_email=False)
    for person in (shown, hidden):
        SeatFactory(body=territory["council"], person=person)
    meeting = MeetingFactory(body=territory["council"], responsible=adoc.person, title="Budget")
    meeting.sync_attendance()
    client.force_login(adoc)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:convocation-send", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    sent = list(mailoutbox)
    mailoutbox.clear()
    return {"meeting": meeting, "sent": sent}


def by_recipient(messages):
    return {message.to[0]: message for message in messages}


def test_the_invitation_names_its_organizer_and_attendees(convened, adoc):
    meeting = convened["meeting"]
    message = by_recipient(convened["sent"])["cachee@example.org"]
    calendar = invitation(message)
    event = calendar.vevent

    assert calendar.method.value == "REQUEST"
    assert event.uid.value == f"meeting-{meeting.pk}@dsi-charlevoix"
    assert event.organizer.value == f"mailto:{adoc.person.email}"
    assert event.organizer.params["CN"] == [str(adoc.person)]
    listed = attendees(event)
    assert listed["cachee@example.org"]["ROLE"] == ["REQ-PARTICIPANT"]
    assert "visible@example.org" in listed
    assert parseaddr(message.reply_to[0])[1] == adoc.person.email  # replies reach the agent


def test_a_hidden_address_is_not_shown_to_the_other_attendees(convened):
    message = by_recipient(convened["sent"])["visible@example.org"]

    assert "cachee@example.org" not in attendees(invitation(message).vevent)
    assert "cachee@example.org" not in text(message.attachments[0][1])


def test_without_a_responsible_agent_the_configured_address_organizes(
    convened, settings, mailoutbox, client, django_capture_on_commit_callbacks
):
    settings.MEETING_ORGANIZER = "Équipe ADOC <equipe@example.org>"
    meeting = convened["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(responsible=None)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:convocation-send", args=[meeting.pk]), {"confirm": "on"})

    event = invitation(mailoutbox[0]).vevent
    assert event.organizer.value == "mailto:equipe@example.org"
    assert event.organizer.params["CN"] == ["Équipe ADOC"]


def test_moving_a_convened_meeting_asks_to_confirm_first(convened, client, mailoutbox):
    meeting = convened["meeting"]
    later = meeting.starts + datetime.timedelta(days=1)

    response = client.post(
        reverse("meetings:meeting-update", args=[meeting.pk]),
        edit_data(meeting, starts=local(later), ends=local(later + datetime.timedelta(hours=2))),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["tell_convened"]
    assert Meeting.objects.get(pk=meeting.pk).starts == meeting.starts
    assert mailoutbox == []


def test_confirmed_the_change_sends_everyone_convened_the_update(
    convened, client, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = convened["meeting"]
    first = invitation(convened["sent"][0]).vevent
    later = meeting.starts + datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:meeting-update", args=[meeting.pk]),
            edit_data(
                meeting,
                starts=local(later),
                ends=local(later + datetime.timedelta(hours=2)),
                place="Salle du conseil, La Malbaie",
                tell_convened="on",
            ),
        )

    assert response.status_code == 302
    assert {message.to[0] for message in mailoutbox} == {
        message.to[0] for message in convened["sent"]
    }
    message = by_recipient(mailoutbox)["cachee@example.org"]
    assert "Salle du conseil, La Malbaie" in message.body
    calendar = invitation(message)
    event = calendar.vevent
    assert calendar.method.value == "REQUEST"
    assert event.uid.value == first.uid.value
    assert int(event.sequence.value) > int(first.sequence.value)
    assert event.dtstart.value == timezone.localtime(later).replace(second=0, microsecond=0)
    assert event.location.value.startswith("Salle du conseil, La Malbaie")


def test_a_change_of_notes_only_tells_nobody_and_needs_no_confirmation(
    convened, client, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = convened["meeting"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:meeting-update", args=[meeting.pk]),
            edit_data(meeting, notes="Apportez vos documents."),
        )

    assert response.status_code == 302
    assert mailoutbox == []


def test_cancelling_sends_a_cancel_of_the_same_event(
    convened, client, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = convened["meeting"]
    first = invitation(convened["sent"][0]).vevent
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:meeting-cancel", args=[meeting.pk]),
            {"cancellation_reason": "Tempête de neige", "version": meeting.version},
        )

    assert len(mailoutbox) == len(convened["sent"])
    calendar = invitation(mailoutbox[0])
    event = calendar.vevent
    assert calendar.method.value == "CANCEL"
    assert event.uid.value == first.uid.value
    assert int(event.sequence.value) > int(first.sequence.value)
    assert event.status.value == "CANCELLED"
    assert event.organizer.value.startswith("mailto:")
    assert mailoutbox[0].to[0] in attendees(event)
