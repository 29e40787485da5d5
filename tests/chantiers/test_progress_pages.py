"""What the progress pages show: overview and chart, chantier page, « Avancées », CSV, home."""

import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

from chantiers import workflow
from chantiers.models import DecisionKind, JoinRequest, JoinRequestStatus, ReportStatus
from governance.models import Seat, SeatRole
from tests.factories import (
    AffiliationFactory,
    ChantierFactory,
    JoinRequestFactory,
    ObjectiveFactory,
    ObjectiveUpdateFactory,
    ProgressReportFactory,
    ReportDecisionFactory,
    SeatFactory,
    UserFactory,
)

DAY = datetime.timedelta(days=1)


def test_overview_compares_progress_last_report_and_overdue_objectives(client, partner, territory):
    chantier = territory["chantier"]
    ObjectiveFactory(chantier=chantier, progress=60, weight=2)
    ObjectiveFactory(chantier=chantier, progress=0, target_date=timezone.localdate() - DAY)
    ProgressReportFactory(
        chantier=chantier,
        status=ReportStatus.APPROVED,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
    )
    ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)
    ChantierFactory(name="Chantier sans objectif")
    client.force_login(partner)

    response = client.get(reverse("chantiers:chantier-list"))

    rows = {row.name: row for row in response.context["chantier_list"]}
    assert rows["Chantier Transport"].progress == 40
    assert rows["Chantier Transport"].overdue_count == 1
    assert rows["Chantier Transport"].last_report_end == datetime.date(2026, 3, 31)
    assert rows["Chantier sans objectif"].progress is None
    content = response.content.decode()
    assert 'role="img"' in content
    assert "Chantier Transport\xa0: 40&nbsp;%" in content  # the chart's text alternative
    assert '<progress class="portal-progress" max="100" value="40"' in content


def test_chantier_page_shows_objectives_and_the_timeline_of_approved_reports(
    client, partner, council, territory
):
    chantier = territory["chantier"]
    ObjectiveFactory(chantier=chantier, title="Politique régionale", progress=30)
    approved = ProgressReportFactory(chantier=chantier, status=ReportStatus.APPROVED)
    ReportDecisionFactory(
        report=approved, kind=DecisionKind.RETURNED, by=council.person, comment="Des chiffres."
    )
    ReportDecisionFactory(report=approved, kind=DecisionKind.APPROVED, by=council.person)
    ProgressReportFactory(chantier=chantier, status=ReportStatus.DRAFT)
    client.force_login(partner)

    response = client.get(chantier.get_absolute_url())

    content = response.content.decode()
    assert "Politique régionale" in content
    assert response.context["approved_reports"] == [approved]
    assert response.context["open_reports"] == []  # a partner sees no draft
    assert "Des chiffres." in content
    assert "Rédiger un bilan d'étape" not in content


def test_a_chantier_member_sees_the_reports_being_written(client, chantier_member, territory):
    draft = ProgressReportFactory(chantier=territory["chantier"])

    client.force_login(chantier_member)
    response = client.get(territory["chantier"].get_absolute_url())

    assert response.context["open_reports"] == [draft]
    assert "Rédiger un bilan d'étape" in response.content.decode()


def test_summary_shows_approved_progress_since_the_given_date(client, partner, territory):
    chantier = territory["chantier"]
    objective = ObjectiveFactory(chantier=chantier, title="Bottin des ressources")
    today = timezone.localdate()
    ProgressReportFactory(
        chantier=chantier,
        status=ReportStatus.APPROVED,
        period_start=today - 400 * DAY,
        period_end=today - 300 * DAY,
        narrative="Vieux bilan.",
    )
    recent = ProgressReportFactory(
        chantier=chantier,
        status=ReportStatus.APPROVED,
        period_start=today - 90 * DAY,
        period_end=today - 1 * DAY,
        narrative="Bilan récent.",
    )
    ObjectiveUpdateFactory(report=recent, objective=objective, progress=70)
    ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED, narrative="Pas encore.")
    client.force_login(partner)

    default = client.get(reverse("chantiers:progress-summary")).content.decode()
    older = client.get(
        reverse("chantiers:progress-summary"), {"depuis": (today - 500 * DAY).isoformat()}
    ).content.decode()

    assert "Bilan récent." in default
    assert "Bottin des ressources : 70&nbsp;%" in default
    assert "Vieux bilan." not in default
    assert "Pas encore." not in default
    assert "Vieux bilan." in older


