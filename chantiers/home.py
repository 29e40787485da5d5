"""What the home page shows about progress reports, composed by portal.views.home."""

from chantiers.models import ProgressReport
from chantiers.models.progress import EDITABLE_STATUSES
from chantiers.rules import committee_roles, is_council_member


def report_blocks(user, active_chantiers):
    """Reports waiting for the user's decision (comité conseil members), and the active
    chantiers on whose committee the user sits (member or ADOC support), with their reports
    still being written. `active_chantiers` is the home page's list, reused."""
    person = getattr(user, "person", None)
    if person is None:
        return {}
    blocks = {}
    if is_council_member.test(user):
        blocks["awaiting_reports"] = (
            ProgressReport.objects.awaiting(person).select_related("chantier").order_by("submitted")
        )
    seats = committee_roles(user)
    writing = [chantier for chantier in active_chantiers if chantier.committee_id in seats]
    if writing:
        blocks["writing_chantiers"] = writing
        blocks["reports_to_finish"] = (
            ProgressReport.objects.filter(chantier__in=writing, status__in=EDITABLE_STATUSES)
            .select_related("chantier")
            .order_by("chantier__name", "period_start")
        )
    return blocks
