#!/usr/bin/env python3
"""Check translated Fluent files against their English source.

Usage:
    scripts/ftl_check.py LANG [FILE ...]
    scripts/ftl_check.py LANG --all
    scripts/ftl_check.py LANG --overlay FILE ...   (keys must exist in some en file; checked
                                                    against that en message)

For every FILE (a translation), the English source is found beside it:
    crates/spona-i18n/locales/<L>/x.ftl              -> crates/spona-i18n/locales/en/x.ftl
    crates/spona-web/src/features/<f>/strings/<L>.ftl -> .../strings/en.ftl

Checks (any failure makes the exit status 1):
  * the file parses with fluent.syntax and holds no Junk entries;
  * the same message and term ids as en (none missing, none extra);
  * the same attribute names per message;
  * the same set of { $variables } per message (value and attributes together),
    and the same message/term references;
  * every select expression has exactly one default (*) variant;
  * plural selectors (whose en keys are CLDR categories) use only categories valid for LANG;
    other selectors keep exactly the en keys.
Warnings (do not fail): messages whose text is identical to en (maybe untranslated).

Needs `pip install fluent.syntax`.
"""
import glob
import os
import re
import sys

from fluent.syntax import ast as fast
from fluent.syntax import parse
from fluent.syntax.visitor import Visitor

CLDR = {"zero", "one", "two", "few", "many", "other"}
PLURALS = {
    "en": {"one", "other"},
    "sq": {"one", "other"},
    "mk": {"one", "other"},
    "sr": {"one", "few", "other"},
    "sr-Cyrl": {"one", "few", "other"},
    "sr-Latn": {"one", "few", "other"},
    "bcms": {"one", "few", "other"},
    "bs": {"one", "few", "other"},
    "hr": {"one", "few", "other"},
    "cnr": {"one", "few", "other"},
    "uk": {"one", "few", "many", "other"},
}
# Words that are the same in every language and need no warning.
SAME_OK = re.compile(r"^[\s\W\d]*(Spona|HSDS|UPR|NAP 1325|CSV|JSON|PDF|OK|URL|ID|E-mail)?[\s\W\d]*$")


class Collect(Visitor):
    def __init__(self):
        super().__init__()
        self.vars = set()
        self.refs = set()
        self.problems = []
        self.selects = []

    def visit_VariableReference(self, node):
        self.vars.add(node.id.name)
        self.generic_visit(node)

    def visit_MessageReference(self, node):
        self.refs.add(node.id.name + ("." + node.attribute.name if node.attribute else ""))
        self.generic_visit(node)

    def visit_TermReference(self, node):
        self.refs.add("-" + node.id.name + ("." + node.attribute.name if node.attribute else ""))
        self.generic_visit(node)

    def visit_SelectExpression(self, node):
        self.selects.append(node)
        self.generic_visit(node)


def variant_key(v):
    k = v.key
    return k.name if isinstance(k, fast.Identifier) else k.value


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    res = parse(text)
    entries = {}
    junk = []
    for e in res.body:
        if isinstance(e, fast.Junk):
            line = text[: e.span.start].count("\n") + 1 if e.span else "?"
            msgs = "; ".join(a.message for a in e.annotations)
            junk.append(f"line {line}: {msgs}: {e.content.strip()[:80]!r}")
        elif isinstance(e, fast.Message):
            entries[e.id.name] = e
        elif isinstance(e, fast.Term):
            entries["-" + e.id.name] = e
    return entries, junk


def info(entry):
    c = Collect()
    c.visit(entry)
    attrs = sorted(a.id.name for a in entry.attributes)
    return c, attrs


def plain_text(entry):
    out = []

    def walk(p):
        if p is None:
            return
        for el in p.elements:
            if isinstance(el, fast.TextElement):
                out.append(el.value)

    walk(entry.value)
    for a in entry.attributes:
        walk(a.value)
    return "".join(out).strip()


