"""An assembly meeting's page names the elections held that day."""

from django import template
from django.utils import timezone

from elections.models import Election

register = template.Library()


@register.inclusion_tag("elections/includes/held_at.html", takes_context=True)
def elections_held_at(context, meeting):
    elections = Election.objects.visible_to(context["request"].user).filter(
        assembly_id=meeting.body_id, held_on=timezone.localdate(meeting.starts)
    )
    return {"elections": elections}
