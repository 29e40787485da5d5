"""Pages that compose both apps."""

from django.shortcuts import render

from chantiers.models import Chantier
from elections.models import Election
from governance.organigram import Organigram
from governance.roles import role_labels


def home(request):
    """What the alliance is; for partners, the organigram in small and where things stand."""
    context = {}
    if request.user.has_perm("governance.view_portal"):
        context = {
            "organigram": Organigram.build(),
            "chantiers": Chantier.objects.active(),
            "elections": Election.objects.in_progress(),
            "roles": role_labels(request.user),
        }
    return render(request, "home.html", context)
