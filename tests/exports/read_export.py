#!/usr/bin/env python3
"""Reads an export with an independent reader and prints what it holds as JSON.

Usage: read_export.py csv|xlsx|ods FILE [--count]

- csv: Python's csv module (RFC 4180), UTF-8; reports whether a byte-order mark led.
- xlsx: openpyxl (read-only mode); a header repeated at the top of a continuation sheet is
  not a row.
- ods: odfpy.

Prints {"header": [...], "count": N, "bom": bool, "rows": [[...], ...]}; with --count the
rows are left out (for a million of them).
"""

import csv
import json
import sys


def read_csv(path):
    with open(path, "rb") as f:
        bom = f.read(3) == b"\xef\xbb\xbf"
    with open(path, newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        yield bom
        for row in csv.reader(f, strict=True):
            yield row


def read_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    yield False
    header = None
    for sheet in book.worksheets:
        for i, row in enumerate(sheet.iter_rows(values_only=True)):
            cells = ["" if v is None else str(v) for v in row]
            if header is None:
                header = cells
            elif i == 0 and cells == header:
                continue
            yield cells


def read_ods(path):
    from odf.opendocument import load
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = load(path)
    yield False
    for table in doc.spreadsheet.getElementsByType(Table):
        for row in table.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                texts = []
                for p in cell.getElementsByType(P):
                    texts.append("".join(str(n) for n in p.childNodes))
                cells.append("\n".join(texts))
            yield cells


def main():
    kind, path = sys.argv[1], sys.argv[2]
    count_only = "--count" in sys.argv[3:]
    rows = {"csv": read_csv, "xlsx": read_xlsx, "ods": read_ods}[kind](path)
    bom = next(rows)
    header = next(rows, None)
    out = {"header": header, "bom": bom, "count": 0}
    kept = []
    width = len(header or [])
    for r in rows:
        # openpyxl pads rows to the sheet's width; others give what the file holds.
        if len(r) < width:
            r = r + [""] * (width - len(r))
        out["count"] += 1
        if not count_only:
            kept.append(r)
    if not count_only:
        out["rows"] = kept
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
