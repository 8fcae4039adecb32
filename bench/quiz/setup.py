"""Bench set-up for bench/quiz.sh: signs in as the demo's ASTRA admin, makes a 10-question
campaign `bench-quiz` through the coordinators' form (once), then starts PEOPLE sessions
from one address and writes `csrf cookie`, then one session path per line, to OUT.
Standard library only; 16 threads for the starts."""

import concurrent.futures
import datetime
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request

BASE, PEOPLE, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# A school behind one address: SCHOOL more starts, one after another, from one address
# (192.0.2.7 in X-Forwarded-For) — all must be answered 303 (slowed, not refused).
SCHOOL = int(sys.argv[4]) if len(sys.argv) > 4 else 0
SLUG = "bench-quiz"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def get(path):
    with opener.open(BASE + path, timeout=60) as r:
        return r.read().decode()


def post(path, fields):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    try:
        with opener.open(BASE + path, data=data, timeout=120) as r:
            return r.status, r.headers.get("location", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("location", ""), e.read().decode()


def hidden(html, name):
    return re.search(f'name="{name}" value="([^"]*)"', html).group(1)


def text(s):
    return {"en": s, "sr-Cyrl": s + " (ћир)", "uk": s + " (укр)"}


def ensure_campaign():
    try:
        get(f"/en/q/{SLUG}")
        return
    except urllib.error.HTTPError:
        pass
    page = get("/en/signin")
    status, _, _ = post("/en/signin", {"csrf": hidden(page, "csrf"), "email": "jelena@astra.example.org",
                                      "password": "demo password for Spona", "next": "/"})
    assert status == 303, status
    form = get("/en/quizzes/new")
    org = re.search(r'<select id="org" name="org"[^>]*>.*?<option value="([0-9a-f-]{36})"', form, re.S).group(1)
    questions = [{"kind": "single", "text": text(f"Question {i}"),
                  "options": [{"text": text("Yes"), "correct": i % 2 == 0},
                              {"text": text("No"), "correct": i % 2 == 1},
                              {"text": text("Maybe")}],
                  "explain": text(f"Why {i}")} for i in range(1, 11)]
    doc = {"title": text("Bench quiz"), "scored": True, "questions": questions}
    today = datetime.date.today()
    status, _, body = post("/en/quizzes/new", {
        "csrf": hidden(form, "csrf"), "once": hidden(form, "once"), "org": org, "slug": SLUG,
        "starts_on": str(today - datetime.timedelta(days=1)),
        "ends_on": str(today + datetime.timedelta(days=1)), "doc": json.dumps(doc)})
    assert status == 303, (status, body[:2000])
    # Sign out of the coordinator's session: people take the quiz without one.
    jar.clear()


ensure_campaign()
landing = get(f"/en/q/{SLUG}")
csrf = hidden(landing, "csrf")
cookie = next(c for c in jar if c.name.endswith("spona_csrf"))


def start(i, addr=None):
    # Each person from an address of their own, as behind a proxy (the server trusts
    # 127.0.0.1's X-Forwarded-For); one address would be slowed as a burst.
    addr = addr or f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"
    data = urllib.parse.urlencode({"csrf": csrf}).encode()
    req = urllib.request.Request(BASE + f"/en/q/{SLUG}/start", data=data,
                                 headers={"X-Forwarded-For": addr})
    try:
        with opener.open(req, timeout=120) as r:
            status, location = r.status, r.headers.get("location", "")
    except urllib.error.HTTPError as e:
        status, location = e.code, e.headers.get("location", "")
    assert status == 303, status
    return location[: -len("/1")]


offset = int(__import__("time").time()) % 1000 * 4096
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    paths = list(pool.map(lambda i: start(offset + i), range(PEOPLE)))
with open(OUT, "w") as f:
    f.write(f"{csrf} {cookie.name}={cookie.value}\n")
    f.write("\n".join(paths) + "\n")
print(f"{len(paths)} sessions started")

if SCHOOL:
    import time
    waits = []
    for _ in range(SCHOOL):
        t0 = time.monotonic()
        start(0, "192.0.2.7")  # asserts the 303
        waits.append(time.monotonic() - t0)
    free = waits[:30]
    print(f"school behind one address: {SCHOOL} starts, all 303 (none refused); "
          f"starts 1-30 took {sum(free) / len(free) * 1000:.0f} ms each on average, "
          f"start {SCHOOL} took {waits[-1] * 1000:.0f} ms (slowed: 50 ms per start beyond 30 "
          f"within a minute, at most 2 s)")
