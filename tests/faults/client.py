#!/usr/bin/env python3
"""A small Spona client for the fault suite (standard library only).

  client.py BASE write OUT SECONDS     create resources until SECONDS pass or the server dies;
                                       append the id of every acknowledged (303) create to OUT
  client.py BASE check IDS             GET every id in IDS; print "checked N lost M"
  client.py BASE views CASE ITEM N OUT N item views; append "status" lines to OUT
  client.py BASE create1               one create; print the status
  client.py BASE newcase               open a vault case; print its id
  client.py BASE upload OUT SECONDS CASE   upload files to CASE until SECONDS pass or the
                                       server dies; append "item sha256" of every 303 to OUT
  client.py BASE check-uploads CASE IDS   download every item in IDS; print "checked N lost M"
                                       (lost: not 200, or another SHA-256)
  client.py BASE edit OUT SECONDS      edit ASTRA's profile (city "Edit N"); append N of
                                       every 303 to OUT
  client.py BASE check-edit OUT        the profile shows the last acknowledged N or a later
                                       one; print "checked N lost M"
  client.py BASE wait-total N SECONDS  poll the search total (as the admin) until it is N;
                                       print the milliseconds or "timeout LAST"
"""
import hashlib
import uuid
import http.cookiejar
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

EMAIL = os.environ.get("FAULTS_EMAIL", "jelena@astra.example.org")
PASSWORD = os.environ.get("FAULTS_PASSWORD", "demo password for Spona")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base):
        self.base = base
        self.email = EMAIL
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def request(self, path, data=None, timeout=10):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
            req.add_header("Origin", self.base)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, r.headers, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")

    def csrf(self):
        _, _, body = self.request("/en/signin")
        m = re.search(r'name="csrf" value="([^"]+)"', body)
        return m.group(1) if m else ""

    def signin(self):
        status, _, _ = self.request(
            "/en/signin",
            {"csrf": self.csrf(), "email": self.email, "password": PASSWORD, "next": "/"},
        )
        return status

    def create(self, title):
        once = os.urandom(32).hex()
        fields = {
            "csrf": self.csrf(),
            "once": once,
            "owner": "astra",
            "kind": "crisis-guideline",
            "visibility": "public",
            "review_due": "2099-01-01",
            "written": "en",
            "title": title,
            "summary": "",
            "note": "",
            "body": "Written by the fault suite. " * 20,
        }
        status, headers, _ = self.request("/en/resources/new", fields)
        return status, headers.get("Location", "") if headers else ""


    def upload(self, case, data):
        item = str(uuid.uuid4())
        boundary = "spona" + os.urandom(8).hex()
        parts = []
        for name, value in [("csrf", self.csrf()), ("documentation", "on"), ("reason", "fault suite")]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        req = urllib.request.Request(
            f"{self.base}/en/vault/cases/{case}/files?item={item}", data=b"".join(parts)
        )
        req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        req.add_header("Origin", self.base)
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, item
        except urllib.error.HTTPError as e:
            return e.code, item

    def download(self, case, item):
        req = urllib.request.Request(f"{self.base}/en/vault/cases/{case}/items/{item}/download")
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, b""

    def edit(self, n):
        fields = {
            "csrf": self.csrf(),
            "name": "ASTRA – Action against trafficking in human beings",
            "country": "RS",
            "city": f"Edit {n}",
            "contact_visibility": "public",
        }
        status, _, _ = self.request("/en/orgs/astra/edit", fields)
        return status


