#!/usr/bin/env python3
"""Generates N recommendations in the UHRI export layout as CSV and (with --xlsx) XLSX
(openpyxl's write-only mode), for bench/monitoring_import.sh. Texts mix English, Serbian
Cyrillic and Ukrainian words so that the search terms are computed on realistic text."""
import csv, random, sys

def rows(n):
    rnd = random.Random(21)
    bodies = ["UPR", "CEDAW", "CAT", "CRC", "CCPR", "CESCR", "CRPD", "Special Rapporteur on torture"]
    countries = ["Serbia", "Ukraine", "Bosnia and Herzegovina", "Croatia", "North Macedonia", "Kosovo", "Albania", "Montenegro", "Moldova", "Romania"]
    themes = ["Women's rights", "Justice", "Migrants", "Children", "Torture", "Minorities", "Trafficking"]
    words = ("ensure protect investigate adopt implement strengthen victims trafficking women children "
             "refugees detention courts police discrimination Roma minorities education health "
             "заштита права жена деце избеглица правосуђе насиље "
             "захист права жінок дітей біженців правосуддя насильство").split()
    for i in range(n):
        body = bodies[i % len(bodies)]
        text = " ".join(rnd.choice(words) for _ in range(rnd.randint(20, 45)))
        yield [
            f"A/HRC/{20 + i // 20000}/{(i // 1000) % 20 + 1} para. {i // 1000 + 1}.{i % 1000 + 1}",
            text.capitalize() + ".",
            body,
            countries[i % len(countries)],
            "; ".join(rnd.sample(themes, 2)),
            "Women & girls" if i % 3 == 0 else "Persons with disabilities",
            f"{rnd.randint(1, 17)}.{rnd.randint(1, 9)}",
            f"{2008 + i % 17}-0{1 + i % 9}-1{i % 10}",
            str(1 + i % 4),
        ]

HEADER = ["Symbol", "Annotation", "Body", "Regions/Countries", "Themes", "Affected persons", "SDGs", "Publication date", "Cycle"]

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    if out.endswith(".xlsx"):
        from openpyxl import Workbook
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Recommendations")
        ws.append(HEADER)
        for r in rows(n):
            ws.append(r)
        wb.save(out)
    else:
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(HEADER)
            w.writerows(rows(n))

main()
