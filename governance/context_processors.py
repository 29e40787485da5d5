"""What every page's layout reads of the alliance: its identity (governance.models.identity)."""

from governance.models import current_identity


def alliance(request):
    return {"alliance": current_identity()}
