"""Scale-out, load and faults: two gunicorn instances on loopback behind nginx (round-robin, TLS),
sharing one PostgreSQL cluster of the test's own and one Redis of its own.

Needs nginx, redis-server, openssl and PostgreSQL's server tools (pg_createcluster, as root);
skipped without them, unless DSI_REQUIRE_OPS=1 (set by .ci/run), which turns the skip into a
failure. Ports 18001-18002 (gunicorn), 18080 and 18443 (nginx), 18379 (Redis), 18432 (PostgreSQL).
"""

import csv
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

# nginx's certificate is made by the test: not checked.
pytestmark = [
    pytest.mark.ops,
    pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning"),
]

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
REQUIRED = os.environ.get("DSI_REQUIRE_OPS") == "1"
CLUSTER = "dsi_ops"
PG_PORT, REDIS_PORT, HTTP_PORT, HTTPS_PORT = 18432, 18379, 18080, 18443
WEB_PORTS = (18001, 18002)
NGINX = f"https://127.0.0.1:{HTTPS_PORT}"
INSTANCES = [f"http://127.0.0.1:{port}" for port in WEB_PORTS]
DELEGATES, PARTNERS = 40, 100
STYLED_503 = "<h1>Le portail est momentanément indisponible</h1>"


def missing_tools():
    missing = [
        tool
        for tool in ("nginx", "redis-server", "openssl", "pg_createcluster", "pg_ctlcluster")
        if not shutil.which(tool)
    ]
    if not Path("/etc/postgresql").is_dir() or not os.listdir("/etc/postgresql"):
        missing.append("a PostgreSQL server (/etc/postgresql)")
    if os.geteuid() != 0:
        missing.append("root (pg_createcluster)")
    return missing


def wait_for_port(port, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port} within {seconds} s")


