"""Pages that compose several apps: they sit above all of them, so no app imports another's
pages to build its own."""

from django.shortcuts import render

from chantiers.home import report_blocks
from chantiers.models import Chantier
from elections.models import Election
from governance.models import BodyKind
from governance.organigram import Organigram
from governance.roles import role_labels
from infrastructure.access import permission_required, person_of
from infrastructure.pagecache import cached_page
from meetings.models import ActionItem, Decision, Meeting
from meetings.rules import meeting_for
from portal.assembly_report import AssemblyReport


@cached_page
def home(request):
    """What the alliance is; for partners, the organigram in small and where things stand."""
    context = {}
    if request.user.has_perm("governance.view_portal"):
        person = person_of(request.user)
        chantiers = list(Chantier.objects.active())
        context = {
            "organigram": Organigram.build(),
            "chantiers": chantiers,
            "elections": Election.objects.in_progress(),
            "roles": role_labels(request.user),
            "next_meetings": Meeting.objects.upcoming().select_related("body")[:5],
            "latest_decisions": Decision.objects.visible_to(request.user)
            .select_related("meeting__body")
            .order_by("-meeting__starts", "-number")[:5],
            "my_actions": ActionItem.objects.for_person(person)
            .open()
            .select_related("meeting__body")[:5]
            if person
            else [],
            **report_blocks(request.user, chantiers),
        }
    return render(request, "portal/home.html", context)


@permission_required("meetings.view_meetings")
def assembly_report(request, pk):
    """The governance report read to an assembly: seats, meetings, decisions and the
    progress of each chantier since the previous assembly."""
    meeting = meeting_for(
        request,
        pk,
        queryset=Meeting.objects.select_related("body").filter(body__kind=BodyKind.ASSEMBLY),
    )
    report = AssemblyReport(meeting, request.user).build()
    return render(request, "portal/assembly_report.html", {"meeting": meeting, "report": report})
