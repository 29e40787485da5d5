from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elections import receipts, results, workflow
from elections.forms import (
    BallotForm,
    CandidacyForm,
    ElectionForm,
    ExtendVotingForm,
    PaperCountForm,
    ReasonForm,
    ReceiptEmailForm,
    ReceiptForm,
    ReopenVotingForm,
    TieBreakForm,
    TransitionForm,
)
from elections.models import (
    CandidacyStatus,
    Election,
    ElectionState,
    Transition,
)
from elections.rules import candidacy_for, election_for
from elections.tasks import send_receipt
from elections.workflow import ElectionError
from governance.models import Territory, territory
from governance.models.territory import college_choices
from governance.roles import audience
from infrastructure import display
from infrastructure.access import permission_required, person_of, require_person
from infrastructure.pagecache import shared_page
from infrastructure.periods import today
from infrastructure.redirects import local_page

MANAGE = "elections.manage_election"


class NextForm(forms.Form):
    next = forms.CharField(max_length=300)


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


@permission_required("governance.view_portal")
def election_list(request):
    elections = (
        Election.objects.visible_to(request.user)
        .order_by("-held_on", "-pk")
        .prefetch_related("colleges")
        .annotate(
            candidate_count=Count(
                "candidacies", filter=Q(candidacies__status=CandidacyStatus.CONFIRMED)
            )
        )
    )
    return render(request, "elections/election_list.html", {"elections": elections})


@permission_required("governance.view_portal")
def election_detail(request, pk):
    election = election_for(
        request,
        pk,
        queryset=Election.objects.select_related(
            "assembly", "paper_entered_by", "paper_confirmed_by"
        ).prefetch_related(
            "colleges",
            Prefetch("transitions", queryset=Transition.objects.select_related("by")),
        ),
    )
    person = person_of(request.user)
    elector = workflow.elector_for(election, person) if election.is_voting_open else None
    counts = dict(
        election.candidacies.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    to_confirm = []
    if person is not None and election.accepts_candidacies:
        to_confirm = list(
            election.candidacies.awaiting(person).select_related("person", "organisation")
        )
    own = None
    if person is not None:
        own = election.candidacies.filter(person=person).select_related("organisation").first()
    return render(
        request,
        "elections/election_detail.html",
        {
            "election": election,
            "elector": elector,
            "has_voted": workflow.has_voted(elector),
            "confirmed_count": counts.get(CandidacyStatus.CONFIRMED, 0),
            "proposed_count": counts.get(CandidacyStatus.PROPOSED, 0),
            "to_confirm": to_confirm,
            "own_candidacy": own,
            "states": ElectionState,
            "can_manage": request.user.has_perm(MANAGE),
            "can_propose": request.user.has_perm("elections.propose_candidacy", election),
            # The electors are frozen when voting opens: before that, there are none to show.
            "electors": election.electors.count()
            if election.state not in (ElectionState.PREPARATION, ElectionState.NOMINATIONS)
            else None,
            "opened_early": election.state == ElectionState.VOTING
            and election.voting_opens > today(),
            "participations": workflow.participation_count(election),
        },
    )


@permission_required("governance.view_portal")
def candidate_list(request, pk):
    election = election_for(request, pk, queryset=Election.objects.prefetch_related("colleges"))
    candidacies = list(election.candidacies.for_listing())
    colleges = [
        {"row": row, "candidacies": [c for c in candidacies if c.college == row.college]}
        for row in election.colleges.all()
    ]
    return render(
        request,
        "elections/candidate_list.html",
        {"election": election, "colleges": colleges, "statuses": CandidacyStatus},
    )


@shared_page(audience)
@permission_required("governance.view_portal")
def election_results(request, pk):
    election = election_for(request, pk, view="elections.view_results")
    return render(
        request,
        "elections/election_results.html",
        {"election": election, **results.build(election)},
    )


@permission_required("elections.manage_election")
def election_create(request):
    form = ElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        election = form.save()
        messages.success(request, _("The election was created, in preparation."))
        return redirect(election)
    return render(request, "elections/election_form.html", {"form": form})


@permission_required("governance.view_portal")
def election_update(request, pk):
    election = election_for(request, pk, change=MANAGE)
    if not election.accepts_candidacies:
        messages.error(request, _("An election cannot be changed once voting has opened."))
        return redirect(election)
    form = ElectionForm(request.POST or None, instance=election)
    if request.method == "POST" and form.is_valid() and form.save_unless_changed():
        messages.success(request, _("The election was saved."))
        return redirect(election)
    return render(request, "elections/election_form.html", {"form": form, "election": election})


@permission_required("governance.view_portal")
def election_transition(request, pk, target):
    election = election_for(request, pk, change=MANAGE)
    if target not in ElectionState.values:
        raise Http404
    target = ElectionState(target)
    if target == ElectionState.PUBLISHED:
        # Published from the preview of the comité as it will be.
        return redirect("elections:publish-preview", pk=election.pk)
    form = TransitionForm(request.POST or None, election=election, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.move(
                election,
                target,
                request.user,
                form.cleaned_data["note"],
                advance=form.cleaned_data.get("advance", False),
            )
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("The election is now: %(state)s.") % {"state": target.label}
            )
            return redirect(election)
    return render(
        request,
        "elections/transition_form.html",
        {"form": form, "election": election, "target": target},
    )


@permission_required("governance.view_portal")
def candidacy_create(request, pk):
    election = election_for(request, pk, change="elections.propose_candidacy")
    manager = request.user.has_perm(MANAGE)
    # An ADOC agent records someone else's candidacy; a partner puts themselves forward.
    person = person_of(request.user) if manager else require_person(request)
    form = CandidacyForm(request.POST or None, person=person, manager=manager)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.propose(
                election,
                form.cleaned_data.get("person") or person,
                form.cleaned_data["organisation"],
                form.cleaned_data["statement"],
                by=request.user,
                base_url=base_url(request),
            )
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The candidacy was recorded; the organisation’s delegate must confirm it."),
            )
            return redirect("elections:candidate-list", pk=election.pk)
    return render(
        request,
        "elections/candidacy_form.html",
        {"form": form, "election": election, "manager": manager},
    )


