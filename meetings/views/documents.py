"""Documents attached to a meeting or one of its items, and their download."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from meetings import workflow
from meetings.forms import DocumentForm
from meetings.models import Document
from meetings.views.common import _meeting_to_keep, ensure, partners_only, record_form


@partners_only
def document_create(request, pk):
    meeting = _meeting_to_keep(request, pk)
    return record_form(
        request,
        meeting,
        DocumentForm,
        _("Attach a document"),
        _("The document was added."),
        lambda form: workflow.add_document(meeting, form.save(commit=False), request.user).meeting,
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
