"""Load and fault scenario: gunicorn + PostgreSQL + Redis on 127.0.0.1, N users for a while, PostgreSQL restarted
in the middle. Run by hand (it starts and stops its own PostgreSQL cluster, so nobody else's database restarts):

    .venv/bin/python bench/load_fault.py --users 50 --seconds 300 --restart-at 150

It prints requests per second, p50/p95/p99 latency, errors by status, what answered while PostgreSQL was down
(only 503s are acceptable) and the recovery time (from PostgreSQL being back to the first successful page).
Users: two thirds anonymous readers (home, library, events, countries), one third full members (demo accounts,
password + TOTP) searching, listing the directory and opening contacts.
"""

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PUBLIC = ["/es/", "/en/", "/es/biblioteca/", "/es/eventos/", "/es/paises/", "/es/buscar/?q=trata"]
DIRECTORY = "/es/directorio/"
SEARCHES = ["trata", "extradición", "cooperación", "entrega vigilada", "victim"]
MEMBERS = ["admin@enlace.example", "vetter@enlace.example", "editor@enlace.example", "member@enlace.example"]


def pg_bin(name):
    versions = sorted(Path("/usr/lib/postgresql").iterdir(), reverse=True)
    return str(versions[0] / "bin" / name)


def as_postgres(command):
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class Cluster:
    """A throw-away PostgreSQL cluster of this scenario, on its own port and data directory."""

    def __init__(self, port, directory):
        self.port, self.directory = port, Path(directory)

    def ctl(self, *arguments):
        log = self.directory.parent / "postgres.log"
        options = f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1"
        command = [pg_bin("pg_ctl"), "-D", str(self.directory), "-l", str(log), "-o", options, "-w", *arguments]
        subprocess.run(as_postgres(command), check=True, capture_output=True)

    def create(self):
        if not (self.directory / "PG_VERSION").exists():
            self.directory.mkdir(parents=True, exist_ok=True)
            shutil.chown(self.directory.parent, "postgres") if os.geteuid() == 0 else None
            shutil.chown(self.directory, "postgres") if os.geteuid() == 0 else None
            subprocess.run(
                as_postgres([pg_bin("initdb"), "-D", str(self.directory), "-U", "postgres", "-A", "trust"]),
                check=True,
                capture_output=True,
            )
        if subprocess.run(as_postgres([pg_bin("pg_ctl"), "-D", str(self.directory), "status"])).returncode != 0:
            self.ctl("start")
        subprocess.run(
            as_postgres([pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "enlace_fault"]),
            capture_output=True,
        )

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/enlace_fault"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def totp(secret):
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret)
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def demo_secret(email):
    import base64

    return base64.b32encode(email.encode().ljust(20, b"=")[:20]).decode()


