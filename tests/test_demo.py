"""The demo is built through the workflow functions a user's actions call (meetings.workflow,
chantiers.workflow), as the ADOC team would build it: what they record is there, and nobody is
emailed."""

import io
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from chantiers.models import ProgressReport, ReportStatus
from meetings.models import (
    ActionItem,
    ActionStatus,
    Decision,
    Mandate,
    MandateStatus,
    Meeting,
    MeetingStatus,
    PendingNotification,
)
from meetings.models.decisions import body_initials


@pytest.fixture
def demo(mailoutbox, django_capture_on_commit_callbacks):
    """The demo, loaded with every email the workflow queues sent (to the locmem outbox)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--force", stdout=io.StringIO())
    return mailoutbox


def statuses_in_history(record):
    return set(record.history.values_list("status", flat=True))


@pytest.mark.django_db
def test_demo_meetings_hold_what_the_workflow_records(demo):
    meetings = list(Meeting.objects.select_related("body").order_by("starts"))
    assert {meeting.status for meeting in meetings} == {
        MeetingStatus.PLANNED,
        MeetingStatus.HELD,
        MeetingStatus.CANCELLED,
    }
    for meeting in meetings:
        positions = list(meeting.items.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1)), meeting
        # Listed as convene/create_meeting list them: nobody a sync would add.
        with transaction.atomic():
            assert meeting.sync_attendance() == 0, meeting
            transaction.set_rollback(True)
        if meeting.status == MeetingStatus.HELD:
            # Convened (convene), then held (mark_held), before the meeting.
            assert statuses_in_history(meeting) >= {MeetingStatus.CONVENED, MeetingStatus.HELD}
            convocation = meeting.convocations.get()
            assert convocation.sent_at < meeting.starts
            rows = list(meeting.attendance.all())
            assert {row.convened_at for row in rows if row.email} == {convocation.sent_at}
            assert len(convocation.recipients) == len([row for row in rows if row.email])
            assert meeting.items.exclude(minutes="").exists()
        else:
            assert not meeting.convocations.exists()
            assert not meeting.items.exclude(minutes="").exists()
        if meeting.status == MeetingStatus.CANCELLED:
            assert MeetingStatus.PLANNED in statuses_in_history(meeting)
            assert meeting.cancellation_reason
        if meeting.is_published:
            # Published by publish: a draft first, then dated after the meeting.
            assert meeting.history.filter(published_at=None).exists()
            assert meeting.starts < meeting.published_at < timezone.now()
        if meeting.minutes_adopted:
            adopted_at = meeting.minutes_adopted_at
            assert adopted_at.body_id == meeting.body_id
            assert adopted_at.starts > meeting.starts
        for decision in meeting.decisions.all():
            assert decision.quorum_met == meeting.quorum().is_met
    assert Meeting.objects.filter(minutes_adopted_at__isnull=False).exists()


@pytest.mark.django_db
def test_demo_records_are_numbered_and_followed_up_as_the_workflow_does(demo):
    # Numbered as the decision form proposes: each body's decisions 001, 002… within a year.
    numbers = defaultdict(list)
    for decision in Decision.objects.select_related("meeting__body").order_by("pk"):
        year = timezone.localtime(decision.meeting.starts).year
        numbers[body_initials(decision.meeting.body), year].append(decision.number)
    assert numbers
    for (initials, year), used in numbers.items():
        assert used == [f"{initials}-{year}-{n:03d}" for n in range(1, len(used) + 1)]
    # Given as "to do", then brought to their status by an update (update_mandate).
    for mandate in Mandate.objects.all():
        assert MandateStatus.TODO in statuses_in_history(mandate)
        if mandate.status != MandateStatus.TODO:
            update = mandate.updates.first()
            assert update.status == mandate.status
            assert update.made_at < timezone.now()
    assert Mandate.objects.exclude(status=MandateStatus.TODO).exists()
    # Recorded open (add_action), then marked done (mark_action_done).
    done = list(ActionItem.objects.filter(status=ActionStatus.DONE))
    assert done
    for action in done:
        assert ActionStatus.OPEN in statuses_in_history(action)
    # Progress reports moved by chantiers.workflow: every one past the draft was a draft,
    # then submitted (submit); an approved one was decided on (decide).
    for report in ProgressReport.objects.exclude(status=ReportStatus.DRAFT):
        assert {ReportStatus.DRAFT, ReportStatus.SUBMITTED} <= statuses_in_history(report)
        assert report.submitted is not None
        if report.status == ReportStatus.APPROVED:
            assert report.decisions.filter(at__gt=report.submitted).exists()
    assert ProgressReport.objects.filter(status=ReportStatus.APPROVED).exists()


@pytest.mark.django_db
def test_demo_emails_nobody(demo):
    assert Meeting.objects.filter(convocations__isnull=False).exists()
    assert demo == []
    assert not PendingNotification.objects.exists()


@pytest.mark.django_db
def test_the_demo_is_the_dsi_charlevoix(demo):
    """The demo writes the alliance's identity (demo/data/identity.py); the portal names no
    territory of its own."""
    from django.test import Client

    from governance.models import current_identity

    assert current_identity().short_name == "DSI Charlevoix"
    assert "Dans Charlevoix, une alliance territoriale" in Client().get("/").content.decode()
