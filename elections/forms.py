import datetime

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from elections.models import (
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
    TieMethod,
)
from elections.workflow import council_seats_open_on
from governance.models import (
    Affiliation,
    Body,
    BodyKind,
    Organisation,
    Person,
    Seat,
    SeatMode,
)
from governance.models.territory import college_choices
from infrastructure import display
from infrastructure.periods import today
from infrastructure.versioning import VersionedModelForm
from infrastructure.widgets import DateInput

# Elected seats whose term ends this close after the assembly are offered as the ones it renews.
RENEWAL_WINDOW = datetime.timedelta(days=183)


class ElectionForm(VersionedModelForm):
    """An election's settings, with the seats of each college (0: no seat in that college):
    one field per college of the alliance (governance.College), named `<code>_seats`."""

    class Meta:
        model = Election
        fields = [
            "title",
            "held_on",
            "mode",
            "term_years",
            "mrc_minimum",
            "nominations_open",
            "nominations_close",
            "voting_opens",
            "voting_closes",
        ]
        widgets = {
            name: DateInput()
            for name in (
                "held_on",
                "nominations_open",
                "nominations_close",
                "voting_opens",
                "voting_closes",
            )
        }

    DATE_ORDER = [
        (
            "nominations_open",
            "nominations_close",
            _("Nominations close on or after the day they open."),
        ),
        (
            "nominations_close",
            "voting_opens",
            _("Voting opens on or after the day nominations close."),
        ),
        ("voting_opens", "voting_closes", _("Voting closes on or after the day it opens.")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.COLLEGE_FIELDS = {}
        for code, label in college_choices():
            name = self.COLLEGE_FIELDS[code] = f"{code}_seats"
            self.fields[name] = forms.IntegerField(
                label=_("seats of the college “%(college)s”") % {"college": label},
                min_value=0,
                max_value=20,
                initial=4,
            )
        if self.instance.pk:
            seats = dict(self.instance.colleges.values_list("college", "seats"))
            for college, name in self.COLLEGE_FIELDS.items():
                self.fields[name].initial = seats.get(college, 0)

    def clean(self):
        data = super().clean()
        # Each date after the one before, the error on the later field (the database's check
        # constraints say the same, but a form error names the field, in French).
        for earlier, later, message in self.DATE_ORDER:
            if data.get(earlier) and data.get(later) and data[later] < data[earlier]:
                self.add_error(later, message)
        if not any(data.get(name) for name in self.COLLEGE_FIELDS.values()):
            raise forms.ValidationError(_("Give at least one seat to fill."))
        if self.instance.pk:
            running = set(
                self.instance.candidacies.exclude(status=CandidacyStatus.WITHDRAWN).values_list(
                    "college", flat=True
                )
            )
            for college, name in self.COLLEGE_FIELDS.items():
                if college in running and data.get(name) == 0:
                    self.add_error(
                        name, _("Candidates run in this college: it needs at least one seat.")
                    )
        if self.instance.pk is None and not Body.objects.filter(kind=BodyKind.ASSEMBLY).exists():
            raise forms.ValidationError(_("The assembly of partners is missing from the bodies."))
        return data

    def save(self, commit=True):
        election = super().save(commit=False)
        if election.assembly_id is None:
            election.assembly = Body.objects.get(kind=BodyKind.ASSEMBLY)
        with transaction.atomic():
            election.save()
            for college, name in self.COLLEGE_FIELDS.items():
                seats = self.cleaned_data[name]
                if seats:
                    ElectionCollege.objects.update_or_create(
                        election=election, college=college, defaults={"seats": seats}
                    )
                else:
                    ElectionCollege.objects.filter(election=election, college=college).delete()
        return election


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the election’s history. Required to cancel: say why."),
    )
    replaced = forms.ModelMultipleChoiceField(
        label=_("Seats the elected replace"),
        queryset=Seat.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They end the day before the assembly. Ticked: the elected seats whose term ends "
            "within six months after the assembly, when this election fills at least as many "
            "seats. A by-election filling a vacant seat replaces none."
        ),
    )

    advance = forms.BooleanField(
        label=_("Open voting today, before its opening date"),
        required=False,
        help_text=_("The opening date becomes today; the history keeps the date it replaces."),
    )

    def __init__(self, *args, election, target, **kwargs):
        super().__init__(*args, **kwargs)
        if target != ElectionState.VOTING or election.voting_opens <= today():
            del self.fields["advance"]
        if target != ElectionState.PUBLISHED:
            del self.fields["replaced"]
            return
        seats = council_seats_open_on(election).select_related("person", "organisation")
        self.fields["replaced"].queryset = seats
        self.fields["replaced"].label_from_instance = lambda seat: (
            _("%(person)s (%(organisation)s), %(college)s, term until %(ends)s")
            % {
                "person": seat.person,
                "organisation": seat.organisation or "–",
                "college": seat.get_college_display() or "–",
                "ends": display.day(seat.ends) if seat.ends else "–",
            }
        )
        renewable = [
            seat.pk
            for seat in seats
            if seat.mode == SeatMode.ELECTED
            and seat.ends
            and seat.ends <= election.held_on + RENEWAL_WINDOW
        ]
        # A by-election (fewer seats than the cohort ending) replaces nobody by default.
        if len(renewable) <= sum(row.seats for row in election.colleges.all()):
            self.fields["replaced"].initial = renewable


