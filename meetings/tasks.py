"""Emails of the meetings app, sent by the worker, one per task (see infrastructure.outbox)."""

import datetime
from email.utils import formataddr

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from governance.models import Person
from governance.notifications import render_email, render_templates
from governance.tasks import people_named
from infrastructure.outbox import counts_by_status, email_task
from meetings.calendar import calendar_of, organizer_of
from meetings.models import ActionItem, Attendance, Meeting

# The subject of a publication notice, per kind of news (see NotificationPreferences).
NOTICE_SUBJECTS = {
    "records": "meetings/email/records_subject.txt",
    "decisions": "meetings/email/decisions_subject.txt",
}


def attendance_named(kwargs_list):
    rows = Attendance.objects.select_related("person", "meeting__body").in_bulk(
        [kwargs["attendance_id"] for kwargs in kwargs_list]
    )
    named = []
    for kwargs in kwargs_list:
        row = rows.get(kwargs["attendance_id"])
        named.append(f"{row.name} <{row.email}> — {row.meeting}" if row else "")
    return named


def _attendance(attendance_id):
    return Attendance.objects.select_related(
        "meeting__body", "person__notification_preferences"
    ).get(pk=attendance_id)


def invitation_attendees(row):
    """The ATTENDEEs of the invitation sent to `row`: its recipient, and everyone else
    convened whose address partners may see (Law 25: a hidden address stays hidden)."""
    others = (
        row.meeting.attendance.filter(convened_at__isnull=False)
        .exclude(pk=row.pk)
        .filter(person__show_email=True)
        .exclude(person__email="")
        .select_related("person")
        .order_by("pk")
    )
    return [(row.name, row.email, row.voting)] + [
        (other.name, other.email, other.voting) for other in others
    ]


def _send_with_calendar(row, template, context, base_url, attachment_name, method):
    """Email the attendance `row` the `template` message, in their language (French then
    English when they chose none), with the meeting as an iCalendar attachment of `method`
    (REQUEST adds it to their calendar or updates it, CANCEL takes it off). Replies go to
    the invitation's organizer."""
    meeting = row.meeting
    subject, body = render_templates(row.person, template, context)
    organizer = organizer_of(meeting)
    message = EmailMultiAlternatives(
        subject, body, to=[row.email], reply_to=[formataddr(organizer)]
    )
    calendar = calendar_of(
        [meeting], meeting.body.name, base_url, method=method, attendees=invitation_attendees(row)
    )
    message.attach(attachment_name, calendar, f"text/calendar; method={method}")
    message.send(fail_silently=False)


@email_task(_("Convocation"), attendance_named)
def send_convocation(*, attendance_id, convocation_id, base_url):
    """The convocation of one listed person, in their language, with an .ics invitation.
    `convocation_id` ties the message to the sending shown on the meeting page."""
    row = _attendance(attendance_id)
    meeting = row.meeting
    context = {
        "meeting": meeting,
        "items": list(meeting.items.all()),
        "name": row.name,
        "url": base_url + meeting.get_absolute_url(),
    }
    _send_with_calendar(
        row, "meetings/email/convocation", context, base_url, "invitation.ics", method="REQUEST"
    )


@email_task(_("Convocation update"), attendance_named)
def send_convocation_update(*, attendance_id, base_url, before):
    """Tell one convened person what changed in the meeting (`before`: the date, time, place
    and link it had, ISO dates), with the updated invitation: same UID, higher SEQUENCE, so
    their calendar moves the meeting instead of adding another."""
    row = _attendance(attendance_id)
    meeting = row.meeting
    starts = datetime.datetime.fromisoformat(before["starts"])
    ends = datetime.datetime.fromisoformat(before["ends"])
    context = {
        "meeting": meeting,
        "name": row.name,
        "url": base_url + meeting.get_absolute_url(),
        "before": {**before, "starts": starts, "ends": ends},
        "moved": (starts, ends) != (meeting.starts, meeting.ends),
        "place_changed": before["place"] != meeting.place,
        "link_changed": before["online_link"] != meeting.online_link,
    }
    _send_with_calendar(
        row,
        "meetings/email/convocation_update",
        context,
        base_url,
        "invitation.ics",
        method="REQUEST",
    )


