"""The browsing mix in one process, for the page cache's hit rate alone (prints JSON).

`python -m bench.walk REQUESTS` (DJANGO_SETTINGS_MODULE, DATABASE_URL and REDIS_URL set, on a
database built by bench.run): four partner sessions take turns, each walking the pages of
bench.mix in its own seeded random order; every WRITE_EVERY requests the ADOC agent does the
next thing of bench/mixfile.py's turns (contact details, login, decision, contact details,
login, organisation). The same sequence at every run, whatever the machine's speed: a hit rate
that does not depend on how busy it is, unlike the locust mix's.
"""

import argparse
import collections
import itertools
import json
import random

import django

SESSIONS = 4
TURNS = ["contact details", "login", 0, "contact details", "login", 1]


def walk(requests, seed, write_every, partner_email, staff_email, password):
    from django.test import Client
    from django.urls import reverse

    from bench.formfields import FormFields
    from bench.mix import discover
    from infrastructure.pagecache import HIT_HEADER

    mix = discover(partner_email, staff_email)
    partners = []
    for number in range(SESSIONS):
        client = Client()
        client.post(reverse("account_login"), {"login": partner_email, "password": password})
        partners.append((client, random.Random(seed + number)))
    staff = Client()
    staff.post(reverse("account_login"), {"login": staff_email, "password": password})
    counts = {name: collections.Counter() for name in ("requests", "hits", "not_ok", "writes")}
    turns, edited = itertools.cycle(TURNS), 0
    for number in range(1, requests + 1):
        client, order = partners[number % SESSIONS]
        path = order.choice(mix["pages"])
        response = client.get(path)
        counts["requests"][path] += 1
        counts["not_ok"][path] += response.status_code != 200
        counts["hits"][path] += response.get(HIT_HEADER) == "hit"
        if number % write_every:
            continue
        turn = next(turns)
        if turn == "contact details":
            staff.get(mix["contact_details"])
        elif turn == "login":
            Client().post(reverse("account_login"), {"login": staff_email, "password": password})
        elif turn < len(mix["edits"]):
            edit = mix["edits"][turn]
            fields = FormFields(edit["field"]).parse(staff.get(edit["form"]).content.decode())
            edited += 1
            fields[edit["field"]] = f"{fields[edit['field']].split(' [bench ')[0]} [bench {edited}]"
            assert staff.post(edit["form"], fields).status_code == 302, edit
            turn = edit["kind"]
        counts["writes"][turn] += 1
    total, hits = sum(counts["requests"].values()), sum(counts["hits"].values())
    return {
        "pages": len(mix["pages"]),
        "sessions": SESSIONS,
        "seed": seed,
        "write_every": write_every,
        "requests": total,
        "hits": hits,
        "hit_rate": round(hits / total, 3),
        "not_ok": sum(counts["not_ok"].values()),
        "writes": dict(counts["writes"]),
        "per_page": {
            path: {"requests": n, "hits": counts["hits"][path]}
            for path, n in sorted(counts["requests"].items())
        },
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-every", type=int, default=10)
    parser.add_argument("--partner", default="partenaire@example.org")
    parser.add_argument("--staff", default="adoc@example.org")
    parser.add_argument("--password", default="demo-charlevoix")
    options = parser.parse_args()
    django.setup()
    print(
        json.dumps(
            walk(
                options.requests,
                options.seed,
                options.write_every,
                options.partner,
                options.staff,
                options.password,
            )
        )
    )
