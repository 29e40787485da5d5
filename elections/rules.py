"""Who may do what with elections; used by views and templates alike."""

import rules

from elections.models import ElectionState
from governance.roles import Role, roles_for
from governance.rules import is_partner


@rules.predicate
def is_adoc_agent(user):
    # Only ADOC agents run elections (not the site administrators: the count is theirs to sign).
    return Role.ADOC in roles_for(user)


@rules.predicate
def is_delegate(user):
    return Role.DELEGATE in roles_for(user)


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
rules.add_perm("elections.view_election", is_adoc_agent | (is_partner & election_visible))
# Results: every partner once published; the ADOC team sees the count before publishing.
rules.add_perm(
    "elections.view_results", (is_partner & results_published) | (is_adoc_agent & results_counted)
)
# Running an election (states, candidacies, ties, paper counts).
rules.add_perm("elections.manage_election", is_adoc_agent)
# Voting: delegates (the workflow checks which organisation and when).
rules.add_perm("elections.vote", is_delegate)
# Putting oneself forward: any partner (the workflow checks the organisation).
rules.add_perm("elections.propose_candidacy", is_partner)
# Withdrawing: the candidate, or the ADOC team on their word.
rules.add_perm("elections.withdraw_candidacy", is_adoc_agent | (is_partner & is_candidate))


@rules.predicate
def delegates_for_candidacy(user, candidacy):
    from elections.workflow import delegate_of

    person = getattr(user, "person", None)
    return (
        candidacy is not None
        and person is not None
        and (delegate_of(person, candidacy.organisation_id).exists())
    )


# Confirming a candidacy: the delegate of the candidate's organisation.
rules.add_perm("elections.confirm_candidacy", is_delegate & delegates_for_candidacy)
