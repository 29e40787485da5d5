"""The five demo chantiers, each steered by the committee that demo.territory creates, with
their objectives and progress reports in every state of the workflow, moved there by
chantiers.workflow (submit, decide) as their authors and the comité would, dated in the past
and emailing nobody."""

import datetime

from django.db import transaction
from django.utils import timezone

from chantiers import workflow
from chantiers.models import (
    Chantier,
    ChantierStatus,
    DecisionKind,
    Milestone,
    Objective,
    ObjectiveUpdate,
    ProgressReport,
    ReportStatus,
)
from demo.data.chantiers import (
    APPROVED_STEPS,
    CHANTIERS,
    DECIDERS,
    OBJECTIVES,
    OPEN_STATES,
)
from demo.data.english import CHANTIERS_EN, OBJECTIVES_EN, english
from demo.territory import CHANTIER_FORMED, CHANTIER_SEATS, upsert
from governance.models import Body, Person


def load_chantiers(created=None):
    """Create or update the five chantiers; returns how many were created.

    Needs the committees from demo.territory.load_territory(). `created`, a Counter, is
    incremented as well when given.
    """
    before = Chantier.objects.count()
    with transaction.atomic():
        for row in CHANTIERS:
            upsert(
                Chantier,
                {"slug": row["slug"]},
                {
                    "name": row["name"],
                    "mandate": row["mandate"],
                    "priorities": row["priorities"],
                    "status": ChantierStatus.ACTIVE,
                    "started": CHANTIER_FORMED[row["committee"]],
                    "committee": Body.objects.get(slug=row["committee"]),
                    **english(CHANTIERS_EN.get(row["slug"], {})),
                },
                created,
            )
    return Chantier.objects.count() - before


def load_progress(created=None):
    """Objectives for every chantier; on a chantier without reports yet, two approved reports
    (the second returned once before approval) and one report in each other state."""
    today = timezone.localdate()
    deciders = [Person.objects.get(email=email) for email in DECIDERS]
    with transaction.atomic():
        for chantier in Chantier.objects.filter(slug__in=OBJECTIVES):
            objectives = []
            for position, row in enumerate(OBJECTIVES[chantier.slug]):
                title, kind, indicator, target, days, weight, milestones = row
                objective = upsert(
                    Objective,
                    {"chantier": chantier, "title": title},
                    {
                        "kind": kind,
                        "indicator": indicator,
                        "target": target,
                        "target_date": today + datetime.timedelta(days=days),
                        "weight": weight,
                        "position": position,
                        "title_en": OBJECTIVES_EN.get(title),
                    },
                    created,
                )
                for rank, label in enumerate(milestones):
                    upsert(
                        Milestone,
                        {"objective": objective, "title": label},
                        {"position": rank},
                        created,
                    )
                objectives.append(objective)
            if not chantier.reports.exists():
                pace = list(OBJECTIVES).index(chantier.slug) + 1
                _load_reports(chantier, objectives, deciders, today, created, pace)


def _report(chantier, author, starts, ends, status, created):
    """A draft report, as its author saves it (the report form creates drafts); `status` is
    the state it is headed for, which decides whether it asks the comité for anything."""
    report = ProgressReport.objects.create(
        chantier=chantier,
        period_start=starts,
        period_end=ends,
        narrative=(
            f"Le comité du chantier {chantier.name} s'est réuni trois fois durant la période. "
            "Les partenaires ont poursuivi les travaux prévus au plan d'action."
        ),
        difficulties="Le recrutement de bénévoles reste difficile dans les petites municipalités.",
        next_steps="Présenter l'avancement aux MRC et préparer la prochaine assemblée.",
        requests=(
            "Appui du comité conseil pour une demande au Fonds régions et ruralité."
            if status != ReportStatus.DRAFT
            else ""
        ),
    )
    report.authors.add(author)
    if created is not None:
        created["ProgressReport"] += 1
    return report


def _updates(report, objectives, step):
    for objective, value in zip(objectives, step, strict=False):
        milestones = list(objective.milestones.all())
        if milestones:
            done = milestones[:value]
            update = ObjectiveUpdate.objects.create(
                report=report,
                objective=objective,
                progress=Objective.progress_from(len(done), len(milestones)),
                comment="Étapes franchies selon l'échéancier.",
            )
            update.milestones_done.set(done)
        elif value:
            ObjectiveUpdate.objects.create(
                report=report,
                objective=objective,
                progress=value,
                comment="Avancement constaté par le comité du chantier.",
            )


def _moment(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _submit(report, author, on=None):
    """Submitted by its author on `on` (today, by default), telling nobody (see
    chantiers.workflow.submit)."""
    workflow.submit(report, author, now=_moment(on, 9) if on else None, notify=False)


def _decide(report, kind, by, on, comment=""):
    """A decision dated `on` (the demo's history is spread over the past year and a half)."""
    workflow.decide(report, by, kind, comment, now=_moment(on, 19, 30), notify=False)


def _revise(report):
    """What saving the report form does to a returned report, edited by its author: it is
    revised (ReportForm.save; chantiers.workflow has no function for it)."""
    report.refresh_from_db()
    report.status = ReportStatus.REVISED
    report.version += 1
    report.save(update_fields=["status", "version"])


def _load_reports(chantier, objectives, deciders, today, created, pace):
    """`pace` (1 to 5) spreads the chantiers' progress apart."""
    author = Person.objects.get(email=CHANTIER_SEATS[chantier.committee.slug][0][0])
    day = datetime.timedelta(days=1)
    periods = ((today - 540 * day, today - 361 * day), (today - 360 * day, today - 181 * day))
    for number, ((starts, ends), step) in enumerate(zip(periods, APPROVED_STEPS, strict=True)):
        report = _report(chantier, author, starts, ends, ReportStatus.APPROVED, created)
        # Percentages move with the chantier's pace; milestones as they are.
        _updates(
            report,
            objectives,
            [v if n == 1 else min(v + 5 * pace, 100) for n, v in enumerate(step)],
        )
        _submit(report, author, ends + 7 * day)
        if number == 1:
            _decide(
                report,
                DecisionKind.RETURNED,
                deciders[1],
                ends + 14 * day,
                "Précisez l'avancement de chaque objectif avec des chiffres.",
            )
            _revise(report)
            _submit(report, author, ends + 21 * day)
        # Approving copies the report's progress to the objectives (apply_progress).
        _decide(report, DecisionKind.APPROVED, deciders[0], ends + 30 * day)
    starts, ends = today - 180 * day, today - day
    for status in OPEN_STATES:
        report = _report(chantier, author, starts, ends, status, created)
        _updates(report, objectives, (75, 3, 50, 0))
        if status == ReportStatus.SUBMITTED:
            _submit(report, author)
        elif status in (ReportStatus.RETURNED, ReportStatus.REVISED, ReportStatus.RESUBMITTED):
            _submit(report, author, today - 10 * day)
            _decide(
                report,
                DecisionKind.RETURNED,
                deciders[1],
                today - 7 * day,
                "Ajoutez les difficultés rencontrées avec les municipalités.",
            )
            if status != ReportStatus.RETURNED:
                _revise(report)
            if status == ReportStatus.RESUBMITTED:
                _submit(report, author)
