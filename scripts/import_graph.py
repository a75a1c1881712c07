#!/usr/bin/env python3
"""Prints the module graph of src/ from `crate::` and `super::` paths, and its cycles.

A node is a top-level module (src/store.rs is `store`), except inside the modules split
into files (app, keymap, search, ui), where each file is a node of its own (`app::parts::
lists`), so that cycles among their files show too. A file's `mod x;` lines are not edges
(a parent declaring its children is the module tree, not an import); its `use x::` lines
are.
Usage: scripts/import_graph.py [src]
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "src"
SPLIT = {"app", "keymap", "search", "ui"}


def path_of(file):
    rel = os.path.relpath(file, root)[:-3].split(os.sep)
    return rel[:-1] if rel[-1] == "mod" else rel


def is_module(parts):
    base = os.path.join(root, *parts)
    return os.path.exists(base + ".rs") or os.path.isdir(base)


def node(parts):
    """The graph node of a module path: its longest existing prefix, collapsed outside SPLIT."""
    while parts and not is_module(parts):
        parts = parts[:-1]
    if not parts:
        return None
    if parts[0] not in SPLIT:
        return parts[0]
    return "::".join(parts)


edges = {}
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".rs"):
            continue
        file = os.path.join(dirpath, f)
        me_path = path_of(file)
        me = node(me_path)
        text = open(file, encoding="utf-8").read()
        # Unit tests are left out: they are not the module's dependencies.
        text = text.split("#[cfg(test)]")[0]
        for m in re.finditer(r"\b((?:crate|super)(?:::super)*)::((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)", text):
            prefix, rest = m.group(1), m.group(2).split("::")
            if prefix.startswith("crate"):
                base = []
            else:
                # `super` of a mod.rs file is its parent; of x.rs, the module holding x.
                ups = prefix.count("super")
                base = me_path[: len(me_path) - ups]
            target = node(base + rest)
            if target and target != me:
                edges.setdefault(me, set()).add(target)
        # A `{a, b}` group after `super::`/`crate::`: each name is a path of its own.
        for m in re.finditer(r"\b((?:crate|super)(?:::super)*)::\{([^}]*)\}", text):
            prefix = m.group(1)
            base = [] if prefix.startswith("crate") else me_path[: len(me_path) - prefix.count("super")]
            for name in m.group(2).split(","):
                name = name.strip().split("::")
                if name and name[0] not in ("", "self"):
                    target = node(base + name)
                    if target and target != me:
                        edges.setdefault(me, set()).add(target)

        # `use child::Item;` inside a module names its own child module.
        for m in re.finditer(r"^\s*(?:pub(?:\([a-z]+\))? )?use ([a-z_][a-z0-9_]*)::", text, re.M):
            if m.group(1) in ("crate", "super", "self", "std", "core"):
                continue
            target = node(me_path + [m.group(1)])
            if target and target != me and target.startswith(me + "::"):
                edges.setdefault(me, set()).add(target)

for k in sorted(edges):
    print(f"{k} -> {', '.join(sorted(edges[k]))}")

index, low, stack, on, cycles = {}, {}, [], set(), []
counter = [0]


def strong(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in sorted(edges.get(v, ())):
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            cycles.append(sorted(comp))


sys.setrecursionlimit(10000)
for v in sorted(set(edges) | {t for ts in edges.values() for t in ts}):
    if v not in index:
        strong(v)
print()
for c in cycles:
    print("cycle:", " <-> ".join(c))
if not cycles:
    print("no cycles")
