#!/usr/bin/env python3
"""Reads mail the SMTP sink stored and prints what the tests check, as JSON.

    check.py parse FILE [--dkim-dns FILE]   one message: headers, decoded subject and
                                             text, and (with the DNS TXT record of the
                                             DKIM key) whether its signature verifies
    check.py ids DIR                         Message-IDs of every stored message (one count
                                             per id)
    check.py keygen DIR                      an RSA key for DKIM: DIR/dkim.pem (PKCS#1) and
                                             DIR/dkim.txt (the TXT record)
    check.py tls DIR                         a test CA and server certificates made with
                                             openssl (see `tls`), as JSON paths
"""

import base64
import collections
import email
import email.header
import email.policy
import json
import os
import subprocess
import sys


def header(msg, name):
    v = msg.get(name)
    return None if v is None else str(v)


def parse(path, dns_file=None):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    raw_subject = email.message_from_bytes(raw, policy=email.policy.compat32).get("Subject")
    out = {
        "subject": header(msg, "Subject"),
        "subject_raw": str(raw_subject),
        "from": header(msg, "From"),
        "from_raw": str(email.message_from_bytes(raw, policy=email.policy.compat32).get("From")),
        "to": header(msg, "To"),
        "date": header(msg, "Date"),
        "message_id": header(msg, "Message-ID"),
        "in_reply_to": header(msg, "In-Reply-To"),
        "references": header(msg, "References"),
        "list_id": header(msg, "List-Id"),
        "list_unsubscribe": header(msg, "List-Unsubscribe"),
        "list_unsubscribe_post": header(msg, "List-Unsubscribe-Post"),
        "auto_submitted": header(msg, "Auto-Submitted"),
        "dkim_signature": header(msg, "DKIM-Signature"),
        "text": msg.get_content() if not msg.is_multipart() else None,
    }
    if dns_file:
        import dkim

        record = open(dns_file, "rb").read().strip()

        def dnsfunc(name, timeout=5):
            return record

        out["dkim_valid"] = bool(dkim.verify(raw, dnsfunc=dnsfunc))
        sig = dkim.util.parse_tag_value(
            "".join(out["dkim_signature"].split()).encode()
        ) if out["dkim_signature"] else {}
        out["dkim_signed_headers"] = [
            h.strip().lower() for h in sig.get(b"h", b"").decode().split(":") if h.strip()
        ]
    return out


def ids(d):
    c = collections.Counter()
    for name in os.listdir(d):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(d, name), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        c[str(msg.get("Message-ID"))] += 1
    return dict(c)


def keygen(d):
    os.makedirs(d, exist_ok=True)
    pem = os.path.join(d, "dkim.pem")
    subprocess.run(["openssl", "genrsa", "-traditional", "-out", pem, "2048"], check=True,
                   capture_output=True)
    der = subprocess.run(["openssl", "rsa", "-in", pem, "-pubout", "-outform", "DER"],
                         check=True, capture_output=True).stdout
    with open(os.path.join(d, "dkim.txt"), "w") as f:
        f.write("v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode())
    return {"key": pem, "record": os.path.join(d, "dkim.txt")}


CA_CONFIG = """[req]
distinguished_name = dn
prompt = no
[dn]
CN = {name}
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
"""

SERVER_EXT = """basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = {names}
authorityKeyIdentifier = keyid
"""


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def make_ca(d, name):
    cnf = os.path.join(d, name + ".cnf")
    with open(cnf, "w") as f:
        f.write(CA_CONFIG.format(name="Spona test CA " + name))
    key, pem = os.path.join(d, name + ".key"), os.path.join(d, name + ".pem")
    openssl("req", "-x509", "-config", cnf, "-extensions", "ca", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", pem,
            "-days", "2")
    return key, pem


def make_server(d, name, ca, names):
    key, pem = os.path.join(d, name + ".key"), os.path.join(d, name + ".pem")
    csr, ext = os.path.join(d, name + ".csr"), os.path.join(d, name + ".ext")
    with open(ext, "w") as f:
        f.write(SERVER_EXT.format(names=names))
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", key, "-out", csr, "-subj", "/CN=" + name)
    openssl("x509", "-req", "-in", csr, "-CA", ca[1], "-CAkey", ca[0],
            "-set_serial", "0x" + os.urandom(8).hex(), "-days", "2", "-extfile", ext,
            "-out", pem)
    return {"cert": pem, "key": key}


def tls(d):
    """A test CA (`ca`), a server certificate it signed for 127.0.0.1 and localhost (`good`),
    one it signed for another host only (`wrong_host`), and one for 127.0.0.1 signed by a
    second CA nobody trusts (`unknown_ca`)."""
    os.makedirs(d, exist_ok=True)
    ca = make_ca(d, "ca")
    other = make_ca(d, "other-ca")
    return {
        "ca": ca[1],
        "good": make_server(d, "good", ca, "IP:127.0.0.1,DNS:localhost"),
        "wrong_host": make_server(d, "wrong-host", ca, "DNS:mail.wrong.example"),
        "unknown_ca": make_server(d, "unknown-ca", other, "IP:127.0.0.1,DNS:localhost"),
    }


def main():
    cmd = sys.argv[1]
    if cmd == "parse":
        dns = None
        if "--dkim-dns" in sys.argv:
            dns = sys.argv[sys.argv.index("--dkim-dns") + 1]
        print(json.dumps(parse(sys.argv[2], dns)))
    elif cmd == "ids":
        print(json.dumps(ids(sys.argv[2])))
    elif cmd == "keygen":
        print(json.dumps(keygen(sys.argv[2])))
    elif cmd == "tls":
        print(json.dumps(tls(sys.argv[2])))
    else:
        sys.exit(f"unknown command {cmd}")


if __name__ == "__main__":
    main()
