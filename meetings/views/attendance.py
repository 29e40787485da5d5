"""Convening a meeting and recording who came."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.signals import personal_info_viewed
from infrastructure.exports import Table, table_response
from meetings import workflow
from meetings.forms import AttendanceFormSet, ConvocationForm, GuestForm
from meetings.models import Meeting
from meetings.rules import meeting_for, meeting_to_keep
from meetings.views.common import base_url, partners_only, posted, refusal, refused
from meetings.workflow import WorkflowError


@partners_only
def convocation_send(request, pk):
    meeting = meeting_to_keep(request, pk)
    try:
        workflow.check_convenable(meeting)
    except WorkflowError as error:
        refused(request, error)
        return redirect(meeting)
    already_sent = meeting.convocations.exists()
    form = ConvocationForm(posted(request), already_sent=already_sent)
    if request.method == "POST" and form.is_valid():
        try:
            convocation = workflow.convene(meeting, request.user, base_url(request))
        except WorkflowError as error:
            refused(request, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The convocation is being sent to %(count)d person.",
                    "The convocation is being sent to %(count)d people.",
                    len(convocation.recipients),
                )
                % {"count": len(convocation.recipients)},
            )
        return redirect(meeting)
    return render(
        request,
        "meetings/convocation_form.html",
        {
            "meeting": meeting,
            "form": form,
            "attendance": meeting.attendance.select_related("person"),
            "already_sent": already_sent,
            "items": meeting.items.all(),
        },
    )


@partners_only
def attendance_update(request, pk):
    meeting = meeting_to_keep(request, pk)
    # Reading the page writes nothing: the list follows the seats as they change
    # (meetings.receivers), and convening brings it in line once more.
    queryset = meeting.attendance.select_related("person")
    formset = AttendanceFormSet(posted(request), queryset=queryset, prefix="attendance")
    guest_form = GuestForm(prefix="guest")
    if request.method == "POST" and formset.is_valid():
        statuses = {form.instance.pk: form.cleaned_data["status"] for form in formset.forms}
        try:
            workflow.record_attendance(meeting, statuses)
        except WorkflowError as error:
            refused(request, error)
        else:
            messages.success(request, _("The attendance was saved."))
        return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "meetings/attendance_form.html",
        {"meeting": meeting, "formset": formset, "guest_form": guest_form},
    )


@partners_only
def guest_add(request, pk):
    meeting = meeting_to_keep(request, pk)
    if closed := refusal(request, workflow.check_record_open, meeting):
        return closed
    form = GuestForm(posted(request), prefix="guest")
    if request.method == "POST" and form.is_valid():
        try:
            workflow.add_guest(meeting, form.save(commit=False))
        except WorkflowError as error:
            refused(request, error, form)
        else:
            messages.success(request, _("The guest was added."))
            return redirect(meeting.get_absolute_url() + "#attendance")
    return render(
        request,
        "meetings/form_page.html",
        {"meeting": meeting, "form": form, "title": _("Add a guest or observer")},
    )


@partners_only
def attendance_export(request, pk, file_format):
    """The attendance list as CSV or XLSX (infrastructure.exports); it names people, so the
    access is logged as any view of personal information."""
    meeting = meeting_for(request, pk, view="meetings.view_records")
    personal_info_viewed.send(Meeting, request=request, instance=meeting)
    table = Table(
        _("Attendance"),
        [_("Name"), _("As"), _("Voting"), _("College"), _("Convened"), _("Attendance")],
    )
    for row in meeting.attendance.select_related("person"):
        table.append(
            [
                row.name,
                row.get_capacity_display(),
                _("yes") if row.voting else _("no"),
                row.get_college_display(),
                row.convened_at,
                row.get_status_display(),
            ]
        )
    filename = f"presences-{meeting.body.slug}-{timezone.localtime(meeting.starts):%Y-%m-%d}"
    return table_response(table, filename, file_format)
