"""Every function of meetings.workflow, called directly (as the admin and commands do): what
it changes, and what it refuses, leaving the database as it was."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from governance.models import Seat
from meetings import workflow
from meetings.forms import (
    ActionItemForm,
    AgendaItemForm,
    DecisionForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
)
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    AmendmentSubject,
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    Convocation,
    Decision,
    Document,
    Mandate,
    MandateStatus,
    Meeting,
    MeetingStatus,
    MinutesAmendment,
)
from meetings.workflow import WorkflowError
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DecisionFactory,
    MandateFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
)

BASE_URL = "http://testserver"


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


@pytest.fixture
def meeting(territory, council):
    """A comité meeting in ten days, its members listed."""
    meeting = MeetingFactory(body=territory["council"])
    meeting.sync_attendance()
    return meeting


@pytest.fixture
def held(territory, council):
    """A comité meeting held yesterday, its members listed."""
    meeting = MeetingFactory(
        body=territory["council"], starts=ago(days=1), status=MeetingStatus.HELD
    )
    meeting.sync_attendance()
    return meeting


def adopt(meeting):
    """Adopt the minutes of `meeting` at the body's next meeting."""
    later = MeetingFactory(body=meeting.body, starts=meeting.starts + datetime.timedelta(days=30))
    workflow.adopt_minutes(later, meeting)
    meeting.refresh_from_db()
    return later


def cancelled(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.CANCELLED, cancellation_reason="Tempête"
    )
    meeting.refresh_from_db()
    return meeting


def positions(meeting):
    return list(meeting.items.order_by("position").values_list("title", "position"))


