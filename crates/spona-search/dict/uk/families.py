#!/usr/bin/env python3
"""Groups the word forms of hunspell-uk into families, for the Ukrainian dictionary.

Input: the dictionary (uk_UA.dic) and `unmunch`'s expansion of it (every entry followed by
its forms, in the dictionary's order). Output on stdout, one line per distinct form (lower
case, apostrophes unified): form, family name, own entry — tab-separated.

Entries that share a form are joined into one family (union-find), so a form that two
entries share (`києві`: `кий` and `Київ`) gives every form of both the same term. The
family is named by its first entry in dictionary order.
"""
import sys
from collections import Counter

dic_path, forms_path = sys.argv[1], sys.argv[2]
with open(dic_path, encoding="utf-8") as f:
    roots = [line.split("/")[0].split("\t")[0] for line in f.read().split("\n")[1:] if line]

groups = []  # (entry, [forms])
ri = 0
cur = None
with open(forms_path, encoding="utf-8") as f:
    for line in f:
        form = line.rstrip("\n")
        if ri < len(roots) and form == roots[ri]:
            cur = (form, [form])
            groups.append(cur)
            ri += 1
        elif cur is not None:
            cur[1].append(form)


def norm(w):
    return w.lower().replace("\u2019", "'").replace("\u02bc", "'")


parent = list(range(len(groups)))


def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


first_group = {}
for gi, (_, forms) in enumerate(groups):
    for form in forms:
        form = norm(form)
        if form in first_group:
            a, b = find(first_group[form]), find(gi)
            if a != b:
                parent[max(a, b)] = min(a, b)
        else:
            first_group[form] = gi

sizes = Counter(find(g) for g in range(len(groups)))
print(
    f"entries {len(groups)}, forms {len(first_group)}, families {len(sizes)}, "
    f"largest {sizes.most_common(1)[0][1]} entries",
    file=sys.stderr,
)
out = sys.stdout
for form, gi in first_group.items():
    out.write(f"{form}\t{norm(groups[find(gi)][0])}\t{norm(groups[gi][0])}\n")