class CandidacyForm(forms.Form):
    """Someone puts themselves forward; the ADOC team may also enter another person's candidacy."""

    person = forms.ModelChoiceField(label=_("Candidate"), queryset=Person.objects.none())
    organisation = forms.ModelChoiceField(
        label=_("Runs for the organisation"), queryset=Organisation.objects.none()
    )
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few lines for the delegates: why you run, what you bring."),
    )

    def __init__(self, *args, person, manager, **kwargs):
        super().__init__(*args, **kwargs)
        if manager:
            members = Affiliation.objects.current().filter(organisation__is_active=True)
            self.fields["person"].queryset = Person.objects.filter(pk__in=members.values("person"))
            self.fields["organisation"].queryset = Organisation.objects.active()
            self.fields["organisation"].help_text = _(
                "One of the organisations the candidate belongs to."
            )
        else:
            del self.fields["person"]
            self.fields["organisation"].queryset = Organisation.objects.active().filter(
                pk__in=Affiliation.objects.current().filter(person=person).values("organisation")
            )


class BallotForm(forms.Form):
    """One list of names per contested college; none ticked is a blank ballot. `hidden`: the
    same choices carried by the review page, with its one-time token."""

    def __init__(self, *args, colleges, candidacies, hidden=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.colleges = colleges
        self.candidacies = {candidacy.pk: candidacy for candidacy in candidacies}
        for row in colleges:
            choices = [
                (c.pk, f"{c.person} ({c.organisation})")
                for c in candidacies
                if c.college == row.college
            ]
            self.fields[row.college] = forms.TypedMultipleChoiceField(
                label=ngettext_lazy(
                    "College “%(college)s”: choose up to %(seats)s person",
                    "College “%(college)s”: choose up to %(seats)s people",
                    "seats",
                )
                % {"college": row.get_college_display(), "seats": row.seats},
                choices=choices,
                coerce=int,
                required=False,
                widget=forms.MultipleHiddenInput if hidden else forms.CheckboxSelectMultiple,
                help_text=_("Ticking no name leaves a blank ballot in this college."),
            )
        if hidden:
            self.fields["token"] = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        for row in self.colleges:
            if len(data.get(row.college) or []) > row.seats:
                self.add_error(
                    row.college,
                    _(
                        "You chose %(chosen)s people in the college “%(college)s”, which has "
                        "%(seats)s seats: choose at most %(seats)s."
                    )
                    % {
                        "chosen": len(data[row.college]),
                        "college": row.get_college_display(),
                        "seats": row.seats,
                    },
                )
        return data

    def selections(self):
        return {
            row.college: [self.candidacies[pk] for pk in self.cleaned_data.get(row.college, [])]
            for row in self.colleges
        }

    def chosen_ids(self):
        return sorted(pk for row in self.colleges for pk in self.cleaned_data.get(row.college, []))


class ReceiptEmailForm(forms.Form):
    """The receipt page's « email me the code »: the one-time token of the vote, nothing else."""

    token = forms.CharField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    """A refusal, a reopening: why, in a few words kept in the history."""

    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


class ExtendVotingForm(forms.Form):
    """A later closing date for an open vote."""

    closes = forms.DateField(label=_("Voting now closes on"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the election’s history."),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election

    def clean_closes(self):
        closes = self.cleaned_data["closes"]
        if closes < today():
            raise forms.ValidationError(_("Choose today or a later day."))
        if closes <= self.election.voting_closes:
            raise forms.ValidationError(
                _("Choose a day after the current closing date, %(date)s.")
                % {"date": display.day(self.election.voting_closes)}
            )
        return closes


class ReopenVotingForm(forms.Form):
    """Back to open voting, until a new closing date, with a reason."""

    closes = forms.DateField(label=_("Voting closes on"), widget=DateInput())
    note = forms.CharField(
        label=_("Why voting is reopened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the election’s history."),
    )

    def clean_closes(self):
        closes = self.cleaned_data["closes"]
        if closes < today():
            raise forms.ValidationError(_("Choose today or a later day."))
        return closes


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        max_length=40,
        help_text=_(
            "The code shown when your organisation voted, for example ABCD-EFGH-JKLM-NPQR."
        ),
    )


class TieBreakForm(forms.Form):
    winners = forms.MultipleChoiceField(
        label=_("Who takes the remaining seats"), widget=forms.CheckboxSelectMultiple
    )
    method = forms.ChoiceField(label=_("The tie was broken by"), choices=TieMethod.choices)
    note = forms.CharField(
        label=_("How it went"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: lots drawn by the chair of the assembly, before the delegates."),
    )

    def __init__(self, *args, tied, **kwargs):
        super().__init__(*args, **kwargs)
        self.tied = {str(c.pk): c for c in tied}
        self.fields["winners"].choices = [(str(c.pk), str(c.person)) for c in tied]

    def winner_candidacies(self):
        return [self.tied[pk] for pk in self.cleaned_data["winners"]]


class PaperCountForm(forms.Form):
    """The counts of the paper ballots, per college and per candidate."""

    def __init__(self, *args, colleges, candidacies, electors, **kwargs):
        super().__init__(*args, **kwargs)
        self.colleges, self.candidacies, self.electors = colleges, candidacies, electors
        for row in colleges:
            college = row.get_college_display()
            for name, label, value in (
                ("ballots", _("Ballots cast, college “%(college)s”"), row.ballots),
                ("blank", _("Blank ballots, college “%(college)s”"), row.blank),
                ("spoiled", _("Spoiled ballots, college “%(college)s”"), row.spoiled),
            ):
                self.fields[f"{name}_{row.college}"] = forms.IntegerField(
                    label=label % {"college": college}, min_value=0, initial=value
                )
            for candidacy in candidacies:
                if candidacy.college == row.college:
                    self.fields[f"votes_{candidacy.pk}"] = forms.IntegerField(
                        label=_("Votes for %(name)s") % {"name": candidacy.person},
                        min_value=0,
                        initial=candidacy.votes,
                    )

    def clean(self):
        data = super().clean()
        for row in self.colleges:
            ballots = data.get(f"ballots_{row.college}")
            blank = data.get(f"blank_{row.college}")
            spoiled = data.get(f"spoiled_{row.college}")
            if ballots is not None and ballots > self.electors:
                self.add_error(
                    f"ballots_{row.college}",
                    _("More ballots than electors (%(electors)s): check the count.")
                    % {"electors": self.electors},
                )
                continue
            if None in (ballots, blank, spoiled):
                continue
            marked = ballots - blank - spoiled
            if marked < 0:
                self.add_error(
                    f"ballots_{row.college}",
                    _("Blank and spoiled ballots cannot outnumber the ballots cast."),
                )
                continue
            total = 0
            for candidacy in self.candidacies:
                if candidacy.college != row.college:
                    continue
                votes = data.get(f"votes_{candidacy.pk}") or 0
                total += votes
                if votes > marked:
                    self.add_error(
                        f"votes_{candidacy.pk}",
                        _("More votes than ballots naming someone (%(marked)s).")
                        % {"marked": marked},
                    )
            if total > marked * row.seats:
                self.add_error(
                    f"ballots_{row.college}",
                    _(
                        "The votes add up to %(total)s, more than %(marked)s ballots naming at "
                        "most %(seats)s people each allow."
                    )
                    % {"total": total, "marked": marked, "seats": row.seats},
                )
        return data

    def counts(self):
        data = self.cleaned_data
        colleges = {
            row: (
                data[f"ballots_{row.college}"],
                data[f"blank_{row.college}"],
                data[f"spoiled_{row.college}"],
            )
            for row in self.colleges
        }
        votes = {c: data[f"votes_{c.pk}"] for c in self.candidacies}
        return colleges, votes
