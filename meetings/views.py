import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.models import Body
from governance.signals import personal_info_viewed
from governance.views import edit_page
from infrastructure.access import permission_required
from infrastructure.pagecache import cached_page
from infrastructure.pagination import paginate
from meetings.convocations import send_cancellation, send_convocation
from meetings.forms import (
    ActionItemForm,
    AdoptMinutesForm,
    AgendaItemForm,
    AmendmentForm,
    AttendanceFormSet,
    CancelMeetingForm,
    ConvocationForm,
    DecisionFilterForm,
    DecisionForm,
    DocumentForm,
    GuestForm,
    MandateForm,
    MandateUpdateForm,
    MeetingForm,
    MinutesForm,
)
from meetings.history import RestoreRefused, meeting_history, restore
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    Document,
    Mandate,
    Meeting,
    MeetingStatus,
)
from meetings.notifications import notify_published
from meetings.rules import editable_bodies, visible_meetings
from meetings.tasks import convocation_progress

partners_only = permission_required("meetings.view_meetings")


def posted(request):
    """A form's data: what was posted, even nothing (`request.POST or None` would take an
    empty submission for a first visit)."""
    return request.POST if request.method == "POST" else None


def ensure(user, perm, obj):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _meeting_to_keep(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    ensure(request.user, "meetings.keep_records", meeting)
    return meeting


def _item_to_keep(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    ensure(request.user, "meetings.keep_records", item.meeting)
    return item


# --- The calendar and a meeting's page ----------------------------------------------------


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
    meeting = get_object_or_404(
        Meeting.objects.select_related("body__quorum_rule", "responsible", "minutes_adopted_at"),
        pk=pk,
    )
    user = request.user
    may_read = user.has_perm("meetings.view_records", meeting)
    may_keep = user.has_perm("meetings.keep_records", meeting)
    items = meeting.items.select_related("chantier").prefetch_related("documents", "amendments")
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
            decisions=meeting.decisions.select_related("item"),
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


@partners_only
def minutes_print(request, pk):
    """The procès-verbal as one printable page."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("body__quorum_rule", "minutes_adopted_at"), pk=pk
    )
    ensure(request.user, "meetings.view_records", meeting)
    attendance = list(meeting.attendance.select_related("person"))
    return render(
        request,
        "meetings/minutes_print.html",
        {
            "meeting": meeting,
            "items": meeting.items.prefetch_related(
                "amendments", Prefetch("decisions", queryset=Decision.objects.order_by("number"))
            ),
            "attendance": attendance,
            "quorum": meeting.quorum(attendance),
        },
    )


# --- Preparing a meeting ------------------------------------------------------------------


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
        with transaction.atomic():
            meeting = form.save()
            meeting.sync_attendance()
        messages.success(request, _("The meeting was created. Prepare its agenda."))
        return redirect(meeting)
    return render(request, "meetings/form_page.html", {"form": form, "title": _("New meeting")})


@partners_only
def meeting_update(request, pk):
    meeting = _meeting_to_keep(request, pk)
    form = MeetingForm(posted(request), instance=meeting, bodies=editable_bodies(request.user))
    return edit_page(
        request,
        form,
        "meetings/form_page.html",
        {"meeting": meeting, "title": _("Edit the meeting")},
        _("The meeting was saved."),
        lambda meeting: meeting.get_absolute_url(),
    )


@partners_only
def meeting_cancel(request, pk):
    meeting = _meeting_to_keep(request, pk)
    if meeting.status == MeetingStatus.HELD:
        messages.error(request, _("This meeting was held; it can no longer be cancelled."))
        return redirect(meeting)
    form = CancelMeetingForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.instance.status = MeetingStatus.CANCELLED
        if form.save_unless_changed() is not None:
            told = send_cancellation(meeting, request.build_absolute_uri("/").rstrip("/"))
            messages.success(
                request,
                _("The meeting was cancelled; %(count)d person(s) convened are being told.")
                % {"count": told},
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
    meeting = _meeting_to_keep(request, pk)
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be marked as held."))
    elif meeting.starts > timezone.now():
        messages.error(request, _("This meeting has not started yet."))
    else:
        meeting.status = MeetingStatus.HELD
        meeting.version += 1
        meeting.save(update_fields=["status", "version"])
        messages.success(request, _("The meeting is recorded as held."))
    return redirect(meeting)


@require_POST
@partners_only
def meeting_publish(request, pk):
    meeting = _meeting_to_keep(request, pk)
    publish = request.POST.get("publish") == "1"
    # Published again after a correction: people were told the first time.
    first_time = publish and not meeting.history.filter(published_at__isnull=False).exists()
    meeting.published_at = timezone.now() if publish else None
    meeting.version += 1
    meeting.save(update_fields=["published_at", "version"])
    if first_time:
        notify_published(meeting, request.build_absolute_uri("/").rstrip("/"))
    if publish:
        messages.success(
            request, _("The records of this meeting are now visible to every partner.")
        )
    else:
        messages.success(request, _("The records of this meeting are back in draft."))
    return redirect(meeting)


# --- Agenda -------------------------------------------------------------------------------


@partners_only
def item_create(request, pk):
    meeting = _meeting_to_keep(request, pk)
    form = AgendaItemForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.instance.position = meeting.items.count() + 1
        form.save()
        messages.success(request, _("The item was added to the agenda."))
        return redirect(meeting.get_absolute_url() + "#agenda")
    return render(
        request,
        "meetings/form_page.html",
        {"meeting": meeting, "form": form, "title": _("Add an agenda item")},
    )


@partners_only
def item_update(request, pk):
    item = _item_to_keep(request, pk)
    form = AgendaItemForm(posted(request), instance=item)
    return edit_page(
        request,
        form,
        "meetings/form_page.html",
        {"meeting": item.meeting, "title": _("Edit the agenda item")},
        _("The item was saved."),
        lambda item: item.get_absolute_url(),
    )


@require_POST
@partners_only
def item_move(request, pk):
    """Move an item one place up or down (the agenda's buttons work without JavaScript)."""
    item = _item_to_keep(request, pk)
    with transaction.atomic():
        items = list(item.meeting.items.select_for_update())
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if request.POST.get("direction") == "up" else index + 1
        if 0 <= target < len(items):
            items[index], items[target] = items[target], items[index]
            for position, other in enumerate(items, start=1):
                if other.position != position:
                    other.position = position
                    other.save(update_fields=["position"])
    return redirect(item.meeting.get_absolute_url() + f"#item-{item.pk}")


@require_POST
@partners_only
def item_delete(request, pk):
    item = _item_to_keep(request, pk)
    if item.minutes or item.decisions.exists():
        messages.error(
            request, _("This item has minutes or decisions; it cannot be taken off the agenda.")
        )
        return redirect(item.get_absolute_url())
    meeting = item.meeting
    item.delete()
    messages.success(request, _("The item was taken off the agenda."))
    return redirect(meeting.get_absolute_url() + "#agenda")


# --- Convocation and attendance -----------------------------------------------------------


@partners_only
def convocation_send(request, pk):
    meeting = _meeting_to_keep(request, pk)
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting is not convened."))
        return redirect(meeting)
    meeting.sync_attendance()
    already_sent = meeting.convocations.exists()
    form = ConvocationForm(posted(request), already_sent=already_sent)
    attendance = meeting.attendance.select_related("person")
    if request.method == "POST" and form.is_valid():
        convocation = send_convocation(
            meeting, request.user, request.build_absolute_uri("/").rstrip("/")
        )
        messages.success(
            request,
            _("The convocation is being sent to %(count)d person(s).")
            % {"count": len(convocation.recipients)},
        )
        return redirect(meeting)
    return render(
        request,
        "meetings/convocation_form.html",
        {
            "meeting": meeting,
            "form": form,
            "attendance": attendance,
            "already_sent": already_sent,
            "items": meeting.items.all(),
        },
    )


@partners_only
def attendance_update(request, pk):
    meeting = _meeting_to_keep(request, pk)
    if request.method == "GET":
        meeting.sync_attendance()
    queryset = meeting.attendance.select_related("person")
    formset = AttendanceFormSet(posted(request), queryset=queryset, prefix="attendance")
    guest_form = GuestForm(prefix="guest")
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The attendance was saved."))
        return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "meetings/attendance_form.html",
        {"meeting": meeting, "formset": formset, "guest_form": guest_form},
    )


@partners_only
def guest_add(request, pk):
    meeting = _meeting_to_keep(request, pk)
    form = GuestForm(posted(request), prefix="guest")
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        messages.success(request, _("The guest was added."))
        return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "meetings/form_page.html",
        {"meeting": meeting, "form": form, "title": _("Add a guest or observer")},
    )


@partners_only
def attendance_csv(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    ensure(request.user, "meetings.view_records", meeting)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"presences-{meeting.body.slug}-{timezone.localtime(meeting.starts):%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    personal_info_viewed.send(Meeting, request=request, instance=meeting)
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("As"), _("Voting"), _("College"), _("Convened"), _("Attendance")])
    for row in meeting.attendance.select_related("person"):
        writer.writerow(
            [
                row.name,
                row.get_capacity_display(),
                _("yes") if row.voting else _("no"),
                row.get_college_display(),
                timezone.localtime(row.convened_at).strftime("%Y-%m-%d %H:%M")
                if row.convened_at
                else "",
                row.get_status_display(),
            ]
        )
    return response