def csrf_of(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def sign_in(base, email):
    session = requests.Session()
    page = session.get(f"{base}/es/accounts/login/", timeout=10)
    session.post(
        f"{base}/es/accounts/login/",
        timeout=10,
        data={
            "login": email,
            "password": os.environ.get("DEMO_PASSWORD", "demo-enlace-2026"),
            "csrfmiddlewaretoken": csrf_of(page.text),
        },
    )
    page = session.get(f"{base}/es/accounts/2fa/authenticate/", timeout=10)
    session.post(
        f"{base}/es/accounts/2fa/authenticate/",
        timeout=10,
        data={"code": totp(demo_secret(email)), "csrfmiddlewaretoken": csrf_of(page.text)},
    )
    return session


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = []  # (time, status, seconds)

    def add(self, status, seconds):
        with self.lock:
            self.samples.append((time.monotonic(), status, seconds))


def user_loop(base, member_session, recorder, stop):
    session = member_session or requests.Session()
    contacts = []
    while not stop.is_set():
        if member_session is None:
            path = random.choice(PUBLIC)
        else:
            choice = random.random()
            if choice < 0.4:
                path = f"/es/buscar/?q={random.choice(SEARCHES)}"
            elif choice < 0.7 or not contacts:
                path = DIRECTORY
            else:
                path = random.choice(contacts)
        started = time.monotonic()
        try:
            response = session.get(base + path, timeout=15, allow_redirects=False)
            status = response.status_code
            if path == DIRECTORY and status == 200:
                contacts = re.findall(rf'href="({DIRECTORY}[^"/]+/)"', response.text)[:20] or contacts
        except requests.RequestException:
            status = 0
        recorder.add(status, time.monotonic() - started)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--restart-at", type=int, default=150, help="seconds into the run; 0 = no restart")
    parser.add_argument("--pg-port", type=int, default=5439)
    parser.add_argument("--pg-dir", default=str(ROOT / "var" / "fault" / "pgdata"))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    arguments = parser.parse_args()

    cluster = Cluster(arguments.pg_port, arguments.pg_dir)
    cluster.create()
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "SECRET_KEY": "load-fault-scenario-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": cluster.url(),
        "REDIS_URL": arguments.redis_url,
        "DIRECTORY_CONTACT_VIEWS_PER_HOUR": "1000000",
        "LOG_LEVEL": "ERROR",
    }
    for step in (["migrate", "--no-input"], ["seed_demo"]):
        subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, env=environment, check=True, capture_output=True)
    gunicorn = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-w",
            "2",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(1)
        sessions = [sign_in(base, email) for email in MEMBERS]
        recorder, stop = Recorder(), threading.Event()
        threads = []
        for index in range(arguments.users):
            member = sessions[index % len(sessions)] if index % 3 == 0 else None
            thread = threading.Thread(target=user_loop, args=(base, member, recorder, stop), daemon=True)
            threads.append(thread)
        start = time.monotonic()
        for thread in threads:
            thread.start()
        down = up = None
        while time.monotonic() - start < arguments.seconds:
            if arguments.restart_at and down is None and time.monotonic() - start >= arguments.restart_at:
                down = time.monotonic()
                cluster.ctl("stop", "-m", "fast")
                time.sleep(5)  # an outage long enough to be noticed
                cluster.ctl("start")
                up = time.monotonic()
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        cluster.ctl("stop", "-m", "fast")
    report(recorder.samples, start, arguments.seconds, down, up)


def report(samples, start, seconds, down, up):
    latencies = [sample[2] for sample in samples]
    by_status = {}
    for _, status, _ in samples:
        by_status[status] = by_status.get(status, 0) + 1
    print(f"requests: {len(samples)} in {seconds} s = {len(samples) / seconds:.1f}/s")
    print(
        f"latency p50 {percentile(latencies, 0.5) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"p99 {percentile(latencies, 0.99) * 1000:.0f} ms (mean {statistics.mean(latencies) * 1000:.0f} ms)"
    )
    print("by status:", dict(sorted(by_status.items())))
    if down is None:
        errors = sum(count for status, count in by_status.items() if status == 0 or status >= 500)
        print(f"errors: {errors}")
        return
    before = [s for s in samples if s[0] < down]
    during = [s for s in samples if down <= s[0] < up]
    after = [s for s in samples if s[0] >= up]
    print(f"before the restart: {len(before)} requests")
    outage = {}
    for _, status, _ in during:
        outage[status] = outage.get(status, 0) + 1
    print(f"while PostgreSQL was down ({up - down:.1f} s): {dict(sorted(outage.items()))} (only 503 is acceptable)")
    # The outage shows as 503s (and refused connections); it is over at the last one after PostgreSQL is back.
    # 500s are bugs, counted apart: compare their rate before and after the restart.
    last_outage = max((s[0] for s in after if s[1] in (0, 503)), default=up)
    print(
        f"after: {len(after)} requests, {sum(1 for s in after if s[1] == 503)} answered 503, "
        f"{sum(1 for s in after if s[1] >= 500 and s[1] != 503)} other 5xx; "
        f"recovered {last_outage - up:.1f} s after PostgreSQL was back"
    )
    print(f"5xx other than 503 before the restart: {sum(1 for s in before if s[1] >= 500 and s[1] != 503)}")


if __name__ == "__main__":
    sys.exit(main())
