"""The server-error handler: a database that cannot be reached is a 503, not a 500.

During a database restart or a failover every page fails the same way; saying « come back in a
moment » (with Retry-After, which load balancers and browsers understand) is the truth, and the
page must render without the database, as Django's own 500 handler does.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponseServerError(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
