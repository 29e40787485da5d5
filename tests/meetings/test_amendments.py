"""Corrections of an adopted record are recorded beside what they correct, with who made them,
when and why; the adopted text itself never changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import workflow
from meetings.models import AgendaItem, AmendmentSubject, MeetingStatus, MinutesAmendment
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory


@pytest.fixture
def adopted(territory):
    held = MeetingFactory(
        body=territory["council"],
        starts=timezone.now() - datetime.timedelta(days=30),
        status=MeetingStatus.HELD,
        published_at=timezone.now() - datetime.timedelta(days=29),
    )
    held.sync_attendance()
    item = AgendaItemFactory(meeting=held, position=1, minutes="Budget présenté.")
    decision = DecisionFactory(meeting=held, item=item, text="Le budget est adopté.")
    later = MeetingFactory(body=held.body, starts=timezone.now() - datetime.timedelta(days=1))
    workflow.adopt_minutes(later, held)
    held.refresh_from_db()
    return {"meeting": held, "item": item, "decision": decision}


def test_a_correction_of_the_attendance_is_shown_beside_it_with_who_made_it(client, adoc, adopted):
    meeting = adopted["meeting"]
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:meeting-amendment-create", args=[meeting.pk]),
        {"subject": "attendance", "text": "Marie Tremblay était présente.", "reason": "Oubli"},
    )

    assert response.status_code == 302
    amendment = MinutesAmendment.objects.get()
    assert (amendment.subject, amendment.made_by) == (AmendmentSubject.ATTENDANCE, adoc)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Marie Tremblay était présente." in page
    assert f"faite par {adoc.person}" in page
    printed = client.get(reverse("meetings:minutes-print", args=[meeting.pk])).content.decode()
    assert "Marie Tremblay était présente." in printed


def test_a_correction_of_a_decision_starts_on_it_and_is_shown_under_it(client, adoc, adopted):
    meeting, decision = adopted["meeting"], adopted["decision"]
    client.force_login(adoc)
    url = reverse("meetings:meeting-amendment-create", args=[meeting.pk])

    form = client.get(url, {"decision": decision.pk}).context["form"]
    assert form.initial == {"subject": "decision", "decision": decision.pk}
    client.post(
        url,
        {
            "subject": "decision",
            "decision": decision.pk,
            "text": "Adopté à 7 voix contre 1.",
            "reason": "Décompte",
        },
    )

    assert decision.amendments.get().text == "Adopté à 7 voix contre 1."
    assert type(decision).objects.get(pk=decision.pk).text == "Le budget est adopté."


def test_a_correction_of_minutes_without_its_item_gets_a_french_message(client, adoc, adopted):
    client.force_login(adoc)

    response = client.post(
        reverse("meetings:meeting-amendment-create", args=[adopted["meeting"].pk]),
        {"subject": "minutes", "text": "Texte", "reason": "Raison"},
    )

    assert response.status_code == 200
    assert "Choisissez le point" in str(response.context["form"].errors["item"])
    assert not MinutesAmendment.objects.exists()
    assert AgendaItem.objects.get(pk=adopted["item"].pk).minutes == "Budget présenté."


def test_a_draft_record_is_edited_not_corrected(client, adoc, territory):
    draft = MeetingFactory(body=territory["council"])
    client.force_login(adoc)

    response = client.get(reverse("meetings:meeting-amendment-create", args=[draft.pk]))

    assert response.status_code == 302
