"""Pages that compose both apps."""

from django.shortcuts import render

from chantiers.home import report_blocks
from chantiers.models import Chantier
from dsi_portal.pagecache import cached_page
from elections.models import Election
from governance.organigram import Organigram
from governance.roles import role_labels
from meetings.models import ActionItem, Decision, Meeting


@cached_page
def home(request):
    """What the alliance is; for partners, the organigram in small and where things stand."""
    context = {}
    if request.user.has_perm("governance.view_portal"):
        person = getattr(request.user, "person", None)
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
    return render(request, "home.html", context)
