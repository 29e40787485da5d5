"""The chantiers' pages issue a bounded number of queries with 5 and with 50 chantiers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chantiers.models import (
    DecisionKind,
    Milestone,
    Objective,
    ObjectiveUpdate,
    ProgressReport,
    ReportDecision,
    ReportStatus,
)
from governance.models import Seat
from tests.factories import ChantierFactory, PersonFactory, ProgressReportFactory

DAY = datetime.timedelta(days=1)


def grow(territory, size, decider):
    """`size` chantiers besides the territory's, each with three objectives (one with
    milestones), two approved reports (one returned first) and one awaiting a decision; the
    territory's chantier gets `size` objectives and `size` approved reports itself."""
    today = timezone.localdate()
    chantiers = [territory["chantier"], *ChantierFactory.create_batch(size)]
    author = PersonFactory()
    Seat.objects.bulk_create(
        Seat(body=chantier.committee, person=PersonFactory(), organisation=territory["ciusss"])
        for chantier in chantiers
    )
    objectives = Objective.objects.bulk_create(
        Objective(chantier=chantier, title=f"Objectif {n}", progress=n * 10, weight=n or None)
        for chantier in chantiers
        for n in range(3)
    )
    objectives += Objective.objects.bulk_create(
        Objective(chantier=territory["chantier"], title=f"De plus {n}", progress=n % 100)
        for n in range(size)
    )
    Milestone.objects.bulk_create(
        Milestone(objective=objective, title=f"Étape {n}", done=n == 0)
        for objective in objectives[::3]
        for n in range(2)
    )
    reports = []
    for chantier in chantiers:
        count = size if chantier == territory["chantier"] else 2
        for n in range(count):
            ends = today - (n * 100 + 1) * DAY
            reports.append(
                ProgressReport(
                    chantier=chantier,
                    period_start=ends - 90 * DAY,
                    period_end=ends,
                    narrative="Avancées de la période.",
                    status=ReportStatus.APPROVED,
                )
            )
        reports.append(
            ProgressReport(
                chantier=chantier,
                period_start=today - 90 * DAY,
                period_end=today,
                narrative="En attente.",
                status=ReportStatus.SUBMITTED,
            )
        )
    reports = ProgressReport.objects.bulk_create(reports)
    ProgressReport.authors.through.objects.bulk_create(
        ProgressReport.authors.through(progressreport=report, person=author) for report in reports
    )
    by_chantier = {}
    for objective in objectives:
        by_chantier.setdefault(objective.chantier_id, []).append(objective)
    ObjectiveUpdate.objects.bulk_create(
        ObjectiveUpdate(report=report, objective=objective, progress=50, comment="Bien.")
        for report in reports
        # Every objective of the territory's chantier is in each of its reports.
        for objective in by_chantier[report.chantier_id][
            : None if report.chantier_id == territory["chantier"].pk else 3
        ]
    )
    ReportDecision.objects.bulk_create(
        ReportDecision(report=report, kind=kind, by=decider, comment="Vu.")
        for report in reports
        if report.status == ReportStatus.APPROVED
        for kind in (DecisionKind.RETURNED, DecisionKind.APPROVED)
    )


def awaiting(territory):
    return ProgressReport.objects.get(chantier=territory["chantier"], status=ReportStatus.SUBMITTED)


def approved(territory):
    return ProgressReport.objects.filter(
        chantier=territory["chantier"], status=ReportStatus.APPROVED
    ).first()


def report_args(pick):
    return lambda t: [t["chantier"].slug, pick(t).pk]


PAGES = [
    ("home", lambda t: [], 15),
    ("chantiers:chantier-list", lambda t: [], 5),
    ("chantiers:chantier-detail", lambda t: [t["chantier"].slug], 15),
    ("chantiers:report-detail", report_args(awaiting), 12),
    ("chantiers:report-detail", report_args(approved), 11),
    ("chantiers:progress-summary", lambda t: [], 9),
]


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize(
    ("name", "args", "bound"), PAGES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAGES)]
)
def test_page_queries_stay_bounded_with_more_chantiers(
    client, council, territory, django_assert_max_num_queries, size, name, args, bound
):
    grow(territory, size, PersonFactory())
    client.force_login(council)
    url = reverse(name, args=args(territory))

    with django_assert_max_num_queries(bound):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_report_form_queries_stay_bounded(
    client, chantier_member, territory, django_assert_max_num_queries, size
):
    grow(territory, size, PersonFactory())
    draft = ProgressReportFactory(
        chantier=territory["chantier"],
        period_start=timezone.localdate(),
        period_end=timezone.localdate(),
        authors=[chantier_member.person],
    )
    client.force_login(chantier_member)

    with django_assert_max_num_queries(9):
        response = client.get(
            reverse("chantiers:report-update", args=[draft.chantier.slug, draft.pk])
        )

    assert response.status_code == 200


def test_export_queries_stay_bounded(client, adoc, territory, django_assert_max_num_queries):
    grow(territory, 50, PersonFactory())
    client.force_login(adoc)

    with django_assert_max_num_queries(5):
        response = client.get(reverse("chantiers:progress-export"))

    assert response.status_code == 200
    assert response.content.decode().count("\n") == 1 + 3 * 51 + 50


@pytest.mark.parametrize("size", [5, 50])
def test_objective_history_queries_stay_bounded(
    client, partner, adoc, territory, django_assert_max_num_queries, size
):
    objective = Objective.objects.create(chantier=territory["chantier"], title="Suivi")
    for progress in range(size):
        objective.progress = progress
        objective._history_user = adoc if progress % 2 else None
        objective.save()
    client.force_login(partner)

    with django_assert_max_num_queries(5):
        response = client.get(
            reverse("chantiers:objective-history", args=[territory["chantier"].slug, objective.pk])
        )

    assert len(response.context["records"]) == size + 1
    assert str(adoc.person) in response.content.decode()