def check_entry(lang, key, en, tr, errors, warnings):
    ci_en, attrs_en = info(en)
    ci_tr, attrs_tr = info(tr)
    if (en.value is None) != (tr.value is None):
        errors.append(f"{key}: value present in one file only")
    if attrs_en != attrs_tr:
        errors.append(f"{key}: attributes {attrs_tr} != en {attrs_en}")
    if ci_en.vars != ci_tr.vars:
        errors.append(f"{key}: variables {sorted(ci_tr.vars)} != en {sorted(ci_en.vars)}")
    if ci_en.refs != ci_tr.refs:
        errors.append(f"{key}: references {sorted(ci_tr.refs)} != en {sorted(ci_en.refs)}")
    en_plural = any(
        {variant_key(v) for v in s.variants if isinstance(v.key, fast.Identifier)} & (CLDR - {"other"})
        for s in ci_en.selects
    )
    en_keysets = [sorted(str(variant_key(v)) for v in s.variants) for s in ci_en.selects]
    allowed = PLURALS.get(lang)
    for s in ci_tr.selects:
        defaults = [v for v in s.variants if v.default]
        if len(defaults) != 1:
            errors.append(f"{key}: select with {len(defaults)} default variants")
        names = [variant_key(v) for v in s.variants]
        if len(names) != len(set(names)):
            errors.append(f"{key}: duplicate variant keys {names}")
        idents = {variant_key(v) for v in s.variants if isinstance(v.key, fast.Identifier)}
        if idents and idents <= CLDR:
            if allowed is not None and not idents <= allowed:
                errors.append(
                    f"{key}: plural categories {sorted(idents - allowed)} are not used in {lang} "
                    f"(valid: {sorted(allowed)})"
                )
            if allowed is not None and en_plural and "other" in allowed and "other" not in idents:
                errors.append(f"{key}: plural select lacks [other]")
        elif sorted(str(n) for n in names) not in en_keysets:
            errors.append(f"{key}: selector keys {sorted(map(str, names))} not as in en {en_keysets}")
    t_en, t_tr = plain_text(en), plain_text(tr)
    if t_en and t_en == t_tr and not SAME_OK.match(t_en) and lang != "en":
        warnings.append(f"{key}: same text as en ({t_en[:60]!r})")


def en_source(path):
    p = os.path.normpath(path)
    d, name = os.path.split(p)
    if os.path.basename(d) == "strings":
        return os.path.join(d, "en.ftl")
    return os.path.join(os.path.dirname(d), "en", name)


def check_file(lang, path, overlay_index=None):
    errors, warnings = [], []
    tr, junk = load(path)
    errors += [f"Junk {j}" for j in junk]
    if overlay_index is not None:
        for key, entry in tr.items():
            if key not in overlay_index:
                errors.append(f"{key}: not a key of any en file")
            else:
                check_entry(lang, key, overlay_index[key], entry, errors, [])
        return errors, warnings
    src = en_source(path)
    if not os.path.exists(src):
        return [f"no en source {src}"], warnings
    en, en_junk = load(src)
    if en_junk:
        warnings.append(f"en source itself has Junk: {en_junk}")
    for key in en:
        if key not in tr:
            errors.append(f"{key}: missing")
    for key in tr:
        if key not in en:
            errors.append(f"{key}: not in en")
    for key in en:
        if key in tr:
            check_entry(lang, key, en[key], tr[key], errors, warnings)
    return errors, warnings


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def all_files(lang):
    root = repo_root()
    files = sorted(glob.glob(os.path.join(root, "crates/spona-i18n/locales", lang, "*.ftl")))
    files += sorted(glob.glob(os.path.join(root, "crates/spona-web/src/features/*/strings", lang + ".ftl")))
    return files


def en_index():
    root = repo_root()
    index = {}
    paths = glob.glob(os.path.join(root, "crates/spona-i18n/locales/en/*.ftl"))
    paths += glob.glob(os.path.join(root, "crates/spona-web/src/features/*/strings/en.ftl"))
    for p in paths:
        entries, _ = load(p)
        index.update(entries)
    return index


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    lang, rest = argv[1], argv[2:]
    overlay = None
    if rest[:1] == ["--overlay"]:
        overlay, rest = en_index(), rest[1:]
    files = all_files(lang) if rest == ["--all"] else rest
    if not files:
        print("no files")
        return 2
    bad = 0
    for f in files:
        errors, warnings = check_file(lang, f, overlay)
        rel = os.path.relpath(f)
        if errors:
            bad += 1
            print(f"FAIL {rel}")
            for e in errors:
                print(f"  error: {e}")
        else:
            print(f"ok   {rel}")
        for w in warnings:
            print(f"  warn: {w}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
