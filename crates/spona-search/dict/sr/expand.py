#!/usr/bin/env python3
"""Expands hunspell-sr (FLAG num, suffixes only) into word families for the BCMS measurement.
Output (stdout): form \t family \t entry, one line per (distinct form, entry) — like dict/uk/families.py."""
import sys, re
from collections import defaultdict, Counter
dic, aff = sys.argv[1], sys.argv[2]
rules = defaultdict(list)
for line in open(aff, encoding='utf-8'):
    f = line.split()
    if len(f) >= 4 and f[0] == 'SFX' and not (f[2] in 'YN' and f[3].isdigit()):
        strip = '' if f[2] == '0' else f[2]
        add = f[3].split('/')[0]
        add = '' if add == '0' else add
        cond = f[4] if len(f) > 4 else '.'
        rules[f[1]].append((strip, add, re.compile('(' + cond + ')$') if cond != '.' else None))
entries = []
for line in open(dic, encoding='utf-8').read().split('\n')[1:]:
    if not line: continue
    word, _, flags = line.partition('/')
    forms = {word}
    for fl in flags.split(',') if flags else []:
        for strip, add, cond in rules.get(fl, ()):
            if strip and not word.endswith(strip): continue
            if cond and not cond.search(word): continue
            forms.add(word[:len(word) - len(strip)] + add)
    entries.append((word, forms))
norm = str.lower
parent = list(range(len(entries)))
def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]; x = parent[x]
    return x
first = {}
for i, (_, forms) in enumerate(entries):
    for f in forms:
        f = norm(f)
        if f in first:
            a, b = find(first[f]), find(i)
            if a != b: parent[max(a, b)] = min(a, b)
        else:
            first[f] = i
sizes = Counter(find(i) for i in range(len(entries)))
print(f"entries {len(entries)}, forms {len(first)}, families {len(sizes)}, largest {max(sizes.values())}", file=sys.stderr)
for f, i in first.items():
    print(f"{f}\t{norm(entries[find(i)][0])}\t{norm(entries[i][0])}")
