"""An assembly meeting's page names the elections held that day."""

from django import template
from django.utils import timezone

from elections.models import Candidacy, Election
from infrastructure.access import person_of

register = template.Library()


@register.inclusion_tag("elections/includes/held_at.html", takes_context=True)
def elections_held_at(context, meeting):
    elections = Election.objects.visible_to(context["request"].user).filter(
        assembly_id=meeting.body_id, held_on=timezone.localdate(meeting.starts)
    )
    return {"elections": elections}


@register.inclusion_tag("elections/includes/to_confirm.html", takes_context=True)
def candidacies_to_confirm(context):
    """« Mes suivis »: the candidacies waiting for the user's confirmation as a delegate."""
    request = context["request"]
    person = person_of(request.user)
    candidacies = []
    if person is not None:
        candidacies = list(
            Candidacy.objects.awaiting(person)
            .select_related("person", "organisation", "election")
            .order_by("election__held_on", "person__last_name", "person__first_name")
        )
    return {"candidacies": candidacies, "request": request, "csrf_token": context.get("csrf_token")}
