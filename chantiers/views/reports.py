"""Progress reports: write, read, submit, decide (the moves themselves are in workflow.py)."""

import datetime

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chantiers import workflow
from chantiers.forms import DecisionForm, ReportForm
from chantiers.rules import chantier_for, report_for
from infrastructure.access import permission_required, person_of, require_person
from infrastructure.periods import today


def _next_period(chantier):
    last = chantier.reports.approved().order_by("-period_end").first()
    starts = last.period_end + datetime.timedelta(days=1) if last else today().replace(day=1)
    return {"period_start": starts, "period_end": max(today(), starts)}


@permission_required("governance.view_portal")
def report_create(request, slug):
    chantier = chantier_for(request, slug, change="chantiers.add_report")
    person = require_person(request)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        chantier=chantier,
        person=person,
        initial=_next_period(chantier),
    )
    if request.method == "POST" and form.is_valid():
        report = form.save()
        messages.success(
            request,
            _("The draft was saved. Submit it to the comité conseil when it is complete."),
        )
        return redirect(report)
    return render(request, "chantiers/report_form.html", {"form": form, "chantier": chantier})


@permission_required("governance.view_portal")
def report_detail(request, slug, pk):
    report = report_for(request, slug, pk)
    updates = report.updates.select_related("objective__chantier").prefetch_related(
        "milestones_done", "objective__milestones"
    )
    decisions = report.decisions.select_related("by")
    authors = list(report.authors.all())
    attachments = list(report.attachments.all())
    for attachment in attachments:
        attachment.report = report
    person = person_of(request.user)
    can_decide = (
        report.is_awaiting_decision
        and person is not None
        and person not in authors
        and workflow.is_council_member(person)
    )
    return render(
        request,
        "chantiers/report_detail.html",
        {
            "report": report,
            "chantier": report.chantier,
            "updates": updates,
            "decisions": decisions,
            "authors": authors,
            "attachments": attachments,
            "can_change": person is not None
            and request.user.has_perm("chantiers.change_report", report),
            "can_decide": can_decide,
            "decision_form": DecisionForm(initial={"version": report.version}),
        },
    )


def _refuse_edit(request, report):
    messages.error(
        request,
        _(
            "This report is %(status)s: it can no longer be changed. A returned report can be "
            "revised; an approved one stays as it was approved."
        )
        % {"status": report.get_status_display().lower()},
    )
    return redirect(report)


@permission_required("governance.view_portal")
def report_update(request, slug, pk):
    report = report_for(request, slug, pk, change="chantiers.change_report")
    person = require_person(request)
    if not report.is_editable:
        return _refuse_edit(request, report)
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        instance=report,
        chantier=report.chantier,
        person=person,
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save_unless_changed()
        if saved is not None:
            messages.success(request, _("The report was saved."))
            return redirect(saved)
    return render(
        request,
        "chantiers/report_form.html",
        {"form": form, "chantier": report.chantier, "report": report},
    )


def _version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@require_POST
@permission_required("governance.view_portal")
def report_submit(request, slug, pk):
    report = report_for(request, slug, pk, change="chantiers.change_report")
    person = require_person(request)
    try:
        workflow.submit(
            report, person, _version(request), base_url=request.build_absolute_uri("/")[:-1]
        )
    except workflow.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The report was submitted; the comité conseil members are being told by email."),
        )
    return redirect(report)


@require_POST
@permission_required("governance.view_portal")
def report_decide(request, slug, pk):
    report = report_for(request, slug, pk, change="chantiers.decide_report")
    person = require_person(request)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(report)
    try:
        decision = workflow.decide(
            report,
            person,
            form.cleaned_data["kind"],
            form.cleaned_data["comment"],
            form.cleaned_data["version"],
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except workflow.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Decision recorded (%(decision)s); the authors are being told by email.")
            % {"decision": decision.get_kind_display().lower()},
        )
    return redirect(report)


@permission_required("governance.view_portal")
def attachment_download(request, slug, pk, attachment_pk):
    """An attachment, for whoever may read its report (and a 404 for the others)."""
    report = report_for(request, slug, pk)
    attachment = get_object_or_404(report.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)
