"""A small HTTP load generator: threads with keep-alive ``http.client`` connections.

Each virtual user logs in through the login form (CSRF cookie and token), reads
``/api/persons/`` once to learn which persons it may open, then requests the
endpoints in turn (caseload page, a person's file, the person list and a person
in the API), each followed by a think time if one is given, until the deadline
or its share of the request budget is reached.
Loopback only; no third-party package.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

#: The path of each endpoint; ``{}`` stands for a person id.
PATHS = {
    "caseload": "/personen/",
    "person_page": "/personen/{}/",
    "api_list": "/api/persons/",
    "api_detail": "/api/persons/{}/",
}
ENDPOINTS = tuple(PATHS)
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class EndpointStats:
    """Latencies (seconds) of successful requests and the error count."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass
class LoadResult:
    """What a run measured."""

    duration: float
    endpoints: dict[str, EndpointStats]
    logins: int
    login_failures: int
    error_samples: list[str]

    def summary(self) -> dict:
        """Figures per endpoint and in total (latencies in milliseconds)."""
        per = {}
        total = errors = 0
        for name, stats in self.endpoints.items():
            count = len(stats.latencies) + stats.errors
            total += count
            errors += stats.errors
            per[name] = {
                "requests": count,
                "errors": stats.errors,
                "p50_ms": _ms(percentile(stats.latencies, 50)),
                "p95_ms": _ms(percentile(stats.latencies, 95)),
                "p99_ms": _ms(percentile(stats.latencies, 99)),
                "requests_per_second": round(count / self.duration, 1),
            }
        return {
            "duration_s": round(self.duration, 2),
            "requests": total,
            "errors": errors,
            "requests_per_second": round(total / self.duration, 1),
            "logins": self.logins,
            "login_failures": self.login_failures,
            "endpoints": per,
            "error_samples": self.error_samples,
        }


#: ``gunicorn --access-logformat`` for :func:`server_times`: path, status and the
#: worker's time on the request in microseconds (from reading the request to the
#: last byte of the response: no time waiting in the listen queue).
ACCESS_LOG_FORMAT = "%(U)s %(s)s %(D)s"


def endpoint_of(path: str) -> str | None:
    """Which of :data:`PATHS` a request path is (``None``: another page)."""
    shape = "/".join("{}" if part.isdigit() else part for part in path.split("/"))
    return next((name for name, pattern in PATHS.items() if pattern == shape), None)


def server_times(lines: list[str]) -> dict[str, dict[str, float | None]]:
    """p50 and p95 of the server's own time per endpoint, in milliseconds, from
    access-log lines in :data:`ACCESS_LOG_FORMAT`."""
    seconds: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
    for line in lines:
        fields = line.split()
        if len(fields) != 3 or not fields[2].isdigit():
            continue
        name = endpoint_of(fields[0])
        if name is not None:
            seconds[name].append(int(fields[2]) / 1_000_000)
    return {
        name: {
            "server_p50_ms": _ms(percentile(values, 50)),
            "server_p95_ms": _ms(percentile(values, 95)),
        }
        for name, values in seconds.items()
    }


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 1)


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile ``q`` (0-100) of ``values``; ``None`` when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


class _Browser:
    """One keep-alive connection with a cookie jar."""

    def __init__(self, host: str, port: int, timeout: float):
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self.host = f"{host}:{port}"
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None, headers=None
    ) -> tuple[int, bytes]:
        hdrs = {"Host": self.host, "Connection": "keep-alive"}
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        hdrs.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=hdrs)
            response = self.conn.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # The server closed an idle keep-alive connection: retry once.
            self.conn.close()
            self.conn.request(method, path, body=body, headers=hdrs)
            response = self.conn.getresponse()
        data = response.read()
        for header in response.msg.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        if response.will_close:
            self.conn.close()
        return response.status, data

    def close(self) -> None:
        self.conn.close()


