"""Who hears of the report workflow: one email per person, queued for the worker once the
transaction that decided it commits (see chantiers.tasks)."""

from chantiers import tasks
from governance.models import BodyKind, Person, Seat, SeatRole
from infrastructure.outbox import enqueue_each_after_commit


def _people_with_email(people):
    return list(people.exclude(email="").distinct().order_by("pk").values_list("pk", flat=True))


def report_submitted(report, base_url=""):
    """Tell the current comité conseil members (but the authors) a report awaits them."""
    council = Seat.objects.current().filter(body__kind=BodyKind.COUNCIL)
    members = Person.objects.filter(seats__in=council.exclude(role=SeatRole.SUPPORT)).exclude(
        authored_reports=report
    )
    people = _people_with_email(members)
    enqueue_each_after_commit(
        tasks.send_report_submitted,
        [{"report_id": report.pk, "person_id": pk, "base_url": base_url} for pk in people],
    )
    return len(people)


def report_decided(report, decision, base_url=""):
    """Tell the report's authors what the comité conseil decided, and why."""
    people = _people_with_email(report.authors.all())
    enqueue_each_after_commit(
        tasks.send_report_decided,
        [{"decision_id": decision.pk, "person_id": pk, "base_url": base_url} for pk in people],
    )
    return len(people)
