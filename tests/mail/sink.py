#!/usr/bin/env python3
"""A real SMTP server on loopback for Spona's mail tests (aiosmtpd): stores every message it
accepts as a file in DIR, and can answer like a troubled mail server.

    sink.py DIR [--port N] [--reject ADDR,...] [--defer ADDR,...] [--refuse-login|--accept-login]
                [--slow SECONDS] [--stall] [--stall-file PATH]
                [--tls starttls|implicit --tls-cert PEM --tls-key PEM]

--reject: RCPT TO of these addresses gets 550 (a permanent bounce).
--reject-file: the same for the addresses in this file (one a line, read at every RCPT).
--defer:  RCPT TO of these addresses gets 451 (try again later).
--refuse-login: AUTH is required and every login fails (535); nothing is accepted.
--accept-login: AUTH is offered and every login succeeds.
--slow:   wait this long before answering the end of DATA (a server that times out).
--stall:  answer RCPT TO never (a server that stops answering mid-conversation).
--stall-file: stall only while this file exists (checked at every RCPT).
--tls starttls: offer STARTTLS with this certificate and refuse mail before it (530);
--tls implicit: TLS from the first byte (smtps). Without --tls no STARTTLS is offered.
Prints "ready PORT" on stdout once it listens, and with --tls "stored NAME TLS" for each
message it stores (TLS: the protocol version, e.g. TLSv1.3, or "plain"). Each stored file is named
<nanoseconds>-<count>.eml and holds the message as received (written, then renamed).
"""

import argparse
import asyncio
import itertools
import logging
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, out, reject, defer, slow, reject_file=None, stall=False, stall_file=None):
        self.reject_file = reject_file
        self.stall = stall
        self.stall_file = stall_file
        self.out = out
        self.reject = reject
        self.defer = defer
        self.slow = slow
        self.count = itertools.count(1)
        self.log_tls = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.stall or (self.stall_file and os.path.exists(self.stall_file)):
            await asyncio.sleep(3600)
        a = address.lower()
        listed = set()
        if self.reject_file and os.path.exists(self.reject_file):
            listed = {x.strip().lower() for x in open(self.reject_file) if x.strip()}
        if a in self.reject or a in listed:
            return "550 5.1.1 No such user here"
        if a in self.defer:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.slow:
            await asyncio.sleep(self.slow)
        n = next(self.count)
        name = f"{time.time_ns()}-{n:06d}.eml"
        tmp = os.path.join(self.out, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.out, name))
        if self.log_tls:
            tls = server.transport.get_extra_info("ssl_object") if server.transport else None
            print(f"stored {name} {tls.version() if tls else 'plain'}", flush=True)
        return "250 Message accepted for delivery"


def refuse(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False)


def accept(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--reject", default="")
    p.add_argument("--defer", default="")
    p.add_argument("--reject-file", default=None)
    p.add_argument("--refuse-login", action="store_true")
    p.add_argument("--accept-login", action="store_true")
    p.add_argument("--slow", type=float, default=0)
    p.add_argument("--stall", action="store_true")
    p.add_argument("--stall-file", default=None)
    p.add_argument("--tls", choices=["starttls", "implicit"], default=None)
    p.add_argument("--tls-cert", default=None)
    p.add_argument("--tls-key", default=None)
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    split = lambda s: {x.strip().lower() for x in s.split(",") if x.strip()}
    handler = Sink(a.dir, split(a.reject), split(a.defer), a.slow, a.reject_file, a.stall,
                   a.stall_file)
    kwargs = {}
    if a.refuse_login:
        kwargs = dict(auth_required=True, auth_require_tls=False, authenticator=refuse)
    elif a.accept_login:
        kwargs = dict(auth_required=True, auth_require_tls=False, authenticator=accept)
    if a.tls:
        handler.log_tls = True
        # Refused handshakes are what the TLS tests provoke: no traceback for each.
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)
        if a.tls == "starttls":
            kwargs.update(tls_context=ctx, require_starttls=True)
        else:
            kwargs.update(ssl_context=ctx)
    port = a.port
    if port == 0:
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
    c = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="sink.test",
                   data_size_limit=10 * 1024 * 1024, decode_data=False, **kwargs)
    c.start()
    print(f"ready {port}", flush=True)
    try:
        # Until the process is stopped.
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == "__main__":
    main()
