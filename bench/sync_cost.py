#!/usr/bin/env python3
"""bench/sync_cost.py BASE N — per-request cost of synchronous=FULL: N organisation edits and N resource creates, one
after another, against a server whose data directory is on disk (fsync is real) or on
tmpfs (fsync is free, as with synchronous=NORMAL where a commit does not fsync). Start
`spona --data-dir DIR serve --demo` (release build) with DIR on disk, then on /dev/shm, and
compare the medians; the resource create also commits the search index, which syncs too."""
import sys, time, statistics
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "tests" / "faults"))
import client as cl

base, n = sys.argv[1], int(sys.argv[2])
c = cl.Client(base)
assert c.signin() == 303, "sign-in"
def timed(f):
    t = []
    for i in range(n):
        s = time.perf_counter(); st = f(i); t.append((time.perf_counter() - s) * 1000)
        assert st in (303,), st
    return statistics.median(t), sorted(t)[int(0.9 * len(t))]
e = timed(lambda i: c.edit(int(time.time() * 1000) + i))
r = timed(lambda i: c.create(f"sync bench {i}")[0])
print(f"edit median {e[0]:.2f} ms p90 {e[1]:.2f} ms; create median {r[0]:.2f} ms p90 {r[1]:.2f} ms")
