"""Pages that compose both apps."""

from django.shortcuts import render

from chantiers.home import report_blocks
from chantiers.models import Chantier
from governance.organigram import Organigram
from governance.roles import role_labels


def home(request):
    """What the alliance is; for partners, the organigram in small and where things stand."""
    context = {}
    if request.user.has_perm("governance.view_portal"):
        chantiers = list(Chantier.objects.active())
        context = {
            "organigram": Organigram.build(),
            "chantiers": chantiers,
            "roles": role_labels(request.user),
            **report_blocks(request.user, chantiers),
        }
    return render(request, "home.html", context)
