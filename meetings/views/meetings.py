"""The calendar, a meeting's page and its life: created, edited, cancelled, held, published;
its history and the restoring of a version."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from governance.models import Body
from infrastructure.pagecache import cached_page
from infrastructure.pagination import paginate
from meetings import workflow
from meetings.forms import CancelMeetingForm, MeetingForm
from meetings.history import meeting_history
from meetings.models import Decision, Meeting, MeetingStatus, MinutesAmendment
from meetings.rules import editable_bodies, meeting_for, meeting_to_keep
from meetings.tasks import convocation_progress
from meetings.views.common import back_to, base_url, partners_only, posted, refused
from meetings.workflow import WorkflowError


@cached_page
@partners_only
def meeting_list(request):
    """Upcoming meetings, then past ones page by page; one body or all."""
    bodies = Body.objects.active()
    body = None
    if slug := request.GET.get("instance"):
        body = get_object_or_404(bodies, slug=slug)
    meetings = Meeting.objects.select_related("body")
    if body:
        meetings = meetings.filter(body=body)
    past, pagination = paginate(request, meetings.past(), 20)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "bodies": bodies,
            "body": body,
            "upcoming": meetings.upcoming()[:50],
            "past": past,
            "may_keep": request.user.has_perm("meetings.keep_records"),
            **pagination,
        },
    )


@cached_page
@partners_only
def meeting_detail(request, pk):
    meeting = meeting_for(
        request,
        pk,
        queryset=Meeting.objects.select_related(
            "body__quorum_rule", "responsible", "minutes_adopted_at"
        ),
    )
    user = request.user
    may_read = user.has_perm("meetings.view_records", meeting)
    may_keep = user.has_perm("meetings.keep_records", meeting)
    items = meeting.items.select_related("chantier").prefetch_related(
        "documents", Prefetch("amendments", queryset=_amendments())
    )
    context = {
        "meeting": meeting,
        "items": items,
        "may_read": may_read,
        "may_keep": may_keep,
    }
    if meeting.body.is_assembly:
        # The « Avancées par chantier » items link to the progress approved since then.
        context["previous_assembly"] = (
            Meeting.objects.filter(body=meeting.body, starts__lt=meeting.starts)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("-starts")
            .first()
        )
    if may_read:
        attendance = list(meeting.attendance.select_related("person"))
        context.update(
            attendance=attendance,
            quorum=meeting.quorum(attendance),
            decisions=meeting.decisions.select_related("item").prefetch_related(
                Prefetch("amendments", queryset=_amendments())
            ),
            corrections=_amendments().filter(meeting=meeting, item=None, decision=None),
            mandates=meeting.mandates.select_related("given_to"),
            actions=meeting.actions.select_related("person", "organisation"),
            documents=[d for d in meeting.documents.all() if d.item_id is None],
            adopted_here=meeting.adopted_minutes.all(),
        )
    if may_keep:
        convocations = list(meeting.convocations.all())
        context.update(
            convocations=convocations,
            convocation_progress=convocation_progress(convocations[0]) if convocations else {},
            minutes_to_adopt=meeting.minutes_to_adopt() if not meeting.is_cancelled else [],
        )
    return render(request, "meetings/meeting_detail.html", context)


def _amendments():
    """Corrections with the name of who made each."""
    return MinutesAmendment.objects.select_related("made_by__person")


@partners_only
def minutes_print(request, pk):
    """The procès-verbal as one printable page."""
    meeting = meeting_for(
        request,
        pk,
        view="meetings.view_records",
        queryset=Meeting.objects.select_related("body__quorum_rule", "minutes_adopted_at"),
    )
    attendance = list(meeting.attendance.select_related("person"))
    return render(
        request,
        "meetings/minutes_print.html",
        {
            "meeting": meeting,
            "items": meeting.items.prefetch_related(
                Prefetch("amendments", queryset=_amendments()),
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.order_by("number").prefetch_related(
                        Prefetch("amendments", queryset=_amendments())
                    ),
                ),
            ),
            "corrections": _amendments().filter(meeting=meeting, item=None, decision=None),
            "attendance": attendance,
            "quorum": meeting.quorum(attendance),
        },
    )


@partners_only
def meeting_create(request):
    bodies = editable_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied
    initial = {}
    if slug := request.GET.get("instance"):
        initial["body"] = bodies.filter(slug=slug).first()
    form = MeetingForm(posted(request), bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = workflow.create_meeting(form.save(commit=False))
        except WorkflowError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The meeting was created. Prepare its agenda."))
            return redirect(meeting)
    return render(request, "meetings/form_page.html", {"form": form, "title": _("New meeting")})


@partners_only
def meeting_update(request, pk):
    meeting = meeting_to_keep(request, pk)
    try:
        workflow.check_editable(meeting)
    except WorkflowError as error:
        refused(request, error)
        return redirect(meeting)
    form = MeetingForm(posted(request), instance=meeting, bodies=editable_bodies(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            saved, told = workflow.edit_meeting(form, base_url(request))
        except WorkflowError as error:
            refused(request, error, form)
        else:
            if saved is not None:
                if told:
                    messages.success(
                        request,
                        ngettext(
                            "The meeting was saved; the update is being sent to the person "
                            "convened.",
                            "The meeting was saved; the update is being sent to the %(count)d "
                            "people convened.",
                            told,
                        )
                        % {"count": told},
                    )
                else:
                    messages.success(request, _("The meeting was saved."))
                return redirect(saved)
    return render(
        request,
        "meetings/form_page.html",
        {"meeting": meeting, "form": form, "title": _("Edit the meeting")},
    )


@partners_only
def meeting_cancel(request, pk):
    meeting = meeting_to_keep(request, pk)
    try:
        workflow.check_cancellable(meeting)
    except WorkflowError as error:
        refused(request, error)
        return redirect(meeting)
    form = CancelMeetingForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            told = workflow.cancel_meeting(
                meeting,
                form.cleaned_data["cancellation_reason"],
                base_url(request),
                version=form.cleaned_data["version"],
            )
        except WorkflowError as error:
            refused(request, error, form)
        else:
            messages.success(
                request,
                ngettext(
                    "The meeting was cancelled; the person convened is being told.",
                    "The meeting was cancelled; the %(count)d people convened are being told.",
                    told,
                )
                % {"count": told}
                if told
                else _("The meeting was cancelled."),
            )
            return redirect(meeting)
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": meeting,
            "form": form,
            "title": _("Cancel the meeting"),
            "intro": _("Say why: the reason is shown on the meeting page."),
            "submit_label": _("Cancel the meeting"),
        },
    )


@require_POST
@partners_only
def meeting_mark_held(request, pk):
    meeting = meeting_to_keep(request, pk)
    try:
        workflow.mark_held(meeting)
    except WorkflowError as error:
        refused(request, error)
    else:
        messages.success(request, _("The meeting is recorded as held."))
    return redirect(meeting)


@require_POST
@partners_only
def meeting_publish(request, pk):
    meeting = meeting_to_keep(request, pk)
    try:
        if request.POST.get("publish") == "1":
            workflow.publish(meeting, base_url(request))
            message = _("The records of this meeting are now visible to every partner.")
        else:
            workflow.unpublish(meeting)
            message = _("The records of this meeting are back in draft.")
    except WorkflowError as error:
        refused(request, error)
    else:
        messages.success(request, message)
    return redirect(meeting)


@partners_only
def history(request, pk):
    meeting = meeting_to_keep(request, pk)
    return render(
        request,
        "meetings/history.html",
        {
            "meeting": meeting,
            "entries": meeting_history(meeting),
            "may_restore": request.user.has_perm("meetings.restore_version"),
        },
    )


@require_POST
@partners_only
def history_restore(request, kind, history_id):
    try:
        meeting = workflow.restore_version(kind, history_id, request.user)
    except WorkflowError as error:
        refused(request, error)
        return back_to(request, "meetings:meeting-list")
    messages.success(request, _("The earlier version was restored; the history keeps both."))
    # The history page it was restored from (a mandate's), else the meeting's.
    return back_to(request, reverse("meetings:history", args=[meeting.pk]))
