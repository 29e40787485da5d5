"""The permission matrix of the chantiers' new pages: every view × every role, GET and POST.

The cast (tests/conftest.py): `chantier_member` sits on the chantier's committee (not as its
coordination), `partner` and `delegate` are other partners, `council` chairs the comité
conseil, `adoc` is an ADOC agent, `admin` a superuser without a directory entry.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chantiers.models import (
    Attachment,
    JoinRequest,
    Objective,
    ObjectiveStatus,
    ProgressReport,
    ReportStatus,
)
from governance.models import Seat
from tests.conftest import (
    COUNCIL_AND_MANAGERS,
    MANAGERS,
    PARTNERS,
    ROLES,
    WITH_A_PERSON,
    statuses,
)
from tests.factories import (
    AffiliationFactory,
    JoinRequestFactory,
    ObjectiveFactory,
    PersonFactory,
    ProgressReportFactory,
)

# Each test reads the cast built once for the module (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("cast_once_per_module")


@pytest.fixture
def objects(territory, adoc, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    chantier = territory["chantier"]
    objective = ObjectiveFactory(chantier=chantier)
    reports = {
        status: ProgressReportFactory(chantier=chantier, status=status)
        for status in (ReportStatus.DRAFT, ReportStatus.SUBMITTED)
    }
    reports[ReportStatus.APPROVED] = ProgressReportFactory(
        chantier=chantier,
        status=ReportStatus.APPROVED,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 30),
    )
    # The ADOC agent works for the CIUSSS and, here, for the organisation that asks too.
    AffiliationFactory(person=adoc.person, organisation=territory["organisation"])
    attachment = Attachment.objects.create(
        report=reports[ReportStatus.SUBMITTED],
        file=SimpleUploadedFile("annexe.pdf", b"%PDF"),
        name="annexe.pdf",
        added_by=PersonFactory(),
    )
    join = JoinRequestFactory(chantier=chantier, organisation=territory["organisation"])
    AffiliationFactory(person=join.person, organisation=territory["organisation"])
    return {
        **territory,
        "objective": objective,
        "reports": reports,
        "join": join,
        "attachment": attachment,
    }


WRITERS = {"chantier_member", "adoc"}  # admin may read, but signs nothing
JOINERS = WITH_A_PERSON - {"chantier_member"}  # may ask to join: in the directory, not a member


def report(status):
    return lambda t: [t["chantier"].slug, t["reports"][status].pk]


PAGES = [
    ("chantiers:chantier-list", lambda t: [], statuses(PARTNERS)),
    ("chantiers:chantier-detail", lambda t: [t["chantier"].slug], statuses(PARTNERS)),
    ("chantiers:progress-summary", lambda t: [], statuses(PARTNERS)),
    ("chantiers:progress-export", lambda t: [], statuses(MANAGERS)),
    ("chantiers:report-detail", report(ReportStatus.APPROVED), statuses(PARTNERS)),
    (
        "chantiers:report-detail",
        report(ReportStatus.SUBMITTED),
        statuses(WRITERS | COUNCIL_AND_MANAGERS, hidden={"partner", "delegate"}),
    ),
    (
        "chantiers:report-detail",
        report(ReportStatus.DRAFT),
        statuses(WRITERS | MANAGERS, hidden={"partner", "delegate", "council"}),
    ),
    (
        "chantiers:attachment-download",
        lambda t: [t["chantier"].slug, t["reports"][ReportStatus.SUBMITTED].pk, t["attachment"].pk],
        statuses(WRITERS | COUNCIL_AND_MANAGERS, hidden={"partner", "delegate"}),
    ),
    ("chantiers:report-create", lambda t: [t["chantier"].slug], statuses(WRITERS)),
    (
        "chantiers:report-update",
        report(ReportStatus.DRAFT),
        statuses(WRITERS, hidden={"partner", "delegate", "council"}),
    ),
    (
        "chantiers:objective-history",
        lambda t: [t["chantier"].slug, t["objective"].pk],
        statuses(PARTNERS),
    ),
    ("chantiers:objective-create", lambda t: [t["chantier"].slug], statuses(MANAGERS)),
    (
        "chantiers:objective-update",
        lambda t: [t["chantier"].slug, t["objective"].pk],
        statuses(MANAGERS),
    ),
    (
        "chantiers:join-request-create",
        lambda t: [t["chantier"].slug],
        statuses(JOINERS),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "expected"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_answers_each_role_as_expected(client, login_as, objects, role, name, args, expected):
    login_as(role)

    response = client.get(reverse(name, args=args(objects)))

    assert response.status_code == expected(role)
    if response.status_code == 302:
        assert response.url.startswith(reverse("account_login"))


def counts(model, **lookup):
    return lambda t: model.objects.filter(**lookup).count()


def report_status(status, becomes):
    return lambda t: ProgressReport.objects.filter(
        pk=t["reports"][status].pk, status=becomes
    ).count()


# Each write: (URL name, its arguments, the data posted, a measure of its effect, who may).
WRITES = [
    (
        "chantiers:report-create",
        lambda t: [t["chantier"].slug],
        lambda t: {"period_start": "2020-01-01", "period_end": "2020-06-30", "narrative": "Neuf"},
        counts(ProgressReport, narrative="Neuf"),
        WRITERS,
    ),
    (
        "chantiers:report-update",
        report(ReportStatus.DRAFT),
        lambda t: {
            "period_start": "2020-01-01",
            "period_end": "2020-06-30",
            "narrative": "Révisé",
            "version": 0,
        },
        counts(ProgressReport, narrative="Révisé"),
        WRITERS,
    ),
    (
        "chantiers:report-submit",
        report(ReportStatus.DRAFT),
        lambda t: {"version": 0},
        report_status(ReportStatus.DRAFT, ReportStatus.SUBMITTED),
        WRITERS,
    ),
    (
        "chantiers:report-decide",
        report(ReportStatus.SUBMITTED),
        lambda t: {"kind": "returned", "comment": "À revoir", "version": 0},
        report_status(ReportStatus.SUBMITTED, ReportStatus.RETURNED),
        {"council"},
    ),
    (
        "chantiers:objective-create",
        lambda t: [t["chantier"].slug],
        lambda t: {
            "title_fr": "Nouvel objectif",
            "kind": "tool",
            "status": "upcoming",
            "progress": 0,
            "position": 1,
        },
        counts(Objective, title="Nouvel objectif"),
        MANAGERS,
    ),
    (
        "chantiers:objective-update",
        lambda t: [t["chantier"].slug, t["objective"].pk],
        lambda t: {
            "title_fr": "Objectif revu",
            "kind": "tool",
            "status": ObjectiveStatus.IN_PROGRESS,
            "progress": 30,
            "position": 0,
            "version": 0,
        },
        counts(Objective, title="Objectif revu", progress=30),
        MANAGERS,
    ),
    (
        "chantiers:join-request-create",
        lambda t: [t["chantier"].slug],
        lambda t: {"organisation": t["organisation"].pk, "message": "Pour nous joindre"},
        counts(JoinRequest, message="Pour nous joindre"),
        JOINERS,
    ),
    (
        "chantiers:join-request-decide",
        lambda t: [t["chantier"].slug, t["join"].pk],
        lambda t: {"decision": "accept"},
        lambda t: Seat.objects.filter(person=t["join"].person).count(),
        MANAGERS,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "args", "data", "effect", "allowed"), WRITES, ids=[w[0] for w in WRITES]
)
def test_writes_change_data_only_for_those_allowed(
    client, login_as, objects, role, name, args, data, effect, allowed
):
    login_as(role)
    before = effect(objects)

    response = client.post(reverse(name, args=args(objects)), data(objects))

    if role in allowed:
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert effect(objects) == before + 1
    else:
        assert response.status_code in ({302} if role == "anonymous" else {403, 404})
        assert effect(objects) == before


def test_the_committee_chair_is_its_coordination(client, objects, chantier_chair):
    """Chair and vice-chair coordinate a chantier as the coordination seat does (one
    definition, governance.roles.coordinated_committee_ids): objectives and newcomers."""
    client.force_login(chantier_chair)
    slug = objects["chantier"].slug

    page = client.get(reverse("chantiers:objective-create", args=[slug]))
    response = client.post(
        reverse("chantiers:join-request-decide", args=[slug, objects["join"].pk]),
        {"decision": "accept"},
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert Seat.objects.filter(
        body=objects["chantier"].committee, person=objects["join"].person
    ).exists()


@pytest.mark.parametrize("role", ["partner", "delegate", "council"])
def test_writes_on_a_draft_they_may_not_read_are_404(client, login_as, objects, role):
    login_as(role)
    draft = objects["reports"][ReportStatus.DRAFT]

    responses = [
        client.post(reverse("chantiers:report-submit", args=report(ReportStatus.DRAFT)(objects))),
        client.post(
            reverse("chantiers:report-update", args=report(ReportStatus.DRAFT)(objects)),
            {"narrative": "Changé", "version": 0},
        ),
    ]

    assert [response.status_code for response in responses] == [404, 404]
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT
    assert draft.narrative != "Changé"


@pytest.mark.parametrize("role", ["partner", "chantier_member"])
def test_a_decision_on_a_report_they_read_is_403_for_non_members_of_the_comite(
    client, login_as, objects, role
):
    """The approved report is read by every partner, the submitted one by its writers: both
    are seen, so refusing the decision says nothing new (403)."""
    login_as(role)
    target = ReportStatus.APPROVED if role == "partner" else ReportStatus.SUBMITTED

    response = client.post(
        reverse("chantiers:report-decide", args=report(target)(objects)),
        {"kind": "returned", "comment": "Non", "version": 0},
    )

    assert response.status_code == 403
    assert ProgressReport.objects.get(pk=objects["reports"][target].pk).status == target
