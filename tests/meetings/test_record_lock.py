"""The adopted record holds in the database itself: every write below bypasses the views and
the workflow (the ORM's update/delete, raw SQL), as a script, the admin or a shell would, and
each is refused with IntegrityError, leaving the row as it was (meetings.locks)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from infrastructure.record_lock import is_lock_refusal, maintenance
from meetings import workflow
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Convocation,
    Decision,
    Document,
    Meeting,
    MeetingStatus,
    MinutesAmendment,
)
from tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory, UserFactory


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


@pytest.fixture
def record(territory, council):
    """A comité meeting held a month ago, with an item, a decision, a document, its attendance
    and convocation, its records published, its minutes adopted at the next meeting."""
    held = MeetingFactory(
        body=territory["council"],
        starts=ago(days=30),
        status=MeetingStatus.HELD,
        published_at=ago(days=20),
    )
    held.sync_attendance()
    item = AgendaItemFactory(meeting=held, position=1, minutes="Budget présenté.")
    DecisionFactory(meeting=held, item=item)
    agent = UserFactory()
    document = Document(meeting=held, title="Budget", uploaded_by=agent, size=8)
    document.file.save("budget.pdf", ContentFile(b"%PDF-1.4"), save=True)
    Convocation.objects.create(meeting=held, sent_by=agent, recipients=[])
    workflow.record_attendance(
        held, {row.pk: AttendanceStatus.PRESENT for row in held.attendance.all()}
    )
    later = MeetingFactory(body=held.body, starts=ago(days=1), status=MeetingStatus.HELD)
    workflow.adopt_minutes(later, held)
    held.refresh_from_db()
    return held


def refused(write):
    """Run `write` in a savepoint; assert the database refused it as a locked record."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    assert is_lock_refusal(error.value), error.value


def test_the_adopted_meeting_itself_is_frozen(record):
    meetings = Meeting.objects.filter(pk=record.pk)
    refused(lambda: meetings.update(title="Autre titre"))
    refused(lambda: meetings.update(starts=record.starts + datetime.timedelta(hours=1)))
    refused(lambda: meetings.update(status=MeetingStatus.CANCELLED, cancellation_reason="x"))
    refused(lambda: meetings.update(minutes_adopted_at=None))
    refused(lambda: meetings.update(published_at=None))  # it was published: never back to draft
    refused(lambda: meetings._raw_delete(connection.alias))  # past Django's PROTECT
    assert Meeting.objects.get(pk=record.pk).title == record.title


def test_its_records_are_not_added_changed_or_deleted(record):
    item = record.items.get()
    present = record.attendance.filter(status=AttendanceStatus.PRESENT).count()
    refused(lambda: AgendaItem.objects.filter(pk=item.pk).update(title="Renommé"))
    refused(lambda: AgendaItem.objects.filter(pk=item.pk).update(position=2))
    refused(lambda: AgendaItem.objects.filter(pk=item.pk).update(minutes="Réécrit."))
    refused(lambda: AgendaItemFactory(meeting=record, position=2))
    refused(lambda: record.attendance.update(status=AttendanceStatus.ABSENT))
    refused(lambda: record.attendance.all().delete())
    refused(lambda: Attendance.objects.create(meeting=record, guest_name="Ajout"))
    refused(lambda: record.decisions.update(votes_for=50))
    refused(lambda: Decision.objects.filter(meeting=record).delete())
    refused(lambda: record.documents.update(title="Autre"))
    refused(lambda: record.documents.all().delete())
    refused(lambda: record.convocations.update(recipients=[{"name": "Quelqu’un"}]))
    assert record.attendance.filter(status=AttendanceStatus.PRESENT).count() == present > 0


def test_moving_a_record_out_of_the_adopted_meeting_is_refused_too(record, territory):
    draft = MeetingFactory(body=territory["council"])
    refused(lambda: record.decisions.update(meeting=draft))
    refused(lambda: AgendaItem.objects.filter(meeting=record).update(meeting=draft))


def test_raw_sql_is_refused_as_well(record):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE meetings_agendaitem SET minutes = %s WHERE meeting_id = %s",
            ["Falsifié.", record.pk],
        )
    assert record.items.get().minutes == "Budget présenté."


def test_corrections_and_history_are_only_ever_added_to(record):
    item = record.items.get()
    amendment = workflow.add_amendment(
        record,
        MinutesAmendment(item=item, text="Le budget a été adopté.", reason="Omission"),
        UserFactory(),
    )
    refused(lambda: MinutesAmendment.objects.filter(pk=amendment.pk).update(text="Autre"))
    refused(lambda: MinutesAmendment.objects.filter(pk=amendment.pk).delete())
    refused(lambda: Meeting.history.filter(id=record.pk).update(title="Effacé"))
    refused(lambda: AgendaItem.history.filter(meeting_id=record.pk).delete())
    assert AgendaItem.history.filter(meeting_id=record.pk).exists()


def test_a_meeting_whose_minutes_are_not_adopted_stays_editable(territory, council):
    draft = MeetingFactory(body=territory["council"])
    item = AgendaItemFactory(meeting=draft, position=1)
    AgendaItem.objects.filter(pk=item.pk).update(title="Renommé")
    Meeting.objects.filter(pk=draft.pk).update(title="Autre titre", published_at=timezone.now())
    draft.delete()
    assert not Meeting.objects.filter(pk=draft.pk).exists()


def test_adopted_records_may_still_be_published_once(record):
    unpublished = MeetingFactory(
        body=record.body, starts=ago(days=60), status=MeetingStatus.HELD, published_at=None
    )
    workflow.adopt_minutes(record.minutes_adopted_at, unpublished)
    Meeting.objects.filter(pk=unpublished.pk).update(published_at=timezone.now())
    assert Meeting.objects.get(pk=unpublished.pk).is_published


def test_the_locks_survive_a_migration_that_rebuilds_the_table(record):
    """SQLite rebuilds a table to alter it, dropping its triggers: migrate puts them back."""
    call_command("migrate", verbosity=0)
    refused(lambda: record.items.update(title="Renommé"))


def test_only_emptying_the_whole_database_removes_an_adopted_record(record):
    """`flush` (what a test run does between tests that commit) still empties the database;
    on SQLite it is the one thing that passes the triggers (record_lock.maintenance)."""
    if connection.vendor == "postgresql":  # TRUNCATE waits for no deferred check
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not Meeting.objects.exists()


def test_the_maintenance_pass_is_needed_on_sqlite(record):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL empties tables with TRUNCATE, which fires no row trigger")
    with maintenance(), transaction.atomic():
        AgendaItem.objects.filter(meeting=record).update(title="Vidé")
        transaction.set_rollback(True)
    refused(lambda: record.items.update(title="Renommé"))


def test_a_refusal_of_the_database_is_said_in_words(record):
    from infrastructure.constraints import message_for

    with pytest.raises(IntegrityError) as error, transaction.atomic():
        record.items.update(title="Renommé")

    assert message_for(error.value).startswith("Rien n’a été enregistré : ce dossier est conservé")
