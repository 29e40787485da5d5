"""What the meetings views share: access to a meeting's records, posted data, refusals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from infrastructure.access import permission_required
from meetings.models import AgendaItem, Meeting
from meetings.workflow import WorkflowError

partners_only = permission_required("meetings.view_meetings")


def posted(request):
    """A form's data: what was posted, even nothing (`request.POST or None` would take an
    empty submission for a first visit)."""
    return request.POST if request.method == "POST" else None


def ensure(user, perm, obj):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _meeting_to_keep(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    ensure(request.user, "meetings.keep_records", meeting)
    return meeting


def _item_to_keep(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    ensure(request.user, "meetings.keep_records", item.meeting)
    return item


def refused(request, error, form=None):
    """Show a workflow refusal: on the form (on its field, when it names one of the form's),
    or as a message."""
    if form is None:
        messages.error(request, error.message)
    else:
        form.add_error(error.field if error.field in form.fields else None, error.message)


def record_form(request, meeting, form_class, title, message, save, instance=None):
    """The page of a form recording something at `meeting`: `save(form)` calls the workflow
    and returns where to go next (None: the form is shown again with its errors)."""
    form = form_class(
        posted(request),
        request.FILES if request.method == "POST" else None,
        instance=instance,
        meeting=meeting,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except WorkflowError as error:
            refused(request, error, form)
        else:
            if saved is not None:
                messages.success(request, message)
                return redirect(saved.get_absolute_url())
    return render(
        request, "meetings/form_page.html", {"meeting": meeting, "form": form, "title": title}
    )


def person_of(request):
    """The logged-in partner's directory entry; pages about oneself need one."""
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied
    return person
