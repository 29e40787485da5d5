"""Count the SQL queries of each benchmarked page, logged in as a partner, and time its making
in this process (Django's test client, no HTTP: steadier than the HTTP figures on a shared
machine). Prints JSON."""

import json
import statistics
import sys
import time

import django

# Each page made this many times afresh (the page cache emptied before each): the median.
RENDERS = 15


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
        # Counted now: the next request empties the connection's log they are read from.
        made, seen_again = len(queries), len(again)
        renders = []
        for _ in range(RENDERS):
            if pagecache.enabled():
                pagecache.bump()
            started = time.perf_counter()
            client.get(path)
            renders.append(time.perf_counter() - started)
        counts[path] = {
            "render_ms": round(statistics.median(renders) * 1000, 2),
            "queries": made,
            "queries_seen_again": seen_again,
            "status": response.status_code,
        }
    return counts


if __name__ == "__main__":
    django.setup()
    print(json.dumps(count(sys.argv[2:], sys.argv[1])))
