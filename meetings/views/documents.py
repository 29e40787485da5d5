"""Documents attached to a meeting or one of its items, and their download."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import workflow
from meetings.forms import DocumentForm
from meetings.models import Document
from meetings.rules import meeting_to_keep, record_for
from meetings.views.common import partners_only, record_form, refused
from meetings.workflow import WorkflowError


@partners_only
def document_create(request, pk):
    meeting = meeting_to_keep(request, pk)
    return record_form(
        request,
        meeting,
        DocumentForm,
        _("Attach a document"),
        _("The document was added."),
        lambda form: workflow.add_document(meeting, form.save(commit=False), request.user).meeting,
        check=workflow.check_record_open,
    )


def _document_to_keep(request, pk):
    queryset = Document.objects.select_related("meeting__body")
    return record_for(request, queryset, pk, change="meetings.keep_records")


@partners_only
def document_replace(request, pk):
    """A new title, item or file for a document, until the minutes are adopted."""
    document = _document_to_keep(request, pk)
    return record_form(
        request,
        document.meeting,
        DocumentForm,
        _("Replace the document “%(title)s”") % {"title": document.title},
        _("The document was replaced; the earlier version stays in the history."),
        lambda form: workflow.replace_document(form).meeting,
        instance=document,
        check=workflow.check_record_open,
    )


@require_POST
@partners_only
def document_delete(request, pk):
    document = _document_to_keep(request, pk)
    try:
        meeting = workflow.delete_document(document)
    except WorkflowError as error:
        refused(request, error)
        meeting = document.meeting
    else:
        messages.success(
            request,
            _("The document “%(title)s” was deleted; the history keeps it.")
            % {"title": document.title},
        )
    return redirect(meeting.get_absolute_url())


@partners_only
def document_download(request, pk):
    """Files go out only to those who may read the meeting's records, as downloads."""
    document = record_for(request, Document.objects.select_related("meeting__body"), pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
