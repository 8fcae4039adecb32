#!/usr/bin/env python3
"""Issue 14, item 3: idle connections, trickled headers, and a flood of idle sockets.
Reports how long the server keeps an idle and a trickling connection, how many of N idle
connections it holds, and /healthz latency while they are open.

    python3 bench/attacks/connections.py 127.0.0.1 8080 [--flood 2000]
"""
import argparse
import socket
import time

from common import HealthProbe


def held_for(host, port, trickle, limit=90):
    s = socket.create_connection((host, port))
    s.settimeout(1)
    t = time.monotonic()
    if trickle:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    while time.monotonic() - t < limit:
        try:
            if trickle:
                s.sendall(b"X")
            if s.recv(4096) == b"":
                return time.monotonic() - t
        except socket.timeout:
            continue
        except OSError:
            return time.monotonic() - t
    s.close()
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--flood", type=int, default=2000)
    a = ap.parse_args()
    for trickle in (False, True):
        d = held_for(a.host, a.port, trickle)
        what = "trickled headers (1 byte/s)" if trickle else "idle connection"
        print(f"{what}: " + (f"closed after {d:.1f} s" if d else "still open after 90 s"))
    socks, refused = [], 0
    base = f"http://{a.host}:{a.port}"
    # The probe comes from another loopback address: the flood's own address is capped.
    with HealthProbe(base, source="127.0.0.2") as probe:
        for _ in range(a.flood):
            try:
                socks.append(socket.create_connection((a.host, a.port), timeout=2))
            except OSError:
                refused += 1
        time.sleep(3)
        busy = 0
        for s in socks:
            s.setblocking(False)
            try:
                if s.recv(64).startswith(b"HTTP/1.1 503"):
                    busy += 1
            except (BlockingIOError, OSError):
                pass
    for s in socks:
        s.close()
    print(f"{a.flood} idle connections: {busy} answered 503, {refused} refused by the OS")
    print(probe.report())


if __name__ == "__main__":
    main()
