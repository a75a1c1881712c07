#!/usr/bin/env python3
"""Prints the module graph of src/ from `crate::` paths, and the cycles in it.

A module is a file's top-level module (src/app/lists.rs is `app`), or `ui::x` for ui's
files, so that cycles among ui's submodules show too. Usage: scripts/import_graph.py [src]
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "src"
SPLIT = {"ui", "keymap", "app", "search"}


def module_of(path):
    rel = os.path.relpath(path, root)[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    if rel[0] in SPLIT and len(rel) > 1:
        return rel[0] + "::" + rel[1]
    return rel[0]


def target(parent, words):
    # `crate::ui::panes::badge` -> ui::panes; `super::x` inside ui/y.rs -> ui::x
    if words[0] in SPLIT and len(words) > 1 and (words[1][:1].islower()):
        return words[0] + "::" + words[1]
    return words[0]


edges = {}
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".rs"):
            continue
        path = os.path.join(dirpath, f)
        me = module_of(path)
        text = open(path, encoding="utf-8").read()
        # Leave unit tests out: they are not part of the module's dependencies.
        text = text.split("#[cfg(test)]")[0]
        parent = me.split("::")[0]
        for m in re.finditer(r"\b(crate|super)::((?:[A-Za-z_][A-Za-z0-9_]*::)*[A-Za-z_{][A-Za-z0-9_]*)", text):
            kind, rest = m.group(1), m.group(2)
            words = [w for w in rest.split("::") if w]
            if kind == "super":
                if "::" not in me:
                    continue  # super of a top-level module's file is the module itself
                words = [parent] + words
            if not words or words[0] in ("{",):
                continue
            to = target(parent, words)
            if to.split("::")[0] == "self" or to == me:
                continue
            if not os.path.exists(os.path.join(root, to.split("::")[0] + ".rs")) and not os.path.isdir(
                os.path.join(root, to.split("::")[0])
            ):
                continue
            edges.setdefault(me, set()).add(to)

# A module's edges to its parent's submodules only count as such when the submodule exists.
def exists(mod):
    parts = mod.split("::")
    if len(parts) == 1:
        return True
    return os.path.exists(os.path.join(root, parts[0], parts[1] + ".rs")) or os.path.isdir(
        os.path.join(root, parts[0], parts[1])
    )

for k in list(edges):
    edges[k] = {t if exists(t) else t.split("::")[0] for t in edges[k]}
    edges[k].discard(k)

for k in sorted(edges):
    print(f"{k} -> {', '.join(sorted(edges[k]))}")

# Cycles: strongly connected components with more than one module.
index, low, stack, on, sccs = {}, {}, [], set(), []
counter = [0]
nodes = set(edges) | {t for v in edges.values() for t in v}


def strong(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges.get(v, ()):
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
            sccs.append(sorted(comp))


sys.setrecursionlimit(10000)
for v in sorted(nodes):
    if v not in index:
        strong(v)
print()
if sccs:
    for c in sccs:
        print("cycle:", " <-> ".join(c))
else:
    print("no cycles")
