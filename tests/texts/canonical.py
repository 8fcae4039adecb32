"""Recomputes a joint text's SHA-256 from its JSON (`/api/v1/texts/{id}`), following the
canonical serialisation documented in `spona_domain::joint_text::canonical`, independently
of the Rust code. Prints the hex digest.

Usage: canonical.py FILE   (FILE holds the text's JSON)
"""

import hashlib
import json
import sys

ORDER = ["en", "sr", "uk"]


def normalise(body: str) -> str:
    paragraphs, current = [], []
    for line in body.split("\n"):
        line = line.rstrip()
        if line.strip() == "":
            if current:
                paragraphs.append("\n".join(current))
                current = []
        else:
            current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def field(name: str, value: str) -> str:
    return f"{name} {len(value.encode('utf-8'))}:{value}\n"


def main() -> None:
    text = json.load(open(sys.argv[1], encoding="utf-8"))
    finals = sorted(text["finals"], key=lambda f: ORDER.index(f["lang"]))
    out = "spona-joint-text/1\n"
    out += field("text", text["id"])
    out += field("kind", text["kind"])
    out += field("variants", str(len(finals)))
    for f in finals:
        out += field("lang", f["lang"])
        out += field("version", str(f["version"]))
        out += field("title", f["title"])
        out += field("body", normalise(f["body"]))
    print(hashlib.sha256(out.encode("utf-8")).hexdigest())


if __name__ == "__main__":
    main()
