from django import forms
from django.utils.translation import gettext_lazy as _


class AnonymiseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm: this person left, and their name and contact details are destroyed."),
        error_messages={"required": _("Tick the box to confirm the anonymisation.")},
    )
