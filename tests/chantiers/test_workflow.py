"""Progress reports, from draft to approval, and every refusal on the way."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chantiers import workflow
from chantiers.models import (
    DecisionKind,
    ObjectiveStatus,
    ProgressReport,
    ReportDecision,
    ReportStatus,
)
from governance.models import SeatRole
from tests.factories import (
    MilestoneFactory,
    ObjectiveFactory,
    ObjectiveUpdateFactory,
    ProgressReportFactory,
    SeatFactory,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def chantier(territory):
    return territory["chantier"]


@pytest.fixture
def objective(chantier):
    return ObjectiveFactory(chantier=chantier, title="Politique de transport")


def url(name, report):
    return reverse(f"chantiers:{name}", args=[report.chantier.slug, report.pk])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def report_data(objective, progress="40", **overrides):
    today = timezone.localdate()
    data = {
        "period_start": (today - 60 * DAY).isoformat(),
        "period_end": today.isoformat(),
        "narrative": "Le portrait des besoins est terminé.",
        "difficulties": "",
        "next_steps": "Consulter les MRC.",
        "requests": "Un appui pour le Fonds régions et ruralité.",
        f"objective_{objective.pk}_progress": progress,
        f"objective_{objective.pk}_comment": "Portrait déposé.",
    }
    data.update(overrides)
    return data


def test_report_goes_from_draft_to_approval_through_a_return(
    client, chantier_member, council, objective, mailoutbox, django_capture_on_commit_callbacks
):
    # The chantier member writes a draft and submits it.
    client.force_login(chantier_member)
    response = client.post(
        reverse("chantiers:report-create", args=[objective.chantier.slug]), report_data(objective)
    )
    report = ProgressReport.objects.get()
    assert response.status_code == 302
    assert report.status == ReportStatus.DRAFT
    assert list(report.authors.all()) == [chantier_member.person]
    assert report.updates.get().progress == 40

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("report-submit", report), {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert [message.to for message in mailoutbox] == [[council.person.email]]
    assert "Chantier Transport" in mailoutbox[0].subject

    # The comité member returns it with a comment; progress does not move.
    client.force_login(council)
    home = client.get(reverse("home"))
    assert list(home.context["awaiting_reports"]) == [report]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("report-decide", report),
            {"kind": DecisionKind.RETURNED, "comment": "Ajoutez les chiffres.", "version": 1},
        )
    report.refresh_from_db()
    objective.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert objective.progress == 0
    assert mailoutbox[-1].to == [chantier_member.person.email]
    assert "Ajoutez les chiffres." in mailoutbox[-1].body

    # The member revises it and submits it again.
    client.force_login(chantier_member)
    client.post(url("report-update", report), report_data(objective, "55", version=report.version))
    report.refresh_from_db()
    assert report.status == ReportStatus.REVISED
    client.post(url("report-submit", report), {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.RESUBMITTED

    # Approved, the report moves the objective, and the history keeps both values.
    client.force_login(council)
    response = client.post(
        url("report-decide", report),
        {"kind": DecisionKind.APPROVED, "comment": "", "version": report.version},
        follow=True,
    )
    report.refresh_from_db()
    objective.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert objective.progress == 55
    assert objective.status == ObjectiveStatus.IN_PROGRESS
    assert [h.progress for h in objective.history.order_by("history_date")] == [0, 55]
    assert [(d.kind, d.by) for d in report.decisions.all()] == [
        (DecisionKind.RETURNED, council.person),
        (DecisionKind.APPROVED, council.person),
    ]
    assert "Décision enregistrée" in messages_of(response)[-1]
    assert client.get(reverse("chantiers:chantier-list")).context["chantier_list"][0].progress == 55


def test_approval_checks_off_milestones_and_computes_progress(chantier, chantier_member, council):
    objective = ObjectiveFactory(chantier=chantier)
    first, second, _third, _fourth = MilestoneFactory.create_batch(4, objective=objective)
    report = ProgressReportFactory(
        chantier=chantier, status=ReportStatus.SUBMITTED, authors=[chantier_member.person]
    )
    update = ObjectiveUpdateFactory(report=report, objective=objective, progress=50)
    update.milestones_done.set([first, second])

    workflow.decide(report, council.person, DecisionKind.APPROVED)

    objective.refresh_from_db()
    assert objective.progress == 50
    assert [m.done for m in objective.milestones.all()] == [True, True, False, False]


def test_chantier_progress_is_weighted_and_leaves_out_abandoned_objectives(chantier):
    ObjectiveFactory(chantier=chantier, progress=100, weight=3)
    ObjectiveFactory(chantier=chantier, progress=20)
    ObjectiveFactory(chantier=chantier, progress=0, status=ObjectiveStatus.ABANDONED)

    annotated = type(chantier).objects.with_progress().get(pk=chantier.pk)

    assert annotated.progress == 80  # (100 × 3 + 20 × 1) / 4
    assert type(chantier).objects.get(pk=chantier.pk).progress == 80


def test_submitting_an_empty_report_is_refused(client, chantier, chantier_member):
    report = ProgressReportFactory(
        chantier=chantier, narrative="", authors=[chantier_member.person]
    )
    client.force_login(chantier_member)

    response = client.post(url("report-submit", report), {"version": 0}, follow=True)

    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert "Ce bilan est vide" in messages_of(response)[0]


@pytest.mark.parametrize("progress", ["-5", "101"])
def test_a_percentage_outside_0_to_100_is_refused(client, chantier_member, objective, progress):
    client.force_login(chantier_member)

    response = client.post(
        reverse("chantiers:report-create", args=[objective.chantier.slug]),
        report_data(objective, progress),
    )

    assert response.status_code == 200
    assert not ProgressReport.objects.exists()
    errors = response.context["form"].errors[f"objective_{objective.pk}_progress"]
    assert "100" in errors[0] or "0" in errors[0]


def test_a_period_overlapping_an_approved_report_is_refused(client, chantier_member, objective):
    today = timezone.localdate()
    ProgressReportFactory(
        chantier=objective.chantier,
        status=ReportStatus.APPROVED,
        period_start=today - 100 * DAY,
        period_end=today - 30 * DAY,
    )
    client.force_login(chantier_member)

    response = client.post(
        reverse("chantiers:report-create", args=[objective.chantier.slug]), report_data(objective)
    )

    assert response.status_code == 200
    assert ProgressReport.objects.count() == 1
    assert "chevauche" in response.context["form"].errors["period_start"][0]


def test_submitting_over_a_period_approved_meanwhile_is_refused(chantier, chantier_member):
    report = ProgressReportFactory(chantier=chantier, authors=[chantier_member.person])
    ProgressReportFactory(chantier=chantier, status=ReportStatus.APPROVED)

    with pytest.raises(workflow.WorkflowError, match="chevauche"):
        workflow.submit(report, chantier_member.person)

    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_nobody_approves_a_report_they_wrote(client, chantier, council, objective):
    SeatFactory(body=chantier.committee, person=council.person)
    report = ProgressReportFactory(
        chantier=chantier, status=ReportStatus.SUBMITTED, authors=[council.person]
    )
    ObjectiveUpdateFactory(report=report, objective=objective, progress=90)
    client.force_login(council)

    page = client.get(url("report-detail", report))
    response = client.post(
        url("report-decide", report),
        {"kind": DecisionKind.APPROVED, "version": report.version},
        follow=True,
    )

    assert page.context["can_decide"] is False
    report.refresh_from_db()
    objective.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert objective.progress == 0
    assert not ReportDecision.objects.exists()
    assert "Vous avez rédigé ce bilan" in messages_of(response)[0]


@pytest.mark.parametrize("role", ["chantier_member", "partner", "adoc", "admin"])
def test_only_current_council_members_decide(client, login_as, chantier, objective, role):
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)
    login_as(role)

    response = client.post(
        url("report-decide", report),
        {"kind": DecisionKind.APPROVED, "version": report.version},
    )

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert not ReportDecision.objects.exists()
    assert response.status_code in {302, 403, 404}


def test_a_former_council_member_may_no_longer_decide(chantier, council):
    seat = council.person.seats.get()
    seat.end(timezone.localdate() - DAY)
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)

    with pytest.raises(workflow.WorkflowError, match="membres actuels du comité conseil"):
        workflow.decide(report, council.person, DecisionKind.APPROVED)


def test_submit_and_decide_record_earlier_moves_without_telling_anyone(
    chantier, chantier_member, council, mailoutbox, django_capture_on_commit_callbacks
):
    report = ProgressReportFactory(chantier=chantier, authors=[chantier_member.person])
    submitted, decided = timezone.now() - 9 * DAY, timezone.now() - 2 * DAY

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(report, chantier_member.person, now=submitted, notify=False)
        workflow.decide(
            report, council.person, DecisionKind.RETURNED, "Précisez.", now=decided, notify=False
        )

    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.submitted == submitted
    assert report.decisions.get().at == decided
    assert not mailoutbox


def test_returning_needs_a_comment(client, chantier, council):
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)
    client.force_login(council)

    response = client.post(
        url("report-decide", report),
        {"kind": DecisionKind.RETURNED, "comment": " ", "version": 0},
        follow=True,
    )

    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert "commentaire" in messages_of(response)[0]


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED])
def test_a_submitted_or_approved_report_cannot_be_edited(
    client, chantier, chantier_member, objective, status
):
    report = ProgressReportFactory(chantier=chantier, status=status, narrative="Avant.")
    client.force_login(chantier_member)

    page = client.get(url("report-update", report), follow=True)
    response = client.post(
        url("report-update", report),
        report_data(objective, narrative="Après.", version=report.version),
        follow=True,
    )

    report.refresh_from_db()
    assert report.narrative == "Avant."
    assert report.status == status
    assert "ne peut plus être modifié" in messages_of(page)[0]
    assert "ne peut plus être modifié" in messages_of(response)[0]


def test_a_returned_report_must_be_revised_before_it_is_submitted_again(chantier, chantier_member):
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.RETURNED)

    with pytest.raises(workflow.WorkflowError, match="Révisez"):
        workflow.submit(report, chantier_member.person)


def test_the_second_of_two_concurrent_decisions_is_refused(client, chantier, council, territory):
    other = SeatFactory(body=territory["council"], role=SeatRole.MEMBER).person
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)
    loaded_version = report.version  # both members opened the page at this version

    workflow.decide(report, other, DecisionKind.RETURNED, "À revoir.", loaded_version)
    client.force_login(council)
    response = client.post(
        url("report-decide", report),
        {"kind": DecisionKind.APPROVED, "version": loaded_version},
        follow=True,
    )

    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert [d.by for d in report.decisions.all()] == [other]
    assert "a changé pendant que vous le lisiez" in messages_of(response)[0]


def test_a_decision_on_an_already_decided_report_says_who_decided(chantier, council, territory):
    other = SeatFactory(body=territory["council"]).person
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)
    workflow.decide(report, other, DecisionKind.APPROVED)

    with pytest.raises(workflow.WorkflowError, match=str(other)):
        workflow.decide(report, council.person, DecisionKind.RETURNED, "Non.")


def test_concurrent_edits_of_a_draft_keep_the_second_input(client, chantier_member, objective):
    report = ProgressReportFactory(chantier=objective.chantier, authors=[chantier_member.person])
    client.force_login(chantier_member)
    client.post(url("report-update", report), report_data(objective, narrative="Un.", version=0))

    response = client.post(
        url("report-update", report), report_data(objective, narrative="Deux.", version=0)
    )

    report.refresh_from_db()
    assert report.narrative == "Un."
    assert response.status_code == 200
    assert "Deux." in response.content.decode()


@pytest.mark.parametrize(
    ("status", "progress", "becomes"),
    [
        (ObjectiveStatus.UPCOMING, 100, ObjectiveStatus.ACHIEVED),
        (ObjectiveStatus.ACHIEVED, 80, ObjectiveStatus.IN_PROGRESS),
        (ObjectiveStatus.POSTPONED, 30, ObjectiveStatus.POSTPONED),
    ],
)
def test_approval_sets_the_objective_status_from_its_progress(
    chantier, council, status, progress, becomes
):
    objective = ObjectiveFactory(chantier=chantier, status=status)
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.RESUBMITTED)
    ObjectiveUpdateFactory(report=report, objective=objective, progress=progress)

    workflow.decide(report, council.person, DecisionKind.APPROVED)

    objective.refresh_from_db()
    assert objective.progress == progress
    assert objective.status == becomes
    assert objective.history.first().history_change_reason.startswith("Bilan d'étape approuvé")