@require_POST
@permission_required("governance.view_portal")
def candidacy_confirm(request, pk):
    candidacy = candidacy_for(request, pk, change="elections.confirm_candidacy")
    try:
        workflow.confirm(candidacy, require_person(request))
    except ElectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You confirmed the candidacy of %(name)s.") % {"name": display.de(candidacy.person)},
        )
    return _back(request, candidacy.election)


def _back(request, default):
    """Back to the page the action was taken from (« Mes suivis »), else `default`."""
    form = NextForm(request.POST if "next" in request.POST else request.GET)
    back = local_page(request, form.cleaned_data["next"]) if form.is_valid() else None
    return redirect(back or default)


@permission_required("governance.view_portal")
def candidacy_refuse(request, pk):
    candidacy = candidacy_for(request, pk, change="elections.confirm_candidacy")
    form = ReasonForm(
        request.POST or None,
        label=_("Why you refuse this candidacy"),
        help_text=_("Sent to the candidate, and to whoever entered the candidacy."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            workflow.refuse(
                candidacy,
                require_person(request),
                form.cleaned_data["reason"],
                base_url=base_url(request),
            )
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("You refused the candidacy of %(name)s; they are told why.")
                % {"name": display.de(candidacy.person)},
            )
            return _back(request, candidacy.election)
    return render(
        request,
        "elections/candidacy_refuse.html",
        {"form": form, "candidacy": candidacy, "election": candidacy.election},
    )


@require_POST
@permission_required("governance.view_portal")
def candidacy_withdraw(request, pk):
    candidacy = candidacy_for(request, pk, change="elections.withdraw_candidacy")
    try:
        workflow.withdraw(candidacy)
    except ElectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The candidacy of %(name)s was withdrawn.") % {"name": display.de(candidacy.person)},
        )
    return redirect("elections:candidate-list", pk=candidacy.election_id)


def _ballot(request, pk):
    """The election, the delegate and their elector, or the reason they cannot vote."""
    election = election_for(
        request,
        pk,
        change="elections.vote",
        queryset=Election.objects.prefetch_related("colleges"),
    )
    person = require_person(request)
    elector = workflow.elector_for(election, person)
    refusal = None
    if not election.is_voting_open:
        refusal = _("Voting is not open for this election at the moment.")
    elif elector is None:
        refusal = _("Your organisation is not on the list of electors of this election.")
    return election, person, elector, refusal