@email_task(_("Cancellation"), attendance_named)
def send_cancellation(*, attendance_id, base_url):
    """Tell one convened person that the meeting is cancelled, and why; the attached
    METHOD:CANCEL takes it off their calendar."""
    row = _attendance(attendance_id)
    meeting = row.meeting
    context = {
        "meeting": meeting,
        "name": row.name,
        "url": base_url + meeting.get_absolute_url(),
    }
    _send_with_calendar(
        row, "meetings/email/cancellation", context, base_url, "annulation.ics", method="CANCEL"
    )


def notice_message(person, kind, meeting, url):
    """The notice telling `person` that `kind` news of `meeting` was published, in their
    language (French then English when they chose none)."""
    context = {"meeting": meeting}
    if kind == "decisions":
        context["decisions"] = list(meeting.decisions.order_by("number"))

    def render():
        subject = render_to_string(NOTICE_SUBJECTS[kind], context).strip()
        body = render_to_string(
            "meetings/email/notification_message.txt",
            {**context, "person": person, "subject": subject, "url": url},
        )
        return subject, body

    return render_email(person, render)


@email_task(_("Publication notice"), people_named)
def send_notice(*, person_id, meeting_id, kind, base_url):
    """Tell one person, right away as they chose, that records or decisions were published."""
    person = Person.objects.select_related("notification_preferences").get(pk=person_id)
    meeting = Meeting.objects.get(pk=meeting_id)
    subject, body = notice_message(person, kind, meeting, base_url + meeting.get_absolute_url())
    EmailMessage(subject, body, to=[person.email]).send(fail_silently=False)


def action_message(person, kind, action, url):
    """The (subject, body) telling `person` that `action` was given to them (`kind`
    "assigned") or is due soon ("due"), in their language (French then English when they
    chose none)."""
    context = {"person": person, "action": action, "meeting": action.meeting, "url": url}
    return render_templates(person, f"meetings/email/action_{kind}", context)


@email_task(_("Action item"), people_named)
def send_action_notice(*, person_id, action_id, kind, base_url):
    """Tell one person that an action item was given to them, or is due soon; nothing when
    it was done or cancelled meanwhile."""
    from django.urls import reverse

    from meetings.models import ActionStatus

    person = Person.objects.select_related("notification_preferences").get(pk=person_id)
    action = (
        ActionItem.objects.select_related("meeting__body", "organisation", "person")
        .filter(pk=action_id, status=ActionStatus.OPEN)
        .first()
    )
    if action is None:
        return
    url = base_url + reverse("meetings:my-actions")
    subject, body = action_message(person, kind, action, url)
    EmailMessage(subject, body, to=[person.email]).send(fail_silently=False)


@email_task(_("Weekly digest"), people_named)
def send_digest(*, person_id):
    """One person's weekly digest; nothing when it was already sent (a retry, a second run)."""
    from meetings.digest import send_digest_to  # the digest module queues this task

    person = Person.objects.select_related("notification_preferences").get(pk=person_id)
    return send_digest_to(person)


def convocation_progress(convocation):
    """How many emails of one sending of a convocation wait, went out, failed (one query);
    empty when none went through the queue (the immediate backend of tests)."""
    counts = counts_by_status(
        DBTaskResult.objects.filter(
            task_path=send_convocation.module_path,
            args_kwargs__kwargs__convocation_id=convocation.pk,
        )
    )
    if not counts:
        return {}
    return {
        "waiting": counts.get(TaskResultStatus.READY, 0) + counts.get(TaskResultStatus.RUNNING, 0),
        "sent": counts.get(TaskResultStatus.SUCCESSFUL, 0),
        "failed": counts.get(TaskResultStatus.FAILED, 0),
    }