def login(browser: _Browser, username: str, password: str) -> bool:
    """Log in through ``/aanmelden/``; True when the server answered with a redirect
    and a session cookie."""
    status, body = browser.request("GET", "/aanmelden/")
    match = _CSRF_INPUT.search(body.decode("utf-8", "replace"))
    if status != 200 or not match:
        return False
    form = urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": match.group(1),
        }
    )
    status, _ = browser.request(
        "POST",
        "/aanmelden/",
        body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    return status == 302 and "sessionid" in browser.cookies


def run_load(
    *,
    host: str,
    port: int,
    accounts: list[tuple[str, str]],
    seconds: float,
    max_requests: int = 0,
    seed: int = 1,
    timeout: float = 60.0,
    think: tuple[float, float] = (0.0, 0.0),
) -> LoadResult:
    """Run one virtual user per account concurrently for ``seconds``.

    Parameters
    ----------
    host, port
        The server (loopback).
    accounts
        ``(username, password)`` per virtual user.
    seconds
        Duration of the load phase (after all virtual users logged in).
    max_requests
        Total request budget over all users (0: only the time bounds the run).
    seed
        Seed of the per-user random choice of persons.
    timeout
        Socket timeout per request.
    think
        ``(low, high)`` seconds a user waits between two requests, drawn
        uniformly (a person reads a page before the next click), and before the
        first request a pause drawn from ``(0, high)``, so that the users do not
        all start in the same instant; ``(0, 0)`` sends every request at once (a
        closed-loop stress test).

    Returns
    -------
    LoadResult
    """
    endpoints = {name: EndpointStats() for name in ENDPOINTS}
    lock = threading.Lock()
    samples: list[str] = []
    state = {"logins": 0, "failures": 0, "start": 0.0, "deadline": 0.0}

    def begin() -> None:
        state["start"] = time.monotonic()
        state["deadline"] = state["start"] + seconds

    logged_in = threading.Barrier(len(accounts) + 1, action=begin)
    per_user = max_requests // len(accounts) if max_requests else 0

    def note(name: str, latency: float | None, message: str = "") -> None:
        with lock:
            if latency is None:
                endpoints[name].errors += 1
                if len(samples) < 10:
                    samples.append(f"{name}: {message}")
            else:
                endpoints[name].latencies.append(latency)

    def user(index: int, username: str, password: str) -> None:
        rng = random.Random(seed * 100_003 + index)
        browser = _Browser(host, port, timeout)
        ok = False
        try:
            ok = login(browser, username, password)
        except (OSError, http.client.HTTPException) as exc:
            with lock:
                samples.append(f"login {username}: {exc!r}")
        with lock:
            state["logins" if ok else "failures"] += 1
        logged_in.wait()
        if not ok:
            browser.close()
            return
        if think[1] > 0:
            # After logging in a user reads the page before the first click, as
            # between any two clicks: without it all users would send their first
            # request in the same instant, a burst no real office produces.
            time.sleep(rng.uniform(0.0, think[1]))
        person_ids: list[int] = []
        done = 0
        turn = index
        while time.monotonic() < state["deadline"] and (
            not per_user or done < per_user
        ):
            name = ENDPOINTS[turn % len(ENDPOINTS)]
            turn += 1
            if name in ("person_page", "api_detail") and not person_ids:
                name = "api_list"
            path = PATHS[name]
            if "{}" in path:
                path = path.format(rng.choice(person_ids))
            started = time.perf_counter()
            try:
                status, body = browser.request("GET", path)
            except (OSError, http.client.HTTPException) as exc:
                note(name, None, f"{path}: {exc!r}")
                browser.close()
                done += 1
                continue
            elapsed = time.perf_counter() - started
            done += 1
            if status != 200:
                note(name, None, f"{path}: HTTP {status}")
                continue
            note(name, elapsed)
            if name == "api_list" and not person_ids:
                person_ids = [row["id"] for row in json.loads(body)["results"]]
            if think[1] > 0:
                pause = rng.uniform(*think)
                time.sleep(max(0.0, min(pause, state["deadline"] - time.monotonic())))
        browser.close()

    threads = [
        threading.Thread(target=user, args=(i, u, p), daemon=True)
        for i, (u, p) in enumerate(accounts)
    ]
    for thread in threads:
        thread.start()
    logged_in.wait()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    duration = time.monotonic() - state["start"]
    return LoadResult(
        duration=duration,
        endpoints=endpoints,
        logins=state["logins"],
        login_failures=state["failures"],
        error_samples=samples,
    )
