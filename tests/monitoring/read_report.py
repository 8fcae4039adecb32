"""Reads a shadow report with independent readers and prints what it holds as JSON.

Usage: read_report.py odt|docx FILE

The zip is checked first (every part's CRC, the part names in order, whether the first is
stored and carries an extra field); then the ODT is opened by odfpy, the DOCX by python-docx,
and their headings, paragraphs, hyperlinks and title are listed.
"""

import json
import sys
import zipfile


def main() -> None:
    kind, path = sys.argv[1], sys.argv[2]
    out = {}
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad is not None:
            sys.exit(f"corrupt part: {bad}")
        infos = z.infolist()
        out["parts"] = [i.filename for i in infos]
        out["first_stored"] = infos[0].compress_type == zipfile.ZIP_STORED
        out["first_extra"] = len(infos[0].extra)
    if kind == "odt":
        from odf import dc, text, teletype
        from odf.namespaces import XLINKNS
        from odf.opendocument import load

        doc = load(path)
        out["mimetype"] = doc.mimetype
        out["headings"] = [teletype.extractText(h) for h in doc.getElementsByType(text.H)]
        out["paragraphs"] = [teletype.extractText(p) for p in doc.getElementsByType(text.P)]
        out["links"] = [
            [teletype.extractText(a), a.getAttrNS(XLINKNS, "href")]
            for a in doc.getElementsByType(text.A)
        ]
        titles = doc.meta.getElementsByType(dc.Title)
        out["title"] = teletype.extractText(titles[0]) if titles else None
    elif kind == "docx":
        import docx

        d = docx.Document(path)
        out["headings"] = [
            p.text for p in d.paragraphs if p.style is not None and p.style.name.startswith("Heading")
        ]
        out["paragraphs"] = [p.text for p in d.paragraphs]
        out["links"] = [[h.text, h.address] for p in d.paragraphs for h in p.hyperlinks]
        out["title"] = d.core_properties.title
    else:
        sys.exit(f"unknown kind {kind}")
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
