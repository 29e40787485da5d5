from django import forms
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from chantiers.models import (
    Attachment,
    DecisionKind,
    JoinRequest,
    Milestone,
    Objective,
    ObjectiveUpdate,
    ProgressReport,
    ReportStatus,
)
from chantiers.workflow import overlap_message
from governance.models import Affiliation, Organisation
from infrastructure.uploads import content_matches_extension
from infrastructure.versioning import VersionedModelForm
from infrastructure.widgets import DateInput

# What a report may carry: documents, spreadsheets, presentations and pictures, 10 MB each.
ATTACHMENT_EXTENSIONS = [
    "pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt",
    "png", "jpg", "jpeg",
]  # fmt: skip
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


class ReportForm(VersionedModelForm):
    """A progress report's text and, for each objective, its new progress and a comment.

    Objectives with milestones are updated by checking the milestones done; the others by a
    percentage from 0 to 100. An objective left blank is not part of the report.
    """

    class Meta:
        model = ProgressReport
        fields = [
            "period_start",
            "period_end",
            "narrative",
            "difficulties",
            "next_steps",
            "requests",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
            "requests": forms.Textarea(attrs={"rows": 3}),
        }

    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        validators=[
            FileExtensionValidator(ATTACHMENT_EXTENSIONS),
            lambda upload: content_matches_extension(upload, ATTACHMENT_EXTENSIONS),
        ],
        help_text=_("PDF, office document, spreadsheet or picture, 10 MB at most."),
    )

    def __init__(self, *args, chantier, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.chantier, self.person = chantier, person
        self.instance.chantier = chantier
        self.existing_attachments = (
            list(self.instance.attachments.all()) if self.instance.pk else []
        )
        if self.existing_attachments:
            self.fields["remove_attachments"] = forms.MultipleChoiceField(
                label=_("Remove attachments"),
                choices=[(a.pk, a.name) for a in self.existing_attachments],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        self.objectives = list(
            chantier.objectives.counted().prefetch_related("milestones").order_by("position", "pk")
        )
        existing = {}
        if self.instance.pk:
            existing = {
                update.objective_id: update
                for update in self.instance.updates.prefetch_related("milestones_done")
            }
        for objective in self.objectives:
            update = existing.get(objective.pk)
            milestones = list(objective.milestones.all())
            if milestones:
                done = (
                    [m.pk for m in update.milestones_done.all()]
                    if update
                    else [m.pk for m in milestones if m.done]
                )
                self.fields[self._name(objective, "milestones")] = forms.MultipleChoiceField(
                    label=_("Milestones done"),
                    choices=[(m.pk, m.title) for m in milestones],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                    initial=done,
                )
            else:
                self.fields[self._name(objective, "progress")] = forms.IntegerField(
                    label=_("New progress (%)"),
                    min_value=0,
                    max_value=100,
                    required=False,
                    initial=update.progress if update else None,
                    help_text=_("Currently %(progress)s %%. Leave empty if unchanged.")
                    % {"progress": objective.progress},
                )
            self.fields[self._name(objective, "comment")] = forms.CharField(
                label=_("Comment"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=update.comment if update else "",
            )

    @staticmethod
    def _name(objective, part):
        return f"objective_{objective.pk}_{part}"

    def objective_groups(self):
        """(objective, its bound fields) for the template's fieldsets."""
        return [
            (
                objective,
                [
                    self[self._name(objective, part)]
                    for part in ("milestones", "progress", "comment")
                    if self._name(objective, part) in self.fields
                ],
            )
            for objective in self.objectives
        ]

    def main_fields(self):
        return [self[name] for name in self._meta.fields]

    def attachment_fields(self):
        names = ("remove_attachments", "attachment")
        return [self[name] for name in names if name in self.fields]

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload and upload.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("This file is larger than 10 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("period_start"), cleaned.get("period_end")
        if starts and ends:
            if ends < starts:
                self.add_error("period_end", _("The period cannot end before it starts."))
            else:
                approved = (
                    ProgressReport.objects.approved()
                    .overlapping(self.chantier, starts, ends)
                    .exclude(pk=self.instance.pk)
                    .first()
                )
                if approved:
                    self.add_error("period_start", overlap_message(approved))
        return cleaned

    def updates(self):
        """{objective: (progress, milestone ids, comment)} for the objectives reported on."""
        result = {}
        for objective in self.objectives:
            comment = self.cleaned_data.get(self._name(objective, "comment"), "").strip()
            milestones = list(objective.milestones.all())
            if milestones:
                done = {int(pk) for pk in self.cleaned_data[self._name(objective, "milestones")]}
                unchanged = done == {m.pk for m in milestones if m.done}
                if unchanged and not comment:
                    continue
                progress = Objective.progress_from(len(done), len(milestones))
                result[objective] = (progress, done, comment)
            else:
                progress = self.cleaned_data.get(self._name(objective, "progress"))
                if progress is None and not comment:
                    continue
                result[objective] = (
                    objective.progress if progress is None else progress,
                    set(),
                    comment,
                )
        return result

    def save(self, commit=True):
        report = self.instance
        if report.status == ReportStatus.RETURNED:
            report.status = ReportStatus.REVISED
        with transaction.atomic():
            report = super().save(commit=True)
            report.authors.add(self.person)
            updates = self.updates()
            report.updates.exclude(objective__in=list(updates)).delete()
            for objective, (progress, done, comment) in updates.items():
                update, _created = ObjectiveUpdate.objects.update_or_create(
                    report=report,
                    objective=objective,
                    defaults={"progress": progress, "comment": comment},
                )
                update.milestones_done.set(done)
            removed = {int(pk) for pk in self.cleaned_data.get("remove_attachments", [])}
            for attachment in self.existing_attachments:
                if attachment.pk in removed:
                    attachment.delete()
                    transaction.on_commit(lambda file=attachment.file: file.delete(save=False))
            if upload := self.cleaned_data.get("attachment"):
                Attachment.objects.create(
                    report=report,
                    file=upload,
                    name=upload.name[:200],
                    size=upload.size,
                    added_by=self.person,
                )
        return report


class DecisionForm(forms.Form):
    """A comité conseil member approves a report or returns it with comments."""

    kind = forms.ChoiceField(
        label=_("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Needed to return the report: say what should change."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == DecisionKind.RETURNED and not cleaned.get("comment", "").strip():
            self.add_error(
                "comment", _("Say what should change: a comment is needed to return a report.")
            )
        return cleaned


class ObjectiveForm(VersionedModelForm):
    """An objective of a chantier, changed directly by its coordination or the ADOC team."""

    class Meta:
        model = Objective
        # The French is required, the English optional (pages in English show the French
        # where it is empty): infrastructure.translation.
        fields = [
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "kind",
            "indicator_fr",
            "indicator_en",
            "target_fr",
            "target_en",
            "target_date",
            "status",
            "progress",
            "weight",
            "position",
        ]
        labels = {
            "title_fr": _("Objective"),
            "title_en": _("Objective, in English (optional)"),
            "description_fr": _("Description"),
            "description_en": _("Description, in English (optional)"),
            "indicator_fr": _("Indicator"),
            "indicator_en": _("Indicator, in English (optional)"),
            "target_fr": _("Target"),
            "target_en": _("Target, in English (optional)"),
        }
        widgets = {
            "target_date": DateInput(),
            "description_fr": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    milestones = forms.CharField(
        label=_("Milestones"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Optional, one per line. With milestones, progress is the share of them checked off "
            "in approved reports; a milestone removed here is kept in the history."
        ),
    )

    def __init__(self, *args, chantier, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.chantier = chantier
        self.existing_milestones = list(self.instance.milestones.all()) if self.instance.pk else []
        if self.existing_milestones:
            self.fields["milestones"].initial = "\n".join(m.title for m in self.existing_milestones)
            self.fields["progress"].disabled = True
            self.fields["progress"].help_text = _(
                "Computed from the milestones checked off in approved reports."
            )

    def clean_milestones(self):
        titles = [line.strip() for line in self.cleaned_data["milestones"].splitlines()]
        titles = [title[:200] for title in titles if title]
        if len(set(titles)) != len(titles):
            raise forms.ValidationError(_("Each milestone must be listed once."))
        return titles

    def save(self, commit=True):
        titles = self.cleaned_data["milestones"]
        existing = {milestone.title: milestone for milestone in self.existing_milestones}
        if titles:
            done = sum(existing[title].done for title in titles if title in existing)
            self.instance.progress = Objective.progress_from(done, len(titles))
        with transaction.atomic():
            objective = super().save(commit=True)
            for milestone in self.existing_milestones:
                if milestone.title not in titles:
                    milestone.delete()
            for position, title in enumerate(titles):
                milestone = existing.get(title) or Milestone(objective=objective, title=title)
                if milestone.pk is None or milestone.position != position:
                    milestone.position = position
                    milestone.save()
        return objective


class JoinRequestForm(forms.ModelForm):
    """A partner asks to join a chantier for one of their organisations."""

    class Meta:
        model = JoinRequest
        fields = ["organisation", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, chantier, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.chantier, self.instance.person = chantier, person
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__in=Affiliation.objects.current().filter(person=person)
        ).distinct()
        self.fields["organisation"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.chantier.join_requests.pending()
            .filter(person=self.instance.person)
            .exists()
        ):
            raise forms.ValidationError(
                _("You already asked to join this chantier; the coordination will answer soon.")
            )
        return cleaned


class JoinDecisionForm(forms.Form):
    """Accept or decline a request to join (the two buttons of the chantier page)."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )

    @property
    def accepts(self):
        return self.cleaned_data["decision"] == "accept"


class SinceForm(forms.Form):
    """The start of the period the « Avancées par chantier » summary covers."""

    depuis = forms.DateField(label=_("Approved progress since"), widget=DateInput(), required=False)
