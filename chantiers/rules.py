"""Who may do what with chantiers, objectives, progress reports and join requests.

A chantier's writers are its committee members and the ADOC team; its managers (who change
objectives directly and accept newcomers) are its coordination, the ADOC agents supporting it,
the ADOC team and administrators. Decisions on reports belong to the comité conseil: see
`chantiers.workflow`, which checks membership again inside its transaction.
"""

import rules

from chantiers.models import Chantier, Objective, ProgressReport, ReportStatus
from governance.models import SeatRole
from governance.roles import seat_roles
from governance.rules import (
    coordinates,
    has_a_person,
    is_admin,
    is_adoc,
    is_council_member,
    is_partner,
)
from infrastructure.access import get_object_for, person_of

# {body id: {roles}} of a user's current seats, looked up by a chantier's committee id.
committee_roles = seat_roles


def _chantier_of(obj):
    return obj.chantier if hasattr(obj, "chantier_id") else obj


@rules.predicate
def is_chantier_member(user, chantier):
    """A current voting or observing member of the chantier's committee (not ADOC support)."""
    if chantier is None:
        return False
    roles = committee_roles(user).get(_chantier_of(chantier).committee_id, set())
    return bool(roles - {SeatRole.SUPPORT})


@rules.predicate
def supports_chantier(user, chantier):
    if chantier is None:
        return False
    return SeatRole.SUPPORT in committee_roles(user).get(_chantier_of(chantier).committee_id, set())


@rules.predicate
def is_coordination(user, chantier):
    """Coordination, chair or vice-chair of the chantier's committee (governance.rules)."""
    return chantier is not None and coordinates.test(user, _chantier_of(chantier).committee_id)


can_write_reports = (is_chantier_member | supports_chantier | is_adoc) & has_a_person
can_manage_chantier = is_coordination | supports_chantier | is_adoc | is_admin


@rules.predicate
def report_is_approved(user, report):
    return report is not None and report.status == ReportStatus.APPROVED


@rules.predicate
def report_is_not_a_draft(user, report):
    return report is not None and report.status != ReportStatus.DRAFT


@rules.predicate
def writes_for_the_report(user, report):
    return isinstance(report, ProgressReport) and can_write_reports.test(user, report.chantier)


@rules.predicate
def is_report_author(user, report):
    person = person_of(user)
    return person is not None and report.authors.filter(pk=person.pk).exists()


# Writing a report for a chantier (object: the chantier).
rules.add_perm("chantiers.add_report", can_write_reports)
# Reading a report: approved ones are published to partners; the others are for the chantier's
# writers, and, once submitted, for the comité conseil.
rules.add_perm(
    "chantiers.view_report",
    is_partner
    & (
        report_is_approved
        | writes_for_the_report
        | (is_council_member & report_is_not_a_draft)
        | is_admin
    ),
)
# Changing a report's text (the workflow says whether its state still allows it).
rules.add_perm("chantiers.change_report", writes_for_the_report)
# Deciding on reports: current comité conseil members (not on their own, see workflow).
rules.add_perm("chantiers.decide_report", is_council_member)
# Chantiers, their objectives and their history: every partner.
rules.add_perm("chantiers.view_chantier", is_partner)
# Objectives and newcomers of a chantier (object: the chantier).
rules.add_perm("chantiers.manage_chantier", can_manage_chantier)
# Asking to join a chantier: any partner with a directory entry who is not a member yet.
rules.add_perm("chantiers.join_chantier", is_partner & has_a_person & ~is_chantier_member)
# The CSV export of objectives and progress, for the ADOC team's reporting to funders.
rules.add_perm("chantiers.export_progress", is_adoc | is_admin)


# --- Loaders: the object or 404 / 403 (infrastructure.access.get_object_for) ---------------


def chantier_for(request, slug, *, change=None, queryset=None):
    queryset = queryset if queryset is not None else Chantier.objects.select_related("committee")
    return get_object_for(
        request, queryset, view="chantiers.view_chantier", change=change, slug=slug
    )


def objective_for(request, slug, pk, *, change=None):
    """An objective of the chantier `slug` (the chantiers' predicates read its chantier)."""
    return get_object_for(
        request,
        Objective.objects.select_related("chantier__committee"),
        view="chantiers.view_chantier",
        change=change,
        chantier__slug=slug,
        pk=pk,
    )


def report_for(request, slug, pk, *, change=None):
    """The report, or a 404 for a partner who may not read it (its existence is not told)."""
    return get_object_for(
        request,
        ProgressReport.objects.select_related("chantier__committee"),
        view="chantiers.view_report",
        change=change,
        chantier__slug=slug,
        pk=pk,
    )
