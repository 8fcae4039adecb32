#!/usr/bin/env python3
"""Queries per request of the directory pages (issue 16, item 5).

Starts `spona serve --demo` with SQL statement logging (SPONA_LOG="warn,sqlx::query=debug"),
requests each page twice (the first warms the directory snapshot), and counts the log's
"summary" lines the second request wrote: one per SQL statement.

    python3 bench/directory_queries.py [path/to/spona] [port]
"""
import http.cookiejar, os, re, subprocess, sys, tempfile, time, urllib.parse, urllib.request

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/spona"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 18431
BASE = f"http://127.0.0.1:{PORT}"
PAGES = ["/en/orgs", "/en/orgs?q=zastita", "/en/orgs/astra", "/api/v1/orgs", "/en/networks"]

data = tempfile.mkdtemp(prefix="spona-q-")
log = open(os.path.join(data, "log"), "w+")
env = dict(os.environ, SPONA_LOG="warn,sqlx::query=debug", SPONA_DATA_DIR=data)
proc = subprocess.Popen([BIN, "serve", "--demo", "--bind", f"127.0.0.1:{PORT}"],
                        env=env, stdout=log, stderr=subprocess.STDOUT)
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def get(path):
    with opener.open(BASE + path, timeout=60) as r:
        return r.read().decode()

def summaries():
    time.sleep(0.3)
    with open(log.name) as f:
        return sum(1 for line in f if "summary" in line)

def measure(label):
    for p in PAGES:
        get(p)
        before = summaries()
        get(p)
        print(f"{label:10} {p:22} {summaries() - before} queries")

try:
    for _ in range(600):
        try:
            get("/healthz"); break
        except Exception:
            time.sleep(0.5)
    measure("anonymous")
    page = get("/en/signin")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "next": "", "email": "jelena@astra.example.org",
                                   "password": "demo password for Spona"}).encode()
    req = urllib.request.Request(BASE + "/en/signin", data=body, headers={"Origin": BASE})
    opener.open(req, timeout=60).read()
    measure("signed in")
finally:
    proc.terminate()
    proc.wait()
