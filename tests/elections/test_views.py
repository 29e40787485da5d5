"""Election pages: the permission matrix (every view × every role), what they show, and their
query counts at two data sizes."""

import pytest
from django.urls import reverse

from elections import workflow
from elections.models import (
    Ballot,
    Candidacy,
    CandidacyStatus,
    Election,
    ElectionCollege,
    ElectionState,
    Participation,
    VotingMode,
)
from governance.models import Organisation
from tests.conftest import (
    ELECTION_AGENTS,
    PARTNERS,
    ROLES,
    WITH_A_PERSON,
    adoc_agent,
    fresh,
    statuses,
)
from tests.factories import (
    AffiliationFactory,
    CandidacyFactory,
    ElectionFactory,
    PersonFactory,
    institutional,
)

# ADOC agents run elections (site administrators do not: they are partners here); a draft, or
# an unpublished count, is hidden (404) from the other partners.
partners = statuses(PARTNERS)
agents = statuses(ELECTION_AGENTS)
agents_else_hidden = statuses(ELECTION_AGENTS, hidden=PARTNERS)
delegates = statuses({"delegate"})


def open_election(agent, **kwargs):
    """An election in its voting period, 3 community candidates for 2 seats, 1 institutional
    candidate for 1 seat (acclaimed)."""
    election = ElectionFactory(seats={"community": 2, "institutional": 1}, **kwargs)
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    for _ in range(3):
        CandidacyFactory(election=election)
    CandidacyFactory(election=election, organisation=institutional())
    return workflow.move(election, ElectionState.VOTING, agent)


# Each test reads the cast and the elections built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")


@pytest.fixture(scope="module")
def elections_of_the_module(cast_once_per_module):
    return build_elections(cast_once_per_module["territory"])


@pytest.fixture
def elections(elections_of_the_module, territory):
    """One election in each state the pages need, run by an ADOC agent outside the cast."""
    return fresh(elections_of_the_module)


def build_elections(territory):
    agent = adoc_agent(territory, "agent2@example.org")
    draft = ElectionFactory(title="Brouillon")
    nominations = ElectionFactory(title="En candidature")
    workflow.move(nominations, ElectionState.NOMINATIONS, agent)
    proposed = CandidacyFactory(
        election=nominations,
        organisation=territory["organisation"],
        status=CandidacyStatus.PROPOSED,
    )
    voting = open_election(agent)
    published = open_election(agent)
    workflow.move(published, ElectionState.COUNTED, agent)  # no ballot: a tie, broken below
    row = published.colleges.get(college="community")
    workflow.break_tie(
        row, list(published.candidacies.filter(tied=True))[:2], "draw", "Tirage", agent
    )
    workflow.move(published, ElectionState.PUBLISHED, agent)
    counted = open_election(agent)
    workflow.move(counted, ElectionState.COUNTED, agent)
    paper = open_election(agent, mode=VotingMode.PAPER)
    Election.objects.filter(pk=paper.pk).update(paper_entered_by=agent)
    runner = PersonFactory()
    AffiliationFactory(person=runner, organisation=territory["organisation"])
    return {
        **territory,
        "runner": runner,
        "draft": draft,
        "nominations": nominations,
        "proposed": proposed,
        "voting": voting,
        "published": published,
        "counted": counted,
        "paper": paper,
    }


PAGES = [
    ("elections:election-list", lambda t: [], partners),
    ("elections:election-detail", lambda t: [t["voting"].pk], partners),
    ("elections:election-detail", lambda t: [t["published"].pk], partners),
    ("elections:election-detail", lambda t: [t["draft"].pk], agents_else_hidden),
    ("elections:candidate-list", lambda t: [t["nominations"].pk], partners),
    ("elections:candidate-list", lambda t: [t["draft"].pk], agents_else_hidden),
    ("elections:election-results", lambda t: [t["published"].pk], partners),
    ("elections:election-results", lambda t: [t["counted"].pk], agents_else_hidden),
    ("elections:receipt-check", lambda t: [t["voting"].pk], partners),
    ("elections:vote", lambda t: [t["voting"].pk], delegates),
    # A bare administrator has no directory entry to be a candidate with.
    ("elections:candidacy-create", lambda t: [t["nominations"].pk], statuses(WITH_A_PERSON)),
    ("elections:election-create", lambda t: [], agents),
    ("elections:election-update", lambda t: [t["draft"].pk], agents_else_hidden),
    ("elections:election-update", lambda t: [t["nominations"].pk], agents),
    (
        "elections:election-transition",
        lambda t: [t["draft"].pk, "nominations"],
        agents_else_hidden,
    ),
    ("elections:tie-break", lambda t: [t["counted"].pk, "community"], agents),
    ("elections:paper-counts", lambda t: [t["paper"].pk], agents),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_answers_each_role_as_expected(
    client, login_as, elections, role, name, args, expected
):
    login_as(role)

    response = client.get(reverse(name, args=args(elections)))

    assert response.status_code == expected(role)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))
    if response.status_code == 200:
        assert response.content.decode().count("<h1") == 1


