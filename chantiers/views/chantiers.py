import datetime

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chantiers.forms import JoinDecisionForm, JoinRequestForm, ObjectiveForm, SinceForm
from chantiers.models import (
    Chantier,
    DecisionKind,
    JoinRequest,
    JoinRequestStatus,
    Objective,
    ObjectiveStatus,
    ProgressReport,
    ReportDecision,
    ReportStatus,
)
from chantiers.rules import can_write_reports, chantier_for, objective_for
from governance.models import Organisation, Seat, SeatMode, SeatRole
from governance.roles import audience
from governance.rules import has_a_person, is_admin, is_council_member
from infrastructure.access import permission_required, person_of, require_person
from infrastructure.exports import Table, table_response
from infrastructure.pagecache import cached_page, shared_page
from infrastructure.periods import today

# The assembly meets twice a year: its summary covers about six months by default.
SUMMARY_DEFAULT_DAYS = 182
# Geometry of the overview's chart (SVG user units).
CHART_ROW, CHART_LABEL, CHART_BAR = 32, 190, 300


def _chantiers_overview():
    return (
        Chantier.objects.select_related("committee")
        .with_progress()
        .annotate(
            # A correlated count per committee: filtering the joined seats by
            # `seats__in=<every current voting seat>` scanned the whole seat table.
            member_count=Coalesce(
                Subquery(
                    Seat.objects.current()
                    .voting()
                    .filter(body=OuterRef("committee"))
                    .values("body")
                    .annotate(n=Count("person", distinct=True))
                    .values("n")
                ),
                0,
            )
        )
        .prefetch_related(
            Prefetch(
                "committee__seats",
                queryset=Seat.objects.current()
                .filter(role=SeatRole.SUPPORT)
                .select_related("person"),
                to_attr="support_seats",
            )
        )
    )


def chart_rows(chantiers):
    """One bar per chantier for the overview's SVG chart."""
    rows = []
    for index, chantier in enumerate(chantiers):
        progress = chantier.progress or 0
        rows.append(
            {
                "chantier": chantier,
                "y": index * CHART_ROW,
                "text_y": index * CHART_ROW + 20,
                "width": round(CHART_BAR * progress / 100),
                "value_x": CHART_LABEL + round(CHART_BAR * progress / 100) + 6,
            }
        )
    return rows


@shared_page(audience)
@permission_required("governance.view_portal")
def chantier_list(request):
    """Every chantier at a glance: progress, last approved report, overdue objectives."""
    chantiers = list(_chantiers_overview())
    return render(
        request,
        "chantiers/chantier_list.html",
        {
            "chantier_list": chantiers,
            "chart": chart_rows(chantiers),
            "chart_height": max(len(chantiers), 1) * CHART_ROW,
            "chart_label": CHART_LABEL,
            "chart_bar": CHART_BAR,
            "chart_width": CHART_LABEL + CHART_BAR + 60,
            "can_export": request.user.has_perm("chantiers.export_progress"),
        },
    )


def visible_report_statuses(user, chantier):
    if can_write_reports.test(user, chantier) or is_admin.test(user):
        return list(ReportStatus)
    if is_council_member.test(user):
        return [status for status in ReportStatus if status != ReportStatus.DRAFT]
    return [ReportStatus.APPROVED]


@cached_page
@permission_required("governance.view_portal")
def chantier_detail(request, slug):
    chantier = chantier_for(request, slug)
    user = request.user
    seats = sorted(
        chantier.committee.seats.current().select_related("person", "organisation"),
        key=lambda seat: (seat.rank, seat.person.last_name, seat.person.first_name),
    )
    objectives = list(chantier.objectives.prefetch_related("milestones"))
    counted = [o for o in objectives if o.status != ObjectiveStatus.ABANDONED]
    chantier.progress_weighted = sum(o.progress * (o.weight or 1) for o in counted)
    chantier.progress_weights = sum(o.weight or 1 for o in counted)
    reports = list(
        chantier.reports.filter(status__in=visible_report_statuses(user, chantier))
        .prefetch_related(
            Prefetch("decisions", queryset=ReportDecision.objects.select_related("by")),
            "authors",
        )
        .order_by("-period_end", "-pk")
    )
    can_manage = user.has_perm("chantiers.manage_chantier", chantier)
    # Writing and joining are signed: not for an account without a directory entry (admin).
    signs = has_a_person.test(user)
    return render(
        request,
        "chantiers/chantier_detail.html",
        {
            "chantier": chantier,
            "members": [seat for seat in seats if seat.role != SeatRole.SUPPORT],
            "agents": [seat for seat in seats if seat.role == SeatRole.SUPPORT],
            "organisations": Organisation.objects.sitting_on(chantier.committee),
            "objectives": objectives,
            "approved_reports": [r for r in reports if r.status == ReportStatus.APPROVED],
            "open_reports": [r for r in reports if r.status != ReportStatus.APPROVED],
            "can_write": signs and user.has_perm("chantiers.add_report", chantier),
            "can_manage": can_manage,
            "can_join": signs and user.has_perm("chantiers.join_chantier", chantier),
            "join_requests": (
                list(chantier.join_requests.pending().select_related("person", "organisation"))
                if can_manage
                else []
            ),
        },
    )


