"""An assembly day for the two-instance test (tests/ops/test_scale_out.py), through nginx.

OPS_PARTNERS partners log in and browse the key pages; OPS_DELEGATES delegates log in and vote
once in election OPS_ELECTION (retrying after an error, as a person would), and write each
receipt code they are shown to OPS_RECEIPTS. The run ends once every delegate has voted and
OPS_MIN_SECONDS have passed, or at --run-time.
"""

import itertools
import os
import random
import re

import gevent
import urllib3
from locust import HttpUser, between, events, task

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

PASSWORD = os.environ["OPS_PASSWORD"]
ELECTION = os.environ["OPS_ELECTION"]
PARTNERS = os.environ["OPS_PARTNERS"].split(",")
DELEGATES = os.environ["OPS_DELEGATES"].split(",")
RECEIPTS = os.environ["OPS_RECEIPTS"]
ORGANISATION = os.environ["OPS_ORGANISATION"]
PAGES = [
    "/",
    "/organigramme/",
    "/repertoire/",
    f"/repertoire/organisations/{ORGANISATION}/",
    "/instances/comite-conseil/",
    "/chantiers/",
    "/rencontres/",
    "/decisions/",
    "/elections/",
    f"/elections/{ELECTION}/",
]
CODE = re.compile(r"\b[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\b")
INPUT = re.compile(r"<input[^>]*>")
MIN_SECONDS = float(os.environ.get("OPS_MIN_SECONDS", 20))
partners = itertools.cycle(PARTNERS)
delegates = iter(DELEGATES)


class Person(HttpUser):
    abstract = True
    network_timeout = 20.0
    connection_timeout = 5.0

    def on_start(self):
        self.client.verify = False
        self.log_in(self.email)

    def post(self, path, data, name):
        token = ("csrfmiddlewaretoken", self.client.cookies.get("csrftoken", ""))
        # A dict, or (name, value) pairs when a name repeats (the review's choices).
        data = [*data, token] if isinstance(data, list) else {**data, token[0]: token[1]}
        return self.client.post(
            path, data, headers={"Referer": self.host + path}, name=name, allow_redirects=False
        )

    def log_in(self, email):
        self.client.get("/comptes/login/", name="login")
        self.post("/comptes/login/", {"login": email, "password": PASSWORD}, name="login")


class Partner(Person):
    fixed_count = int(os.environ.get("OPS_PARTNER_USERS", 100))
    wait_time = between(1, 3)

    def on_start(self):
        self.email = next(partners)
        super().on_start()

    @task
    def browse(self):
        path = random.choice(PAGES)
        self.client.get(path, name=path)


class Delegate(Person):
    fixed_count = len(DELEGATES)
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.email = next(delegates)
        self.voted = False
        super().on_start()

    @task
    def vote(self):
        if self.voted:
            self.client.get(f"/elections/{ELECTION}/", name="/elections/[id]/ after voting")
            return
        path = f"/elections/{ELECTION}/voter/"
        form = self.client.get(path, name=path, allow_redirects=False)
        if form.status_code == 302:  # already voted (an answer lost on the way)
            self.voted = True
            return
        if form.status_code != 200:
            return
        chosen = {}
        for tag in INPUT.findall(form.text):
            name, value = re.search(r'name="(\w+)"', tag), re.search(r'value="(\d+)"', tag)
            if 'type="checkbox"' in tag and name and value:
                chosen.setdefault(name.group(1), value.group(1))  # one name per college
        # The ballot form leads to the review page; its hidden fields (the choices and the
        # one-time token) are posted to cast the ballot, as « Confirmer mon vote » does.
        review = self.post(path, chosen, name=f"{path} (POST)")
        if review.status_code != 200:
            return
        hidden = []
        for tag in INPUT.findall(review.text):
            name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
            if 'type="hidden"' in tag and name and value and name.group(1) != "csrfmiddlewaretoken":
                hidden.append((name.group(1), value.group(1)))
        confirm = f"{path}confirmer/"
        answer = self.post(confirm, hidden, name=f"{confirm} (POST)")
        found = CODE.search(answer.text) if answer.status_code == 200 else None
        if found:
            self.voted = True
            with open(RECEIPTS, "a") as receipts:
                receipts.write(f"{self.email} {found.group()}\n")


@events.test_start.add_listener
def stop_when_everyone_voted(environment, **kwargs):
    def watch():
        gevent.sleep(MIN_SECONDS)
        while True:
            with open(RECEIPTS) as receipts:
                if len(receipts.readlines()) >= len(DELEGATES):
                    break
            gevent.sleep(0.5)
        gevent.sleep(1)  # the last answers, and a last write of the statistics
        environment.runner.quit()

    gevent.spawn(watch)
