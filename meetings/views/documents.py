"""Documents attached to a meeting or one of its items, and their download."""

from django.http import FileResponse
from django.utils.translation import gettext as _

from meetings import workflow
from meetings.forms import DocumentForm
from meetings.models import Document
from meetings.rules import meeting_to_keep, record_for
from meetings.views.common import partners_only, record_form


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
    )


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