def refuse_busy_port(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
    except OSError:
        return
    pytest.fail(f"port {port} is already in use: stop what listens there first")


class Stack:
    """The processes of the test and how to reach them."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.version = sorted(os.listdir("/etc/postgresql"))[-1]
        self.database_url = f"postgres://postgres@127.0.0.1:{PG_PORT}/dsi_ops?connect_timeout=3"
        self.redis_url = f"redis://127.0.0.1:{REDIS_PORT}/0"
        self.processes = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.ops.settings",
            "DEBUG": "false",
            "SECRET_KEY": "ops-test-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": self.database_url,
            "CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis_url,
            "TRUSTED_PROXY_COUNT": "1",
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_COOKIES": "true",
            "MEDIA_ROOT": str(tmp / "media"),
            "LOG_LEVEL": "WARNING",
            "PYTHONWARNINGS": "ignore",
        }

    def cluster(self, *action):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, CLUSTER, *action],
            check=True,
            capture_output=True,
        )

    def start(self):
        for port in (PG_PORT, REDIS_PORT, HTTP_PORT, HTTPS_PORT, *WEB_PORTS):
            refuse_busy_port(port)
        self.drop_cluster()
        subprocess.run(
            [
                "pg_createcluster",
                self.version,
                CLUSTER,
                "-p",
                str(PG_PORT),
                "--start",
                "--start-conf",
                "manual",
                "--",
                "--auth=trust",
            ],
            check=True,
            capture_output=True,
        )
        wait_for_port(PG_PORT, "PostgreSQL")
        self.psql("CREATE DATABASE dsi_ops", database="postgres")
        self.spawn(
            "redis",
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.tmp),
            ],
        )
        wait_for_port(REDIS_PORT, "redis-server")
        built = subprocess.run(
            [PYTHON, "-m", "tests.ops.scenario", str(DELEGATES), str(PARTNERS)],
            cwd=ROOT, env=self.env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        self.scenario = json.loads(built.stdout.strip().splitlines()[-1])
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=self.env, check=True,
        )  # fmt: skip
        for number, port in enumerate(WEB_PORTS, start=1):
            self.spawn(
                f"web-{number}",
                [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
                {
                    "GUNICORN_BIND": f"127.0.0.1:{port}",
                    "WEB_CONCURRENCY": "2",
                    "GUNICORN_ACCESS_LOG": str(self.tmp / f"web-{number}-access.log"),
                    "GUNICORN_LOG_LEVEL": "warning",
                    "GUNICORN_PROC_NAME": f"dsi-ops-web-{number}",
                },
            )
        self.start_nginx()
        for port in WEB_PORTS:
            wait_for_port(port, "gunicorn")
        wait_for_port(HTTPS_PORT, "nginx")
        for base in INSTANCES:
            self.wait_until_healthy(base)

    def wait_until_healthy(self, base, seconds=60):
        """The workers have loaded the portal (and answered once) when /sante/ says 200."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/sante/", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{base}/sante/ did not answer 200 within {seconds} s")

    def start_nginx(self):
        tmp = self.tmp
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                str(tmp / "key.pem"),
                "-out",
                str(tmp / "cert.pem"),
            ],
            check=True,
            capture_output=True,
        )
        proxy = ROOT / "deploy" / "nginx" / "dsi-proxy.conf"
        servers = "\n".join(
            f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;" for port in WEB_PORTS
        )
        temp = " ".join(
            f"{kind}_temp_path {tmp}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (tmp / "nginx.conf").write_text(
            f"""
{"user root;" if os.geteuid() == 0 else ""}
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log {tmp}/nginx-access.log;
  {temp}
  upstream dsi_portal {{
{servers}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{HTTP_PORT};
    location = /sante/ {{ access_log off; include {proxy}; }}
    location / {{ return 301 https://$host:{HTTPS_PORT}$request_uri; }}
  }}
  server {{
    listen 127.0.0.1:{HTTPS_PORT} ssl;
    ssl_certificate {tmp}/cert.pem;
    ssl_certificate_key {tmp}/key.pem;
    client_max_body_size 12m;
    location = /sante/ {{ access_log off; include {proxy}; }}
    location / {{ include {proxy}; }}
  }}
}}
"""
        )
        error_log = str(tmp / "nginx-error.log")
        self.spawn(
            "nginx", ["nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp), "-e", error_log]
        )

    def spawn(self, name, command, extra=None):
        log = open(self.tmp / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            command, cwd=ROOT, env={**self.env, **(extra or {})}, stdout=log, stderr=log
        )
        self.processes.append((name, process, log))

    def stop(self):
        for _name, process, log in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
        self.drop_cluster()

    def drop_cluster(self):
        if Path(f"/etc/postgresql/{self.version}/{CLUSTER}").exists():
            subprocess.run(
                ["pg_dropcluster", "--stop", self.version, CLUSTER],
                check=False,
                capture_output=True,
            )

    def psql(self, sql, *params, database="dsi_ops"):
        import psycopg

        url = self.database_url.replace("/dsi_ops?", f"/{database}?")
        with psycopg.connect(url, autocommit=True) as connection:
            cursor = connection.execute(sql, params)
            return cursor.fetchall() if cursor.description else None

    def log(self, name):
        return (self.tmp / name).read_text()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    missing = missing_tools()
    if missing:
        reason = "the two-instance test needs " + ", ".join(missing)
        if REQUIRED:
            pytest.fail(reason + " (DSI_REQUIRE_OPS=1)")
        pytest.skip(reason)
    stack = Stack(tmp_path_factory.mktemp("ops"))
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


class FormFields(HTMLParser):
    """The values a browser would send with each form of a page, by the form's action."""

    def __init__(self):
        super().__init__()
        self.forms, self.fields, self.textarea, self.select = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.fields = self.forms.setdefault(attrs.get("action") or "", {})
        if tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")
        name = attrs.get("name")
        if self.fields is None or not name:
            return
        if tag == "input" and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"} or "checked" in attrs:
                self.fields[name] = attrs.get("value", "on")
        elif tag == "textarea":
            self.textarea, self.fields[name] = name, ""
        elif tag == "select":
            self.select = name

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.fields = None


def form_fields(html, action=""):
    """The fields of the form posted to `action` ("" for the page itself)."""
    parser = FormFields()
    parser.feed(html)
    return parser.forms[action]


class Browser:
    """One person's cookies, sent to nginx (HTTPS) or straight to an instance (plain HTTP, with
    the X-Forwarded-Proto that nginx would add): secure cookies and HTTPS redirects hold."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, base, path, data=None, timeout=30):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if base != NGINX:
            headers["X-Forwarded-Proto"] = "https"
        if method == "POST":
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            headers["Referer"] = base.replace("http://", "https://") + path
        response = requests.request(
            method, base + path, data=data, headers=headers, verify=False,
            allow_redirects=False, timeout=timeout,
        )  # fmt: skip
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, base, path, **kwargs):
        return self.request("GET", base, path, **kwargs)

    def post(self, base, path, data):
        return self.request("POST", base, path, data)

    def log_in(self, base, email, password):
        self.get(base, "/comptes/login/")
        response = self.post(base, "/comptes/login/", {"login": email, "password": password})
        assert response.status_code == 302, response.text[:500]


def logged_in(response):
    return response.status_code == 200 and 'action="/comptes/logout/"' in response.text


def served_by(stack, path, expected=0):
    """How many requests for `path` each instance's access log shows (waiting a little for the
    last lines, written after the answer, until there are `expected` in all)."""
    deadline = time.monotonic() + 5
    while True:
        counts = [
            stack.log(f"web-{number}-access.log").count(f" {path} ")
            for number in range(1, len(WEB_PORTS) + 1)
        ]
        if sum(counts) >= expected or time.monotonic() > deadline:
            return counts
        time.sleep(0.1)


def test_health_answers_over_plain_http_and_stays_out_of_the_access_log(stack):
    direct = requests.get(f"{INSTANCES[0]}/sante/", timeout=30)
    through_nginx = requests.get(f"http://127.0.0.1:{HTTP_PORT}/sante/", timeout=30)
    page = requests.get(f"{INSTANCES[0]}/", timeout=30, allow_redirects=False)
    page_through_nginx = requests.get(
        f"http://127.0.0.1:{HTTP_PORT}/", timeout=30, allow_redirects=False
    )

    assert direct.status_code == through_nginx.status_code == 200
    assert direct.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert page.status_code == page_through_nginx.status_code == 301
    assert page.headers["Location"].startswith("https://")
    assert served_by(stack, "/sante/") == [0, 0]


def test_static_files_have_hashed_names_when_debug_is_off(stack):
    home = requests.get(f"{NGINX}/", verify=False, timeout=30)
    names = re.findall(r'(?:href|src)="(/static/[^"]+)"', home.text)
    hashed = [name for name in names if re.search(r"\.[0-9a-f]{12}\.\w+$", name)]

    assert hashed, names
    assert len(hashed) == len(names)
    asset = requests.get(f"{NGINX}{hashed[0]}", verify=False, timeout=30)
    assert asset.status_code == 200
    assert "immutable" in asset.headers["Cache-Control"]


def test_a_login_through_one_instance_holds_on_the_other(stack):
    browser = Browser()
    browser.log_in(INSTANCES[0], stack.scenario["partners"][0], stack.scenario["password"])

    on_the_other = browser.get(INSTANCES[1], "/repertoire/")
    alternately = [browser.get(NGINX, "/organigramme/") for _ in range(6)]

    assert logged_in(on_the_other)
    assert all(logged_in(response) for response in alternately)
    assert all(count >= 2 for count in served_by(stack, "/organigramme/", expected=6))
    # The session is read from Redis (and kept in PostgreSQL too).
    session = browser.cookies["sessionid"]
    import redis

    assert redis.Redis.from_url(stack.redis_url).keys(f"*cached_db{session}")
    assert stack.psql("SELECT count(*) FROM django_session WHERE session_key = %s", session) == [
        (1,)
    ]
    # Logging out through one instance logs out everywhere.
    logout = browser.post(NGINX, "/comptes/logout/", {})
    assert logout.status_code == 302, logout.text[:3000]
    for base in INSTANCES:
        assert browser.get(base, "/repertoire/").status_code == 302


def test_a_record_written_through_one_instance_is_read_through_the_other(stack):
    slug = stack.scenario["organisation"]
    agent = Browser()
    agent.log_in(INSTANCES[1], "adoc@example.org", "demo-charlevoix")
    form = agent.get(INSTANCES[0], f"/repertoire/organisations/{slug}/modifier/")
    assert form.status_code == 200
    fields = form_fields(form.text)
    description = f"Écrit par l’instance 2 à {time.time():.0f}, lu par l’instance 1."

    saved = agent.post(
        INSTANCES[1],
        f"/repertoire/organisations/{slug}/modifier/",
        {**fields, "description": description},
    )

    errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)<', saved.text, re.S)
    assert saved.status_code == 302, (fields.keys(), errors)
    for base in (INSTANCES[0], NGINX, NGINX):
        assert description in agent.get(base, f"/repertoire/organisations/{slug}/").text


def ballots(stack):
    election = stack.scenario["election"]
    participations = stack.psql(
        "SELECT count(*), count(DISTINCT p.elector_id) FROM elections_participation p "
        "JOIN elections_elector e ON e.id = p.elector_id WHERE e.election_id = %s",
        election,
    )[0]
    hashes = {
        row[0]
        # The box and the pool (elections/ballot_box.py): a ballot waits there until a batch.
        for table in ("elections_ballot", "elections_pendingballot")
        for row in stack.psql(f"SELECT receipt_hash FROM {table} WHERE election_id = %s", election)
    }
    ballot_count = sum(
        stack.psql(f"SELECT count(*) FROM {table} WHERE election_id = %s", election)[0][0]
        for table in ("elections_ballot", "elections_pendingballot")
    )
    return participations, ballot_count, hashes


def receipt_hash(code):
    return hashlib.sha256(code.replace("-", "").encode()).hexdigest()


def run_locust(stack, delegates, seconds, label, at_most=180):
    """Load through nginx for `seconds`, and on until every delegate has voted (`at_most`)."""
    receipts = stack.tmp / f"receipts-{label}.txt"
    receipts.touch()
    prefix = stack.tmp / f"locust-{label}"
    scenario = stack.scenario
    process = subprocess.Popen(
        [PYTHON, "-m", "locust", "-f", str(ROOT / "tests" / "ops" / "locustfile.py"),
         "--headless", "--users", str(PARTNERS + len(delegates)), "--spawn-rate", "40",
         "--run-time", f"{at_most}s", "--stop-timeout", "5", "--host", NGINX,
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT,
        env={
            **os.environ,
            "OPS_PASSWORD": scenario["password"],
            "OPS_ELECTION": str(scenario["election"]),
            "OPS_PARTNERS": ",".join(scenario["partners"]),
            "OPS_PARTNER_USERS": str(PARTNERS),
            "OPS_DELEGATES": ",".join(delegates),
            "OPS_RECEIPTS": str(receipts),
            "OPS_ORGANISATION": scenario["organisation"],
            "OPS_MIN_SECONDS": str(seconds),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    return process, receipts, prefix


def locust_figures(process, receipts, prefix, label):
    output, _ = process.communicate(timeout=120)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    figures = {
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "median_ms": float(total["Median Response Time"]),
        "p99_ms": float(total["99%"]),
        "rps": round(float(total["Requests/s"]), 1),
    }
    lines = [line.split() for line in receipts.read_text().splitlines() if line.strip()]
    figures["votes_reported"] = len(lines)
    with open(f"{prefix}_failures.csv", newline="") as failures:
        figures["failures_by_kind"] = [
            f"{row['Method']} {row['Name']}: {row['Error']} ×{row['Occurrences']}"
            for row in csv.DictReader(failures)
        ]
    print(f"\n[ops] {label}: {json.dumps(figures, ensure_ascii=False)}")
    if not lines:
        print(output[-3000:])
    return figures, lines


def test_an_assembly_under_load_then_a_database_restart(stack):
    scenario = stack.scenario
    first, second = scenario["delegates"][:20], scenario["delegates"][20:40]
    assert scenario["electors"] >= 40

    # Normal phase: 100 partners browse while 20 delegates vote at once.
    figures, voted = locust_figures(*run_locust(stack, first, 20, "normal"), "normal phase")

    assert figures["failures"] == 0, figures["failures_by_kind"]
    assert sorted(email for email, _ in voted) == sorted(first)
    (participations, electors), ballot_count, hashes = ballots(stack)
    assert participations == electors == ballot_count == len(voted) == 20
    assert {receipt_hash(code) for _, code in voted} <= hashes

    # Fault phase: the same load, 20 other delegates voting, PostgreSQL stopped for 4 s.
    partner = Browser()
    partner.log_in(NGINX, scenario["partners"][1], scenario["password"])
    probes, health_probes, probing = [], [], threading.Event()

    def probe():
        while not probing.is_set():
            started = time.monotonic()
            try:
                response = partner.get(NGINX, "/repertoire/", timeout=30)
                probes.append((started, response.status_code, time.monotonic() - started,
                               response.text))  # fmt: skip
            except requests.RequestException as error:
                probes.append((started, type(error).__name__, time.monotonic() - started, ""))
            health_started = time.monotonic()
            try:
                health = requests.get(f"{INSTANCES[0]}/sante/", timeout=15)
                health_probes.append((health_started, health.status_code, health.json()))
            except requests.RequestException as error:
                health_probes.append((health_started, type(error).__name__, None))
            time.sleep(0.2)

    locust = run_locust(stack, second, 25, "fault", at_most=60)
    prober = threading.Thread(target=probe, daemon=True)
    prober.start()
    time.sleep(10)
    stack.cluster("stop")  # fast: open transactions are rolled back, connections cut
    stopped = time.monotonic()
    time.sleep(4)
    starting = time.monotonic()
    stack.cluster("start")
    restarted = time.monotonic()
    figures, voted = locust_figures(*locust, "fault phase (PostgreSQL stopped 4 s)")
    probing.set()
    prober.join(timeout=20)

    during = [p for p in probes if stopped <= p[0] <= starting]
    errors = [p for p in during if p[1] != 200]
    assert errors, "the outage was not seen"
    for _, status, elapsed, body in during:
        assert status in (200, 503), status
        # An answer, not a hang (gunicorn gives up at 30 s, nginx at 60 s).
        assert elapsed < 20
        if status != 200:
            assert STYLED_503 in body
            assert "Traceback" not in body
            assert "OperationalError" not in body
    health_during = [p for p in health_probes if stopped <= p[0] <= starting]
    assert health_during
    assert all(p[1] == 503 and p[2]["database"] == "error" for p in health_during), health_during
    recovered = next(p[0] for p in probes if p[0] > restarted and p[1] == 200)
    after = [p for p in probes if p[0] >= recovered]
    assert all(p[1] == 200 for p in after), [p[1] for p in after]
    print(
        f"[ops] outage: {len(during)} probes during, {len(errors)} styled errors, "
        f"slowest {max(p[2] for p in during):.2f} s; back to 200 {recovered - restarted:.1f} s "
        f"after the restart"
    )
    assert requests.get(f"{INSTANCES[1]}/sante/", timeout=30).status_code == 200

    # Nothing lost, nothing doubled: every receipt shown is in the box, one ballot per elector.
    (participations, electors), ballot_count, hashes = ballots(stack)
    assert participations == electors == ballot_count
    assert {receipt_hash(code) for _, code in voted} <= hashes
    assert len(voted) <= participations - 20 <= len(second)
    print(
        f"[ops] ballots: {ballot_count} in the box and the pool for {participations} "
        "participations; "
        f"{len(voted)} receipts shown in the fault phase, all found"
    )
