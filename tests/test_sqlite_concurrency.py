"""The embedded default (SQLite) behaves like a real database under concurrent requests: ten
transactions that read then write at the same moment all commit, one after the other, instead
of failing with « database is locked » (settings: transaction_mode IMMEDIATE, a busy timeout,
WAL). The same ten with SQLite's default (DEFERRED) transactions fail: the test can fail."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys, threading, time
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.contrib.sessions.models import Session
from django.utils import timezone

call_command("migrate", "sessions", verbosity=0)
results = {}
for mode in ("DEFERRED", "IMMEDIATE"):
    settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = mode
    settings.DATABASES["default"]["OPTIONS"]["timeout"] = 20
    Session.objects.all().delete()
    errors, barrier = [], threading.Barrier(10)

    def work(n):
        try:
            barrier.wait()
            with transaction.atomic():
                seen = Session.objects.count()  # a read first, as a view does
                time.sleep(0.05)
                Session.objects.create(
                    session_key=f"{mode}-{n}-{seen}", session_data="x", expire_date=timezone.now()
                )
        except Exception as error:
            errors.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results[mode] = {"errors": errors, "rows": Session.objects.count()}
print(json.dumps(results))
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_concurrent_writes_wait_for_each_other_instead_of_failing(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        DJANGO_SETTINGS_MODULE="dsi_portal.settings",
    )
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    results = json.loads(run.stdout.strip().splitlines()[-1])

    assert results["IMMEDIATE"] == {"errors": [], "rows": 10}
    assert results["DEFERRED"]["errors"], "SQLite's default should have failed some"
    assert all("locked" in error for error in results["DEFERRED"]["errors"])
