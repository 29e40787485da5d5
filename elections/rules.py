"""Who may do what with elections; used by views and templates alike."""

import rules

from elections.models import Candidacy, Election, ElectionState
from governance.rules import has_a_person, is_adoc, is_delegate, is_partner
from infrastructure.access import get_object_for, person_of


@rules.predicate
def election_visible(user, election):
    return election is None or election.state != ElectionState.PREPARATION


@rules.predicate
def results_published(user, election):
    return election is not None and election.state == ElectionState.PUBLISHED


@rules.predicate
def results_counted(user, election):
    return election is not None and election.state in (
        ElectionState.COUNTED,
        ElectionState.PUBLISHED,
    )


@rules.predicate
def is_candidate(user, candidacy):
    return candidacy is not None and candidacy.person.user_id == user.pk


# Browsing elections, their candidates: every partner; drafts only for the ADOC team.
rules.add_perm("elections.view_election", is_adoc | (is_partner & election_visible))
# Results: every partner once published; the ADOC team sees the count before publishing.
rules.add_perm(
    "elections.view_results", (is_partner & results_published) | (is_adoc & results_counted)
)
# Running an election (only ADOC agents, not the site administrators: the count is theirs to
# sign): states, candidacies, ties, paper counts.
rules.add_perm("elections.manage_election", is_adoc)
# Voting: delegates (the workflow checks which organisation and when).
rules.add_perm("elections.vote", is_delegate)
# Putting oneself forward: any partner with a directory entry, the candidacy being theirs (the
# workflow checks the organisation); an ADOC agent records someone else's.
rules.add_perm("elections.propose_candidacy", is_partner & has_a_person)
# Withdrawing: the candidate, or the ADOC team on their word.
rules.add_perm("elections.withdraw_candidacy", is_adoc | (is_partner & is_candidate))


@rules.predicate
def delegates_for_candidacy(user, candidacy):
    from elections.workflow import delegate_of

    person = person_of(user)
    return (
        candidacy is not None
        and person is not None
        and (delegate_of(person, candidacy.organisation_id).exists())
    )


# Confirming a candidacy: the delegate of the candidate's organisation.
rules.add_perm("elections.confirm_candidacy", is_delegate & has_a_person & delegates_for_candidacy)


@rules.predicate
def candidacy_election_visible(user, candidacy):
    return candidacy is not None and election_visible.test(user, candidacy.election)


# Seeing a candidacy: whoever may see its election.
rules.add_perm("elections.view_candidacy", is_adoc | (is_partner & candidacy_election_visible))


def election_for(request, pk, *, view="elections.view_election", change=None, queryset=None):
    """The election, or a 404 for a partner who may not see it (drafts stay hidden), a 403 for
    one who may see it but not `change` it."""
    queryset = queryset if queryset is not None else Election.objects.all()
    return get_object_for(request, queryset, view=view, change=change, pk=pk)


def candidacy_for(request, pk, *, change):
    """A candidacy of an election the user may see (else 404), if they may `change` it."""
    queryset = Candidacy.objects.select_related("election", "person")
    return get_object_for(request, queryset, view="elections.view_candidacy", change=change, pk=pk)
