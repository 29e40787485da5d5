"""`make bench`: the portal at three scales, under load, compared with a page without a query.

For each scale (×1: the demo territory; ×10; ×100) it builds a database (PostgreSQL when
DATABASE_URL is set, SQLite otherwise), counts the SQL queries of each key page, serves the
portal with gunicorn (2 workers) and loads each page from a second process with locust,
headless, logged in as a partner. Then a browsing mix (bench/mixfile.py): partners walk the
cached pages in a random but seeded order while an ADOC agent writes now and then, which gives
the page cache's hit rate (hits / requests to cached pages). It prints a table and writes the
figures as JSON in bench-results/. A benchmark, not a test: nothing fails on a threshold.
"""

import argparse
import contextlib
import csv
import datetime
import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
CEILING = "/banc-d-essai/plafond/"
# The second ceiling: the same layout made for the logged-in partner (session, account, menu).
LAYOUT = "/banc-d-essai/gabarit/"
PAGES = {
    "home": "/",
    "organigram": "/organigramme/",
    "directory": "/repertoire/",
    "body page": "/instances/comite-conseil/",
    "organisation page": "/repertoire/organisations/maison-famille-charlevoix-est/",
    "chantier page": "/chantiers/transport/",
    "chantiers overview": "/chantiers/",
    "calendar": "/rencontres/",
    # The first demo meeting (a published assembly) on the freshly built database.
    "meeting record": "/rencontres/1/",
    "decisions": "/decisions/",
    # The published election with the most ballots: found once the database is built.
    "election results": None,
    # Found once the database is built: the partner's private feed and the comité's.
    "person feed": None,
    "body feed": None,
    "layout": LAYOUT,
    "ceiling": CEILING,
}
EMAIL = "partenaire@example.org"
STAFF_EMAIL = "adoc@example.org"


def database_url(scale):
    base = os.environ.get("DATABASE_URL")
    if not base:
        path = RESULTS / f"bench-x{scale}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    parts = urlsplit(base)
    # Named from DATABASE_URL's database (dsi_bench → dsi_bench_x100), so that two people
    # benchmarking on one PostgreSQL server do not drop each other's databases.
    name = f"{parts.path.strip('/') or 'dsi_bench'}_x{scale}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return urlunsplit(parts._replace(path=f"/{name}"))


def environment(url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
    }