def test_csv_export_lists_every_objective_with_its_chantier(client, adoc, territory):
    ObjectiveFactory(chantier=territory["chantier"], title="Politique", progress=25, weight=2)
    client.force_login(adoc)

    response = client.get(reverse("chantiers:progress-export"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Chantier"
    assert rows[1][0] == "Chantier Transport"
    assert rows[1][4] == "Politique"
    assert rows[1][10] == "25"
    assert rows[1][2] == "25"


def test_home_lists_reports_waiting_for_a_council_member_but_not_their_own(
    client, council, partner, territory
):
    chantier = territory["chantier"]
    waiting = ProgressReportFactory(chantier=chantier, status=ReportStatus.RESUBMITTED)
    ProgressReportFactory(
        chantier=chantier, status=ReportStatus.SUBMITTED, authors=[council.person]
    )
    ProgressReportFactory(chantier=chantier, status=ReportStatus.DRAFT)
    client.force_login(council)

    response = client.get(reverse("home"))

    assert list(response.context["awaiting_reports"]) == [waiting]
    assert "Bilans en attente de ma décision" in response.content.decode()
    client.force_login(partner)
    assert "awaiting_reports" not in client.get(reverse("home")).context


def test_home_offers_chantier_members_to_write_and_finish_reports(
    client, chantier_member, territory
):
    returned = ProgressReportFactory(chantier=territory["chantier"], status=ReportStatus.RETURNED)
    client.force_login(chantier_member)

    response = client.get(reverse("home"))

    assert list(response.context["reports_to_finish"]) == [returned]
    assert reverse("chantiers:report-create", args=["transport"]) in response.content.decode()


def test_a_partner_asks_to_join_and_the_adoc_team_accepts(client, partner, adoc, territory):
    chantier = territory["chantier"]
    client.force_login(partner)
    client.post(
        reverse("chantiers:join-request-create", args=[chantier.slug]),
        {"organisation": territory["organisation"].pk, "message": "Nous offrons du transport."},
    )
    again = client.post(
        reverse("chantiers:join-request-create", args=[chantier.slug]),
        {"organisation": territory["organisation"].pk},
    )
    join = JoinRequest.objects.get()
    assert "déjà demandé" in again.content.decode()

    client.force_login(adoc)
    page = client.get(chantier.get_absolute_url())
    client.post(
        reverse("chantiers:join-request-decide", args=[chantier.slug, join.pk]),
        {"decision": "accept"},
    )
    twice = client.post(
        reverse("chantiers:join-request-decide", args=[chantier.slug, join.pk]),
        {"decision": "decline"},
        follow=True,
    )

    assert page.context["join_requests"] == [join]
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.ACCEPTED
    assert join.decided_by == adoc.person
    seat = Seat.objects.get(body=chantier.committee, person=partner.person)
    assert seat.organisation == territory["organisation"]
    assert "déjà reçu une réponse" in twice.content.decode()


def test_a_declined_request_gives_no_seat(client, adoc, territory):
    join = JoinRequestFactory(chantier=territory["chantier"])
    AffiliationFactory(person=join.person, organisation=join.organisation)
    client.force_login(adoc)

    client.post(
        reverse("chantiers:join-request-decide", args=[territory["chantier"].slug, join.pk]),
        {"decision": "decline"},
    )

    join.refresh_from_db()
    assert join.status == JoinRequestStatus.DECLINED
    assert not Seat.objects.filter(person=join.person).exists()


def test_objective_edited_directly_keeps_its_history(client, adoc, territory):
    objective = ObjectiveFactory(chantier=territory["chantier"], progress=10)
    client.force_login(adoc)

    client.post(
        reverse("chantiers:objective-update", args=[territory["chantier"].slug, objective.pk]),
        {
            "title_fr": objective.title,
            "kind": objective.kind,
            "status": objective.status,
            "progress": 35,
            "position": 0,
            "version": 0,
        },
    )
    refused = client.post(
        reverse("chantiers:objective-update", args=[territory["chantier"].slug, objective.pk]),
        {
            "title_fr": objective.title,
            "kind": objective.kind,
            "status": objective.status,
            "progress": 150,
            "position": 0,
            "version": 1,
        },
    )

    objective.refresh_from_db()
    assert objective.progress == 35
    assert [h.progress for h in objective.history.order_by("history_date")] == [10, 35]
    assert "progress" in refused.context["form"].errors


def test_the_chantier_coordination_manages_objectives_and_requests(client, territory):
    coordination = SeatFactory(body=territory["chantier"].committee, role=SeatRole.COORDINATION)
    user = UserFactory(email="coordination@example.org")
    coordination.person.user = user
    coordination.person.save()
    AffiliationFactory(person=coordination.person, organisation=territory["organisation"])
    join = JoinRequestFactory(chantier=territory["chantier"])
    client.force_login(user)

    page = client.get(territory["chantier"].get_absolute_url())
    client.post(
        reverse("chantiers:join-request-decide", args=[territory["chantier"].slug, join.pk]),
        {"decision": "decline"},
    )

    assert page.context["can_manage"] is True
    assert page.context["join_requests"] == [join]
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.DECLINED
    assert join.decided_by == coordination.person


def test_submission_email_goes_to_current_council_members_but_not_the_authors(
    council, chantier_member, territory, mailoutbox, django_capture_on_commit_callbacks
):
    author_on_council = SeatFactory(body=territory["council"]).person
    SeatFactory(
        body=territory["council"],
        starts=datetime.date(2020, 1, 1),
        ends=datetime.date(2021, 1, 1),
    )  # a former member
    report = ProgressReportFactory(
        chantier=territory["chantier"], authors=[chantier_member.person, author_on_council]
    )

    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(report, chantier_member.person)

    assert [message.to for message in mailoutbox] == [[council.person.email]]
    assert report.get_absolute_url() in mailoutbox[0].body


def test_admin_cannot_change_a_submitted_report(admin, client, territory):
    report = ProgressReportFactory(chantier=territory["chantier"], status=ReportStatus.SUBMITTED)
    draft = ProgressReportFactory(chantier=territory["chantier"])
    client.force_login(admin)

    response = client.post(
        reverse("admin:chantiers_progressreport_change", args=[report.pk]),
        {"narrative": "Changé dans l'admin."},
    )

    report.refresh_from_db()
    assert response.status_code in {200, 403}
    assert report.narrative != "Changé dans l'admin."
    page = client.get(reverse("admin:chantiers_progressreport_change", args=[draft.pk]))
    assert page.status_code == 200


def test_milestones_are_set_on_the_objective_and_drive_its_progress(client, adoc, territory):
    objective = ObjectiveFactory(chantier=territory["chantier"], progress=40)
    url = reverse("chantiers:objective-update", args=[territory["chantier"].slug, objective.pk])
    fields = {"title_fr": objective.title, "kind": objective.kind, "status": objective.status}
    client.force_login(adoc)

    client.post(
        url, {**fields, "progress": 40, "position": 0, "version": 0, "milestones": "Un\nDeux\n"}
    )
    objective.milestones.filter(title="Un").update(done=True)
    client.post(
        url, {**fields, "position": 0, "version": 1, "milestones": "Un\nDeux\nTrois\nQuatre"}
    )
    duplicate = client.post(url, {**fields, "position": 0, "version": 2, "milestones": "Un\nUn"})

    objective.refresh_from_db()
    assert [m.title for m in objective.milestones.all()] == ["Un", "Deux", "Trois", "Quatre"]
    assert objective.progress == 25
    assert "milestones" in duplicate.context["form"].errors


def test_objective_history_tells_which_report_moved_it(client, partner, council, territory):
    chantier = territory["chantier"]
    objective = ObjectiveFactory(chantier=chantier, title="Politique régionale")
    report = ProgressReportFactory(chantier=chantier, status=ReportStatus.SUBMITTED)
    ObjectiveUpdateFactory(report=report, objective=objective, progress=45)
    workflow.decide(report, council.person, DecisionKind.APPROVED)
    client.force_login(partner)

    page = client.get(chantier.get_absolute_url()).content.decode()
    history = client.get(
        reverse("chantiers:objective-history", args=[chantier.slug, objective.pk])
    ).content.decode()

    assert reverse("chantiers:objective-history", args=[chantier.slug, objective.pk]) in page
    assert "tape approuvé du" in history
    assert "45&nbsp;%" in history


def test_a_join_decision_without_a_choice_changes_nothing(client, adoc, territory):
    join = JoinRequestFactory(chantier=territory["chantier"])
    client.force_login(adoc)

    response = client.post(
        reverse("chantiers:join-request-decide", args=[territory["chantier"].slug, join.pk]),
        {"decision": "peut-être"},
        follow=True,
    )

    join.refresh_from_db()
    assert join.status == JoinRequestStatus.PENDING
    assert "accepter ou refuser" in response.content.decode()
