"""Elections through the one loader (elections.rules.election_for): a hidden election (in
preparation) answers 404 on every page to partners, including the pages they could never use
anyway; an election they see but may not run or vote in answers 403."""

import pytest
from django.urls import reverse

from elections.models import Candidacy, CandidacyStatus
from tests.conftest import ELECTION_AGENTS, PARTNERS, ROLES, refused, statuses
from tests.elections.test_views import elections, elections_of_the_module  # noqa: F401
from tests.factories import CandidacyFactory

# Each test reads the cast and the elections built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")

HIDDEN = PARTNERS - ELECTION_AGENTS

PAGES = [
    # A draft: not told to exist.
    ("elections:election-detail", lambda t: [t["draft"].pk], statuses(ELECTION_AGENTS, HIDDEN)),
    ("elections:candidate-list", lambda t: [t["draft"].pk], statuses(ELECTION_AGENTS, HIDDEN)),
    ("elections:receipt-check", lambda t: [t["draft"].pk], statuses(ELECTION_AGENTS, HIDDEN)),
    ("elections:candidacy-create", lambda t: [t["draft"].pk], statuses(ELECTION_AGENTS, HIDDEN)),
    ("elections:election-update", lambda t: [t["draft"].pk], statuses(ELECTION_AGENTS, HIDDEN)),
    (
        "elections:election-transition",
        lambda t: [t["draft"].pk, "nominations"],
        statuses(ELECTION_AGENTS, HIDDEN),
    ),
    # The ADOC team sees the draft but votes in nothing: 403.
    ("elections:vote", lambda t: [t["draft"].pk], statuses(set(), HIDDEN)),
    # Counted, not yet published: the election is seen, its results are not.
    ("elections:election-results", lambda t: [t["counted"].pk], statuses(ELECTION_AGENTS, HIDDEN)),
    ("elections:election-detail", lambda t: [t["counted"].pk], statuses(PARTNERS)),
    # Seen by every partner, run by the ADOC team, voted in by delegates: 403 for the others.
    ("elections:election-update", lambda t: [t["nominations"].pk], statuses(ELECTION_AGENTS)),
    ("elections:tie-break", lambda t: [t["counted"].pk, "community"], statuses(ELECTION_AGENTS)),
    ("elections:paper-counts", lambda t: [t["paper"].pk], statuses(ELECTION_AGENTS)),
    ("elections:vote", lambda t: [t["voting"].pk], statuses({"delegate"})),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_answers_each_role_as_expected(
    client,
    login_as,
    elections,  # noqa: F811 (the fixture imported above)
    role,
    name,
    args,
    expected,
):
    login_as(role)

    response = client.get(reverse(name, args=args(elections)))

    assert response.status_code == expected(role)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["candidacy-confirm", "candidacy-withdraw"])
def test_a_candidacy_in_a_hidden_election_is_404_and_stays(
    client,
    login_as,
    elections,  # noqa: F811 (the fixture imported above)
    role,
    action,
):
    candidacy = CandidacyFactory(
        election=elections["draft"],
        organisation=elections["organisation"],
        status=CandidacyStatus.PROPOSED,
    )
    login_as(role)

    response = client.post(reverse(f"elections:{action}", args=[candidacy.pk]))

    if role in ELECTION_AGENTS:
        # They see the draft; they withdraw a candidacy, but confirm none (not delegates).
        assert response.status_code == (302 if action == "candidacy-withdraw" else 403)
    else:
        assert response.status_code == refused(role)
        assert Candidacy.objects.get(pk=candidacy.pk).status == CandidacyStatus.PROPOSED
