"""Choice labels read without re-translating every choice.

Django's `get_FOO_display()` builds a dictionary of the field's choices at each call, hashing
every label: a lazy translation, so each call translates every choice of the field. A list of
30 attendance rows with four such labels each cost the meeting record about 300 translations
and a sixth of its time. With this mixin a field's labels are translated once per language and
process, then read from a dictionary.
"""

import functools

from django.db import models
from django.utils.translation import get_language


@functools.lru_cache(maxsize=4096)
def _labels(field, language):
    # Called with the language active: str() translates each label into it.
    return {value: str(label) for value, label in field.flatchoices}


class QuickChoiceLabels(models.Model):
    """Put first among a model's bases: its `get_FOO_display()` reads the labels translated
    once (Django binds `get_FOO_display` to the class's `_get_FIELD_display` when the class is
    made; tests/test_choice_labels.py checks both the binding and the labels)."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return _labels(field, get_language())[value]
        except (KeyError, TypeError):  # a value outside the choices, or one not hashable
            return super()._get_FIELD_display(field)
