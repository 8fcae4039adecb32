"""Shared helpers of the attack scripts: a signed-in session, /healthz probing, peak memory."""
import http.client
import re
import threading
import time

import requests

DEMO_PASSWORD = "demo password for Spona"


def session(base, email, password=DEMO_PASSWORD):
    s = requests.Session()
    page = s.get(f"{base}/en/signin").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    r = s.post(f"{base}/en/signin", data={"csrf": csrf, "email": email, "password": password,
                                         "next": "/"}, allow_redirects=False)
    assert r.status_code == 303, f"sign-in failed: {r.status_code}"
    return s


def csrf_of(s, base, path="/en/signin"):
    return re.search(r'name="csrf" value="([^"]+)"', s.get(f"{base}{path}").text).group(1)


class HealthProbe:
    """Polls /healthz every 50 ms on its own connection; reports median and max latency."""

    def __init__(self, base, source=None):
        self.base, self.times, self.failures = base, [], 0
        self.source = source
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            t = time.monotonic()
            try:
                host, port = self.base.split("://")[1].split(":")
                c = http.client.HTTPConnection(host, int(port), timeout=10,
                                               source_address=(self.source, 0) if self.source else None)
                c.request("GET", "/healthz")
                ok = c.getresponse().status == 200
                c.close()
                if ok:
                    self.times.append(time.monotonic() - t)
                else:
                    self.failures += 1
            except OSError:
                self.failures += 1
            time.sleep(0.05)

    def __enter__(self):
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()

    def report(self):
        if not self.times:
            return f"/healthz: no answer ({self.failures} failures)"
        t = sorted(self.times)
        return (f"/healthz: median {t[len(t) // 2] * 1000:.1f} ms, max {t[-1] * 1000:.1f} ms, "
                f"{len(t)} probes, {self.failures} failures")


def peak_rss_mib(pid):
    """Peak resident memory of the server process and its children so far (VmHWM), MiB."""
    if not pid:
        return None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
