#!/usr/bin/env python3
"""Synthetic organisations for the directory benchmark.

Writes SQL on stdout: one transaction, multi-row INSERTs in batches of 500, for
`--dialect sqlite` (load with `sqlite3 DB < seed.sql`) or `--dialect postgres`
(load with `psql -q -v ON_ERROR_STOP=1 -f seed.sql`). Deterministic: the same N gives the
same bytes (random.Random(42), fixed base time). Standard library only.

Run `spona migrate` first: the tables come from the application's migrations.
"""

import argparse
import random
import sys
import unicodedata
import uuid

THEMES = [
    "gender-equality", "gbv-protection", "anti-trafficking", "peacebuilding",
    "transitional-justice", "human-rights-monitoring", "eu-integration", "lgbtq-rights",
    "minority-rights", "roma-inclusion", "youth", "culture", "media", "humanitarian-response",
    "psychosocial-support", "legal-aid", "refugees-migration", "disability-rights",
    "democratic-governance",
]
KNOW_HOW = [
    "safe-houses", "wartime-media", "trauma-care", "evidence-preservation", "grant-writing",
    "advocacy", "victim-referral", "hotline-operation", "digital-security",
    "strategic-litigation", "trial-monitoring", "policy-analysis", "gender-audits",
    "digital-storytelling", "crisis-management", "community-organising",
    "volunteer-management", "reintegration-programmes", "peer-support-groups",
    "data-protection",
]
LANGUAGES = ["en", "sr", "uk", "sq", "mk", "bs", "hr", "ru"]

# Country code, weight, cities.
COUNTRIES = [
    ("RS", 30, ["Beograd", "Novi Sad", "Niš", "Kragujevac", "Subotica", "Novi Pazar"]),
    ("UA", 25, ["Kyiv", "Lviv", "Kharkiv", "Odesa", "Dnipro", "Chernivtsi"]),
    ("BA", 12, ["Sarajevo", "Banja Luka", "Mostar", "Tuzla", "Zenica", "Bihać"]),
    ("XK", 8, ["Prishtinë", "Prizren", "Pejë", "Gjakovë", "Mitrovicë"]),
    ("HR", 8, ["Zagreb", "Split", "Rijeka", "Osijek", "Vukovar"]),
    ("MK", 7, ["Skopje", "Bitola", "Tetovo", "Ohrid"]),
    ("ME", 5, ["Podgorica", "Nikšić", "Bar", "Cetinje"]),
    ("AL", 5, ["Tiranë", "Shkodër", "Durrës", "Elbasan"]),
]

FORMS_EN = ["Centre for", "Association for", "Foundation for", "Initiative for", "Network for",
            "Alliance for", "Council for", "Institute for", "Coalition for", "Forum for"]
FORMS_SR = ["Centar za", "Udruženje za", "Fondacija za", "Inicijativa za", "Mreža za",
            "Savez za", "Savet za", "Institut za", "Koalicija za", "Forum za"]
TOPICS = [
    ("Women's Rights", "prava žena"), ("Human Rights", "ljudska prava"),
    ("Peace and Dialogue", "mir i dijalog"), ("Youth Participation", "učešće mladih"),
    ("Roma Inclusion", "inkluziju Roma"), ("Victim Support", "podršku žrtvama"),
    ("Legal Aid", "pravnu pomoć"), ("Free Media", "slobodne medije"),
    ("Refugee Support", "podršku izbeglicama"), ("Civic Action", "građansku akciju"),
    ("Trauma Recovery", "oporavak od traume"), ("Minority Rights", "prava manjina"),
    ("Disability Rights", "prava osoba sa invaliditetom"), ("Democratic Culture", "demokratsku kulturu"),
    ("Transitional Justice", "tranzicionu pravdu"), ("Safe Communities", "bezbedne zajednice"),
]
FORMS_UK = ["Центр", "Асоціація", "Фонд", "Ініціатива", "Мережа", "Альянс", "Рада",
            "Інститут", "Коаліція", "Форум"]
TOPICS_UK = ["прав жінок", "прав людини", "миру та діалогу", "участі молоді",
             "інклюзії ромів", "підтримки постраждалих", "правової допомоги",
             "вільних медіа", "підтримки біженців", "громадської дії",
             "відновлення після травми", "прав меншин", "прав людей з інвалідністю",
             "демократичної культури", "перехідного правосуддя", "безпечних громад"]
SENT_EN = [
    "We support survivors with counselling, shelter and referral to services.",
    "We document violations and publish independent monitoring reports.",
    "Our volunteers run workshops in schools and local communities.",
    "We provide free legal advice and represent clients before the courts.",
    "We bring together activists from across the region to exchange know-how.",
    "We work with local institutions to improve protection standards.",
    "Our hotline is open every day and answers in several languages.",
    "We train journalists in safety, verification and ethical reporting.",
]
SENT_SR = [
    "Pružamo savetovanje, smeštaj i upućivanje žrtava na servise podrške.",
    "Dokumentujemo kršenja prava i objavljujemo nezavisne izveštaje.",
    "Naši volonteri vode radionice u školama i lokalnim zajednicama.",
    "Pružamo besplatnu pravnu pomoć i zastupamo klijente pred sudovima.",
    "Povezujemo aktiviste iz regiona radi razmene znanja i iskustava.",
    "Sarađujemo sa lokalnim institucijama na unapređenju zaštite.",
]
SENT_UK = [
    "Ми надаємо психологічну та правову допомогу постраждалим.",
    "Ми документуємо порушення прав людини та публікуємо звіти.",
    "Наші волонтери проводять тренінги у громадах.",
    "Ми працюємо з місцевою владою над стандартами захисту.",
]

