from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elections import results, workflow
from elections.forms import (
    BallotForm,
    CandidacyForm,
    ElectionForm,
    PaperCountForm,
    ReceiptForm,
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
from elections.workflow import ElectionError
from governance.models import College
from infrastructure.access import permission_required, person_of, require_person
from infrastructure.pagecache import cached_page

MANAGE = "elections.manage_election"


@permission_required("governance.view_portal")
def election_list(request):
    elections = (
        Election.objects.visible_to(request.user)
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
            election.candidacies.filter(
                status=CandidacyStatus.PROPOSED,
                organisation__in=workflow.delegate_of_any(person),
            ).select_related("person", "organisation")
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
            "electors": election.electors.count()
            if election.state != ElectionState.PREPARATION
            else None,
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


@cached_page
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
    form = TransitionForm(request.POST or None, election=election, target=target)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.move(
                election,
                target,
                request.user,
                form.cleaned_data["note"],
                form.cleaned_data.get("replaced", ()),
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
            _("You confirmed the candidacy of %(name)s.") % {"name": candidacy.person},
        )
    return redirect(candidacy.election)


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
            request, _("The candidacy of %(name)s was withdrawn.") % {"name": candidacy.person}
        )
    return redirect("elections:candidate-list", pk=candidacy.election_id)


@permission_required("governance.view_portal")
def vote(request, pk):
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
    elif workflow.has_voted(elector):
        refusal = _(
            "%(organisation)s has already voted in this election; a ballot cannot be changed."
        ) % {"organisation": elector.organisation}
    if refusal:
        messages.error(request, refusal)
        return redirect(election)
    colleges = workflow.ballot_colleges(election)
    candidacies = list(election.candidacies.confirmed().for_listing())
    form = BallotForm(request.POST or None, colleges=colleges, candidacies=candidacies)
    if request.method == "POST" and form.is_valid():
        try:
            code = workflow.cast(election, person, form.selections())
        except ElectionError as error:
            form.add_error(None, str(error))
        else:
            # Shown in this response and never stored anywhere (no session, no message) so that
            # nothing but the delegate's own copy ties the code to their organisation.
            return render(
                request,
                "elections/receipt.html",
                {"election": election, "code": code, "organisation": elector.organisation},
            )
    return render(
        request,
        "elections/vote_form.html",
        {"form": form, "election": election, "elector": elector},
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
    if college not in College.values:
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
    form = PaperCountForm(request.POST or None, colleges=colleges, candidacies=candidacies)
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
    return render(request, "elections/paper_form.html", {"form": form, "election": election})


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
