"""The agenda and the minutes: items added, edited, moved and taken off; minutes written,
adopted, then corrected."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import workflow
from meetings.forms import AdoptMinutesForm, AgendaItemForm, AmendmentForm, MinutesForm
from meetings.rules import item_to_keep, meeting_to_keep
from meetings.views.common import partners_only, posted, refusal, refused
from meetings.workflow import WorkflowError


def _edit(request, form, edit, context, message):
    """Save a valid edit form through the workflow function `edit`; show it again otherwise."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = edit(form)
        except WorkflowError as error:
            refused(request, error, form)
        else:
            if saved is not None:
                messages.success(request, message)
                return redirect(saved.get_absolute_url())
    return render(request, "meetings/form_page.html", {"form": form, **context})


@partners_only
def item_create(request, pk):
    meeting = meeting_to_keep(request, pk)
    if closed := refusal(request, workflow.check_record_open, meeting):
        return closed
    form = AgendaItemForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            workflow.add_item(meeting, form.save(commit=False))
        except WorkflowError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The item was added to the agenda."))
            return redirect(meeting.get_absolute_url() + "#agenda")
    return render(
        request,
        "meetings/form_page.html",
        {"meeting": meeting, "form": form, "title": _("Add an agenda item")},
    )


@partners_only
def item_update(request, pk):
    item = item_to_keep(request, pk)
    return _edit(
        request,
        AgendaItemForm(posted(request), instance=item),
        workflow.edit_item,
        {"meeting": item.meeting, "title": _("Edit the agenda item")},
        _("The item was saved."),
    )


@require_POST
@partners_only
def item_move(request, pk):
    """Move an item one place up or down (the agenda's buttons work without JavaScript)."""
    item = item_to_keep(request, pk)
    try:
        workflow.move_item(item, request.POST.get("direction"))
    except WorkflowError as error:
        refused(request, error)
    return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")


@require_POST
@partners_only
def item_delete(request, pk):
    item = item_to_keep(request, pk)
    try:
        meeting = workflow.delete_item(item)
    except WorkflowError as error:
        refused(request, error)
        return redirect(item.get_absolute_url())
    messages.success(request, _("The item was taken off the agenda."))
    return redirect(meeting.get_absolute_url() + "#agenda")


@partners_only
def minutes_update(request, pk):
    item = item_to_keep(request, pk)
    if item.meeting.minutes_adopted:
        messages.error(
            request,
            _("These minutes were adopted: they are read-only. Record a correction instead."),
        )
        return redirect("meetings:amendment-create", pk=item.pk)
    return _edit(
        request,
        MinutesForm(posted(request), instance=item),
        workflow.edit_minutes,
        {
            "meeting": item.meeting,
            "title": _("Minutes of “%(item)s”") % {"item": item.title},
        },
        _("The minutes of this item were saved."),
    )


@partners_only
def amendment_create(request, pk):
    """Correct one item's adopted minutes (the form starts on that item)."""
    item = item_to_keep(request, pk)
    if not item.meeting.minutes_adopted:
        messages.info(request, _("These minutes are still a draft: edit them directly."))
        return redirect("meetings:minutes-update", pk=item.pk)
    return _amendment_form(request, item.meeting, item=item)


@partners_only
def meeting_amendment_create(request, pk):
    """Correct the adopted record of a meeting: an item's minutes, a decision, the attendance."""
    meeting = meeting_to_keep(request, pk)
    if not meeting.minutes_adopted:
        messages.info(request, _("These minutes are still a draft: edit them directly."))
        return redirect(meeting)
    decision = meeting.decisions.filter(pk=request.GET.get("decision") or None).first()
    return _amendment_form(request, meeting, decision=decision)


def _amendment_form(request, meeting, item=None, decision=None):
    form = AmendmentForm(posted(request), meeting=meeting, item=item, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = workflow.add_amendment(meeting, form.save(commit=False), request.user)
        except WorkflowError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The correction was recorded beside the adopted minutes."))
            return redirect(amendment.get_absolute_url())
    if item is not None:
        title = _("Correct the adopted minutes of “%(item)s”") % {"item": item.title}
    else:
        title = _("Correct the adopted record")
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "title": title,
            "intro": _(
                "Adopted minutes are not changed: the correction is recorded beside them, "
                "with its reason, and shown with them."
            ),
        },
    )


@partners_only
def minutes_adopt(request, pk):
    meeting = meeting_to_keep(request, pk)
    form = AdoptMinutesForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.adopt_minutes(meeting, form.cleaned_data["earlier"])
        except WorkflowError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The adoption of the minutes is recorded."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": meeting,
            "form": form,
            "title": _("Record the adoption of earlier minutes"),
            "intro": _("Once adopted, the minutes become read-only; corrections are recorded."),
            "submit_label": _("Record the adoption"),
        },
    )
