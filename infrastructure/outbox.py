"""Emails go out from a worker: which tasks send them, how a failed one is retried, and what
the ADOC team sees of them.

Each email task sends one message to one person, so that a retry never emails anyone twice;
it takes ids, and is queued once the request's transaction has committed. The queue is
django-tasks' database backend (django_tasks_db): one DBTaskResult row per message, run by
`manage.py db_worker`. django-tasks does not retry by itself; this module does: when an email
task fails on an SMTP or network error, its own row goes back to the queue after a delay,
until MAX_ATTEMPTS. The last failure stays, with its error, on the ADOC team's page, where
« Réessayer » puts it back in the queue once more.

The apps declare their email tasks with `email_task`; governance knows none of them.
"""

import datetime
import smtplib
from functools import partial

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

# Waits before the second, third and fourth attempts; a fourth failure stays failed.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
]
# Worth another try later: the mail server refused or could not be reached.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)

# A row still "running" after this long had its worker killed mid-send (django-tasks-db does
# not recover such rows): the ADOC page offers to send it again.
STUCK_AFTER = datetime.timedelta(minutes=15)

# {task path: EmailTask} of every email task, filled by `email_task`.
EMAIL_TASKS = {}


class EmailTask:
    """What the ADOC page says of one kind of email: its label, and how to name recipients."""

    def __init__(self, label, recipients):
        self.label = label
        # recipients(list of kwargs) -> list of texts naming each one's recipient, in a
        # fixed number of queries (the page lists many).
        self.recipients = recipients


def email_task(label, recipients):
    """Declare a function as an email task (django-tasks' `task`), listed on the ADOC page."""

    def decorator(function):
        declared = task()(function)
        EMAIL_TASKS[declared.module_path] = EmailTask(label, recipients)
        return declared

    return decorator


def max_attempts():
    return len(RETRY_DELAYS) + 1


def enqueue_after_commit(email, **kwargs):
    """Queue `email` once the current transaction commits (at once outside a transaction),
    so that the worker never runs before the records it reads exist."""
    transaction.on_commit(partial(email.enqueue, **kwargs))


def enqueue_each_after_commit(email, kwargs_list):
    """Queue one `email` per kwargs once the current transaction commits, all in one
    transaction (one write to the disk, not one per person)."""

    def enqueue_all():
        with transaction.atomic():
            for kwargs in kwargs_list:
                email.enqueue(**kwargs)

    if kwargs_list:
        transaction.on_commit(enqueue_all)


def _retryable():
    stuck = Q(status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - STUCK_AFTER)
    return Q(status=TaskResultStatus.FAILED) | stuck


def requeue(result_id, delay=datetime.timedelta(0)):
    """Put a failed (or stuck) email back in the queue, to run after `delay`; False if it had
    not failed (already back in the queue, or sent): a second click does nothing."""
    return bool(
        DBTaskResult.objects.filter(
            _retryable(), pk=result_id, task_path__in=list(EMAIL_TASKS)
        ).update(
            status=TaskResultStatus.READY,
            run_after=timezone.now() + delay,
            finished_at=None,
        )
    )


def _is_transient(error):
    try:
        return issubclass(error.exception_class, TRANSIENT_ERRORS)
    except ImportError:
        return False


def retry_later(sender, task_result, **kwargs):
    """After an email task failed in the worker on a transient error, queue it again later,
    until it has been tried MAX_ATTEMPTS times. Attempts are counted by django-tasks: one
    worker id per run of the row."""
    row = getattr(task_result, "db_result", None)  # rows of the database backend only
    if (
        row is None
        or task_result.status != TaskResultStatus.FAILED
        or row.task_path not in EMAIL_TASKS
        or not task_result.errors
        or not _is_transient(task_result.errors[-1])
    ):
        return
    attempts = task_result.attempts
    if attempts < max_attempts():
        requeue(row.pk, RETRY_DELAYS[attempts - 1])


task_finished.connect(retry_later, dispatch_uid="infrastructure.outbox.retry_later")


class Send:
    """One email as the ADOC page shows it."""

    def __init__(self, row, label, recipient):
        self.row = row
        self.pk = row.pk
        self.label = label
        self.recipient = recipient
        self.attempts = len(row.worker_ids)
        self.enqueued_at = row.enqueued_at
        self.finished_at = row.finished_at
        self.status = row.status
        self.is_failed = row.status == TaskResultStatus.FAILED
        self.is_sent = row.status == TaskResultStatus.SUCCESSFUL
        self.is_stuck = (
            row.status == TaskResultStatus.RUNNING
            and row.started_at is not None
            and row.started_at < timezone.now() - STUCK_AFTER
        )
        self.may_retry = self.is_failed or self.is_stuck
        self.is_waiting = row.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)
        # A waiting retry keeps the last error: the page says why it is waiting.
        self.error = _last_line(row.traceback) if not self.is_sent else ""
        self.retry_at = row.run_after if self.is_waiting and self.attempts else None


def _last_line(traceback):
    lines = [line for line in (traceback or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def recent_sends(limit=100, failed_only=False):
    """The latest emails (most recent first), each with its recipient named."""
    rows = DBTaskResult.objects.filter(task_path__in=list(EMAIL_TASKS)).defer("return_value")
    if failed_only:
        rows = rows.filter(_retryable())
    rows = list(rows.order_by("-enqueued_at")[:limit])
    recipients = {}
    for path, email in EMAIL_TASKS.items():
        mine = [row for row in rows if row.task_path == path]
        if mine:
            names = email.recipients([row.args_kwargs["kwargs"] for row in mine])
            recipients.update(zip([row.pk for row in mine], names, strict=True))
    return [Send(row, EMAIL_TASKS[row.task_path].label, recipients.get(row.pk, "")) for row in rows]


def counts_by_status(rows):
    """{status: count} of a queryset of DBTaskResult."""
    return dict(rows.order_by().values_list("status").annotate(count=Count("pk")))
