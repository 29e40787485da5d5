"""Marking the words a search found: {{ value|highlight:query }}, {{ value|excerpt:query }}."""

from django import template

from infrastructure import search

register = template.Library()


@register.filter
def highlight(value, query):
    """The value escaped, the words the query found in <mark>."""
    return search.highlight(value, query)


@register.filter
def excerpt(value, query):
    """Some thirty words of the value around the first word found, or nothing if none is."""
    return search.excerpt(value, query, only_if_found=True)
