"""The life of a progress report, one function per move, each in one transaction.

    brouillon (draft) ──submit──▶ soumis (submitted) ──approve──▶ approuvé (approved)
                                        │
                                      return (with a comment)
                                        ▼
    retourné (returned) ──edit──▶ révisé (revised) ──submit──▶ resoumis (resubmitted)
                                                                   │ approve / return, as above

- drafts, returned and revised reports are edited by the chantier's writers (its committee
  members and the ADOC team), who become its authors;
- submitting needs a non-empty report whose period overlaps no approved report;
- only current comité conseil members decide, never on a report they wrote, and a decision
  taken on a report that changed meanwhile (another decision, a resubmission) is refused;
- approval copies each objective's new progress (and milestones) from the report.

Views, the admin and the demo call these functions; each raises WorkflowError with a message
for the person and leaves the database as it was.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chantiers import emails
from chantiers.models import (
    Chantier,
    DecisionKind,
    Objective,
    ObjectiveStatus,
    ProgressReport,
    ReportDecision,
    ReportStatus,
)
from chantiers.models.progress import AWAITING_STATUSES, SUBMITTABLE_STATUSES
from governance.models import BodyKind, Seat, SeatRole
from meetings.models import AgendaItem, ItemKind, Meeting


class WorkflowError(Exception):
    """A move the report's state, its content or the person does not allow."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _locked(report, version):
    """The report's row, locked; refused if it changed since the person loaded it."""
    locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if version is not None and locked.version != version:
        raise WorkflowError(
            _(
                "This report changed while you were reading it (%(status)s now). Nothing was "
                "saved: read it again before deciding."
            )
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def is_empty(report):
    return not report.narrative.strip() and not report.updates.exists()


def overlapping_approved(report):
    return (
        ProgressReport.objects.approved()
        .overlapping(report.chantier_id, report.period_start, report.period_end)
        .exclude(pk=report.pk)
        .first()
    )


def overlap_message(other):
    return _(
        "This period overlaps the approved report of %(start)s – %(end)s. Choose dates after "
        "it, or write about this period in the next report."
    ) % {"start": other.period_start, "end": other.period_end}


def is_council_member(person, on=None):
    return (
        person is not None
        and Seat.objects.current(on)
        .filter(person=person, body__kind=BodyKind.COUNCIL)
        .exclude(role=SeatRole.SUPPORT)
        .exists()
    )


def submit(report, person, version=None, base_url="", *, now=None, notify=True):
    """Send a draft or revised report to the comité conseil; emails its members.

    `now` dates a submission made earlier, and `notify=False` emails nobody (the demo's
    history of reports: news of it today would be noise)."""
    with transaction.atomic():
        locked = _locked(report, version)
        if locked.status not in SUBMITTABLE_STATUSES:
            if locked.status == ReportStatus.RETURNED:
                raise WorkflowError(
                    _("Revise the report (edit and save it) before submitting it again.")
                )
            raise WorkflowError(
                _("This report is %(status)s: it cannot be submitted.")
                % {"status": locked.get_status_display().lower()}
            )
        if is_empty(locked):
            raise WorkflowError(
                _(
                    "This report is empty: write what happened during the period or the progress "
                    "of at least one objective before submitting it."
                )
            )
        if other := overlapping_approved(locked):
            raise WorkflowError(overlap_message(other))
        resubmitted = locked.status == ReportStatus.REVISED
        locked.status = ReportStatus.RESUBMITTED if resubmitted else ReportStatus.SUBMITTED
        locked.submitted = now or timezone.now()
        locked.version += 1
        locked.save(update_fields=["status", "submitted", "version"])
        if not locked.authors.filter(pk=person.pk).exists():
            locked.authors.add(person)  # adding an author again would only write history
        if notify:
            emails.report_submitted(locked, base_url)  # queued once this commits
    return locked


def decide(report, person, kind, comment="", version=None, base_url="", *, now=None, notify=True):
    """Approve or return a submitted report, as a current comité conseil member.

    `now` dates a decision taken earlier, and `notify=False` emails nobody (as for submit)."""
    comment = comment.strip()
    with transaction.atomic():
        locked = _locked(report, version)
        if not is_council_member(person):
            raise WorkflowError(
                _("Only current members of the comité conseil may approve or return a report.")
            )
        if locked.authors.filter(pk=person.pk).exists():
            raise WorkflowError(
                _("You wrote this report: another member of the comité conseil must decide on it.")
            )
        if locked.status not in AWAITING_STATUSES:
            last = locked.decisions.select_related("by").last()
            if last and locked.status in (ReportStatus.APPROVED, ReportStatus.RETURNED):
                raise WorkflowError(
                    _("%(person)s already decided on this report (%(decision)s).")
                    % {"person": last.by, "decision": last.get_kind_display().lower()}
                )
            raise WorkflowError(
                _("This report is %(status)s: there is nothing to decide.")
                % {"status": locked.get_status_display().lower()}
            )
        if kind == DecisionKind.RETURNED and not comment:
            raise WorkflowError(
                _("Say what should change: a comment is needed to return a report.")
            )
        if kind == DecisionKind.APPROVED:
            if other := overlapping_approved(locked):
                raise WorkflowError(overlap_message(other))
            apply_progress(locked)
            locked.status = ReportStatus.APPROVED
        else:
            locked.status = ReportStatus.RETURNED
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        decision = ReportDecision.objects.create(
            report=locked, kind=kind, by=person, comment=comment
        )
        if now is not None:  # `at` is auto_now_add: dated on creation, whatever it is given
            ReportDecision.objects.filter(pk=decision.pk).update(at=now)
            decision.at = now
        if notify:
            emails.report_decided(locked, decision, base_url)  # queued once this commits
    return decision


def apply_progress(report):
    """Copy each objective's progress (and milestones checked off) from an approved report."""
    reason = _("Approved progress report of %(start)s – %(end)s") % {
        "start": report.period_start,
        "end": report.period_end,
    }
    updates = report.updates.select_related("objective").prefetch_related(
        "milestones_done", "objective__milestones"
    )
    for update in updates:
        objective = update.objective
        milestones = list(objective.milestones.all())
        if milestones:
            done = {milestone.pk for milestone in update.milestones_done.all()}
            for milestone in milestones:
                if milestone.done != (milestone.pk in done):
                    milestone.done = milestone.pk in done
                    milestone._change_reason = reason
                    milestone.save(update_fields=["done"])
            objective.progress = Objective.progress_from(len(done), len(milestones))
        else:
            objective.progress = update.progress
        if objective.progress == 100:
            objective.status = ObjectiveStatus.ACHIEVED
        elif objective.progress and objective.status in (
            ObjectiveStatus.UPCOMING,
            ObjectiveStatus.ACHIEVED,
        ):
            objective.status = ObjectiveStatus.IN_PROGRESS
        objective.version += 1
        objective._change_reason = reason
        objective.save()


@transaction.atomic
def add_progress_items(meeting):
    """Add to `meeting`'s agenda one « Avancées » item per active chantier not yet on it;
    returns how many were added. The meeting row is locked so that two agents clicking at
    once do not both append at the same positions."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    listed = set(meeting.items.exclude(chantier=None).values_list("chantier_id", flat=True))
    position = meeting.items.count()
    chantiers = list(Chantier.objects.active().exclude(pk__in=listed))
    for offset, chantier in enumerate(chantiers, start=1):
        AgendaItem.objects.create(
            meeting=meeting,
            position=position + offset,
            title=_("Progress of the chantier: %(name)s") % {"name": chantier.name},
            kind=ItemKind.INFORMATION,
            chantier=chantier,
        )
    return len(chantiers)
