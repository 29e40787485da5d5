from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from governance.models import (
    Affiliation,
    Body,
    BodyKind,
    NotificationPreferences,
    Organisation,
    Person,
    Seat,
)
from infrastructure.search import Search
from infrastructure.versioning import VersionedModelForm
from infrastructure.widgets import DateInput
from meetings.models import (
    ActionItem,
    AgendaItem,
    AmendmentSubject,
    Attendance,
    AttendanceCapacity,
    AttendanceStatus,
    Decision,
    DecisionMode,
    Document,
    Mandate,
    MandateStatus,
    MandateUpdate,
    Meeting,
    MeetingStatus,
    MinutesAmendment,
    logistics_of,
)
from meetings.models.decisions import too_many_votes, voting_present
from meetings.search import DECISION_SEARCH_FIELDS


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def adoc_agents():
    on_adoc_team = Seat.objects.current().filter(person=OuterRef("pk"), body__kind=BodyKind.ADOC)
    return Person.objects.filter(Exists(on_adoc_team))


class MeetingForm(VersionedModelForm):
    online_link = forms.URLField(
        label=_("online meeting link"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = ["body", "title", "starts", "ends", "place", "online_link", "responsible", "notes"]
        widgets = {
            "starts": DateTimeInput(),
            "ends": DateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"starts": _("Local time (Eastern time).")}

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["responsible"].queryset = adoc_agents()
        if self.instance.pk:
            # A meeting does not move from one body to another: its records belong there.
            self.fields["body"].disabled = True
        if self.instance.status == MeetingStatus.CONVENED:
            # Those convened are told of a new date, time, place or link: the person confirms.
            count = self.instance.attendance.filter(convened_at__isnull=False).count()
            self.fields["tell_convened"] = forms.BooleanField(
                required=False,
                label=ngettext(
                    "Send the person convened the update of the meeting and of its invitation",
                    "Send the %(count)d people convened the update of the meeting and of its "
                    "invitation",
                    count,
                )
                % {"count": count},
                help_text=_("Needed to change the date, the time, the place or the link."),
            )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The meeting must end after it starts."))
        moved = logistics_of(cleaned) != logistics_of(self.instance)  # not saved into it yet
        if "tell_convened" in self.fields and moved and not cleaned.get("tell_convened"):
            self.add_error(
                "tell_convened",
                _(
                    "This meeting was convened: tick this box to save the change and send "
                    "everyone convened the update. Nothing was saved yet."
                ),
            )
        if (
            not cleaned.get("place")
            and not cleaned.get("online_link")
            and "online_link" not in self.errors
        ):
            self.add_error("place", _("Give a place, an online link, or both."))
        return cleaned


class CancelMeetingForm(VersionedModelForm):
    class Meta:
        model = Meeting
        fields = ["cancellation_reason"]
        widgets = {"cancellation_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancellation_reason"].required = True


class AgendaItemForm(VersionedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "presenter", "duration", "description", "chantier"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MinutesForm(VersionedModelForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 10})}


class AmendmentForm(forms.ModelForm):
    """A correction of a meeting's adopted record, and what it corrects."""

    class Meta:
        model = MinutesAmendment
        fields = ["subject", "item", "decision", "text", "reason"]
        widgets = {"subject": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "item": _("When it corrects the minutes of an item."),
            "decision": _("When it corrects a decision."),
        }

    def __init__(self, *args, meeting, item=None, decision=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("position")
        self.fields["decision"].queryset = meeting.decisions.order_by("number")
        if item is not None:  # the correction of this item's minutes: nothing to choose
            for name in ("subject", "item", "decision"):
                del self.fields[name]
            self.instance.subject, self.instance.item = AmendmentSubject.MINUTES, item
        elif decision is not None:
            self.initial.update(subject=AmendmentSubject.DECISION, decision=decision.pk)

    def clean(self):
        cleaned = super().clean()
        subject = cleaned.get("subject")
        if subject == AmendmentSubject.MINUTES and not cleaned.get("item"):
            self.add_error("item", _("Choose the item whose minutes this corrects."))
        if subject == AmendmentSubject.DECISION and not cleaned.get("decision"):
            self.add_error("decision", _("Choose the decision this corrects."))
        return cleaned


class ConvocationForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, send the convocation again to everyone listed"), required=False
    )

    def __init__(self, *args, already_sent, **kwargs):
        super().__init__(*args, **kwargs)
        self.already_sent = already_sent
        if not already_sent:
            del self.fields["confirm"]

    def clean(self):
        if self.already_sent and not self.cleaned_data.get("confirm"):
            raise forms.ValidationError(
                _("The convocation was already sent. Tick the box to send it again.")
            )
        return self.cleaned_data


class AttendanceStatusForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["status"]
        widgets = {"status": forms.RadioSelect}


AttendanceFormSet = forms.modelformset_factory(
    Attendance, form=AttendanceStatusForm, extra=0, edit_only=True
)


class GuestForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["guest_name", "guest_email", "capacity", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest_name"].required = True
        self.fields["capacity"].choices = [
            (AttendanceCapacity.GUEST, AttendanceCapacity.GUEST.label),
            (AttendanceCapacity.OBSERVER, AttendanceCapacity.OBSERVER.label),
        ]
        self.fields["status"].initial = AttendanceStatus.INVITED


class AdoptMinutesForm(forms.Form):
    earlier = forms.ModelChoiceField(
        label=_("Minutes of the meeting"), queryset=Meeting.objects.none()
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["earlier"].queryset = meeting.minutes_to_adopt()


class DecisionForm(VersionedModelForm):
    class Meta:
        model = Decision
        fields = [
            "number",
            "item",
            "title",
            "text",
            "proposed_by",
            "seconded_by",
            "mode",
            "votes_for",
            "votes_against",
            "abstentions",
            "outcome",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "number": {"unique": _("Another decision already has this number.")},
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["item"].queryset = meeting.items.all()
        if not self.instance.pk:
            year = timezone.localtime(meeting.starts).year
            self.initial.setdefault("number", Decision.objects.next_number(meeting.body, year))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == DecisionMode.VOTE:
            for field in ("votes_for", "votes_against", "abstentions"):
                if cleaned.get(field) is None:
                    self.add_error(field, _("Give the count of a vote (0 if none)."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Once the counts are on the decision: checked again by meetings.workflow under the
        # meeting's lock, and by the database (decision_votes_within_voting_present).
        decision = self.instance
        if decision.mode == DecisionMode.VOTE and not self.errors:
            present = voting_present(self.meeting)
            if decision.votes_cast > present:
                self.add_error("votes_for", too_many_votes(decision.votes_cast, present))


class MandateForm(VersionedModelForm):
    class Meta:
        model = Mandate
        fields = ["given_to", "title", "description", "due", "decision"]
        widgets = {"due": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_to"].queryset = Body.objects.active().exclude(pk=meeting.body_id)
        self.fields["decision"].queryset = meeting.decisions.all()


class MandateUpdateForm(forms.ModelForm):
    class Meta:
        model = MandateUpdate
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, mandate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].initial = mandate.status
        self.fields["status"].choices = MandateStatus.choices


class ActionItemForm(VersionedModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "item", "person", "organisation", "due", "status"]
        widgets = {"due": DateInput()}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()
        self.fields["organisation"].queryset = Organisation.objects.active()
        self.fields["person"].queryset = Person.objects.filter(
            Q(Exists(Affiliation.objects.current().filter(person=OuterRef("pk"))))
            | Q(pk=self.instance.person_id)
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not cleaned.get("organisation"):
            self.add_error("person", _("Say who will do it: a person, an organisation or both."))
        return cleaned


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "item", "file"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = ["records", "decisions", "actions", "language"]
        widgets = {
            "records": forms.RadioSelect,
            "decisions": forms.RadioSelect,
            "actions": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added after the others: a page opened before it (or a script) leaves it as it was.
        self.fields["actions"].required = False

    def clean_actions(self):
        return self.cleaned_data["actions"] or self.instance.actions


class DecisionFilterForm(forms.Form):
    instance = forms.ModelChoiceField(
        label=_("Body"),
        queryset=Body.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label=_("All bodies"),
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("Words in the title or text"), required=False, max_length=100)

    def filter(self, decisions):
        data = self.cleaned_data
        if data.get("instance"):
            decisions = decisions.filter(meeting__body=data["instance"])
        if data.get("year"):
            decisions = decisions.filter(meeting__starts__year=data["year"])
        if data.get("q"):
            # The words as the site search finds them (accents, word forms, prefixes), or as
            # written inside a word (« 2026-00 » of a number); the register stays in its order.
            forgiving = Search(data["q"], DECISION_SEARCH_FIELDS, decisions.db)
            decisions = decisions.filter(
                Q(title__icontains=data["q"])
                | Q(text__icontains=data["q"])
                | Q(number__icontains=data["q"])
                | forgiving.condition()
            )
        return decisions
