"""A cancelled meeting offers only what makes sense for it: its page, its history, who was
invited; nothing to record, convene, publish or edit."""

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import workflow
from tests.factories import AgendaItemFactory, MeetingFactory

BASE_URL = "http://testserver"


@pytest.fixture
def cancelled(territory):
    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()
    AgendaItemFactory(meeting=meeting, position=1)
    workflow.cancel_meeting(meeting, "Tempête de neige", BASE_URL)
    meeting.refresh_from_db()
    return meeting


def test_its_page_offers_nothing_to_record_convene_publish_or_edit(client, adoc, cancelled):
    client.force_login(adoc)
    page = client.get(cancelled.get_absolute_url()).content.decode()

    for name in (
        "meeting-update",
        "convocation-send",
        "attendance-update",
        "meeting-held",
        "meeting-publish",
        "meeting-cancel",
        "decision-create",
        "item-create",
        "document-create",
        "mandate-create",
        "action-create",
        "guest-add",
        "minutes-print",
    ):
        assert reverse(f"meetings:{name}", args=[cancelled.pk]) not in page, name
    assert "Quorum" not in page
    assert reverse("meetings:history", args=[cancelled.pk]) in page
    assert "Tempête de neige" in page


def test_its_edit_form_refuses_with_a_message(client, adoc, cancelled):
    client.force_login(adoc)
    response = client.post(
        reverse("meetings:meeting-update", args=[cancelled.pk]),
        {
            "title": "Autre titre",
            "starts": local(cancelled.starts),
            "ends": local(cancelled.ends),
            "place": "Ailleurs",
            "version": cancelled.version,
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == cancelled.get_absolute_url()
    assert "Cette rencontre a été annulée" in response.content.decode()
    assert type(cancelled).objects.get(pk=cancelled.pk).title == cancelled.title


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