def _count(model, **lookup):
    return lambda t: model.objects.filter(**lookup).count()


# Each write: (URL name, its arguments, the data posted, the roles it works for, its effect).
WRITES = [
    (
        "elections:election-create",
        lambda t: [],
        lambda t: {
            "title": "Nouvelle élection",
            "held_on": "2030-06-10",
            "mode": "online",
            "term_years": 2,
            "mrc_minimum": 0,
            "nominations_open": "2030-04-01",
            "nominations_close": "2030-05-01",
            "voting_opens": "2030-05-20",
            "voting_closes": "2030-06-10",
            "community_seats": 4,
            "institutional_seats": 4,
        },
        ELECTION_AGENTS,
        _count(ElectionCollege, election__title="Nouvelle élection"),
        2,
    ),
    (
        "elections:election-transition",
        lambda t: [t["draft"].pk, "cancelled"],
        lambda t: {"note": "Assemblée reportée"},
        ELECTION_AGENTS,
        _count(Election, state=ElectionState.CANCELLED),
        1,
    ),
    (
        "elections:candidacy-confirm",
        lambda t: [t["proposed"].pk],
        lambda t: {},
        {"delegate"},
        _count(Candidacy, status=CandidacyStatus.CONFIRMED, election__title="En candidature"),
        1,
    ),
    (
        "elections:candidacy-withdraw",
        lambda t: [t["proposed"].pk],
        lambda t: {},
        ELECTION_AGENTS,
        _count(Candidacy, status=CandidacyStatus.WITHDRAWN),
        1,
    ),
    (
        "elections:paper-confirm",
        lambda t: [t["paper"].pk],
        lambda t: {},
        ELECTION_AGENTS,
        _count(Election, paper_confirmed_by__isnull=False),
        1,
    ),
    (
        "elections:election-update",
        lambda t: [t["draft"].pk],
        lambda t: {
            "title": "Brouillon corrigé",
            "held_on": "2030-06-10",
            "mode": "online",
            "term_years": 2,
            "mrc_minimum": 0,
            "nominations_open": "2030-04-01",
            "nominations_close": "2030-05-01",
            "voting_opens": "2030-05-20",
            "voting_closes": "2030-06-10",
            "community_seats": 3,
            "institutional_seats": 0,
            "version": 0,
        },
        ELECTION_AGENTS,
        _count(Election, title="Brouillon corrigé", colleges__seats=3),
        1,
    ),
    (
        "elections:candidacy-create",
        lambda t: [t["nominations"].pk],
        lambda t: {
            "person": t["runner"].pk,
            "organisation": t["organisation"].pk,
            "statement": "Je me présente.",
        },
        WITH_A_PERSON,
        _count(Candidacy, election__title="En candidature"),
        1,
    ),
    (
        "elections:tie-break",
        lambda t: [t["counted"].pk, "community"],
        lambda t: {
            "winners": [str(c.pk) for c in t["counted"].candidacies.filter(tied=True)[:2]],
            "method": "draw",
            "note": "Tirage au sort devant l’assemblée",
        },
        ELECTION_AGENTS,
        _count(ElectionCollege, tie_method="draw", tie_note__startswith="Tirage au sort"),
        1,
    ),
    (
        "elections:paper-counts",
        lambda t: [t["paper"].pk],
        lambda t: {
            "ballots_community": 10,
            "blank_community": 1,
            "spoiled_community": 1,
            **{f"votes_{c.pk}": 4 for c in t["paper"].candidacies.filter(college="community")},
        },
        ELECTION_AGENTS,
        _count(ElectionCollege, ballots=10, spoiled=1),
        1,
    ),
    (
        "elections:vote",
        lambda t: [t["voting"].pk],
        lambda t: {"community": [t["voting"].candidacies.filter(college="community").first().pk]},
        {"delegate"},
        # The ballot form only leads to the review page: nothing is cast by its POST.
        _count(Participation),
        0,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "data", "allowed", "effect", "change"), WRITES, ids=[w[0] for w in WRITES]
)
def test_writes_change_data_only_for_who_may(
    client, login_as, elections, role, name, args, data, allowed, effect, change
):
    login_as(role)
    before = effect(elections)

    response = client.post(reverse(name, args=args(elections)), data(elections))

    if role in allowed:
        assert response.status_code in {200, 302}
        assert effect(elections) == before + change
    else:
        # 404 where the election is hidden from them (a draft): see PAGES.
        assert response.status_code in {302, 403, 404}
        if response.status_code == 302:
            assert response.url.startswith(reverse("account_login"))
        assert effect(elections) == before


