"""The language of every email the portal sends, read in one place.

A person chooses the language of their emails on their email preferences page
(`NotificationPreferences.language`). Whoever has not chosen yet (no preferences, or left
empty, or no directory entry at all) gets each message in French then in English, under a
French subject, as the portal has always written to people it does not know yet.
"""

from contextlib import contextmanager, nullcontext

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from governance.models import NotificationPreferences

# Between the French and the English text of a bilingual message.
SEPARATOR = "\n----\n"


def language_of(person):
    """The language `person` chose for their emails, or None when they chose none.

    Reads `person.notification_preferences`: select_related it when sending to many."""
    try:
        language = person.notification_preferences.language
    except (NotificationPreferences.DoesNotExist, AttributeError):
        return None
    return language or None


def chosen_language(person):
    """Render, inside this block, in the language `person` chose; leave the active language
    as it is when they chose none (allauth's emails, rendered in the visitor's language)."""
    language = language_of(person)
    return translation.override(language) if language else nullcontext()


@contextmanager
def one_language(person):
    """Render, inside this block, a line that cannot be bilingual (a digest entry, a subject)
    in the language `person` chose, or in French."""
    with translation.override(language_of(person) or settings.LANGUAGE_CODE):
        yield


def render_email(person, render):
    """The (subject, body) of an email to `person`: `render()` called in the language they
    chose, or once per language of the portal (French first) when they chose none, the
    bodies joined by SEPARATOR under the French subject."""
    language = language_of(person)
    if language:
        with translation.override(language):
            return render()
    subject, bodies = None, []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text_subject, body = render()
        subject = subject if subject is not None else text_subject
        bodies.append(body.rstrip())
    return subject, SEPARATOR.join(bodies) + "\n"


def render_templates(person, template, context):
    """`render_email` of the templates `<template>_subject.txt` and `<template>_message.txt`."""

    def render():
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        return subject, render_to_string(f"{template}_message.txt", context)

    return render_email(person, render)
