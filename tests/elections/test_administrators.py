"""Administrators are not ADOC agents (issue 16): Django lets a superuser pass every permission,
but the portal's rules are kept out of that shortcut (accounts.models.User.has_perm), and the
election workflow checks the agent itself, so a script or a view that forgets is refused too."""

import datetime

import pytest

from elections import workflow
from elections.models import Election, ElectionState
from elections.workflow import ElectionError
from infrastructure.periods import today
from tests.elections.test_ballot_ux import paper_election, voting
from tests.factories import ElectionFactory

pytestmark = pytest.mark.django_db


def test_the_superuser_keeps_django_permissions_but_not_the_portal_rules(admin, adoc):
    # Django's model permissions, which the admin site asks for: still granted.
    assert admin.has_perm("governance.change_person")
    assert admin.has_perm("elections.view_transition")
    # The portal's rules that name administrators.
    assert admin.has_perm("governance.use_admin")
    assert admin.has_perm("governance.manage_directory")
    # The rules reserved to roles: no longer.
    for perm in (
        "elections.manage_election",
        "elections.vote",
        "chantiers.decide_report",
        "elections.propose_candidacy",  # no directory entry to be a candidate with
    ):
        assert not admin.has_perm(perm), perm
    assert adoc.has_perm("elections.manage_election")


def test_an_inactive_account_passes_no_rule(adoc):
    adoc.is_active = False

    assert not adoc.has_perm("elections.manage_election")


def test_an_administrator_cannot_move_an_election_even_without_the_pages(territory, admin):
    election = ElectionFactory(seats={"community": 1})

    with pytest.raises(ElectionError, match="ADOC"):
        workflow.move(election, ElectionState.NOMINATIONS, admin)

    election.refresh_from_db()
    assert election.state == ElectionState.PREPARATION
    assert not election.transitions.exists()


def test_an_administrator_is_not_the_second_agent_of_paper_counts(territory, adoc, admin):
    election, a, b = paper_election(adoc)
    row = election.colleges.get()
    workflow.enter_paper_counts(election, {row: (1, 0, 0)}, {a: 1, b: 0}, adoc)

    with pytest.raises(ElectionError, match="ADOC"):
        workflow.confirm_paper_counts(election, admin)
    with pytest.raises(ElectionError, match="ADOC"):
        workflow.refuse_paper_counts(election, admin, "Je recompte.")
    with pytest.raises(ElectionError, match="ADOC"):
        workflow.enter_paper_counts(election, {row: (1, 0, 0)}, {a: 0, b: 1}, admin)

    election = Election.objects.get(pk=election.pk)
    assert election.paper_confirmed_by is None
    assert election.paper_entered_by == adoc
    a.refresh_from_db()
    assert a.votes == 1


def test_an_administrator_cannot_extend_reopen_or_open_a_vote(territory, adoc, admin):
    election = voting(adoc)
    later = today() + datetime.timedelta(days=30)

    with pytest.raises(ElectionError, match="ADOC"):
        workflow.extend_voting(election, later, admin)
    with pytest.raises(ElectionError, match="ADOC"):
        workflow.open_voting_now(election, admin)
    workflow.move(election, ElectionState.COUNTED, adoc)
    with pytest.raises(ElectionError, match="ADOC"):
        workflow.reopen_voting(election, later, admin, "Trop tôt.")

    election.refresh_from_db()
    assert election.state == ElectionState.COUNTED
    assert not election.transitions.filter(by=admin).exists()


def test_an_administrator_is_refused_on_the_pages_too(client, admin, territory, adoc):
    election = voting(adoc)
    client.force_login(admin)

    response = client.post(f"/elections/{election.pk}/etat/counted/", {"version": election.version})

    assert response.status_code == 403
    election.refresh_from_db()
    assert election.state == ElectionState.VOTING
