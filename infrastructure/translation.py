"""Content in both languages, with its history (django-modeltranslation and simple-history).

`translated(model, fields)` gives each field a French (`_fr`, required) and an English (`_en`,
optional) column; reading the field gives the page's language, or the French when no English
was written. The model's history is registered here too, after the columns exist, so that it
keeps both languages: simple-history builds its historical model from the fields it sees, so a
model translated here declares no `history = HistoricalRecords()` of its own.
"""

from modeltranslation.fields import TranslationField
from modeltranslation.translator import NotRegistered, TranslationOptions, translator
from simple_history import register
from simple_history.models import HistoricalRecords


class TranslatedHistory(HistoricalRecords):
    """A translated column is copied into the history as the plain field it translates: a
    TranslationField describes itself (in migrations) from the original field, and would bring
    back the `unique` that a history, holding many versions of a row, must not have."""

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for field in fields.values():
            if isinstance(field, TranslationField):
                field.__class__ = type(field.translated_field)
        return fields


def translated_originals(model):
    """The names of `model`'s translated fields, whose own column only repeats one of the
    languages (a history shows `name [fr]` and `name [en]`, not `name` besides)."""
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def translated(model, fields, unique=()):
    """Register `fields` of `model` in French and English. `unique` fields store an English
    value not written as NULL, which no other row holds (an empty string would collide)."""
    options = type(
        f"{model.__name__}Translation",
        (TranslationOptions,),
        {
            "fields": tuple(fields),
            "required_languages": ("fr",),
            "empty_values": dict.fromkeys(unique),
        },
    )
    translator.register(model, options)
    register(model, records_class=TranslatedHistory)