def test_a_delegate_votes_and_gets_a_receipt_that_checks(client, delegate, elections):
    election = elections["voting"]
    chosen = list(election.candidacies.filter(college="community")[:2])
    client.force_login(delegate)
    review = client.post(
        reverse("elections:vote", args=[election.pk]), {"community": [c.pk for c in chosen]}
    )

    response = client.post(
        reverse("elections:vote-confirm", args=[election.pk]),
        {"community": [c.pk for c in chosen], "token": review.context["form"]["token"].value()},
    )

    page = response.content.decode()
    assert "Votre code de reçu" in page
    code = response.context["code"]
    assert Participation.objects.filter(elector__election=election).count() == 1
    check = client.post(reverse("elections:receipt-check", args=[election.pk]), {"code": code})
    assert "Ce bulletin est dans l’urne" in check.content.decode()
    again = client.get(reverse("elections:vote", args=[election.pk]), follow=True)
    assert "a déjà voté" in again.content.decode()


def test_too_many_names_get_a_clear_french_error_and_no_ballot(client, delegate, elections):
    election = elections["voting"]
    client.force_login(delegate)

    response = client.post(
        reverse("elections:vote", args=[election.pk]),
        {
            "community": list(
                election.candidacies.filter(college="community").values_list("pk", flat=True)
            )
        },
    )

    assert response.status_code == 200
    assert "choisissez-en au plus 2" in response.content.decode()
    assert not Ballot.objects.filter(election=election).exists()


def test_results_show_votes_share_chart_and_balance(client, partner, elections):
    client.force_login(partner)

    response = client.get(reverse("elections:election-results", args=[elections["published"].pk]))

    page = response.content.decode()
    assert 'role="img"' in page
    assert "<title" in page
    assert "Égalité au dernier siège" in page
    assert "Tirage" in page
    assert "Élu·e·s par acclamation" in page
    assert "Le comité conseil après cette élection" in page


def test_a_partner_runs_and_the_delegate_confirms(client, partner, delegate, elections):
    election = elections["nominations"]
    client.force_login(partner)

    client.post(
        reverse("elections:candidacy-create", args=[election.pk]),
        {"organisation": elections["organisation"].pk, "statement": "Je me présente."},
    )
    candidacy = Candidacy.objects.get(election=election, person=partner.person)
    assert candidacy.status == CandidacyStatus.PROPOSED
    client.force_login(delegate)
    page = client.get(election.get_absolute_url()).content.decode()
    assert str(partner.person) in page
    client.post(reverse("elections:candidacy-confirm", args=[candidacy.pk]))

    candidacy.refresh_from_db()
    assert candidacy.status == CandidacyStatus.CONFIRMED


def grow(territory, size):
    """`size` candidacies in a published election, with as many electors and ballots."""
    agent = adoc_agent(territory, "agent3@example.org")
    election = ElectionFactory(title="Grande élection", seats={"community": 1})
    workflow.move(election, ElectionState.NOMINATIONS, agent)
    candidacies = [CandidacyFactory(election=election) for _ in range(size)]
    delegates = []
    for _ in range(size):
        from tests.elections.test_workflow import voter

        delegates.append(voter())
    election = workflow.move(election, ElectionState.VOTING, agent)
    for index, person in enumerate(delegates):
        workflow.cast(election, person, {"community": candidacies[index % size : index % size + 1]})
    workflow.move(election, ElectionState.COUNTED, agent)
    for row in election.colleges.filter(tie=True):
        tied = list(election.candidacies.filter(college=row.college, tied=True))
        remaining = row.seats - election.candidacies.filter(elected=True).count()
        workflow.break_tie(row, tied[:remaining], "draw", "Tirage", agent)
    workflow.move(election, ElectionState.PUBLISHED, agent)
    for _ in range(size):
        ElectionFactory()
    return election


# Measured: 8, 6, 11 and 5 queries at both sizes (session, user and roles included).
QUERY_PAGES = [
    ("elections:election-results", 8),
    ("elections:candidate-list", 6),
    ("elections:election-detail", 11),
    ("elections:election-list", 5),
]


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize(("name", "bound"), QUERY_PAGES, ids=[p[0] for p in QUERY_PAGES])
def test_pages_issue_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, territory, adoc, size, name, bound
):
    election = grow(territory, size)
    client.force_login(adoc)
    args = [] if name == "elections:election-list" else [election.pk]

    with django_assert_max_num_queries(bound):
        response = client.get(reverse(name, args=args))

    assert response.status_code == 200
    assert Organisation.objects.count() >= size


def test_a_college_with_candidates_keeps_at_least_one_seat(client, adoc, elections):
    election = elections["nominations"]
    client.force_login(adoc)
    data = {
        "title": election.title,
        "held_on": election.held_on.isoformat(),
        "mode": "online",
        "term_years": 2,
        "mrc_minimum": 0,
        "nominations_open": election.nominations_open.isoformat(),
        "nominations_close": election.nominations_close.isoformat(),
        "voting_opens": election.voting_opens.isoformat(),
        "voting_closes": election.voting_closes.isoformat(),
        "community_seats": 0,
        "institutional_seats": 2,
        "version": election.version,
    }

    response = client.post(reverse("elections:election-update", args=[election.pk]), data)

    assert response.status_code == 200
    assert "au moins un siège" in response.content.decode()
    assert election.colleges.filter(college="community").exists()
