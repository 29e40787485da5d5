"""Count the SQL queries of each benchmarked page, logged in as a partner (prints JSON)."""

import json
import sys

import django


def count(paths, email):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from infrastructure import pagecache

    client = Client()
    client.force_login(User.objects.get(email=email))
    counts = {}
    for path in paths:
        client.get(path)  # warm the connection and any per-process cache
        if pagecache.enabled():
            pagecache.bump()  # so that the view runs: the page's own queries
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        # Seen again, unchanged: served from the page cache when it is on (Redis).
        with CaptureQueriesContext(connection) as again:
            client.get(path)
        counts[path] = {
            "queries": len(queries),
            "queries_seen_again": len(again),
            "status": response.status_code,
        }
    return counts


if __name__ == "__main__":
    django.setup()
    print(json.dumps(count(sys.argv[2:], sys.argv[1])))
