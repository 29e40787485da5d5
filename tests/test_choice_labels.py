"""infrastructure.choices.QuickChoiceLabels: every model of the portal reads its choice labels
translated once, and they are Django's own, in both languages."""

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from infrastructure.choices import QuickChoiceLabels

PORTAL_APPS = {"accounts", "governance", "meetings", "elections", "chantiers", "privacy"}


def portal_models_with_choices():
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model.__name__.startswith("Historical"):
            continue
        fields = [field for field in model._meta.concrete_fields if field.choices]
        if fields:
            yield model, fields


def test_every_portal_model_with_choices_reads_them_quickly():
    slow = [
        model.__name__
        for model, _fields in portal_models_with_choices()
        if not issubclass(model, QuickChoiceLabels)
    ]
    assert not slow, f"add QuickChoiceLabels first among the bases of {slow}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_labels_are_django_s_own(language):
    checked = 0
    with translation.override(language):
        for model, fields in portal_models_with_choices():
            for field in fields:
                for value, _label in field.flatchoices:
                    instance = model(**{field.attname: value})
                    shown = getattr(instance, f"get_{field.name}_display")()
                    assert shown == models.Model._get_FIELD_display(instance, field)
                    assert isinstance(shown, str)
                    checked += 1
                # A value outside the choices is shown as it is, as Django does.
                instance = model(**{field.attname: "hors-liste"})
                assert getattr(instance, f"get_{field.name}_display")() == "hors-liste"
    assert checked > 50


def test_a_label_follows_the_language_active_when_it_is_read():
    from meetings.models import Attendance, AttendanceStatus

    row = Attendance(status=AttendanceStatus.PRESENT)
    with translation.override("fr"):
        french = row.get_status_display()
    with translation.override("en"):
        english = row.get_status_display()
    assert (french, english) == ("Présent·e", "Present")
