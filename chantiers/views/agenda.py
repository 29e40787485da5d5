"""What chantiers add to a meeting's agenda: the assembly's « Avancées par chantier » items.

It lives here, above meetings, because it needs both the meeting and the list of chantiers.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from chantiers.workflow import add_progress_items
from infrastructure.access import permission_required
from meetings.rules import meeting_to_keep


@require_POST
@permission_required("meetings.view_meetings")
def progress_items(request, pk):
    """The standard assembly item: “Avancées par chantier”, one per active chantier."""
    meeting = meeting_to_keep(request, pk)
    added = add_progress_items(meeting)
    messages.success(
        request,
        ngettext(
            "%(count)d item added to the agenda.", "%(count)d items added to the agenda.", added
        )
        % {"count": added},
    )
    return redirect(meeting.get_absolute_url() + "#agenda")
