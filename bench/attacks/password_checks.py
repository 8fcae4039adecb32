#!/usr/bin/env python3
"""Issue 14, item 2: 64 parallel password changes with a wrong current password from one
signed-in account. Reports the answers (429 once the per-account limit is reached) and
/healthz latency meanwhile.

    python3 bench/attacks/password_checks.py http://127.0.0.1:8080 [--parallel 64]
"""
import argparse
import collections
import concurrent.futures
import time

from common import HealthProbe, csrf_of, session


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("--email", default="milan@atina.example.org")
    ap.add_argument("--parallel", type=int, default=64)
    a = ap.parse_args()
    s = session(a.base, a.email)
    token = csrf_of(s, a.base, "/en/account")

    def guess(i):
        r = s.post(f"{a.base}/en/account/password", allow_redirects=False, timeout=120,
                   data={"csrf": token, "current": f"wrong guess {i}",
                         "password": "Another long passphrase 42",
                         "password2": "Another long passphrase 42"})
        return r.status_code

    with HealthProbe(a.base) as probe:
        t = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(a.parallel) as pool:
            statuses = list(pool.map(guess, range(a.parallel)))
        took = time.monotonic() - t
    print(f"{a.parallel} wrong current passwords in {took:.2f} s: "
          f"{dict(collections.Counter(statuses))}")
    print(probe.report())


if __name__ == "__main__":
    main()
