"""Optimistic locking: a record edited by two people at once keeps the first save and shows
the second person what changed, instead of silently overwriting it.

A versioned model has a `version` counter; its form carries the version it was opened at.
Saving is a compare-and-swap in the database: `UPDATE … SET version = version + 1 WHERE
version = <the form's>`. That statement takes the row lock, so of two concurrent saves exactly
one matches; the other matches no row and is refused with the differences shown.
"""

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from infrastructure.choices import QuickChoiceLabels
from infrastructure.display import flat_choices, shown


class Versioned(QuickChoiceLabels, models.Model):
    """A record whose edits are refused when someone else saved it meanwhile."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite changes saved by someone else meanwhile.

    The record's `version` travels with the form; `save_unless_changed()` either saves
    (bumping it) or adds an error and keeps the user's input.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    conflict = ()

    def _differences_with(self, saved):
        """(label, their saved value, your value) for each field whose values differ as
        displayed: both sides go through the same formatting (a choice's label, yes/no, a
        related record's name, local time), so that an untouched field is never flagged."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or name not in self.cleaned_data:
                continue
            theirs = _shown_in(field, _saved_value(saved, name))
            yours = _shown_in(field, self.cleaned_data[name])
            if theirs != yours:
                rows.append((field.label, theirs, yours))
        return rows

    def save_unless_changed(self):
        if self.instance._state.adding:
            return self.save()
        model = type(self.instance)
        opened_at = self.cleaned_data.get("version")
        with transaction.atomic():
            claimed = (
                model.objects.filter(pk=self.instance.pk, version=opened_at).update(
                    version=F("version") + 1
                )
                if opened_at is not None
                else 0
            )
            if not claimed:
                saved = model.objects.get(pk=self.instance.pk)
                self.data = self.data.copy()
                self.data["version"] = saved.version
                self.conflict = self._differences_with(saved)
                self.add_error(
                    None,
                    _(
                        "Someone else saved changes to this record while you were editing it. "
                        "Your input is kept below and their version is shown beside it; submit "
                        "again only if yours should replace it."
                    ),
                )
                return None
            self.instance.version = opened_at + 1
            return self.save()


def _saved_value(saved, name):
    """The saved record's value of a form field: the related record(s), not their keys."""
    value = getattr(saved, name, None)
    if hasattr(value, "all") and callable(value.all):  # a many-to-many manager
        return list(value.all())
    return value


def _shown_in(field, value):
    """`value` as the form field `field` displays it (see infrastructure.display)."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return shown([str(item) for item in value or ()])
    if isinstance(field, forms.ModelChoiceField):
        return shown(None if value is None else str(value))
    if isinstance(field, forms.ChoiceField):
        choices = flat_choices(field.choices)
        if isinstance(value, list | tuple):
            return shown([str(choices.get(item, item)) for item in value])
        return shown(value, {str(key): label for key, label in choices.items()} | choices)
    if isinstance(field, forms.NullBooleanField):
        return shown(value)
    if isinstance(field, forms.BooleanField):
        return shown(bool(value))
    if isinstance(value, str):
        # What a browser sends back: its line ends, without surrounding spaces.
        return shown(value.replace("\r\n", "\n").strip())
    return shown(value)
