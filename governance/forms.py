from django import forms
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from governance import workflow
from governance.models import (
    Affiliation,
    Body,
    BodyKind,
    ImportKind,
    Organisation,
    Person,
    Representation,
    Seat,
)
from governance.models.bodies import NON_VOTING_ROLES
from infrastructure.periods import today
from infrastructure.uploads import content_matches_extension
from infrastructure.versioning import VersionedModelForm
from infrastructure.widgets import DateInput

IMPORT_EXTENSIONS = ["csv", "xlsx"]


class OrganisationForm(VersionedModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "sector",
            "college",
            "mrc",
            "address",
            "website",
            "description",
            "joined",
            "is_active",
        ]
        widgets = {
            "joined": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def save(self, commit=True):
        if not self.instance.slug:
            self.instance.slug = unique_slug(Organisation, self.cleaned_data["name"])
        return super().save(commit)


def unique_slug(model, text):
    base = slugify(text)[:70] or "organisation"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class PersonForm(VersionedModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "email", "phone", "show_email", "show_phone"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = Person.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(
                _("Another person of the directory already has this email address.")
            )
        return email


class PersonCreateForm(PersonForm):
    """A new person of the directory, with the organisation they belong to."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.active()
    )
    role = forms.CharField(label=_("Role in the organisation"), max_length=150, required=False)

    class Meta(PersonForm.Meta):
        pass

    def save(self, commit=True):
        with transaction.atomic():
            person = super().save(commit=True)
            Affiliation.objects.create(
                person=person,
                organisation=self.cleaned_data["organisation"],
                role=self.cleaned_data["role"],
            )
        return person


class ContactPreferencesForm(VersionedModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = Person
        fields = ["title", "phone", "show_email", "show_phone"]


class AffiliationForm(forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "role", "starts"]
        widgets = {"starts": DateInput()}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.fields["organisation"].queryset = Organisation.objects.active()

    def clean_organisation(self):
        organisation = self.cleaned_data["organisation"]
        if self.instance.person.affiliations.filter(
            organisation=organisation, ends__isnull=True
        ).exists():
            raise forms.ValidationError(_("This person already belongs to this organisation."))
        return organisation


class RepresentationForm(forms.ModelForm):
    """Name an organisation's delegate or substitute to the assembly."""

    class Meta:
        model = Representation
        fields = ["kind", "person", "starts"]
        widgets = {"starts": DateInput()}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["person"].queryset = Person.objects.filter(
            affiliations__in=Affiliation.objects.current().filter(organisation=organisation)
        ).distinct()
        self.fields["person"].help_text = _("Only current members of the organisation.")

    def clean(self):
        cleaned = super().clean()
        kind, starts, person = (cleaned.get(key) for key in ("kind", "starts", "person"))
        if kind and starts and (later := self.organisation.later_representative(kind, starts)):
            self.add_error(
                "starts",
                _(
                    "%(person)s holds this role from %(date)s; a new term must start on or "
                    "after that day."
                )
                % {"person": later.person, "date": later.starts},
            )
        if kind and starts and person:
            other = workflow.other_open_representation(self.organisation, person, kind, starts)
            if other:
                self.add_error("person", workflow.one_role_at_a_time(other))
        return cleaned

    def save(self, commit=True):
        self.instance_saved = workflow.name_representative(
            self.organisation,
            self.cleaned_data["person"],
            self.cleaned_data["kind"],
            self.cleaned_data["starts"],
        )
        return self.instance_saved


class SeatForm(forms.ModelForm):
    """Give someone a seat on a body."""

    class Meta:
        model = Seat
        fields = [
            "person",
            "organisation",
            "role",
            "mode",
            "college",
            "mrc",
            "starts",
            "ends",
            "note",
            "beyond_quota",
            "beyond_quota_reason",
        ]
        widgets = {"starts": DateInput(), "ends": DateInput()}
        labels = {"ends": _("End of term (last day, inclusive)")}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        if self.instance.pk:
            # Who holds a seat does not change; a new holder gets a new seat.
            self.fields["person"].disabled = True
        self.fields["organisation"].queryset = Organisation.objects.active()

    def clean(self):
        cleaned = super().clean()
        voting = cleaned.get("role") not in NON_VOTING_ROLES
        if voting and self.instance.body.kind != BodyKind.ADOC and not cleaned.get("organisation"):
            self.add_error(
                "organisation", _("A member sits for an organisation: choose which one.")
            )
        if "organisation" in self.changed_data:
            # Left as they were, college and MRC follow the new organisation.
            for name in ("college", "mrc"):
                if name not in self.changed_data:
                    cleaned[name] = ""
                    setattr(self.instance, name, "")
        return cleaned

    def save(self, commit=True):
        """Record the seat through governance.workflow.save_seat (overlap and quota rules)."""
        return workflow.save_seat(self.instance)


class EndPeriodForm(forms.Form):
    """End a seat or an affiliation (resignation, end of term, departure)."""

    ends = forms.DateField(
        label=_("Last day"),
        widget=DateInput(),
        initial=today,
        help_text=_(
            "Inclusive: the person is still listed as a current member on that day, and among "
            "former members from the next day."
        ),
    )

    def __init__(self, *args, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def save(self):
        self.message, self.tied = workflow.end_period(self.period, self.cleaned_data["ends"])
        return self.period


class DirectoryFilterForm(forms.Form):
    """The directory's search box and filters (GET)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    college = forms.ChoiceField(label=_("College"), required=False)
    mrc = forms.ChoiceField(label=_("MRC"), required=False)
    chantier = forms.ModelChoiceField(
        label=_("Chantier"),
        required=False,
        queryset=Body.objects.filter(kind=BodyKind.CHANTIER),
        to_field_name="slug",
        empty_label=_("All"),
    )
    former = forms.BooleanField(label=_("Include former members"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sector", "college", "mrc"):
            model_field = Organisation._meta.get_field(name)
            self.fields[name].choices = [("", _("All")), *model_field.choices]

    def filter(self, organisations):
        if not self.is_valid():
            return organisations.active()
        data = self.cleaned_data
        if not data["former"]:
            organisations = organisations.active()
        if data["q"]:
            organisations = organisations.search(data["q"])
        for name in ("sector", "college", "mrc"):
            if data[name]:
                organisations = organisations.filter(**{name: data[name]})
        if data["chantier"]:
            organisations = organisations.sitting_on(data["chantier"])
        return organisations


class ImportForm(forms.Form):
    """A spreadsheet to bring into the directory (governance.spreadsheets)."""

    kind = forms.ChoiceField(
        label=_("What the file lists"), choices=ImportKind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        validators=[FileExtensionValidator(IMPORT_EXTENSIONS)],
        help_text=_(
            "The first row names the columns, as in the templates; nothing is written before "
            "you have seen what the import will do."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        content_matches_extension(upload, IMPORT_EXTENSIONS)
        return upload