def run(command, env, capture=False):
    result = subprocess.run(
        command, cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout


def build(scale, env):
    started = time.perf_counter()
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_demo", "--force", "-v0"], env, capture=True)
    grown = run([PYTHON, "-m", "bench.generate", str(scale)], env, capture=True).strip()
    return {"seconds": round(time.perf_counter() - started, 1), "added": grown}


def free_port():
    """A free loopback port: BENCH_PORT when set (e.g. a range one may use on a shared
    machine is "19000-19999"), otherwise one the system picks."""
    wanted = os.environ.get("BENCH_PORT", "0")
    first, _, last = wanted.partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in BENCH_PORT={wanted}")


class Gunicorn:
    """gunicorn with 2 workers on a free loopback port; samples the workers' memory."""

    def __init__(self, env):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "dsi_portal.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        self.peak_rss = 0
        self.sampling = True
        self.wait_until_ready()
        threading.Thread(target=self.sample, daemon=True).start()

    def wait_until_ready(self):
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def sample(self):
        master = psutil.Process(self.process.pid)
        while self.sampling:
            for worker in master.children():
                with contextlib.suppress(psutil.NoSuchProcess):
                    self.peak_rss = max(self.peak_rss, worker.memory_info().rss)
            time.sleep(0.2)

    def stop(self):
        self.sampling = False
        self.process.terminate()
        self.process.wait(timeout=30)


def locust_command(locustfile, port, seconds, users, prefix):
    """Headless locust running `bench/<locustfile>` against the portal on `port`, its figures
    written as CSV files starting with `prefix`."""
    return [
        PYTHON,
        "-m",
        "locust",
        "-f",
        str(ROOT / "bench" / locustfile),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]


def load(port, path, seconds, users, env):
    prefix = RESULTS / "locust"
    run(
        locust_command("locustfile.py", port, seconds, users, prefix),
        {**env, "BENCH_PATH": path, "BENCH_EMAIL": EMAIL},
        capture=True,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        row = next((r for r in csv.DictReader(stats) if r["Name"] == path), None)
    if row is None:
        # The users spent the whole run logging in (a short --seconds on a busy machine).
        return {"requests": 0, "failures": 0, "median_ms": None, "p99_ms": None, "rps": 0.0}
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "median_ms": float(row["Median Response Time"]),
        "p99_ms": float(row["99%"]),
        "rps": round(float(row["Requests/s"]), 1),
    }


def browse(port, seconds, users, env, seed, write_every):
    """The browsing mix: the page cache's hit rate, overall and per page."""
    mix = run([PYTHON, "-m", "bench.mix", EMAIL, STAFF_EMAIL], env, capture=True)
    prefix, output = RESULTS / "locust-mix", RESULTS / "mix-counts.json"
    output.unlink(missing_ok=True)
    run(
        # Failures are counted and printed, not a reason to stop.
        [*locust_command("mixfile.py", port, seconds, users, prefix), "--exit-code-on-error", "0"],
        {
            **env,
            "BENCH_MIX": mix,
            "BENCH_EMAIL": EMAIL,
            "BENCH_STAFF_EMAIL": STAFF_EMAIL,
            "BENCH_SEED": str(seed),
            "BENCH_WRITE_EVERY": str(write_every),
            "BENCH_MIX_OUTPUT": str(output),
        },
        capture=True,
    )
    counts = json.loads(output.read_text())
    with open(f"{prefix}_stats.csv", newline="") as stats:
        total = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    requests, hits = sum(counts["requests"].values()), sum(counts["hits"].values())
    return {
        "pages": len(json.loads(mix)["pages"]),
        "write_every": write_every,
        "seed": seed,
        "requests": requests,
        "hits": hits,
        "hit_rate": round(hits / requests, 3) if requests else None,
        "not_ok": sum(counts["not_ok"].values()),
        "writes": counts["writes"],
        "failed_writes": counts["failed_writes"],
        "median_ms": float(total["Median Response Time"]),
        "p99_ms": float(total["99%"]),
        "rps": round(float(total["Requests/s"]), 1),
        "per_page": {
            path: {"requests": n, "hits": counts["hits"].get(path, 0)}
            for path, n in sorted(counts["requests"].items())
        },
    }


def bench_scale(scale, seconds, users, options):
    url = database_url(scale)
    env = environment(url)
    result = {"scale": scale, "database": urlsplit(url).scheme, "build": build(scale, env)}
    person_feed, body_feed = run(
        [PYTHON, "-m", "bench.generate", "--feed-paths", EMAIL], env, capture=True
    ).split()
    paths = {
        **PAGES,
        "election results": run(
            [PYTHON, "-m", "bench.generate", "--results-path"], env, capture=True
        ).strip(),
        "person feed": person_feed,
        "body feed": body_feed,
    }
    if options.mix_only:
        paths = {}
    queries = json.loads(
        run([PYTHON, "-m", "bench.queries", EMAIL, *paths.values()], env, capture=True)
    )
    server = Gunicorn(env)
    try:
        pages = {}
        for name, path in paths.items():
            pages[name] = {
                "path": path,
                **queries[path],
                **load(server.port, path, seconds, users, env),
            }
            print(f"  ×{scale} {name}: {pages[name]}", flush=True)
        mix = browse(
            server.port, options.mix_seconds, users, env, options.seed, options.write_every
        )
        print(f"  ×{scale} browsing mix: {mix}", flush=True)
    finally:
        server.stop()
    # The same mix in one process, request after request: a hit rate that does not depend on
    # how busy the machine is (the locust mix's does: fewer requests between the same writes).
    mix["walk"] = json.loads(
        run(
            [
                PYTHON,
                "-m",
                "bench.walk",
                str(options.walk_requests),
                "--seed",
                str(options.seed),
                "--write-every",
                str(options.write_every),
            ],
            env,
            capture=True,
        )
    )
    print(f"  ×{scale} browsing walk: {mix['walk']}", flush=True)
    result["mix"] = mix
    ceiling = (pages.get("ceiling") or {}).get("median_ms") or 1
    layout = (pages.get("layout") or {}).get("median_ms") or 1
    layout_render = (pages.get("layout") or {}).get("render_ms") or 1
    for figures in pages.values():
        median = figures["median_ms"]
        figures["median_vs_ceiling"] = round(median / ceiling, 2) if median else None
        figures["median_vs_layout"] = round(median / layout, 2) if median else None
        figures["render_vs_layout"] = round(figures["render_ms"] / layout_render, 2)
    result["pages"] = pages
    result["worker_peak_rss_mb"] = round(server.peak_rss / 2**20, 1)
    return result


def page_cache_setting():
    """What the figures were measured with: the page cache needs Redis (REDIS_URL)."""
    seconds = int(os.environ.get("PAGE_CACHE_SECONDS", "120"))
    if os.environ.get("REDIS_URL") and seconds > 0:
        return f"on (Redis, {seconds} s)"
    return "off" + ("" if os.environ.get("REDIS_URL") else " (no REDIS_URL)")


def milliseconds(value):
    return f"{value:>6.0f}ms" if value is not None else f"{'—':>8}"


def report(results):
    header = (
        f"{'scale':>5} {'page':<20} {'queries':>7} {'again':>5} {'median':>8} {'p99':>8} "
        f"{'req/s':>7} {'×ceil':>6} {'×layout':>7} {'render':>8} {'×layout':>7} {'fail':>5}"
    )
    print(f"\nPage cache: {page_cache_setting()}")
    print(header)
    print("-" * len(header))
    for result in results:
        for name, page in result["pages"].items():
            print(
                f"{'×' + str(result['scale']):>5} {name:<20} {page['queries']:>7} "
                f"{page['queries_seen_again']:>5} {milliseconds(page['median_ms'])} "
                f"{milliseconds(page['p99_ms'])} {page['rps']:>7} "
                f"{page['median_vs_ceiling']:>6} {page['median_vs_layout']:>7} "
                f"{page['render_ms']:>6.1f}ms {page['render_vs_layout']:>7} {page['failures']:>5}"
            )
        print(f"{'':>5} worker peak memory: {result['worker_peak_rss_mb']} MB")
        mix = result["mix"]
        rate = f"{mix['hit_rate']:.1%}" if mix["hit_rate"] is not None else "—"
        writes = ", ".join(f"{n} {kind}" for kind, n in sorted(mix["writes"].items()))
        print(
            f"{'':>5} browsing mix ({mix['pages']} pages, a write every {mix['write_every']} "
            f"requests: {writes or 'none'}): page cache hit rate {rate} "
            f"({mix['hits']}/{mix['requests']}), median {milliseconds(mix['median_ms'])}, "
            f"p99 {milliseconds(mix['p99_ms'])}, {mix['rps']} req/s, "
            f"{mix['not_ok'] + sum(mix['failed_writes'].values())} failures"
        )
        walk = mix["walk"]
        print(
            f"{'':>5} the same mix in one process, {walk['requests']} requests: page cache "
            f"hit rate {walk['hit_rate']:.1%} ({walk['hits']}/{walk['requests']})"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--seconds", type=int, default=10, help="load per page")
    parser.add_argument("--users", type=int, default=4, help="concurrent locust users")
    parser.add_argument(
        "--mix-only", action="store_true", help="only the browsing mix, not each page alone"
    )
    parser.add_argument(
        "--write-every", type=int, default=20, help="browsing mix: partner requests per write"
    )
    parser.add_argument("--seed", type=int, default=1, help="browsing mix: the walks' seed")
    parser.add_argument("--mix-seconds", type=int, default=60, help="browsing mix: its length")
    parser.add_argument(
        "--walk-requests", type=int, default=600, help="the mix in one process: its length"
    )
    options = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    env = environment("sqlite:///unused")
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    results = []
    for scale in map(int, options.scales.split(",")):
        print(f"Scale ×{scale}…", flush=True)
        results.append(bench_scale(scale, options.seconds, options.users, options))
    report(results)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    output = RESULTS / f"bench-{stamp}.json"
    output.write_text(
        json.dumps(
            {
                "when": stamp,
                "cpus": os.cpu_count(),
                "page_cache": page_cache_setting(),
                "results": results,
            },
            indent=2,
        )
    )
    print(f"Figures written to {output.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