# --- Minutes ------------------------------------------------------------------------------


@partners_only
def minutes_update(request, pk):
    item = _item_to_keep(request, pk)
    if item.meeting.minutes_adopted:
        messages.error(
            request,
            _("These minutes were adopted: they are read-only. Record a correction instead."),
        )
        return redirect("meetings:amendment-create", pk=item.pk)
    form = MinutesForm(posted(request), instance=item)
    return edit_page(
        request,
        form,
        "meetings/form_page.html",
        {
            "meeting": item.meeting,
            "title": _("Minutes of “%(item)s”") % {"item": item.title},
        },
        _("The minutes of this item were saved."),
        lambda item: item.get_absolute_url(),
    )


@partners_only
def amendment_create(request, pk):
    item = _item_to_keep(request, pk)
    if not item.meeting.minutes_adopted:
        messages.info(request, _("These minutes are still a draft: edit them directly."))
        return redirect("meetings:minutes-update", pk=item.pk)
    form = AmendmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        form.instance.item = item
        form.instance.made_by = request.user
        form.save()
        messages.success(request, _("The correction was recorded beside the adopted minutes."))
        return redirect(item.get_absolute_url())
    return render(
        request,
        "meetings/form_page.html",
        {
            "meeting": item.meeting,
            "item": item,
            "form": form,
            "title": _("Correct the adopted minutes of “%(item)s”") % {"item": item.title},
            "intro": _(
                "Adopted minutes are not changed: the correction is recorded beside them, "
                "with its reason, and shown with them."
            ),
        },
    )