def _already_voted(elector):
    return _("%(organisation)s has already voted in this election; a ballot cannot be changed.") % {
        "organisation": elector.organisation
    }


def _ballot_context(election, form, elector):
    colleges = list(election.colleges.all())
    candidacies = list(form.candidacies.values())
    return {
        "form": form,
        "election": election,
        "elector": elector,
        "acclaimed": [row for row in colleges if row.acclaimed],
        "running": [
            {"row": row, "candidacies": [c for c in candidacies if c.college == row.college]}
            for row in form.colleges
        ],
    }


@permission_required("governance.view_portal")
def vote(request, pk):
    """The ballot; its button only leads to the review page (pressing Enter on a name never
    casts the vote)."""
    election, person, elector, refusal = _ballot(request, pk)
    if refusal is None and workflow.has_voted(elector):
        refusal = _already_voted(elector)
    if refusal:
        messages.error(request, refusal)
        return redirect(election)
    colleges = workflow.ballot_colleges(election)
    candidacies = list(election.candidacies.confirmed().for_listing())
    form = BallotForm(request.POST or None, colleges=colleges, candidacies=candidacies)
    # « Modifier mes choix » on the review page: the ballot again, as it was ticked.
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        chosen = form.chosen_ids()
        review = BallotForm(
            {
                **{row.college: form.cleaned_data.get(row.college, []) for row in colleges},
                "token": receipts.new_token(election, person, elector, chosen),
            },
            colleges=colleges,
            candidacies=candidacies,
            hidden=True,
        )
        return render(
            request,
            "elections/vote_review.html",
            {
                "form": review,
                "election": election,
                "elector": elector,
                "choices": [
                    {"row": row, "chosen": form.selections()[row.college]} for row in colleges
                ],
            },
        )
    return render(request, "elections/vote_form.html", _ballot_context(election, form, elector))


@require_POST
@permission_required("governance.view_portal")
def vote_confirm(request, pk):
    """The second POST, from the review page: casts the ballot. The same review page posted
    again (a double click, a reload) shows the same receipt and casts nothing."""
    election, person, elector, refusal = _ballot(request, pk)
    colleges = workflow.ballot_colleges(election)
    candidacies = list(election.candidacies.confirmed().for_listing())
    form = BallotForm(request.POST, colleges=colleges, candidacies=candidacies, hidden=True)
    token = None
    if form.is_valid():
        token = receipts.read_token(form.cleaned_data["token"], election, person)
    if token is None or token["c"] != form.chosen_ids():
        messages.error(
            request, _("This confirmation page is no longer valid: review your choices again.")
        )
        return redirect("elections:vote", pk=election.pk)
    if not receipts.claim(token):
        # Another request carries this very review page: it casts, this one shows its receipt.
        code = receipts.recall(token, wait=True)
        voted_for = election.electors.filter(pk=token["o"]).first()
        if code is None or voted_for is None:
            messages.error(request, _("This ballot was already submitted."))
            return redirect(election)
        return _receipt(request, election, voted_for, code, token=form.cleaned_data["token"])
    if refusal is None and (token["o"] != elector.pk or workflow.has_voted(elector)):
        refusal = _already_voted(elector)
    if refusal:
        messages.error(request, refusal)
        return redirect(election)
    try:
        code = workflow.cast(election, person, form.selections())
    except ElectionError as error:
        receipts.release(token)
        messages.error(request, str(error))
        return redirect(election)
    receipts.keep(token, code)
    return _receipt(request, election, elector, code, token=form.cleaned_data["token"])


def _receipt(request, election, elector, code, *, token, emailed=False):
    # The code is shown in this response; the cache keeps it only masked, under a key that
    # names no one (elections/receipts.py): nothing but the delegate's page ties them.
    return render(
        request,
        "elections/receipt.html",
        {
            "election": election,
            "code": code,
            "organisation": elector.organisation,
            "email_form": ReceiptEmailForm(initial={"token": token}),
            "emailed": emailed,
        },
    )