def _objective_form(request, chantier, objective=None):
    form = ObjectiveForm(request.POST or None, instance=objective, chantier=chantier)
    if request.method == "POST" and form.is_valid():
        saved = form.save_unless_changed()
        if saved is not None:
            messages.success(request, _("The objective was saved."))
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "chantiers/objective_form.html",
        {"form": form, "chantier": chantier, "objective": objective},
    )


@permission_required("governance.view_portal")
def objective_create(request, slug):
    chantier = chantier_for(request, slug, change="chantiers.manage_chantier")
    return _objective_form(request, chantier)


@permission_required("governance.view_portal")
def objective_update(request, slug, pk):
    objective = objective_for(request, slug, pk, change="chantiers.manage_chantier")
    return _objective_form(request, objective.chantier, objective)


# Changes of an objective listed on its history page, most recent first.
HISTORY_SHOWN = 100


@permission_required("governance.view_portal")
def objective_history(request, slug, pk):
    """Every change of an objective's progress and status: by approved reports or by hand."""
    objective = objective_for(request, slug, pk)
    records = objective.history.select_related("history_user__person").order_by(
        "-history_date", "-history_id"
    )[:HISTORY_SHOWN]
    return render(
        request,
        "chantiers/objective_history.html",
        {"objective": objective, "chantier": objective.chantier, "records": records},
    )


@permission_required("governance.view_portal")
def join_request_create(request, slug):
    chantier = chantier_for(request, slug, change="chantiers.join_chantier")
    person = require_person(request)
    form = JoinRequestForm(request.POST or None, chantier=chantier, person=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Your request was sent; the coordination or the ADOC team will answer it."),
        )
        return redirect(chantier)
    return render(request, "chantiers/join_request_form.html", {"form": form, "chantier": chantier})


@require_POST
@permission_required("governance.view_portal")
def join_request_decide(request, slug, pk):
    """Accept (a seat on the committee, for the organisation) or decline a request to join."""
    chantier = chantier_for(request, slug, change="chantiers.manage_chantier")
    form = JoinDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or to decline the request."))
        return redirect(chantier)
    accept = form.accepts
    with transaction.atomic():
        join = get_object_or_404(
            JoinRequest.objects.select_for_update().select_related("person", "organisation"),
            chantier=chantier,
            pk=pk,
        )
        if join.status != JoinRequestStatus.PENDING:
            messages.error(request, _("This request was already answered."))
            return redirect(chantier)
        if accept and chantier.committee.seats.current().filter(person=join.person).exists():
            messages.error(request, _("This person already sits on the committee."))
            return redirect(chantier)
        join.status = JoinRequestStatus.ACCEPTED if accept else JoinRequestStatus.DECLINED
        join.decided_by = person_of(request.user)
        join.decided = timezone.now()
        join.save()
        if accept:
            Seat.objects.create(
                body=chantier.committee,
                person=join.person,
                organisation=join.organisation,
                role=SeatRole.MEMBER,
                mode=SeatMode.DESIGNATED,
                note=_("Joined on request"),
            )
    if accept:
        messages.success(request, _("%(person)s joined the committee.") % {"person": join.person})
    else:
        messages.success(request, _("The request was declined."))
    return redirect(chantier)


@permission_required("governance.view_portal")
def progress_summary(request):
    """« Avancées par chantier »: the approved progress of every active chantier since a date,
    printable for the partners' assembly."""
    form = SinceForm(request.GET or None)
    since = today() - datetime.timedelta(days=SUMMARY_DEFAULT_DAYS)
    if form.is_valid() and form.cleaned_data["depuis"]:
        since = form.cleaned_data["depuis"]
    elif not form.is_bound:
        form = SinceForm(initial={"depuis": since})
    reports = (
        ProgressReport.objects.approved()
        .filter(period_end__gte=since)
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=ReportDecision.objects.filter(kind=DecisionKind.APPROVED).select_related(
                    "by"
                ),
                to_attr="approvals",
            ),
            "updates__objective",
        )
        .order_by("period_start")
    )
    chantiers = (
        Chantier.objects.active()
        .with_progress()
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.counted()),
            Prefetch("reports", queryset=reports, to_attr="recent"),
        )
    )
    return render(
        request,
        "chantiers/progress_summary.html",
        {"chantiers": chantiers, "since": since, "form": form},
    )


@permission_required("chantiers.export_progress")
def progress_export(request, file_format):
    """Objectives and progress of every chantier, as CSV or XLSX for the ADOC team's
    reporting (infrastructure.exports)."""
    objectives = Objective.objects.select_related("chantier").order_by(
        "chantier__name", "position", "pk"
    )
    overview = {chantier.pk: chantier for chantier in Chantier.objects.with_progress()}
    table = Table(
        _("Objectives"),
        [
            _("Chantier"),
            _("Chantier status"),
            _("Chantier progress (%)"),
            _("Last approved report until"),
            _("Objective"),
            _("Kind of result"),
            _("Indicator"),
            _("Target"),
            _("Target date"),
            _("Status"),
            _("Progress (%)"),
            _("Weight"),
        ],
    )
    for objective in objectives:
        chantier = overview[objective.chantier_id]
        table.append(
            [
                chantier.name,
                chantier.get_status_display(),
                chantier.progress,
                chantier.last_report_end,
                objective.title,
                objective.get_kind_display(),
                objective.indicator,
                objective.target,
                objective.target_date,
                objective.get_status_display(),
                objective.progress,
                objective.weight,
            ]
        )
    return table_response(table, f"objectifs-chantiers-{today():%Y-%m-%d}", file_format)
