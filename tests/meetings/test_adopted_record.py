"""Issue 14's "done when", as the ADOC team would do it on the portal: adopt the minutes of a
held meeting at the next one, then try every edit of its record. Each is refused with a French
message, and nothing changes; changing the quorum rule afterwards does not change the record."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings import workflow
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Document,
    Meeting,
    MeetingStatus,
    QuorumRule,
)
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory

BASE_URL = "http://testserver"


def snapshot(meeting):
    """Every row of the meeting's record, as the database holds it."""
    return {
        "meeting": list(Meeting.objects.filter(pk=meeting.pk).values()),
        "items": list(AgendaItem.objects.filter(meeting=meeting).order_by("pk").values()),
        "attendance": list(Attendance.objects.filter(meeting=meeting).order_by("pk").values()),
        "documents": list(Document.objects.filter(meeting=meeting).order_by("pk").values()),
        "decisions": list(Decision.objects.filter(meeting=meeting).order_by("pk").values()),
    }


@pytest.fixture
def adopted(client, territory, council, adoc):
    """The comité's meeting of a month ago, held with quorum (majority of its members), its
    record kept, then its minutes adopted through the portal at the next meeting."""
    body = territory["council"]
    held = MeetingFactory(
        body=body, starts=timezone.now() - datetime.timedelta(days=30), place="Baie-Saint-Paul"
    )
    workflow.convene(held, adoc, BASE_URL, notify=False)
    workflow.mark_held(held)
    rows = list(held.attendance.filter(voting=True))
    workflow.record_attendance(held, {row.pk: AttendanceStatus.PRESENT for row in rows})
    first = AgendaItemFactory(meeting=held, position=1, title="Budget", minutes="Présenté.")
    AgendaItemFactory(meeting=held, position=2, title="Varia")
    decision = workflow.record_decision(held, DecisionFactory.build(meeting=held, item=first))
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget")
    document = workflow.add_document(held, Document(title="Budget", file=upload), adoc)
    later = MeetingFactory(
        body=body, starts=timezone.now() - datetime.timedelta(days=1), status=MeetingStatus.HELD
    )
    client.force_login(adoc)
    response = client.post(reverse("meetings:minutes-adopt", args=[later.pk]), {"earlier": held.pk})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.minutes_adopted_at == later
    return {"meeting": held, "item": first, "decision": decision, "document": document}


def edits(adopted):
    meeting, item = adopted["meeting"], adopted["item"]
    decision, document = adopted["decision"], adopted["document"]
    rows = list(meeting.attendance.order_by("pk"))
    attendance = {
        "attendance-TOTAL_FORMS": len(rows),
        "attendance-INITIAL_FORMS": len(rows),
        **{f"attendance-{n}-id": row.pk for n, row in enumerate(rows)},
        **{f"attendance-{n}-status": "absent" for n in range(len(rows))},
    }
    first_version = item.history.earliest().history_id
    return {
        "the meeting": ("meeting-update", meeting.pk, {"title": "Réécrite", "version": 9}),
        "an item": ("item-update", item.pk, {"title": "Renommé", "kind": "information"}),
        "the order": ("item-move", item.pk, {"direction": "down"}),
        "an item taken off": ("item-delete", item.pk, {}),
        "the minutes": ("minutes-update", item.pk, {"minutes": "Réécrit", "version": 0}),
        "the attendance": ("attendance-update", meeting.pk, attendance),
        "a guest": ("guest-add", meeting.pk, {"guest-guest_name": "Intrus"}),
        "a new document": (
            "document-create",
            meeting.pk,
            {"title": "Ajout", "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 a")},
        ),
        "a document replaced": (
            "document-replace",
            document.pk,
            {"title": "Autre", "file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 b")},
        ),
        "a document deleted": ("document-delete", document.pk, {}),
        "a new decision": (
            "decision-create",
            meeting.pk,
            {"title": "Ajout", "text": "Texte", "mode": "consensus", "outcome": "adopted"},
        ),
        "a decision": (
            "decision-update",
            decision.pk,
            {"title": "Changée", "text": "Texte", "mode": "consensus", "outcome": "adopted"},
        ),
        "an earlier version": ("history-restore", ("item", first_version), {}),
    }


EDITS = [
    "the meeting",
    "an item",
    "the order",
    "an item taken off",
    "the minutes",
    "the attendance",
    "a guest",
    "a new document",
    "a document replaced",
    "a document deleted",
    "a new decision",
    "a decision",
    "an earlier version",
]


@pytest.mark.parametrize("what", EDITS)
def test_every_edit_of_the_adopted_record_is_refused_with_a_message(client, adopted, what):
    meeting = adopted["meeting"]
    name, args, data = edits(adopted)[what]
    before = snapshot(meeting)
    url = reverse(f"meetings:{name}", args=args if isinstance(args, tuple) else [args])

    response = client.post(url, data, follow=True)

    assert snapshot(meeting) == before
    assert response.status_code == 200
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    form = response.context.get("form") if response.context else None
    if form is not None and form.errors:
        said += " ".join(str(error) for error in form.non_field_errors())
    page = response.content.decode()
    assert "adopté" in said or "adopté" in page, page[:2000]
    assert "La contrainte" not in page


def test_the_quorum_rule_changed_afterwards_leaves_the_record_as_it_was(client, adopted, admin):
    meeting = adopted["meeting"]
    page_before = client.get(meeting.get_absolute_url()).content.decode()
    assert "Quorum atteint" in page_before
    client.force_login(admin)

    response = client.post(
        reverse("admin:meetings_quorumrule_add"),
        {"body": meeting.body_id, "minimum_present": 40, "minimum_per_college": 3},
    )

    assert response.status_code == 302
    assert QuorumRule.objects.get(body=meeting.body).minimum_present == 40
    record = Meeting.objects.get(pk=meeting.pk)
    assert record.quorum().is_met
    assert Decision.objects.get(pk=adopted["decision"].pk).quorum_met
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Quorum atteint" in page
    assert "Quorum non atteint" not in page
