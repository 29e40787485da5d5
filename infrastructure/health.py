"""The health endpoint that load balancers call: no login, nothing personal, two checks."""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache():
    key, value = f"health:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    found = cache.get(key) == value
    cache.delete(key)
    return found


@never_cache
@require_safe
def health(request):
    """200 and `{"status": "ok", …}` when the database answers a trivial query and the cache
    gives back what was put in it; 503 otherwise (the reason goes to the log, not the answer)."""
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception:
            logger.warning("Health check failed: %s", name, exc_info=True)
            checks[name] = "error"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