@require_POST
@permission_required("governance.view_portal")
def receipt_email(request, pk):
    """Email the delegate their receipt code (the code only, never the choices). Sent at once,
    not through the queue, so that the code is never stored beside who asked for it."""
    election = election_for(request, pk, change="elections.vote")
    person = require_person(request)
    form = ReceiptEmailForm(request.POST)
    token = receipts.read_token(form.data.get("token", ""), election, person)
    code = receipts.recall(token) if token and form.is_valid() else None
    elector = election.electors.filter(pk=token["o"]).first() if token else None
    if code is None or elector is None or not person.email:
        messages.error(request, _("The receipt can no longer be emailed from this page."))
        return redirect(election)
    send_receipt(person, election, code)
    return _receipt(
        request, election, elector, code, token=form.cleaned_data["token"], emailed=True
    )


@permission_required("governance.view_portal")
def receipt_check(request, pk):
    """Anyone holding a receipt code checks that its ballot is in the box; the code goes by
    POST so that it stays out of addresses and server logs."""
    election = election_for(request, pk)
    form = ReceiptForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = workflow.check_receipt(election, form.cleaned_data["code"])
    return render(
        request,
        "elections/receipt_check.html",
        {
            "form": form,
            "election": election,
            "found": found,
            "counted": election.state in (ElectionState.COUNTED, ElectionState.PUBLISHED),
        },
    )


@permission_required("governance.view_portal")
def tie_break(request, pk, college):
    election = election_for(request, pk, change=MANAGE)
    if college not in dict(college_choices()):
        raise Http404
    row = get_object_or_404(election.colleges, college=college)
    if not row.tie_pending or election.state != ElectionState.COUNTED:
        messages.error(request, _("There is no tie to break in this college."))
        return redirect("elections:election-results", pk=election.pk)
    tied = list(
        election.candidacies.confirmed().filter(college=college, tied=True).select_related("person")
    )
    remaining = row.seats - election.candidacies.filter(college=college, elected=True).count()
    form = TieBreakForm(request.POST or None, tied=tied)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.break_tie(
                row,
                form.winner_candidacies(),
                form.cleaned_data["method"],
                form.cleaned_data["note"],
                request.user,
            )
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("How the tie was broken is recorded."))
            return redirect("elections:election-results", pk=election.pk)
    return render(
        request,
        "elections/tie_form.html",
        {"form": form, "election": election, "row": row, "tied": tied, "remaining": remaining},
    )


@permission_required("governance.view_portal")
def paper_counts(request, pk):
    election = election_for(request, pk, change=MANAGE)
    if not election.is_paper or election.state != ElectionState.VOTING:
        messages.error(request, _("Paper counts are entered while the paper vote is open."))
        return redirect(election)
    colleges = workflow.ballot_colleges(election)
    contested = {row.college for row in colleges}
    candidacies = [
        c for c in election.candidacies.confirmed().for_listing() if c.college in contested
    ]
    form = PaperCountForm(
        request.POST or None,
        colleges=colleges,
        candidacies=candidacies,
        electors=election.electors.count(),
    )
    if request.method == "POST" and form.is_valid():
        rows, votes = form.counts()
        try:
            workflow.enter_paper_counts(election, rows, votes, request.user)
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The paper counts are recorded; another ADOC agent must now confirm them."),
            )
            return redirect(election)
    return render(
        request,
        "elections/paper_form.html",
        {"form": form, "election": election, "refusal": election.paper_refusal},
    )


@permission_required("governance.view_portal")
def paper_review(request, pk):
    """The figures entered, for the second agent to confirm or send back."""
    election = election_for(
        request,
        pk,
        change=MANAGE,
        queryset=Election.objects.select_related("paper_entered_by"),
    )
    if not election.is_paper or election.paper_entered_by_id is None:
        messages.error(request, _("There are no paper counts to confirm."))
        return redirect(election)
    return render(
        request,
        "elections/paper_review.html",
        {
            "election": election,
            **_paper_figures(election),
            "may_decide": election.paper_entered_by_id != request.user.pk
            and election.paper_confirmed_by_id is None,
            "form": ReasonForm(
                label=_("Why the counts are sent back"),
                help_text=_("The agent who entered them corrects them and enters them again."),
            ),
        },
    )


