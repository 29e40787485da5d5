"""Values within what the portal's records can mean, refused at the edge with a message.

A meeting dated 31 December 9999 at 23:00 in Québec is in year 10000 in UTC: PostgreSQL
stores it, then every page listing meetings fails to read it back. No record of the alliance
is dated before 1950 or more than twenty years ahead: such a date is a typing mistake."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1950
YEARS_AHEAD = 20


def plausible_date(value):
    """Validator of a date or datetime field."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    last_year = timezone.localdate().year + YEARS_AHEAD
    if not datetime.date(EARLIEST_YEAR, 1, 1) <= day <= datetime.date(last_year, 12, 31):
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            params={"first": EARLIEST_YEAR, "last": last_year},
            code="implausible_date",
        )
