from django import template
from django.db.models import Q

from meetings.models import Mandate, MandateStatus, Meeting

register = template.Library()


@register.inclusion_tag("meetings/includes/body_records.html", takes_context=True)
def body_records(context, body):
    """A body page's meetings (next and latest) and the mandates it carries."""
    meetings = Meeting.objects.filter(body=body)
    mandates = Mandate.objects.filter(Q(given_to=body) | Q(given_by=body)).select_related(
        "given_by", "given_to"
    )
    return {
        "body": body,
        "upcoming": meetings.upcoming()[:3],
        "latest": meetings.past()[:3],
        "mandates": mandates.exclude(status__in=[MandateStatus.DONE, MandateStatus.ABANDONED]),
        "perms": context.get("perms"),
        "may_keep": context["request"].user.has_perm("meetings.keep_records", body),
    }


@register.simple_tag
def assembly_meeting_on(body, day):
    """The assembly's meeting of that day, if one is recorded (for an election's page)."""
    return (
        Meeting.objects.filter(body=body, starts__date=day)
        .exclude(status="cancelled")
        .order_by("starts")
        .first()
    )
