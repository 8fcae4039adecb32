#!/usr/bin/env python3
"""Two Spona deployments in two network namespaces, over HTTPS with a test CA (issue 20).

Run by tests/federation/netns.sh inside the Belgrade namespace (which reaches Prishtina
over the veth pair); it starts and stops the two `spona serve` processes itself with
`ip netns exec`:

  Belgrade   `--demo`            SQLite      https://A:8443  (namespace NS_A)
  Prishtina  `--demo=prishtina`  PostgreSQL  https://B:8443  (namespace NS_B)

Each trusts the other's certificate only through `--federation-ca-file` (the test CA).
Scenario, each step checked:
  1. pairing through the admin pages (fingerprint read from the other's page), Atina ↔ PVPT;
  2. a referral Belgrade → Prishtina through the referral form (only the fields the
     service asks for, consent), arriving in PVPT's list and mailing PVPT's admin and
     case worker with nothing of the person; PVPT accepts; the answer reaches Belgrade;
  3. Prishtina stopped; three notes queue on Belgrade (tried, failing, queued);
     Prishtina started again; each is received exactly once, in order, and acknowledged;
  4. consent withdrawn on Belgrade: Prishtina's referral closes, the person erased;
  5. a vault item (a testimony) shared from Atina's case to PVPT, downloaded there and
     `spona custody verify` passing on Prishtina; consent to it withdrawn on Belgrade: the
     withdrawal arrives, the item is listed as withdrawn and refused, and verify passes;
  6. a 1.5 MiB file (over one packet's 512 KiB) shared the same way travels in chunks,
     downloads byte-identical on Prishtina and `spona custody verify` passes there.
Prints `netns: … ok` lines and ends with `netns: passed`, or exits 1 with the reason.
"""

import argparse
import html
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from html.parser import HTMLParser

import requests

PASSWORD = "demo password for Spona"
A_ADMIN = "admin@spona.example"
B_ADMIN = "admin@prishtina.example"
REFERRER = "jovana@atina.example.org"
RECEIVER = "besa@pvpt.example.org"
PVPT_ADMIN = "arta@pvpt.example.org"
PSEUDONYM = "Vesna (netns test)"
REASON = "Needs a safe place to stay across the line"


def fail(msg):
    print(f"netns: FAILED: {msg}", flush=True)
    sys.exit(1)


def ok(msg):
    print(f"netns: {msg} ok", flush=True)


def eventually(what, check, seconds=60):
    until = time.time() + seconds
    while time.time() < until:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    fail(f"timed out waiting for {what}")


