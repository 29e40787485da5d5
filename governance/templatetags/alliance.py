"""`{% alliance as alliance %}`: the alliance's identity where no request brings it (emails);
pages have it as `alliance` from governance.context_processors."""

from django import template

from governance.models import current_identity

register = template.Library()


@register.simple_tag(takes_context=True)
def alliance(context):
    return context.get("alliance") or current_identity()