def _paper_figures(election):
    colleges = workflow.ballot_colleges(election)
    candidacies = list(election.candidacies.confirmed().for_listing())
    return {
        "electors": election.electors.count(),
        "colleges": [
            {"row": row, "candidacies": [c for c in candidacies if c.college == row.college]}
            for row in colleges
        ],
    }


@require_POST
@permission_required("governance.view_portal")
def paper_refuse(request, pk):
    election = election_for(request, pk, change=MANAGE)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the counts are sent back."))
        return redirect("elections:paper-review", pk=election.pk)
    try:
        workflow.refuse_paper_counts(election, request.user, form.cleaned_data["reason"])
    except ElectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The paper counts were sent back to be entered again."))
    return redirect(election)


# ---------------------------------------------------------------------------------------------
# The ways out of a stuck election, and the preview before publishing
# ---------------------------------------------------------------------------------------------


@permission_required("governance.view_portal")
def voting_extend(request, pk):
    election = election_for(request, pk, change=MANAGE)
    form = ExtendVotingForm(request.POST or None, election=election)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.extend_voting(
                election, form.cleaned_data["closes"], request.user, form.cleaned_data["note"]
            )
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Voting now closes later."))
            return redirect(election)
    return render(
        request,
        "elections/voting_extend.html",
        {"form": form, "election": election},
    )


@require_POST
@permission_required("governance.view_portal")
def voting_open_now(request, pk):
    election = election_for(request, pk, change=MANAGE)
    try:
        workflow.open_voting_now(election, request.user)
    except ElectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Voting is open from today."))
    return redirect(election)


@permission_required("governance.view_portal")
def voting_reopen(request, pk):
    election = election_for(request, pk, change=MANAGE)
    form = ReopenVotingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.reopen_voting(
                election, form.cleaned_data["closes"], request.user, form.cleaned_data["note"]
            )
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Voting is open again."))
            return redirect(election)
    return render(
        request,
        "elections/voting_reopen.html",
        {"form": form, "election": election},
    )


@permission_required("governance.view_portal")
def publish_preview(request, pk):
    """The comité conseil as it will be once published, with its warnings; publishing is
    done from here. « Mettre à jour l’aperçu » shows the effect of other replaced seats."""
    election = election_for(request, pk, change=MANAGE)
    if election.state != ElectionState.COUNTED:
        messages.error(request, _("Only a counted election can be published."))
        return redirect(election)
    form = TransitionForm(request.POST or None, election=election, target=ElectionState.PUBLISHED)
    replaced = form.fields["replaced"].initial or []
    if request.method == "POST" and form.is_valid():
        replaced = form.cleaned_data["replaced"]
        if "publish" in request.POST:
            try:
                workflow.move(
                    election,
                    ElectionState.PUBLISHED,
                    request.user,
                    form.cleaned_data["note"],
                    replaced,
                )
            except ElectionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The results are published."))
                return redirect("elections:election-results", pk=election.pk)
    if replaced and not hasattr(replaced[0], "pk"):
        replaced = list(form.fields["replaced"].queryset.filter(pk__in=replaced))
    plan = workflow.publication_plan(election, replaced)
    return render(
        request,
        "elections/publish_preview.html",
        {
            "form": form,
            "election": election,
            "plan": plan,
            "quotas": plan.quotas(),
            "mrc_counts": _mrc_counts(plan),
            "mrc_short": [row for row in _mrc_counts(plan) if row["count"] < election.mrc_minimum],
        },
    )


def _mrc_counts(plan):
    seats = plan.seats_after
    return [
        {
            "mrc": territory.label(Territory, mrc),
            "count": sum(1 for _college, m in seats if m == mrc),
        }
        for mrc in territory.parts_of_the_territory()
    ]


@require_POST
@permission_required("governance.view_portal")
def paper_confirm(request, pk):
    election = election_for(request, pk, change=MANAGE)
    try:
        workflow.confirm_paper_counts(election, request.user)
    except ElectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You confirmed the paper counts."))
    return redirect(election)
