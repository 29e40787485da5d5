"""Decisions, mandates and action items: recorded at a meeting, followed up afterwards."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.models import Body
from governance.roles import audience
from infrastructure.access import person_of
from infrastructure.pagecache import shared_page
from infrastructure.pagination import paginate
from meetings import workflow
from meetings.forms import (
    ActionItemForm,
    DecisionFilterForm,
    DecisionForm,
    MandateForm,
    MandateUpdateForm,
)
from meetings.history import mandate_history as mandate_versions
from meetings.models import ActionItem, Decision, Mandate
from meetings.rules import mandate_to_keep, meeting_to_keep, record_for, visible_meetings
from meetings.views.common import back_to, base_url, partners_only, posted, record_form, refused
from meetings.workflow import WorkflowError


@partners_only
def decision_create(request, pk):
    meeting = meeting_to_keep(request, pk)
    return record_form(
        request,
        meeting,
        DecisionForm,
        _("Record a decision"),
        _("The decision was recorded."),
        lambda form: workflow.record_decision(meeting, form.save(commit=False)),
        check=workflow.check_record_open,
    )


@partners_only
def decision_update(request, pk):
    decision = record_for(
        request,
        Decision.objects.select_related("meeting__body"),
        pk,
        change="meetings.keep_records",
    )
    if decision.meeting.minutes_adopted:
        messages.error(
            request, _("The minutes holding this decision were adopted: it is read-only.")
        )
        return redirect(decision)
    return record_form(
        request,
        decision.meeting,
        DecisionForm,
        _("Edit the decision"),
        _("The decision was saved."),
        workflow.edit_decision,
        instance=decision,
    )


@shared_page(audience)
@partners_only
def decision_list(request):
    form = DecisionFilterForm(request.GET or None)
    decisions = (
        Decision.objects.visible_to(request.user)
        .select_related("meeting__body", "item")
        .order_by("-meeting__starts", "-number")
    )
    if form.is_valid():
        decisions = form.filter(decisions)
    page, pagination = paginate(request, decisions, 25)
    return render(
        request, "meetings/decision_list.html", {"form": form, "page": page, **pagination}
    )


@partners_only
def mandate_create(request, pk):
    meeting = meeting_to_keep(request, pk)
    return record_form(
        request,
        meeting,
        MandateForm,
        _("Give a mandate"),
        _("The mandate was recorded."),
        lambda form: workflow.give_mandate(meeting, form.save(commit=False)),
    )


@partners_only
def mandate_list(request):
    mandates = Mandate.objects.select_related("given_by", "given_to", "meeting").filter(
        Q(meeting__isnull=True) | Q(meeting__in=visible_meetings(request.user))
    )
    body = None
    if slug := request.GET.get("instance"):
        body = get_object_or_404(Body, slug=slug)
        mandates = mandates.filter(given_to=body)
    return render(
        request,
        "meetings/mandate_list.html",
        {"mandates": mandates, "body": body, "bodies": Body.objects.active()},
    )


@partners_only
def mandate_detail(request, pk):
    mandate = get_object_or_404(
        Mandate.objects.select_related("given_by", "given_to", "meeting__body", "decision"), pk=pk
    )
    if mandate.meeting and not request.user.has_perm("meetings.view_records", mandate.meeting):
        raise Http404
    may_update = request.user.has_perm("meetings.keep_records", mandate.given_to) or (
        request.user.has_perm("meetings.keep_records", mandate.given_by)
    )
    form = MandateUpdateForm(posted(request), mandate=mandate)
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                workflow.update_mandate(
                    mandate, request.user, form.cleaned_data["status"], form.cleaned_data["note"]
                )
            except WorkflowError as error:
                refused(request, error, form)
            else:
                messages.success(request, _("The update was recorded."))
                return redirect(mandate)
    return render(
        request,
        "meetings/mandate_detail.html",
        {
            "mandate": mandate,
            "updates": mandate.updates.select_related("made_by__person"),
            "form": form if may_update else None,
            "may_see_history": may_update,
        },
    )


@partners_only
def mandate_history(request, pk):
    """Every version of a mandate and every update recorded on it."""
    mandate = mandate_to_keep(request, pk)
    return render(
        request,
        "meetings/mandate_history.html",
        {
            "mandate": mandate,
            "entries": mandate_versions(mandate),
            "may_restore": request.user.has_perm("meetings.restore_version"),
        },
    )


@partners_only
def action_create(request, pk):
    meeting = meeting_to_keep(request, pk)
    return record_form(
        request,
        meeting,
        ActionItemForm,
        _("Add an action item"),
        _("The action item was recorded."),
        lambda form: (
            workflow.add_action(meeting, form.save(commit=False), base_url(request)).meeting
        ),
    )


@partners_only
def action_update(request, pk):
    action = record_for(
        request,
        ActionItem.objects.select_related("meeting__body"),
        pk,
        change="meetings.keep_records",
    )

    def save(form):
        saved = workflow.edit_action(form, base_url(request))
        return action.meeting if saved is not None else None

    return record_form(
        request,
        action.meeting,
        ActionItemForm,
        _("Edit the action item"),
        _("The action item was saved."),
        save,
        instance=action,
    )


@require_POST
@partners_only
def action_done(request, pk):
    """The person (or a member of the organisation) who was asked marks the action done."""
    action = get_object_or_404(ActionItem.objects.select_related("meeting__body"), pk=pk)
    person = person_of(request.user)
    assigned = person is not None and ActionItem.objects.for_person(person).filter(pk=pk).exists()
    if not (assigned or request.user.has_perm("meetings.keep_records", action.meeting)):
        raise Http404  # as for an id that does not exist: nothing to learn from trying
    try:
        workflow.mark_action_done(action)
    except WorkflowError as error:
        refused(request, error)
    else:
        messages.success(request, _("“%(title)s” is marked as done.") % {"title": action.title})
    return back_to(request, "meetings:my-actions")


@partners_only
def my_actions(request):
    person = person_of(request.user)
    actions = ActionItem.objects.none()
    if person is not None:
        actions = ActionItem.objects.for_person(person).select_related(
            "meeting__body", "person", "organisation"
        )
    return render(request, "meetings/my_actions.html", {"actions": actions})
