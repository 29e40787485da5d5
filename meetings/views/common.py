"""What the meetings views share: posted data, refusals, the record forms. Access is decided
by the loaders of meetings.rules (meeting_for, meeting_to_keep, item_to_keep, record_for)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from infrastructure.access import permission_required
from infrastructure.redirects import local_page
from meetings.workflow import WorkflowError

partners_only = permission_required("meetings.view_meetings")


def posted(request):
    """A form's data: what was posted, even nothing (`request.POST or None` would take an
    empty submission for a first visit)."""
    return request.POST if request.method == "POST" else None


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def refused(request, error, form=None):
    """Show a workflow refusal: on the form (on its field, when it names one of the form's),
    or as a message."""
    if form is None:
        messages.error(request, error.message)
    else:
        form.add_error(error.field if error.field in form.fields else None, error.message)


def refusal(request, check, meeting):
    """Run the workflow `check` on `meeting`: None when it passes, else a redirect to the
    meeting that says why."""
    try:
        check(meeting)
    except WorkflowError as error:
        refused(request, error)
        return redirect(meeting)
    return None


def record_form(request, meeting, form_class, title, message, save, instance=None, check=None):
    """The page of a form recording something at `meeting`: `save(form)` calls the workflow
    and returns where to go next (None: the form is shown again with its errors). `check`
    (a workflow check) refuses before any form is shown, when the meeting does not allow it."""
    if check is not None and (closed := refusal(request, check, meeting)):
        return closed
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


def back_to(request, default):
    """Where a form posted from another page goes back to: its `next`, when it is a page of
    this site, else `default` (a URL name or path)."""
    return redirect(local_page(request, request.POST.get("next")) or default)
