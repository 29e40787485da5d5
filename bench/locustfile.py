"""One page under load, by partners who logged in once (BENCH_PATH, BENCH_EMAIL)."""

import os

from locust import HttpUser, constant, task

PATH = os.environ["BENCH_PATH"]
EMAIL = os.environ.get("BENCH_EMAIL", "")


class Partner(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        if not EMAIL:
            return
        self.client.get("/comptes/login/", name="login")
        self.client.post(
            "/comptes/login/",
            {
                "login": EMAIL,
                "password": os.environ.get("BENCH_PASSWORD", "demo-charlevoix"),
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="login",
        )

    @task
    def page(self):
        self.client.get(PATH, name=PATH)