@partners_only
def minutes_adopt(request, pk):
    meeting = _meeting_to_keep(request, pk)
    form = AdoptMinutesForm(posted(request), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting.adopt_minutes_of(form.cleaned_data["earlier"])
        except ValidationError as error:
            form.add_error(None, error)
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


# --- Decisions, mandates, action items, documents -----------------------------------------


def _record_form(request, meeting, form_class, title, message, instance=None, save=None):
    form = form_class(
        posted(request),
        request.FILES if request.method == "POST" else None,
        instance=instance,
        meeting=meeting,
    )
    if request.method == "POST" and form.is_valid():
        saved = (save or (lambda form: form.save_unless_changed()))(form)
        if saved is not None:
            messages.success(request, message)
            return redirect(saved.get_absolute_url())
    return render(
        request, "meetings/form_page.html", {"meeting": meeting, "form": form, "title": title}
    )


@partners_only
def decision_create(request, pk):
    meeting = _meeting_to_keep(request, pk)

    def save(form):
        form.instance.meeting = meeting
        form.instance.quorum_met = meeting.quorum().is_met
        try:
            with transaction.atomic():
                return form.save()
        except IntegrityError:  # the same number taken by someone else a moment before
            form.add_error("number", _("Another decision already has this number."))
            return None

    return _record_form(
        request,
        meeting,
        DecisionForm,
        _("Record a decision"),
        _("The decision was recorded."),
        save=save,
    )


@partners_only
def decision_update(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("meeting__body"), pk=pk)
    ensure(request.user, "meetings.keep_records", decision.meeting)
    if decision.meeting.minutes_adopted:
        messages.error(
            request, _("The minutes holding this decision were adopted: it is read-only.")
        )
        return redirect(decision)
    return _record_form(
        request,
        decision.meeting,
        DecisionForm,
        _("Edit the decision"),
        _("The decision was saved."),
        instance=decision,
    )


@cached_page
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
    meeting = _meeting_to_keep(request, pk)

    def save(form):
        form.instance.meeting = meeting
        form.instance.given_by = meeting.body
        return form.save()

    return _record_form(
        request,
        meeting,
        MandateForm,
        _("Give a mandate"),
        _("The mandate was recorded."),
        save=save,
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
    if mandate.meeting:
        ensure(request.user, "meetings.view_records", mandate.meeting)
    may_update = request.user.has_perm("meetings.keep_records", mandate.given_to) or (
        request.user.has_perm("meetings.keep_records", mandate.given_by)
    )
    form = MandateUpdateForm(posted(request), mandate=mandate)
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        if form.is_valid():
            with transaction.atomic():
                form.instance.mandate = mandate
                form.instance.made_by = request.user
                form.save()
                mandate.status = form.instance.status
                mandate.version += 1
                mandate.save(update_fields=["status", "version"])
            messages.success(request, _("The update was recorded."))
            return redirect(mandate)
    return render(
        request,
        "meetings/mandate_detail.html",
        {
            "mandate": mandate,
            "updates": mandate.updates.select_related("made_by__person"),
            "form": form if may_update else None,
        },
    )


@partners_only
def action_create(request, pk):
    meeting = _meeting_to_keep(request, pk)

    def save(form):
        form.instance.meeting = meeting
        form.save()
        return meeting

    return _record_form(
        request,
        meeting,
        ActionItemForm,
        _("Add an action item"),
        _("The action item was recorded."),
        save=save,
    )


@partners_only
def action_update(request, pk):
    action = get_object_or_404(ActionItem.objects.select_related("meeting__body"), pk=pk)
    ensure(request.user, "meetings.keep_records", action.meeting)

    def save(form):
        return action.meeting if form.save_unless_changed() is not None else None

    return _record_form(
        request,
        action.meeting,
        ActionItemForm,
        _("Edit the action item"),
        _("The action item was saved."),
        instance=action,
        save=save,
    )


@require_POST
@partners_only
def action_done(request, pk):
    """The person (or a member of the organisation) who was asked marks the action done."""
    action = get_object_or_404(ActionItem.objects.select_related("meeting__body"), pk=pk)
    person = getattr(request.user, "person", None)
    assigned = person is not None and ActionItem.objects.for_person(person).filter(pk=pk).exists()
    if not (assigned or request.user.has_perm("meetings.keep_records", action.meeting)):
        raise PermissionDenied
    if action.status == ActionStatus.OPEN:
        action.status = ActionStatus.DONE
        action.version += 1
        action.save(update_fields=["status", "version"])
        messages.success(request, _("“%(title)s” is marked as done.") % {"title": action.title})
    return redirect(request.POST.get("next") or "meetings:my-actions")


@partners_only
def my_actions(request):
    person = getattr(request.user, "person", None)
    actions = ActionItem.objects.none()
    if person is not None:
        actions = ActionItem.objects.for_person(person).select_related(
            "meeting__body", "person", "organisation"
        )
    return render(request, "meetings/my_actions.html", {"actions": actions})


@partners_only
def document_create(request, pk):
    meeting = _meeting_to_keep(request, pk)

    def save(form):
        form.instance.meeting = meeting
        form.instance.uploaded_by = request.user
        form.instance.size = form.cleaned_data["file"].size
        form.save()
        return meeting

    return _record_form(
        request,
        meeting,
        DocumentForm,
        _("Attach a document"),
        _("The document was added."),
        save=save,
    )


@partners_only
def document_download(request, pk):
    """Files go out only to those who may read the meeting's records, as downloads."""
    document = get_object_or_404(Document.objects.select_related("meeting__body"), pk=pk)
    ensure(request.user, "meetings.view_records", document.meeting)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- History ------------------------------------------------------------------------------


@partners_only
def history(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    ensure(request.user, "meetings.keep_records", meeting)
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
        meeting = restore(kind, history_id, request.user)
    except RestoreRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(request.POST.get("next") or "meetings:meeting-list")
    messages.success(request, _("The earlier version was restored; the history keeps both."))
    return redirect("meetings:history", pk=meeting.pk)
