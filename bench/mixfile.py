"""A browsing mix, for the page cache's hit rate: partners walk the portal's pages in a random
but seeded order while, every BENCH_WRITE_EVERY of their requests, an ADOC agent does one
thing in turn: sees an organisation's contact details (a row in the access log), logs in
(`last_login`), edits a decision, sees contact details again, logs in, edits an organisation.

Set by bench.run: BENCH_MIX (JSON from bench.mix), BENCH_EMAIL, BENCH_STAFF_EMAIL, BENCH_SEED,
BENCH_WRITE_EVERY, BENCH_MIX_OUTPUT (where the counts go, as JSON, when the run ends).
"""

import collections
import itertools
import json
import os
import random
import sys
from pathlib import Path

import requests
from locust import HttpUser, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.formfields import FormFields

MIX = json.loads(os.environ["BENCH_MIX"])
EMAIL = os.environ["BENCH_EMAIL"]
STAFF_EMAIL = os.environ["BENCH_STAFF_EMAIL"]
PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-charlevoix")
SEED = int(os.environ.get("BENCH_SEED", "1"))
WRITE_EVERY = int(os.environ.get("BENCH_WRITE_EVERY", "10"))
HIT_HEADER = "X-Page-Cache"

counts = {
    "requests": collections.Counter(),
    "hits": collections.Counter(),
    "not_ok": collections.Counter(),
    "writes": collections.Counter(),
    "failed_writes": collections.Counter(),
}
seeds = itertools.count(SEED)
partner_requests = itertools.count(1)
STAFF_TURNS = ["contact details", "login", 0, "contact details", "login", 1]
turns = itertools.cycle(STAFF_TURNS)


def log_in(session, base, email):
    session.get(f"{base}/comptes/login/")
    response = session.post(
        f"{base}/comptes/login/",
        {
            "login": email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        allow_redirects=False,
    )
    return response.status_code == 302


class Staff:
    """The ADOC agent, outside locust's figures: what they do is not what is measured."""

    def __init__(self, base):
        self.base, self.session, self.edited = base, requests.Session(), 0
        log_in(self.session, base, STAFF_EMAIL)

    def act(self, turn):
        if turn == "contact details":
            ok = self.session.get(self.base + MIX["contact_details"]).status_code == 200
        elif turn == "login":
            ok = log_in(requests.Session(), self.base, STAFF_EMAIL)
        else:
            if turn >= len(MIX["edits"]):
                return
            edit = MIX["edits"][turn]
            turn = edit["kind"]
            ok = self.edit(edit["form"], edit["field"])
        counts["writes"][turn] += 1
        if not ok:
            counts["failed_writes"][turn] += 1

    def edit(self, form, field):
        url = self.base + form
        fields = FormFields(field).parse(self.session.get(url).text)
        if fields is None:
            return False
        self.edited += 1
        base_text = fields[field].split(" [bench ")[0]
        fields[field] = f"{base_text} [bench {self.edited}]"
        response = self.session.post(url, fields, headers={"Referer": url}, allow_redirects=False)
        return response.status_code == 302


staff = None


class Partner(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.random = random.Random(next(seeds))
        log_in(self.client, "", EMAIL)

    @task
    def walk(self):
        global staff
        path = self.random.choice(MIX["pages"])
        response = self.client.get(path, name=path)
        counts["requests"][path] += 1
        if response.status_code != 200:
            counts["not_ok"][path] += 1
        if response.headers.get(HIT_HEADER) == "hit":
            counts["hits"][path] += 1
        if next(partner_requests) % WRITE_EVERY == 0:
            if staff is None:
                staff = Staff(self.host)
            staff.act(next(turns))


@events.quitting.add_listener
def write_counts(environment, **kwargs):
    output = os.environ.get("BENCH_MIX_OUTPUT")
    if output:
        with open(output, "w") as file:
            json.dump({name: dict(counter) for name, counter in counts.items()}, file)