def main():
    base, cmd = sys.argv[1], sys.argv[2]
    c = Client(base)
    if cmd == "write":
        out, seconds = sys.argv[3], float(sys.argv[4])
        if c.signin() != 303:
            sys.exit("sign-in failed")
        # Optionally wait (signed in) until a file says go: the full-disk run signs in first.
        go = sys.argv[5] if len(sys.argv) > 5 else None
        while go and not os.path.exists(go):
            time.sleep(0.05)
        end = time.time() + seconds
        n = 0
        with open(out, "a") as f:
            while time.time() < end:
                n += 1
                try:
                    status, location = c.create(f"Fault suite {os.getpid()}-{n}")
                except Exception:
                    break  # the server died
                if status == 303 and "/resources/" in location:
                    f.write(location.rsplit("/", 1)[1] + "\n")
                    f.flush()
                    os.fsync(f.fileno())
                else:
                    f.write(f"# status {status}\n")
                    f.flush()
    elif cmd == "check":
        ids = [l.strip() for l in open(sys.argv[3]) if l.strip() and not l.startswith("#")]
        # The suite's resources are public: no sign-in (sign-ins are rate-limited).
        lost = [i for i in ids if c.request(f"/en/resources/{i}")[0] != 200]
        for i in lost:
            print("lost", i, file=sys.stderr)
        print(f"checked {len(ids)} lost {len(lost)}")
    elif cmd == "recover":
        # One session; creates until one is acknowledged; prints the milliseconds it took
        # (from the moment this is called, right after space is freed) and the id.
        t0 = time.time()
        while c.signin() != 303 and time.time() - t0 < 60:
            time.sleep(0.1)
        while time.time() - t0 < 60:
            status, location = c.create(f"Recovery probe {time.time()}")
            if status == 303:
                print(int((time.time() - t0) * 1000), location.rsplit("/", 1)[-1])
                return
            time.sleep(0.1)
        print("timeout -")
    elif cmd == "create1":
        if c.signin() != 303:
            print("signin-failed")
            return
        status, location = c.create(f"Probe {time.time()}")
        print(status, location.rsplit("/", 1)[-1] if status == 303 else "")
    elif cmd == "signin":
        print(c.signin())
    elif cmd == "search-total":
        os.environ["FAULTS_EMAIL"] = "admin@spona.example"
        c.email = "admin@spona.example"
        c.signin()
        status, _, body = c.request("/en/api/v1/resources?limit=1")
        m = re.search(r'"total":\s*(\d+)', body)
        print(m.group(1) if status == 200 and m else f"status-{status}")
    elif cmd == "newcase":
        if c.signin() != 303:
            sys.exit("sign-in failed")
        status, headers, _ = c.request(
            "/en/vault/new",
            {"csrf": c.csrf(), "once": os.urandom(32).hex(), "title": "Fault suite case"},
        )
        print(headers.get("Location", "").rsplit("/", 1)[-1] if status == 303 else f"status-{status}")
    elif cmd == "upload":
        out, seconds, case = sys.argv[3], float(sys.argv[4]), sys.argv[5]
        if c.signin() != 303:
            sys.exit("sign-in failed")
        end = time.time() + seconds
        with open(out, "a") as f:
            while time.time() < end:
                data = os.urandom(int.from_bytes(os.urandom(2), "big") * 4 + 1000)
                try:
                    status, item = c.upload(case, data)
                except Exception:
                    break  # the server died
                if status == 303:
                    f.write(f"{item} {hashlib.sha256(data).hexdigest()}\n")
                else:
                    f.write(f"# status {status}\n")
                f.flush()
                os.fsync(f.fileno())
    elif cmd == "check-uploads":
        case = sys.argv[3]
        rows = [l.split() for l in open(sys.argv[4]) if l.strip() and not l.startswith("#")]
        if c.signin() != 303:
            sys.exit("sign-in failed")
        lost = 0
        for item, sha in rows:
            status, body = c.download(case, item)
            if status != 200 or hashlib.sha256(body).hexdigest() != sha:
                print("lost", item, status, file=sys.stderr)
                lost += 1
        print(f"checked {len(rows)} lost {lost}")
    elif cmd == "edit":
        out, seconds = sys.argv[3], float(sys.argv[4])
        if c.signin() != 303:
            sys.exit("sign-in failed")
        end = time.time() + seconds
        n = int(time.time() * 1000)  # increasing across cycles
        with open(out, "a") as f:
            while time.time() < end:
                n += 1
                try:
                    status = c.edit(n)
                except Exception:
                    break
                f.write(f"{n}\n" if status == 303 else f"# status {status}\n")
                f.flush()
                os.fsync(f.fileno())
    elif cmd == "check-edit":
        acked = [int(l) for l in open(sys.argv[3]) if l.strip() and not l.startswith("#")]
        _, _, body = c.request("/en/orgs/astra")
        m = re.search(r"Edit (\d+)", body)
        shown = int(m.group(1)) if m else -1
        lost = 1 if acked and shown < max(acked) else 0
        if lost:
            print("shown", shown, "last acknowledged", max(acked), file=sys.stderr)
        print(f"checked {len(acked)} lost {lost}")
    elif cmd == "wait-total":
        want, seconds = int(sys.argv[3]), float(sys.argv[4])
        c.email = "admin@spona.example"
        t0 = time.time()
        while c.signin() != 303 and time.time() - t0 < seconds:
            time.sleep(0.5)
        last = "-"
        while time.time() - t0 < seconds:
            status, _, body = c.request("/en/api/v1/resources?limit=1")
            m = re.search(r'"total":\s*(\d+)', body)
            last = m.group(1) if status == 200 and m else f"status-{status}"
            if last == str(want):
                print(int((time.time() - t0) * 1000))
                return
            time.sleep(0.2)
        print(f"timeout {last}")
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
