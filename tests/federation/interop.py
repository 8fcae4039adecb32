#!/usr/bin/env python3
"""Independent implementations against Spona's federation (issue 20).

  interop.py verify REQUEST.json   verify a request Spona signed, with the PyPI package
                                   `http-message-signatures` (RFC 9421, ed25519, and the
                                   RFC 9530 Content-Digest of the body)
  interop.py sign SEED_HEX URL BODY_FILE
                                   sign a POST of BODY_FILE to URL with that package and
                                   the Ed25519 seed (64 hex digits, e.g. Spona's
                                   deployment-ed25519.key); prints the headers as JSON
  interop.py open IDENTITY ENVELOPE.json
                                   open a packet's body with `pyrage` (age, X25519) and the
                                   organisation's identity (AGE-SECRET-KEY-1…); prints it

REQUEST.json: {"method", "url", "headers": {name: value}, "body_b64", "public_key_hex"}.
Exit status 0 when verified / signed / opened, 1 otherwise (the reason on stderr).
"""

import base64
import datetime
import json
import sys

import requests
from cryptography.hazmat.primitives.asymmetric import ed25519
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    MappingKeyResolver,
    algorithms,
)

REQUIRED = ("@method", "@authority", "@path", "content-digest", "content-type")


def verify(path):
    with open(path) as f:
        spec = json.load(f)
    body = base64.b64decode(spec["body_b64"])
    request = requests.Request(spec["method"], spec["url"], headers=spec["headers"], data=body).prepare()
    key_id = spec["public_key_hex"]
    public = ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(key_id))
    verifier = HTTPMessageVerifier(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={key_id: public}, private_keys={}),
    )
    results = verifier.verify(
        request,
        max_age=datetime.timedelta(minutes=5),
        require_components=REQUIRED,
        body=body,
    )
    assert len(results) == 1 and results[0].body == body
    print("verified", results[0].label, dict(results[0].parameters))


def sign(seed_hex, url, body_path):
    with open(seed_hex) as f:
        seed = bytes.fromhex(f.read().strip())
    private = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    key_id = private.public_key().public_bytes_raw().hex()
    with open(body_path, "rb") as f:
        body = f.read()
    request = requests.Request(
        "POST", url, headers={"Content-Type": "application/json"}, data=body
    ).prepare()
    signer = HTTPMessageSigner(
        signature_algorithm=algorithms.ED25519,
        key_resolver=MappingKeyResolver(public_keys={}, private_keys={key_id: private}),
    )
    signer.sign(
        request,
        key_id=key_id,
        label="pyhms",
        covered_component_ids=("@method", "@authority", "@path", "content-type"),
        body=body,
    )
    wanted = ("Content-Type", "Content-Digest", "Signature-Input", "Signature")
    print(json.dumps({h: request.headers[h] for h in wanted}))


def open_packet(identity_text, envelope_path):
    import pyrage

    with open(envelope_path) as f:
        envelope = json.load(f)
    identity = pyrage.x25519.Identity.from_str(identity_text.strip())
    plain = pyrage.decrypt(base64.b64decode(envelope["body"]), [identity])
    sys.stdout.write(plain.decode())


def main(argv):
    try:
        if argv[1:2] == ["verify"] and len(argv) == 3:
            verify(argv[2])
        elif argv[1:2] == ["sign"] and len(argv) == 5:
            sign(argv[2], argv[3], argv[4])
        elif argv[1:2] == ["open"] and len(argv) == 4:
            open_packet(argv[2], argv[3])
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except Exception as e:  # the reason, for the test's message
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
