"""Votes within the voting members present (form, workflow, database) and the reminders of
action items (when given, before due), sent once, in each person's language."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from governance.models import Frequency, NotificationPreferences
from meetings import workflow
from meetings.forms import ActionItemForm, DecisionForm
from meetings.models import (
    ActionItem,
    ActionStatus,
    AttendanceStatus,
    Decision,
    DecisionMode,
    MeetingStatus,
    PendingNotification,
)
from meetings.reminders import REMINDER_DAYS, send_due_reminders
from meetings.workflow import WorkflowError
from tests.factories import AffiliationFactory, MeetingFactory, PersonFactory, SeatFactory

BASE_URL = "http://testserver"


@pytest.fixture
def held(territory, council):
    """A comité meeting held yesterday: four voting members listed, three present."""
    for _ in range(3):
        SeatFactory(body=territory["council"], organisation=territory["organisation"])
    meeting = MeetingFactory(
        body=territory["council"],
        starts=timezone.now() - datetime.timedelta(days=1),
        status=MeetingStatus.HELD,
    )
    meeting.sync_attendance()
    rows = list(meeting.attendance.filter(voting=True).order_by("pk"))
    assert len(rows) == 4
    workflow.record_attendance(
        meeting,
        {
            row.pk: AttendanceStatus.ABSENT if index == 0 else AttendanceStatus.PRESENT
            for index, row in enumerate(rows)
        },
    )
    return meeting


def vote(number="CC-2026-001", **counts):
    return Decision(number=number, title="Budget", text="Adopté.", mode=DecisionMode.VOTE, **counts)


# --- Votes ----------------------------------------------------------------------------------


def test_record_decision_notes_the_voting_members_present(held):
    workflow.record_decision(held, vote(votes_for=2, votes_against=1, abstentions=0))

    assert Decision.objects.get().voting_present == 3


def test_record_decision_refuses_more_votes_than_voting_members_present(held):
    with pytest.raises(WorkflowError) as refusal, translation.override("fr"):
        workflow.record_decision(held, vote(votes_for=50, votes_against=0, abstentions=0))

    assert refusal.value.field == "votes_for"
    assert "50 votes" in refusal.value.message
    assert "3 membres votants" in refusal.value.message
    assert not Decision.objects.exists()


def test_the_database_refuses_votes_beyond_the_voting_members_present(held):
    workflow.record_decision(held, vote(votes_for=3, votes_against=0, abstentions=0))

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(mode=DecisionMode.VOTE).update(votes_for=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(mode=DecisionMode.VOTE).update(votes_for=2, abstentions=2)


def test_a_consensus_has_no_count_to_check(held):
    workflow.record_decision(held, Decision(number="CC-2026-002", title="T", text="."))

    assert Decision.objects.get().voting_present == 3


def decision_data(**changes):
    return {
        "number": "CC-2026-009",
        "title": "Budget",
        "text": "Adopté.",
        "mode": "vote",
        "votes_for": "4",
        "votes_against": "0",
        "abstentions": "0",
        "outcome": "adopted",
        **changes,
    }


def test_the_decision_form_says_how_many_voting_members_are_present(held):
    with translation.override("fr"):
        form = DecisionForm(decision_data(), meeting=held)

        assert not form.is_valid()
        (error,) = form.errors["votes_for"]
    assert "4 votes" in error
    assert "3 membres votants sont inscrits présents" in error


def test_edit_decision_notes_the_attendance_again_and_refuses_too_many_votes(held):
    decision = workflow.record_decision(held, vote(votes_for=3, votes_against=0, abstentions=0))
    absent = held.attendance.filter(status=AttendanceStatus.ABSENT).get()
    workflow.record_attendance(held, {absent.pk: AttendanceStatus.PRESENT})
    form = DecisionForm(
        decision_data(number=decision.number, votes_for="4", version=decision.version),
        instance=decision,
        meeting=held,
    )
    assert form.is_valid(), form.errors

    workflow.edit_decision(form)

    assert Decision.objects.get(pk=decision.pk).voting_present == 4
    # The form is checked anew under the workflow's lock: a stale form is refused there.
    workflow.record_attendance(held, {absent.pk: AttendanceStatus.ABSENT})
    decision.refresh_from_db()
    form = DecisionForm(
        decision_data(number=decision.number, votes_for="4", version=decision.version),
        instance=decision,
        meeting=held,
    )
    assert not form.is_valid()
    with pytest.raises(WorkflowError):
        workflow.edit_decision(form_bypassing_clean(decision, votes_for=4))
    assert Decision.objects.get(pk=decision.pk).votes_for == 4  # unchanged


def form_bypassing_clean(decision, votes_for):
    """A valid DecisionForm of `decision` whose count is changed after its validation, as if
    the attendance changed between the form and its saving."""
    form = DecisionForm(
        decision_data(number=decision.number, votes_for="0", version=decision.version),
        instance=decision,
        meeting=decision.meeting,
    )
    assert form.is_valid(), form.errors
    form.instance.votes_for = votes_for
    return form


# --- Reminders of action items --------------------------------------------------------------


def test_the_person_given_an_action_item_is_emailed(
    held, mailoutbox, django_capture_on_commit_callbacks
):
    person = PersonFactory(first_name="Léa", email="lea@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_action(held, ActionItem(title="Envoyer le budget", person=person), BASE_URL)

    (message,) = mailoutbox
    assert message.to == ["lea@example.org"]
    assert "Envoyer le budget" in message.subject
    assert "Bonjour Léa" in message.body
    assert "Hello Léa" in message.body  # no language chosen: French then English
    assert "http://testserver/mes-suivis/" in message.body


def test_an_organisations_current_members_are_emailed_in_their_language(
    held, territory, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = territory["ciusss"]
    sam = PersonFactory(first_name="Sam", email="sam@example.org")
    NotificationPreferences.objects.create(person=sam, language="en")
    AffiliationFactory(person=sam, organisation=organisation)
    AffiliationFactory(person=PersonFactory(email=""), organisation=organisation)
    AffiliationFactory(
        person=PersonFactory(email="parti@example.org"),
        organisation=organisation,
        ends=datetime.date(2021, 1, 1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        workflow.add_action(held, ActionItem(title="Bilan", organisation=organisation), BASE_URL)

    (message,) = mailoutbox
    assert message.to == ["sam@example.org"]
    assert message.subject == "Action item for you: Bilan"
    assert "Hello Sam" in message.body
    assert "Bonjour" not in message.body


def test_an_action_item_given_to_someone_else_tells_them(
    held, mailoutbox, django_capture_on_commit_callbacks
):
    first = PersonFactory(email="first@example.org")
    second = PersonFactory(email="second@example.org")
    AffiliationFactory(person=second)
    action = workflow.add_action(held, ActionItem(title="Suivi", person=first), notify=False)
    data = {"title": "Suivi", "person": second.pk, "status": "open", "version": action.version}

    with django_capture_on_commit_callbacks(execute=True):
        form = ActionItemForm(data, instance=action, meeting=held)
        assert form.is_valid(), form.errors
        workflow.edit_action(form)
        action.refresh_from_db()
        # Only the title changes: nobody is told again.
        form = ActionItemForm(
            {**data, "title": "Suivi du budget", "version": action.version},
            instance=action,
            meeting=held,
        )
        assert form.is_valid(), form.errors
        workflow.edit_action(form)

    assert [m.to for m in mailoutbox] == [["second@example.org"]]


def test_who_chose_the_weekly_digest_finds_the_action_item_there(held, mailoutbox):
    person = PersonFactory(email="hebdo@example.org")
    NotificationPreferences.objects.create(person=person, actions=Frequency.WEEKLY)

    workflow.add_action(held, ActionItem(title="Lire le rapport", person=person))

    assert not mailoutbox
    (pending,) = PendingNotification.objects.filter(person=person)
    assert pending.kind == "actions"
    assert "Lire le rapport" in pending.subject


def test_reminders_go_once_a_few_days_before_the_due_date(
    held, mailoutbox, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    person = PersonFactory(first_name="Léa", email="lea@example.org")
    soon = workflow.add_action(
        held,
        ActionItem(title="Bientôt", person=person, due=today + datetime.timedelta(days=2)),
        notify=False,
    )
    workflow.add_action(
        held,
        ActionItem(
            title="Plus tard",
            person=person,
            due=today + datetime.timedelta(days=REMINDER_DAYS + 1),
        ),
        notify=False,
    )
    workflow.add_action(
        held,
        ActionItem(title="Fait", person=person, due=today, status=ActionStatus.DONE),
        notify=False,
    )

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", base_url=BASE_URL, stdout=out)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", base_url=BASE_URL, stdout=out)

    assert "Action items reminded: 1" in out.getvalue()
    assert "Action items reminded: 0" in out.getvalue()
    (message,) = mailoutbox
    assert message.to == ["lea@example.org"]
    assert message.subject.startswith("Rappel : « Bientôt »")
    assert "A reminder: this action item is due on" in message.body
    assert ActionItem.objects.get(pk=soon.pk).reminded_for == soon.due
    # A new due date gets its own reminder.
    ActionItem.objects.filter(pk=soon.pk).update(due=today + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(BASE_URL) == 1
    assert len(mailoutbox) == 2
