#!/usr/bin/env python3
"""Import circles and cross-feature imports of a crate's modules (file level).

Usage: bench/imports.py [crates/spona-web/src]
Reads every `crate::…` and `super::…` path in each .rs file (tests modules included), maps it
to the file module it names, and prints: the strongly connected components with more than one
file (import circles), and imports from one feature folder (`features/<f>/`) into another.
"""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else 'crates/spona-web/src'
mods = {}  # module path tuple -> file
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith('.rs'):
            continue
        rel = os.path.relpath(os.path.join(d, f), root)[:-3].split(os.sep)
        if rel[-1] in ('mod', 'lib', 'main'):
            rel = rel[:-1]
        mods[tuple(rel)] = os.path.join(d, f)

def resolve(path):
    """Longest module prefix of a path (tuple of segments)."""
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    return ()

edges = {m: set() for m in mods}
ident = r'[A-Za-z_][A-Za-z0-9_]*'
for m, f in mods.items():
    src = open(f).read()
    is_dir_mod = f.endswith(('mod.rs', 'lib.rs'))
    for g in re.finditer(rf'\b(crate|super)((?:::{ident})+)(?:::\{{([^}}]*)\}})?', src):
        base, rest, group = g.group(1), g.group(2), g.group(3)
        segs = rest.split('::')[1:]
        if base == 'crate':
            start = []
        else:
            start = list(m) if is_dir_mod else list(m[:-1])
            start = start[:-1] if is_dir_mod else start
            start = list(m[:-1]) if not is_dir_mod else list(m[:-1])
        targets = [start + segs]
        if group:
            for item in group.split(','):
                item = item.strip().split(' as ')[0]
                if item and item != 'self':
                    targets.append(start + segs + [s for s in item.split('::') if s])
        for t in targets:
            r = resolve(t)
            if r and r != m and r != ():
                edges[m].add(r)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        sccs.append(comp)
for v in mods:
    if v not in index:
        visit(v)

name = lambda m: '::'.join(m) or 'crate'
def feature(m):
    return m[1] if len(m) > 1 and m[0] == 'features' else None
circles = [sorted(name(m) for m in c) for c in sccs if len(c) > 1]
inside = [c for c in circles if len({feature(tuple(x.split('::'))) for x in c}) == 1
          and feature(tuple(c[0].split('::')))]
print(f'files: {len(mods)}')
print(f'import circles: {len(circles)} ({len(inside)} inside one feature)')
for c in circles:
    print(f'  circle of {len(c)}: ' + ', '.join(c))
cross = sorted((name(a), name(b)) for a in edges for b in edges[a]
               if feature(a) and feature(b) and feature(a) != feature(b))
print(f'imports from one feature into another: {len(cross)}')
for a, b in cross:
    print(f'  {a} -> {b}')
up = sorted((name(a), name(b)) for a in edges for b in edges[a]
            if a and a[0] != 'features' and a != ('router',) and feature(b))
print(f'imports from shared modules into a feature: {len(up)}')
for a, b in up:
    print(f'  {a} -> {b}')