class Form(HTMLParser):
    """Inputs and selects of a page: [(name, type, value, checked)], {select: [values]}."""

    def __init__(self):
        super().__init__()
        self.inputs = []
        self.selects = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.inputs.append((a["name"], a.get("type", "text"), a.get("value", ""), "checked" in a))
        elif tag == "textarea" and a.get("name"):
            self.inputs.append((a["name"], "textarea", "", False))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.selects[self._select] = []
        elif tag == "option" and self._select is not None:
            self.selects[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def parse(page):
    f = Form()
    f.feed(page)
    return f


class Server:
    def __init__(self, name, ns, addr, data, args, demo, bin_, ca, work):
        self.name, self.ns, self.addr, self.data = name, ns, addr, data
        self.base = f"https://{addr}:8443"
        self.args, self.demo, self.bin, self.ca, self.work = args, demo, bin_, ca, work
        self.proc = None
        self.log = os.path.join(work, f"{name}.log")

    def start(self):
        cmd = ["ip", "netns", "exec", self.ns, self.bin, "--data-dir", self.data] + self.args + [
            "serve", self.demo, "--bind", f"{self.addr}:8443", "--public-url", self.base,
            "--tls-cert", os.path.join(self.work, f"{self.name}.pem"),
            "--tls-key", os.path.join(self.work, f"{self.name}.key"),
            "--federation-ca-file", self.ca,
        ]
        env = dict(os.environ, SPONA_LOG=os.environ.get("SPONA_LOG", "info"), NO_COLOR="1")
        for k in ("SPONA_DATABASE_URL", "SPONA_BIND", "SPONA_PUBLIC_URL", "SPONA_DEMO"):
            env.pop(k, None)
        self.proc = subprocess.Popen(cmd, stdout=open(self.log, "a"), stderr=subprocess.STDOUT, env=env)
        eventually(f"{self.name} answering over HTTPS", lambda: requests.get(
            f"{self.base}/healthz", verify=self.ca, timeout=2).status_code == 200, 120)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def session(self, email):
        s = requests.Session()
        s.verify = self.ca
        s.base = self.base
        r = post(s, "/en/signin", {"email": email, "password": PASSWORD, "next": "/"})
        if r.status_code != 303:
            fail(f"sign-in as {email} on {self.name}: HTTP {r.status_code}")
        return s

    def document(self):
        return requests.get(f"{self.base}/.well-known/spona-federation", verify=self.ca, timeout=10).json()

    def org(self, slug):
        for o in self.document()["document"]["organisations"]:
            if o["slug"] == slug:
                return o["id"]
        fail(f"no organisation {slug} on {self.name}")


def get(s, path):
    # verify= each time: a session's own is overridden by REQUESTS_CA_BUNDLE when set.
    return s.get(s.base + path, allow_redirects=False, timeout=30, verify=s.verify)


def post(s, path, fields):
    page = s.get(s.base + "/en/signin", timeout=30, verify=s.verify).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    if not csrf:
        fail("no CSRF token on the sign-in page")
    data = [("csrf", html.unescape(csrf.group(1))), ("once", os.urandom(32).hex())]
    data += list(fields.items()) if isinstance(fields, dict) else list(fields)
    return s.post(s.base + path, data=data, allow_redirects=False, timeout=30, verify=s.verify)


def fingerprint(s):
    m = re.search(r'<strong class="fingerprint">\s*([^<]+?)\s*<', get(s, "/en/admin/federation").text)
    if not m:
        fail("no fingerprint on the federation page")
    return m.group(1)


def pair(here, there, s_here, s_there, local, remote):
    fp = fingerprint(s_there)
    r = post(s_here, "/en/admin/federation/partners", {"url": there.base, "fingerprint": fp})
    if r.status_code != 303:
        fail(f"{here.name} adding {there.name}: HTTP {r.status_code}: {r.text[:400]}")
    partner = r.headers["location"].split("/en/admin/federation/partners/")[1].split("?")[0]
    r = post(s_here, f"/en/admin/federation/partners/{partner}/links",
             {"local": here.org(local), "remote": there.org(remote), "action": "add"})
    if r.status_code != 303:
        fail(f"{here.name} linking {local} with {remote}: HTTP {r.status_code}")
    return partner


def status_of(s, path):
    m = re.search(r'id="status" data-status="([^"]+)"', get(s, path).text)
    return m.group(1) if m else None


def sqlite_rows(data, sql, args=()):
    con = sqlite3.connect(f"file:{os.path.join(data, 'spona.db')}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def psql(dbname, sql):
    out = subprocess.run(["psql", "-h", "/var/run/postgresql", "-U", "postgres", "-d", dbname,
                          "-At", "-F", "|", "-c", sql], capture_output=True, text=True, check=True)
    return [line.split("|") for line in out.stdout.splitlines() if line]


def refer(a, s):
    chooser = get(s, "/en/referrals/new").text
    options = re.findall(r'<option value="(fed:[^"]+)"[^>]*>([^<]*)<', chooser)
    if not options:
        fail("no partner service in Belgrade's referral chooser")
    value = next((v for v, label in options if "afe" in label), options[0][0])
    form_page = get(s, f"/en/referrals/new?service={requests.utils.quote(value)}").text
    form = parse(form_page)
    if any(c for (_, t, _, c) in form.inputs if t in ("checkbox", "radio")):
        fail("something is pre-ticked in the referral form")
    asked = [v for (n, _, v, _) in form.inputs if n == "consent_share"]
    fields = [("service", value), ("from_org", a.org("atina"))]
    for f in asked:
        if f in form.selects:
            fields.append((f, next(v for v in form.selects[f] if v)))
        else:
            fields.append((f, PSEUDONYM if f == "first-name" else "sr"))
        fields.append(("consent_share", f))
    fields += [("reason", REASON), ("consent_purpose", "Safe accommodation"),
               ("consent_until", "2099-12-31"), ("consent_how", "signed"),
               ("consent_channel", "through-worker")]
    r = post(s, "/en/referrals/new", fields)
    if r.status_code != 303 or "/federation/referrals/" not in r.headers.get("location", ""):
        fail(f"the referral form: HTTP {r.status_code}: {r.text[:600]}")
    return r.headers["location"].split("/en", 1)[-1], asked


def custody_verify(server, db_url=None):
    cmd = [server.bin, "--data-dir", server.data]
    if db_url:
        cmd += ["--database-url", db_url]
    env = dict(os.environ, SPONA_LOG="warn", NO_COLOR="1")
    for k in ("SPONA_DATABASE_URL", "SPONA_VAULT_KEY_FILE", "SPONA_TEST_FAULT"):
        env.pop(k, None)
    out = subprocess.run(cmd + ["custody", "verify"], capture_output=True, text=True, env=env)
    return out.returncode == 0, out.stdout + out.stderr


def vault(o, a, b, b_on_a, lead):
    """A vault item Belgrade → Prishtina (Atina → PVPT), verified there; then the person
    withdraws consent to it on Belgrade and Prishtina refuses it from then on."""
    pg_url = f"postgres://postgres@localhost/{o.pg_db}?host=/var/run/postgresql"
    target = f"fed:{b_on_a}:{b.org('pvpt')}"
    r = post(lead, "/en/vault/new", {"title": "Evidence across the line (netns)"})
    if r.status_code != 303:
        fail(f"opening a vault case on Belgrade: HTTP {r.status_code}")
    case = r.headers["location"].rsplit("/", 1)[-1]
    r = post(lead, f"/en/vault/cases/{case}/testimonies/new", [
        ("interviewer", "Jelena Petrović"), ("language", "uk"), ("place", "Belgrade"),
        ("date", "2026-03-14"), ("pseudonym", "Witness N."), ("gender_choice", "chosen"),
        ("narrative", "Crossed the line at night; her papers were taken."),
        ("documentation", "on"), ("share_with", target)])
    if r.status_code != 303 or "/items/" not in r.headers.get("location", ""):
        fail(f"a testimony on Belgrade: HTTP {r.status_code}: {r.text[:400]}")
    item = r.headers["location"].rsplit("/", 1)[-1]
    item_path = f"/en/vault/cases/{case}/items/{item}"
    if target not in get(lead, item_path).text:
        fail("the item page does not offer PVPT on Prishtina")
    r = post(lead, item_path + "/share", {"org": target, "reason": "for PVPT's legal aid"})
    if r.status_code != 303:
        fail(f"sharing the item: HTTP {r.status_code}: {r.text[:400]}")

    def arrived():
        return psql(o.pg_db, "SELECT id, sha256 FROM federation_vault_items")

    eventually("the vault item on Prishtina", lambda: len(arrived()) == 1, 60)
    got_id, sha = arrived()[0]
    arta = b.session(PVPT_ADMIN)
    download = f"/en/vault/received/{got_id}/download"
    r = get(arta, download)
    if r.status_code != 200 or r.headers.get("x-content-sha256") != sha:
        fail(f"PVPT's admin downloading it: HTTP {r.status_code}")
    ok_b, out = custody_verify(b, pg_url)
    if not ok_b or "received case" not in out:
        fail(f"custody verify on Prishtina: {out[-800:]}")
    ok("a vault item shared Belgrade → Prishtina, downloaded by PVPT's admin, "
       "`custody verify` passing on Prishtina")

    r = post(lead, item_path + "/consent", {"action": "withdraw", "reason": "the person called"})
    if r.status_code != 303:
        fail(f"withdrawing consent on Belgrade: HTTP {r.status_code}")
    out_rows = sqlite_rows(a.data, "SELECT state FROM federation_outbox WHERE kind = 'vault-withdrawn'")
    if len(out_rows) != 1:
        fail(f"withdrawal packets on Belgrade: {out_rows}")
    eventually("the withdrawal on Prishtina",
               lambda: len(psql(o.pg_db, "SELECT item_id FROM federation_vault_withdrawn")) == 1, 60)
    r = get(arta, download)
    if r.status_code != 403 or "withdrew consent" not in r.text:
        fail(f"a withdrawn item downloaded on Prishtina: HTTP {r.status_code}")
    if 'data-state="withdrawn"' not in get(arta, "/en/vault/received").text:
        fail("the withdrawn item is not listed as withdrawn on Prishtina")
    actions = [row[0] for row in psql(o.pg_db, "SELECT action FROM federation_vault_custody ORDER BY seq")]
    if actions != ["received", "downloaded", "withdrawn", "blocked"]:
        fail(f"Prishtina's chain: {actions}")
    ok_b, out = custody_verify(b, pg_url)
    if not ok_b:
        fail(f"custody verify on Prishtina after the withdrawal: {out[-800:]}")
    ok_a, out = custody_verify(a)
    if not ok_a:
        fail(f"custody verify on Belgrade after the withdrawal: {out[-800:]}")
    ok("consent to item 1 withdrawn on Belgrade: listed as withdrawn and refused on Prishtina, "
       "both chains recording it, `custody verify` passing on both sides")


def vault_large(o, b, b_on_a, lead):
    """A file larger than one packet carries: `vault-chunk` packets, then its `vault-item`."""
    import hashlib
    import uuid
    pg_url = f"postgres://postgres@localhost/{o.pg_db}?host=/var/run/postgresql"
    target = f"fed:{b_on_a}:{b.org('pvpt')}"
    r = post(lead, "/en/vault/new", {"title": "A recording across the line (netns)"})
    if r.status_code != 303:
        fail(f"opening a vault case on Belgrade: HTTP {r.status_code}")
    case = r.headers["location"].rsplit("/", 1)[-1]
    data = os.urandom(1536 * 1024)
    digest = hashlib.sha256(data).hexdigest()
    item = str(uuid.UUID(int=uuid.uuid4().int & ~(0xF << 76) | (0x7 << 76)))
    page = lead.get(lead.base + "/en/signin", timeout=30, verify=lead.verify).text
    csrf = html.unescape(re.search(r'name="csrf" value="([^"]+)"', page).group(1))
    r = lead.post(lead.base + f"/en/vault/cases/{case}/files?item={item}",
                  data=[("csrf", csrf), ("documentation", "on"), ("share_with", target)],
                  files={"file": ("recording.wav", data, "application/octet-stream")},
                  allow_redirects=False, timeout=120, verify=lead.verify)
    if r.status_code != 303 or "/items/" not in r.headers.get("location", ""):
        fail(f"uploading 1.5 MiB on Belgrade: HTTP {r.status_code}: {r.text[:400]}")
    item = r.headers["location"].rsplit("/", 1)[-1]
    r = post(lead, f"/en/vault/cases/{case}/items/{item}/share",
             {"org": target, "reason": "for PVPT's legal aid"})
    if r.status_code != 303:
        fail(f"sharing the large item: HTTP {r.status_code}: {r.text[:400]}")

    def arrived():
        return psql(o.pg_db, f"SELECT id FROM federation_vault_items WHERE sha256 = '{digest}'")

    eventually("the large vault item on Prishtina", lambda: len(arrived()) == 1, 120)
    got_id = arrived()[0][0]
    chunks = psql(o.pg_db, f"SELECT COUNT(*) FROM federation_vault_chunks WHERE item_id = '{got_id}'")
    r = get(b.session(PVPT_ADMIN), f"/en/vault/received/{got_id}/download")
    if r.status_code != 200 or r.content != data:
        fail(f"PVPT's admin downloading the large item: HTTP {r.status_code}, {len(r.content)} bytes")
    ok_b, out = custody_verify(b, pg_url)
    if not ok_b:
        fail(f"custody verify on Prishtina with the large item: {out[-800:]}")
    ok(f"a 1.5 MiB file shared Belgrade → Prishtina in {chunks[0][0]} chunks, downloaded "
       "byte-identical by PVPT's admin, `custody verify` passing on Prishtina")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--ns-a", required=True)
    ap.add_argument("--ns-b", required=True)
    ap.add_argument("--addr-a", required=True)
    ap.add_argument("--addr-b", required=True)
    ap.add_argument("--pg-db", required=True)
    ap.add_argument("--bench-out", help="write what the benchmark needs (JSON) and keep serving until this file is removed")
    o = ap.parse_args()
    ca = os.path.join(o.work, "ca.pem")
    pg_url = f"postgres://postgres@localhost/{o.pg_db}?host=/var/run/postgresql"
    a = Server("belgrade", o.ns_a, o.addr_a, os.path.join(o.work, "belgrade"), [], "--demo",
               o.bin, ca, o.work)
    b = Server("prishtina", o.ns_b, o.addr_b, os.path.join(o.work, "prishtina"),
               ["--database-url", pg_url], "--demo=prishtina", o.bin, ca, o.work)
    try:
        run(o, a, b)
    finally:
        a.stop()
        b.stop()


def run(o, a, b):
    a.start()
    b.start()
    ok("two servers over HTTPS in two namespaces (Belgrade SQLite, Prishtina PostgreSQL)")
    # Each namespace reaches only its own address and the other's, over the veth pair.
    sa, sb = a.session(A_ADMIN), b.session(B_ADMIN)
    b_on_a = pair(a, b, sa, sb, "atina", "pvpt")
    a_on_b = pair(b, a, sb, sa, "pvpt", "atina")
    ok(f"paired through the admin pages over HTTPS (Prishtina {b_on_a} on Belgrade, Belgrade {a_on_b} on Prishtina)")

    worker_a, worker_b = a.session(REFERRER), b.session(RECEIVER)
    path_a, asked = refer(a, worker_a)
    ok(f"referral sent through the form with the asked fields {asked}")
    there = {}

    def arrived():
        m = re.search(r'<tr[^>]*data-status="sent"[^>]*>.*?href="/en(/federation/referrals/[^"?#]+)"',
                      get(worker_b, "/en/federation/referrals").text, re.S)
        if m:
            there["path"] = m.group(1)
        return bool(m)

    eventually("the referral on Prishtina", arrived)
    page = get(worker_b, "/en" + there["path"]).text
    if PSEUDONYM not in page:
        fail("the person's first name is not on Prishtina's page")
    ok("arrived in PVPT's list over HTTPS, readable by its case worker")
    mails = []

    def mailed():
        outbox = os.path.join(b.data, "outbox")
        mails[:] = [open(os.path.join(outbox, f), encoding="utf-8", errors="replace").read()
                    for f in (os.listdir(outbox) if os.path.isdir(outbox) else []) if f.endswith(".eml")]
        mails[:] = [m for m in mails if "/federation/referrals" in m]
        return len(mails) >= 2

    eventually("the arrival mail to PVPT's admin and case worker", mailed)
    for who in (RECEIVER, PVPT_ADMIN):
        if not any(who in m for m in mails):
            fail(f"no arrival mail to {who}")
    for m in mails:
        for secret in (PSEUDONYM, REASON):
            if secret in m:
                fail(f"the arrival mail holds {secret!r}")
    ok("arrival mailed to PVPT's admin and case worker, nothing of the person in it")
    r = post(worker_b, there["path"] + "/act", {"action": "answer", "answer": "accept"})
    if r.status_code != 303:
        fail(f"accepting on Prishtina: HTTP {r.status_code}")
    eventually("the answer on Belgrade", lambda: status_of(worker_a, "/en" + path_a) == "accepted")
    ok("accepted on Prishtina, the answer back on Belgrade")

    # Prishtina down: three notes queue on Belgrade.
    b.stop()
    ref_id = path_a.rsplit("/", 1)[-1]
    for n in (1, 2, 3):
        r = post(worker_a, path_a + "/act", {"action": "note", "text": f"netns note {n}"})
        if r.status_code != 303:
            fail(f"note {n} on Belgrade: HTTP {r.status_code}")
    conv = f"referral:{ref_id}"

    def notes_out():
        return sqlite_rows(a.data, "SELECT seq, state, attempts, last_error FROM federation_outbox "
                           "WHERE conversation = ? AND kind = 'referral-note' ORDER BY seq", (conv,))

    eventually("a failed attempt while Prishtina is down",
               lambda: len(notes_out()) == 3 and notes_out()[0][2] > 0 and notes_out()[0][3])
    if any(row[1] != "queued" for row in notes_out()):
        fail(f"notes not queued while Prishtina is down: {notes_out()}")
    ok(f"Prishtina stopped: three notes queued, the first tried and failing ({notes_out()[0][3][:60]}…)")
    b.start()
    eventually("the three notes delivered and acknowledged",
               lambda: [row[1] for row in notes_out()] == ["accepted"] * 3, 120)
    got = psql(o.pg_db, "SELECT seq, id FROM federation_inbox WHERE kind = 'referral-note' ORDER BY received_at, seq")
    if len(got) != 3:
        fail(f"Prishtina received {got}")
    if len({i for _, i in got}) != 3:
        fail(f"a note received twice: {got}")
    seqs = [int(s) for s, _ in got]
    if seqs != sorted(seqs):
        fail(f"notes out of order: {seqs}")
    log = open(b.log, encoding="utf-8", errors="replace").read()
    if "received already" in log:
        fail("Prishtina's log names a repeated delivery")
    ok(f"Prishtina back: each note received exactly once, in order (numbers {seqs}), each acknowledged")

    r = post(worker_a, path_a + "/act", {"action": "withdraw"})
    if r.status_code != 303:
        fail(f"withdrawing on Belgrade: HTTP {r.status_code}")
    eventually("the withdrawal on Prishtina", lambda: status_of(worker_b, "/en" + there["path"]) == "withdrawn")
    if PSEUDONYM in get(worker_b, "/en" + there["path"]).text:
        fail("the person is still shown on Prishtina after the withdrawal")
    ok("consent withdrawn on Belgrade: closed and erased on Prishtina")

    vault(o, a, b, b_on_a, worker_a)
    vault_large(o, b, b_on_a, worker_a)

    if o.bench_out:
        partner = b_on_a
        info = {
            "a_data": a.data,
            "a_db": f"sqlite://{os.path.join(a.data, 'spona.db')}",
            "a_base": a.base,
            "partner": partner,
            "from_org": a.org("atina"),
            "to_org": b.org("pvpt"),
        }
        with open(o.bench_out, "w") as f:
            json.dump(info, f)
        print(f"netns: serving for the benchmark until {o.bench_out} is removed", flush=True)
        while os.path.exists(o.bench_out):
            time.sleep(0.5)
    print("netns: passed", flush=True)


if __name__ == "__main__":
    main()