def check_constraints_now():
    """PostgreSQL checks deferred constraints at the commit, which tests never reach: check
    them now (SQLite checks each row anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- The meeting's life -------------------------------------------------------------------


def test_create_meeting_saves_it_and_lists_the_members(territory, council):
    starts = timezone.now() + datetime.timedelta(days=5)
    new = Meeting(
        body=territory["council"],
        title="Rencontre",
        starts=starts,
        ends=starts + datetime.timedelta(hours=2),
        place="Clermont",
    )

    workflow.create_meeting(new)

    assert Meeting.objects.get(title="Rencontre").attendance.get().person == council.person


def test_create_meeting_refuses_an_end_before_the_start(territory, council):
    starts = timezone.now() + datetime.timedelta(days=5)
    new = Meeting(
        body=territory["council"], title="À l'envers", starts=starts, ends=starts, place="Ici"
    )

    with pytest.raises(WorkflowError) as refusal:
        workflow.create_meeting(new)

    assert refusal.value.field == "ends"
    assert not Meeting.objects.exists()
    assert not Attendance.objects.exists()


def meeting_form(meeting, **changes):
    data = {
        "title": meeting.title,
        "starts": local(meeting.starts),
        "ends": local(meeting.ends),
        "place": meeting.place,
        "version": meeting.version,
        **changes,
    }
    form = MeetingForm(data, instance=meeting, bodies=type(meeting.body).objects.all())
    assert form.is_valid(), form.errors
    return form


def test_edit_meeting_saves_the_details(meeting):
    workflow.edit_meeting(meeting_form(meeting, title="Nouveau titre"), BASE_URL)

    meeting.refresh_from_db()
    assert meeting.title == "Nouveau titre"
    assert meeting.version == 1


def test_edit_meeting_refuses_a_meeting_whose_minutes_were_adopted(held):
    adopt(held)
    form = meeting_form(held, title="Réécrit")

    with pytest.raises(WorkflowError):
        workflow.edit_meeting(form, BASE_URL)

    assert Meeting.objects.get(pk=held.pk).title != "Réécrit"


def test_edit_meeting_refuses_a_cancelled_meeting(meeting):
    cancelled(meeting)
    form = meeting_form(meeting, title="Réécrit")

    with pytest.raises(WorkflowError, match="annulée"):
        workflow.edit_meeting(form, BASE_URL)

    assert Meeting.objects.get(pk=meeting.pk).title != "Réécrit"


def test_a_new_seat_lists_its_holder_on_the_bodys_meetings_not_held_yet(territory, meeting):
    newcomer = SeatFactory(body=territory["council"], organisation=territory["ciusss"]).person

    assert meeting.attendance.filter(person=newcomer).exists()
    assert workflow.sync_attendance(meeting) == 0


def test_sync_attendance_lists_a_member_whose_seat_was_added_without_a_save(territory, meeting):
    seat = SeatFactory.build(body=territory["council"], organisation=territory["ciusss"])
    seat.person.save()
    Seat.objects.bulk_create([seat])  # as an import would: no signal

    assert workflow.sync_attendance(meeting) == 1
    assert meeting.attendance.filter(person=seat.person).exists()


def test_sync_attendance_leaves_a_held_meetings_list_as_it_was(territory, held):
    SeatFactory(body=territory["council"], organisation=territory["ciusss"])
    listed = held.attendance.count()

    with pytest.raises(WorkflowError):
        workflow.sync_attendance(held)

    assert held.attendance.count() == listed


def test_check_convenable_and_cancellable_let_a_planned_meeting_through(meeting):
    workflow.check_convenable(meeting)
    workflow.check_cancellable(meeting)

    assert not workflow.attendance_is_frozen(meeting)


def test_check_convenable_and_cancellable_refuse_a_held_meeting(held):
    with pytest.raises(WorkflowError):
        workflow.check_convenable(held)
    with pytest.raises(WorkflowError):
        workflow.check_cancellable(held)

    assert workflow.attendance_is_frozen(held)


def test_convene_emails_every_member_and_marks_the_meeting_convened(
    meeting, adoc, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        convocation = workflow.convene(meeting, adoc, BASE_URL)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    assert [row["email"] for row in convocation.recipients] == ["comite@example.org"]
    assert [message.to for message in mailoutbox] == [["comite@example.org"]]
    assert meeting.attendance.get().convened_at == convocation.sent_at


def test_convene_records_an_earlier_convocation_without_telling_anyone(
    meeting, adoc, mailoutbox, django_capture_on_commit_callbacks
):
    sent = ago(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        convocation = workflow.convene(meeting, adoc, BASE_URL, now=sent, notify=False)

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    assert convocation.sent_at == meeting.attendance.get().convened_at == sent
    assert not mailoutbox


def test_convene_refuses_a_cancelled_meeting(
    meeting, adoc, mailoutbox, django_capture_on_commit_callbacks
):
    cancelled(meeting)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(WorkflowError):
        workflow.convene(meeting, adoc, BASE_URL)

    assert not Convocation.objects.exists()
    assert not mailoutbox
    assert meeting.attendance.get().convened_at is None


def test_cancel_meeting_tells_the_convened(
    meeting, adoc, mailoutbox, django_capture_on_commit_callbacks
):
    workflow.convene(meeting, adoc, BASE_URL)
    meeting.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        told = workflow.cancel_meeting(meeting, "Tempête de neige", BASE_URL)

    meeting.refresh_from_db()
    assert told == 1
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancellation_reason == "Tempête de neige"
    assert "Tempête de neige" in mailoutbox[-1].body


@pytest.mark.parametrize(("status", "reason"), [("held", "Trop tard"), ("planned", "  ")])
def test_cancel_meeting_refuses_a_held_meeting_or_no_reason(meeting, status, reason):
    Meeting.objects.filter(pk=meeting.pk).update(status=status)

    with pytest.raises(WorkflowError):
        workflow.cancel_meeting(meeting, reason, BASE_URL)

    meeting.refresh_from_db()
    assert meeting.status == status
    assert meeting.cancellation_reason == ""


def test_cancel_meeting_refuses_a_meeting_changed_meanwhile(meeting):
    workflow.edit_meeting(meeting_form(meeting, title="Changé entre-temps"), BASE_URL)

    with pytest.raises(WorkflowError):
        workflow.cancel_meeting(meeting, "Tempête", BASE_URL, version=0)

    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.PLANNED


def test_mark_held_records_a_meeting_that_started(territory):
    meeting = MeetingFactory(body=territory["council"], starts=ago(hours=1))

    workflow.mark_held(meeting)

    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


def test_mark_held_refuses_a_meeting_not_started_or_cancelled(meeting):
    with pytest.raises(WorkflowError):
        workflow.mark_held(meeting)
    with pytest.raises(WorkflowError):
        workflow.mark_held(cancelled(meeting), now=meeting.ends)

    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CANCELLED


def test_publish_opens_the_records_and_tells_the_convened(
    held, mailoutbox, django_capture_on_commit_callbacks
):
    from governance.models import Frequency, NotificationPreferences

    NotificationPreferences.objects.create(
        person=held.attendance.get().person, records=Frequency.IMMEDIATE
    )

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(held, BASE_URL)

    assert Meeting.objects.get(pk=held.pk).is_published
    assert [message.to for message in mailoutbox] == [["comite@example.org"]]


def test_publish_records_an_earlier_publication_without_telling_anyone(
    held, mailoutbox, django_capture_on_commit_callbacks
):
    published = ago(hours=2)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(held, BASE_URL, now=published, notify=False)

    assert Meeting.objects.get(pk=held.pk).published_at == published
    assert not mailoutbox


def test_publish_refuses_a_cancelled_meeting_or_published_records(meeting, held):
    with pytest.raises(WorkflowError):
        workflow.publish(cancelled(meeting), BASE_URL)
    workflow.publish(held, BASE_URL)
    published_at = Meeting.objects.get(pk=held.pk).published_at

    with pytest.raises(WorkflowError):
        workflow.publish(held, BASE_URL)

    assert not Meeting.objects.get(pk=meeting.pk).is_published
    assert Meeting.objects.get(pk=held.pk).published_at == published_at


def test_unpublish_takes_the_records_back_to_draft(held):
    workflow.publish(held, BASE_URL)

    workflow.unpublish(held)

    assert not Meeting.objects.get(pk=held.pk).is_published


def test_unpublish_refuses_records_still_in_draft(held):
    with pytest.raises(WorkflowError):
        workflow.unpublish(held)

    assert Meeting.objects.get(pk=held.pk).version == 0


def test_unpublish_refuses_adopted_minutes(held):
    workflow.publish(held, BASE_URL)
    adopt(held)

    with pytest.raises(WorkflowError, match="reste publié"):
        workflow.unpublish(held)

    assert Meeting.objects.get(pk=held.pk).is_published


def test_restore_version_brings_back_earlier_minutes(held, adoc):
    item = AgendaItemFactory(meeting=held, minutes="Première rédaction")
    first = item.history.get()
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Fautive")

    workflow.restore_version("item", first.history_id, adoc)

    item.refresh_from_db()
    assert item.minutes == "Première rédaction"
    assert item.history.count() == 2


def test_restore_version_refuses_adopted_minutes(held, adoc):
    item = AgendaItemFactory(meeting=held, minutes="Adoptée")
    first = item.history.get()
    AgendaItem.objects.filter(pk=item.pk).update(minutes="Changée par l'admin")
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.restore_version("item", first.history_id, adoc)

    assert AgendaItem.objects.get(pk=item.pk).minutes == "Changée par l'admin"


def test_restore_version_refuses_an_adopted_meeting_itself(held, adoc):
    first = held.history.earliest()
    Meeting.objects.filter(pk=held.pk).update(title="Titre corrigé")
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.restore_version("meeting", first.history_id, adoc)

    assert Meeting.objects.get(pk=held.pk).title == "Titre corrigé"


def test_restore_version_keeps_the_items_place_on_todays_agenda(held, adoc):
    first = workflow.add_item(held, AgendaItem(title="Un"))
    workflow.add_item(held, AgendaItem(title="Deux"))
    before_the_move = first.history.latest()
    workflow.move_item(first, "down")

    workflow.restore_version("item", before_the_move.history_id, adoc)

    check_constraints_now()
    assert positions(held) == [("Deux", 1), ("Un", 2)]


# --- Agenda and minutes -------------------------------------------------------------------


def test_add_item_puts_it_last(meeting):
    workflow.add_item(meeting, AgendaItem(title="Ouverture"))
    workflow.add_item(meeting, AgendaItem(title="Budget"))

    assert positions(meeting) == [("Ouverture", 1), ("Budget", 2)]


def test_add_item_refuses_an_agenda_whose_minutes_were_adopted(held):
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.add_item(held, AgendaItem(title="Ajout tardif"))

    assert not held.items.exists()


def test_edit_item_saves_it(meeting):
    item = workflow.add_item(meeting, AgendaItem(title="Budget"))
    form = AgendaItemForm({"title": "Budget 2027", "kind": "decision", "version": 0}, instance=item)
    assert form.is_valid()

    workflow.edit_item(form)

    assert AgendaItem.objects.get(pk=item.pk).title == "Budget 2027"


def test_edit_item_refuses_a_cancelled_meeting(meeting):
    item = workflow.add_item(meeting, AgendaItem(title="Budget"))
    cancelled(meeting)
    form = AgendaItemForm({"title": "Autre", "kind": "decision", "version": 0}, instance=item)
    assert form.is_valid()

    with pytest.raises(WorkflowError):
        workflow.edit_item(form)

    assert AgendaItem.objects.get(pk=item.pk).title == "Budget"


def test_move_item_swaps_two_neighbours_and_keeps_positions_unique(meeting):
    one, _two, three = (workflow.add_item(meeting, AgendaItem(title=t)) for t in "ABC")

    workflow.move_item(three, "up")
    check_constraints_now()
    workflow.move_item(one, "down")
    check_constraints_now()

    assert positions(meeting) == [("C", 1), ("A", 2), ("B", 3)]


def test_move_item_refuses_to_move_the_first_item_up(meeting):
    first = workflow.add_item(meeting, AgendaItem(title="A"))
    workflow.add_item(meeting, AgendaItem(title="B"))

    with pytest.raises(WorkflowError):
        workflow.move_item(first, "up")

    assert positions(meeting) == [("A", 1), ("B", 2)]


def test_move_item_refuses_an_adopted_agenda(held):
    workflow.add_item(held, AgendaItem(title="A"))
    second = workflow.add_item(held, AgendaItem(title="B"))
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.move_item(second, "up")

    assert positions(held) == [("A", 1), ("B", 2)]


def test_delete_item_closes_the_gap(meeting):
    items = [workflow.add_item(meeting, AgendaItem(title=t)) for t in "ABC"]

    workflow.delete_item(items[0])

    check_constraints_now()
    assert positions(meeting) == [("B", 1), ("C", 2)]


def test_delete_item_refuses_an_item_with_minutes(meeting):
    item = workflow.add_item(meeting, AgendaItem(title="A", minutes="Dit et décidé."))

    with pytest.raises(WorkflowError):
        workflow.delete_item(item)

    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_edit_minutes_saves_draft_minutes(held):
    item = AgendaItemFactory(meeting=held)
    form = MinutesForm({"minutes": "Budget adopté.", "version": 0}, instance=item)
    assert form.is_valid()

    workflow.edit_minutes(form)

    assert AgendaItem.objects.get(pk=item.pk).minutes == "Budget adopté."


def test_edit_minutes_refuses_adopted_minutes(held):
    item = AgendaItemFactory(meeting=held, minutes="Adopté")
    adopt(held)
    form = MinutesForm({"minutes": "Réécrit", "version": 0}, instance=item)
    assert form.is_valid()

    with pytest.raises(WorkflowError):
        workflow.edit_minutes(form)

    assert AgendaItem.objects.get(pk=item.pk).minutes == "Adopté"


def test_add_amendment_records_a_correction_beside_adopted_minutes(held, adoc):
    item = AgendaItemFactory(meeting=held, minutes="Adopté")
    adopt(held)

    workflow.add_amendment(
        held, MinutesAmendment(item=item, text="À l'unanimité", reason="Précision"), adoc
    )

    assert MinutesAmendment.objects.get().item == item
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Adopté"


def test_add_amendment_corrects_a_decision_or_the_attendance_beside_them(held, adoc):
    decision = DecisionFactory(meeting=held)
    adopt(held)

    of_decision = workflow.add_amendment(
        held,
        MinutesAmendment(
            subject=AmendmentSubject.DECISION,
            decision=decision,
            text="Huit pour.",
            reason="Coquille",
        ),
        adoc,
    )
    of_attendance = workflow.add_amendment(
        held,
        MinutesAmendment(
            subject=AmendmentSubject.ATTENDANCE, text="Marie était présente.", reason="Oubli"
        ),
        adoc,
    )

    assert decision.amendments.get() == of_decision
    assert held.amendments.filter(subject=AmendmentSubject.ATTENDANCE).get() == of_attendance
    assert of_attendance.made_by == adoc


def test_add_amendment_refuses_an_item_or_decision_of_another_meeting(held, meeting, adoc):
    elsewhere = AgendaItemFactory(meeting=meeting)
    other_decision = DecisionFactory(meeting=meeting)
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.add_amendment(
            held, MinutesAmendment(item=elsewhere, text="Texte", reason="Raison"), adoc
        )
    with pytest.raises(WorkflowError):
        workflow.add_amendment(
            held,
            MinutesAmendment(
                subject=AmendmentSubject.DECISION,
                decision=other_decision,
                text="Texte",
                reason="Raison",
            ),
            adoc,
        )

    assert not MinutesAmendment.objects.exists()


def test_an_amendment_of_minutes_without_its_item_is_refused_by_the_database(held, adoc):
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesAmendment.objects.create(meeting=held, text="T", reason="R", made_by=adoc)


def test_add_amendment_refuses_draft_minutes(held, adoc):
    item = AgendaItemFactory(meeting=held, minutes="Brouillon")

    with pytest.raises(WorkflowError):
        workflow.add_amendment(
            held, MinutesAmendment(item=item, text="Texte", reason="Raison"), adoc
        )

    assert not MinutesAmendment.objects.exists()


def test_adopt_minutes_records_where_they_were_adopted(held):
    later = adopt(held)

    assert Meeting.objects.get(pk=held.pk).minutes_adopted_at == later


def test_adopt_minutes_refuses_twice_or_at_another_body(territory, held):
    later = adopt(held)
    elsewhere = MeetingFactory(body=territory["assembly"], starts=later.starts)
    with pytest.raises(WorkflowError):
        workflow.adopt_minutes(later, held)
    other = MeetingFactory(body=territory["council"], starts=ago(days=2))
    with pytest.raises(WorkflowError):
        workflow.adopt_minutes(elsewhere, other)

    assert Meeting.objects.get(pk=held.pk).minutes_adopted_at == later
    assert Meeting.objects.get(pk=other.pk).minutes_adopted_at is None


# --- Attendance ---------------------------------------------------------------------------


def test_record_attendance_saves_who_came(held):
    row = held.attendance.get()

    assert workflow.record_attendance(held, {row.pk: AttendanceStatus.PRESENT}) == 1

    assert Attendance.objects.get(pk=row.pk).status == AttendanceStatus.PRESENT


def test_record_attendance_refuses_a_row_of_another_meeting(held, meeting):
    mine, theirs = held.attendance.get(), meeting.attendance.get()

    with pytest.raises(WorkflowError):
        workflow.record_attendance(
            held, {mine.pk: AttendanceStatus.PRESENT, theirs.pk: AttendanceStatus.PRESENT}
        )

    assert set(Attendance.objects.values_list("status", flat=True)) == {AttendanceStatus.INVITED}


def test_record_attendance_refuses_adopted_minutes(held):
    row = held.attendance.get()
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.record_attendance(held, {row.pk: AttendanceStatus.ABSENT})

    assert Attendance.objects.get(pk=row.pk).status == AttendanceStatus.INVITED


def test_add_guest_lists_a_guest(meeting):
    guest = Attendance(guest_name="Invitée du MAMH", capacity=AttendanceCapacity.GUEST)

    workflow.add_guest(meeting, guest)

    assert meeting.attendance.filter(guest_name="Invitée du MAMH", voting=False).exists()


def test_add_guest_refuses_a_cancelled_meeting(meeting):
    cancelled(meeting)

    with pytest.raises(WorkflowError):
        workflow.add_guest(meeting, Attendance(guest_name="Invitée"))

    assert not meeting.attendance.filter(guest_name="Invitée").exists()


# --- Decisions, mandates, action items, documents -----------------------------------------


def test_record_decision_notes_the_quorum_of_the_moment(held):
    decision = Decision(number="CC-2026-001", title="Budget", text="Adopté.")

    workflow.record_decision(held, decision)

    saved = Decision.objects.get()
    assert saved.meeting == held
    assert not saved.quorum_met  # nobody recorded present


def test_record_decision_refuses_a_number_taken(held):
    DecisionFactory(meeting=held, number="CC-2026-001")

    with pytest.raises(WorkflowError) as refusal:
        workflow.record_decision(held, Decision(number="CC-2026-001", title="Autre", text="."))

    assert refusal.value.field == "number"
    assert Decision.objects.count() == 1


def test_record_decision_refuses_adopted_minutes_and_another_meetings_item(held, meeting):
    other_item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(WorkflowError) as refusal:
        workflow.record_decision(held, Decision(number="N-1", title="T", item=other_item))
    assert refusal.value.field == "item"
    adopt(held)

    with pytest.raises(WorkflowError):
        workflow.record_decision(held, Decision(number="N-2", title="T", text="."))

    assert not Decision.objects.exists()


def decision_form(decision, **changes):
    data = {
        "number": decision.number,
        "title": decision.title,
        "text": decision.text,
        "mode": "consensus",
        "outcome": "adopted",
        "version": decision.version,
        **changes,
    }
    form = DecisionForm(data, instance=decision, meeting=decision.meeting)
    assert form.is_valid(), form.errors
    return form


def test_edit_decision_saves_it(held):
    decision = DecisionFactory(meeting=held)

    workflow.edit_decision(decision_form(decision, title="Budget révisé"))

    assert Decision.objects.get(pk=decision.pk).title == "Budget révisé"


def test_edit_decision_refuses_adopted_minutes(held):
    decision = DecisionFactory(meeting=held, title="Budget")
    adopt(held)
    form = decision_form(decision, title="Réécrit")

    with pytest.raises(WorkflowError):
        workflow.edit_decision(form)

    assert Decision.objects.get(pk=decision.pk).title == "Budget"


def test_give_mandate_records_who_gives_it(territory, held):
    mandate = Mandate(given_to=territory["chantier"].committee, title="Étudier le transport")

    workflow.give_mandate(held, mandate)

    saved = Mandate.objects.get()
    assert (saved.meeting, saved.given_by) == (held, territory["council"])


def test_give_mandate_refuses_a_mandate_to_oneself_or_at_a_cancelled_meeting(territory, held):
    with pytest.raises(WorkflowError):
        workflow.give_mandate(held, Mandate(given_to=territory["council"], title="À soi"))
    cancelled(held)
    with pytest.raises(WorkflowError):
        workflow.give_mandate(held, Mandate(given_to=territory["assembly"], title="Annulée"))

    assert not Mandate.objects.exists()


def test_update_mandate_records_the_update_and_the_status(held, adoc):
    mandate = MandateFactory(meeting=held)

    update = workflow.update_mandate(mandate, adoc, MandateStatus.IN_PROGRESS, "Lancé.")

    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.IN_PROGRESS
    assert mandate.updates.get() == update


def test_update_mandate_dates_an_earlier_update(held, adoc):
    mandate = MandateFactory(meeting=held)
    made = ago(days=20)

    workflow.update_mandate(mandate, adoc, MandateStatus.DONE, "Terminé.", now=made)

    assert mandate.updates.get().made_at == made
    assert Mandate.objects.get(pk=mandate.pk).status == MandateStatus.DONE


def test_update_mandate_refuses_an_empty_note(held, adoc):
    mandate = MandateFactory(meeting=held)

    with pytest.raises(WorkflowError):
        workflow.update_mandate(mandate, adoc, MandateStatus.DONE, "   ")

    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.TODO
    assert not mandate.updates.exists()


def test_add_action_records_who_will_do_it(held):
    person = PersonFactory()

    workflow.add_action(held, ActionItem(title="Écrire au MTQ", person=person))

    assert ActionItem.objects.get().who == person


def test_add_action_refuses_an_action_for_nobody(held):
    with pytest.raises(WorkflowError):
        workflow.add_action(held, ActionItem(title="Personne"))

    assert not ActionItem.objects.exists()


def action_form(action, **changes):
    data = {
        "title": action.title,
        "person": action.person_id,
        "status": action.status,
        "version": action.version,
        **changes,
    }
    form = ActionItemForm(data, instance=action, meeting=action.meeting)
    assert form.is_valid(), form.errors
    return form


def test_edit_action_saves_it(held):
    organisation = OrganisationFactory()
    action = ActionItemFactory(meeting=held)

    workflow.edit_action(action_form(action, organisation=organisation.pk))

    assert ActionItem.objects.get(pk=action.pk).organisation == organisation


def test_edit_action_refuses_a_cancelled_meeting(held):
    action = ActionItemFactory(meeting=held, title="Suivi")
    form = action_form(action, title="Changé")
    cancelled(held)

    with pytest.raises(WorkflowError):
        workflow.edit_action(form)

    assert ActionItem.objects.get(pk=action.pk).title == "Suivi"


def test_mark_action_done_closes_an_open_action(held):
    action = ActionItemFactory(meeting=held)

    workflow.mark_action_done(action)

    assert ActionItem.objects.get(pk=action.pk).status == ActionStatus.DONE


def test_mark_action_done_refuses_a_cancelled_action(held):
    action = ActionItemFactory(meeting=held, status=ActionStatus.CANCELLED)

    with pytest.raises(WorkflowError):
        workflow.mark_action_done(action)

    assert ActionItem.objects.get(pk=action.pk).status == ActionStatus.CANCELLED


def test_add_document_attaches_it_with_its_size(held, adoc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget")

    workflow.add_document(held, Document(title="Budget", file=upload), adoc)

    document = Document.objects.get()
    assert (document.meeting, document.uploaded_by, document.size) == (held, adoc, 15)


def test_add_document_refuses_an_item_of_another_meeting(held, meeting, adoc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget")
    document = Document(title="Budget", file=upload, item=AgendaItemFactory(meeting=meeting))

    with pytest.raises(WorkflowError):
        workflow.add_document(held, document, adoc)

    assert not Document.objects.exists()


# --- Positions on the agenda, in the database ---------------------------------------------


def test_two_items_cannot_share_a_position_even_bypassing_the_workflow(meeting):
    AgendaItem.objects.create(meeting=meeting, position=1, title="A")
    check_constraints_now()  # from here on, PostgreSQL checks each statement too

    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, position=1, title="B")

    assert positions(meeting) == [("A", 1)]


def test_the_migration_numbers_every_agenda_one_two_three(meeting, held):
    migration = importlib.import_module("meetings.migrations.0004_renumber_agenda_positions")
    AgendaItem.objects.create(meeting=meeting, position=7, title="B")
    AgendaItem.objects.create(meeting=meeting, position=3, title="A")
    AgendaItem.objects.create(meeting=held, position=1, title="Seul")

    migration.renumber(apps, None)

    assert positions(meeting) == [("A", 1), ("B", 2)]
    assert positions(held) == [("Seul", 1)]


def _document(meeting, adoc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget")
    return workflow.add_document(meeting, Document(title="Budget", file=upload), adoc)


def test_replace_document_saves_the_new_file_and_keeps_the_old_in_history(
    held, adoc, settings, tmp_path
):
    document = _document(held, adoc, settings, tmp_path)
    new = SimpleUploadedFile("budget-revise.pdf", b"%PDF-1.4 budget revise 2")
    form = DocumentForm({"title": "Budget révisé"}, {"file": new}, instance=document, meeting=held)
    assert form.is_valid(), form.errors

    workflow.replace_document(form)

    document.refresh_from_db()
    assert (document.title, document.size) == ("Budget révisé", 24)
    assert [row.title for row in document.history.order_by("history_date")] == [
        "Budget",
        "Budget révisé",
    ]


def test_delete_document_removes_it_and_its_history_keeps_it(held, adoc, settings, tmp_path):
    document = _document(held, adoc, settings, tmp_path)

    workflow.delete_document(document)

    assert not Document.objects.exists()
    assert [row.history_type for row in Document.history.order_by("history_date")] == ["+", "-"]


def test_the_documents_of_adopted_minutes_are_neither_added_replaced_nor_deleted(
    held, adoc, settings, tmp_path
):
    document = _document(held, adoc, settings, tmp_path)
    adopt(held)
    form = DocumentForm({"title": "Changé"}, {}, instance=document, meeting=held)
    assert form.is_valid(), form.errors

    for change in (
        lambda: workflow.replace_document(form),
        lambda: workflow.delete_document(Document.objects.get(pk=document.pk)),
        lambda: _document(held, adoc, settings, tmp_path),
    ):
        with pytest.raises(WorkflowError, match="adopté"):
            change()

    assert list(Document.objects.values_list("title", flat=True)) == ["Budget"]