BASE_TIME = 1_700_000_000  # fixed, so output is reproducible
BATCH = 500


def fold(s):
    """Lower-case, `đ` -> `dj`, Latin diacritics dropped (as spona_i18n::fold for Latin text)."""
    out = []
    for c in s.lower():
        if c == "đ":
            out.append("dj")
        elif c.isascii():
            out.append(c)
        elif "\u00c0" <= c <= "\u024f":
            base = unicodedata.normalize("NFD", c)[0]
            out.append(base if base.isascii() else c)
        else:
            out.append(c)
    return "".join(out)


def slugify(s):
    out, dash = [], False
    for c in fold(s):
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")[:60].strip("-")


def uuid7(rng, unix_ms):
    """A UUIDv7 from a timestamp and the seeded generator (sorts by creation time)."""
    rand = rng.getrandbits(74)
    v = (unix_ms & ((1 << 48) - 1)) << 80
    v |= 0x7 << 76
    v |= (rand >> 62) << 64  # 12 bits rand_a
    v |= 0b10 << 62
    v |= rand & ((1 << 62) - 1)
    return str(uuid.UUID(int=v))


def q(v):
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def generate(n, rng):
    weights = [w for _, w, _ in COUNTRIES]
    orgs, texts, terms = [], [], []
    for i in range(n):
        country, _, cities = rng.choices(COUNTRIES, weights=weights)[0]
        city = rng.choice(cities)
        f = rng.randrange(len(FORMS_EN))
        t = rng.randrange(len(TOPICS))
        topic_en, topic_sr = TOPICS[t]
        style = rng.random()
        if country == "UA" or style < 0.5:
            name = f"{FORMS_EN[f]} {topic_en} {city}"
        else:
            name = f"{FORMS_SR[f]} {topic_sr} {city}"
        if rng.random() < 0.3:
            name += f" {rng.randint(1, 99)}"
        created = BASE_TIME + i * 60 + rng.randrange(60)
        oid = uuid7(rng, created * 1000 + rng.randrange(1000))
        slug = f"{slugify(name)}-{i}"
        host = slugify(name).replace("-", "")[:24] or "org"
        website = f"https://{host}{i}.example.org" if rng.random() < 0.8 else None
        email = f"info@{host}{i}.example.org" if rng.random() < 0.7 else None
        phone = f"+381 {rng.randint(10, 99)} {rng.randint(100000, 999999)}" if rng.random() < 0.5 else None
        visibility = "public" if rng.random() < 0.6 else "members"

        desc_en = " ".join(rng.sample(SENT_EN, rng.randint(1, 3)))
        org_texts = [("en", name if name.startswith(tuple(FORMS_EN)) else None, desc_en)]
        if rng.random() < 0.5:  # a second text, in the local language
            if country == "UA":
                org_texts.append(("uk", f"{FORMS_UK[f]} {TOPICS_UK[t]}",
                                  " ".join(rng.sample(SENT_UK, rng.randint(1, 2)))))
            else:
                org_texts.append(("sr-Latn", f"{FORMS_SR[f]} {topic_sr} {city}",
                                  " ".join(rng.sample(SENT_SR, rng.randint(1, 2)))))
        searchable = [name, city] + [d for lang, _, d in org_texts if lang != "uk"]
        search_text = fold(" ".join(searchable))

        orgs.append((oid, slug, name, fold(name), country, city, website, email, phone,
                     visibility, search_text, created, created))
        for lang, tname, desc in org_texts:
            texts.append((oid, lang, tname, desc))
        for kind, vocab, lo, hi in (("theme", THEMES, 2, 4), ("offer", KNOW_HOW, 1, 3),
                                    ("need", KNOW_HOW, 1, 3), ("language", LANGUAGES, 1, 3)):
            for code in sorted(rng.sample(vocab, rng.randint(lo, hi))):
                terms.append((oid, kind, code))
    return orgs, texts, terms


def emit(out, table, columns, rows):
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        out.write(f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n")
        out.write(",\n".join("(" + ", ".join(q(v) for v in r) + ")" for r in chunk))
        out.write(";\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--count", type=int, default=10000, help="organisations (default 10000)")
    ap.add_argument("--dialect", choices=["sqlite", "postgres"], required=True)
    args = ap.parse_args()
    if args.count < 0:
        ap.error("--count must be >= 0")

    orgs, texts, terms = generate(args.count, random.Random(42))
    out = sys.stdout
    if args.dialect == "postgres":
        out.write("SET client_encoding = 'UTF8';\n")
    out.write("BEGIN;\n")
    emit(out, "organisations",
         ["id", "slug", "name", "sort_key", "country", "city", "website", "email", "phone",
          "contact_visibility", "search_text", "created_at", "updated_at"], orgs)
    emit(out, "org_texts", ["org_id", "lang", "name", "description"], texts)
    emit(out, "org_terms", ["org_id", "kind", "code"], terms)
    out.write("COMMIT;\n")
    # PostgreSQL's autovacuum would gather statistics after a bulk load anyway; do it now so
    # the first seconds of the run are not planned blind. SQLite gets no ANALYZE: the app never
    # runs it, so its planner works without sqlite_stat1 in production too.
    if args.dialect == "postgres":
        out.write("ANALYZE organisations;\nANALYZE org_texts;\nANALYZE org_terms;\n")


if __name__ == "__main__":
    main()
