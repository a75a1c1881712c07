#!/usr/bin/env python3
"""Lists the import circles between the modules of src/ (each file a module; `super::` and
`crate::` paths resolved to the deepest module file they name). Prints the edges of every
circle, or "no import circles". Exit code 1 when there is a circle."""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
mods = {}
for dirpath, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".rs"):
            continue
        rel = os.path.relpath(os.path.join(dirpath, f), root)[:-3].split(os.sep)
        if rel[-1] in ("mod", "lib", "main"):
            rel = rel[:-1]
        mods[tuple(rel)] = os.path.join(dirpath, f)

def resolve(path):
    for n in range(len(path), 0, -1):
        if tuple(path[:n]) in mods:
            return tuple(path[:n])
    return None

edges = {m: set() for m in mods}
for m, f in mods.items():
    text = open(f, encoding="utf-8").read()
    text = re.sub(r"#\[cfg\(test\)\]\s*mod tests\s*\{.*", "", text, flags=re.S)
    for use in re.findall(r"\b(crate|super)((?:::\w+)+)", text):
        kind, rest = use
        parts = rest.strip(":").split("::")
        base = [] if kind == "crate" else list(m[:-1]) if not f.endswith("mod.rs") else list(m[:-1])
        if kind == "super" and f.endswith("mod.rs"):
            base = list(m[:-1])
        target = resolve(base + parts)
        if target and target != m and not (target == m[: len(target)]):
            edges[m].add(target)
    # `use crate::a::{b, c}` groups
    for group in re.findall(r"crate::((?:\w+::)*)\{([^}]*)\}", text):
        prefix = [p for p in group[0].split("::") if p]
        for item in group[1].split(","):
            item = item.strip().split("::")[0].split(" ")[0]
            if item and item != "self":
                target = resolve(prefix + [item])
                if target and target != m and not (target == m[: len(target)]):
                    edges[m].add(target)

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
        if len(comp) > 1:
            sccs.append(comp)
for v in mods:
    if v not in index:
        visit(v)
name = lambda m: "::".join(m) or "crate"
if not sccs:
    print(f"no import circles ({len(mods)} modules, {sum(map(len, edges.values()))} edges)")
    sys.exit(0)
for comp in sccs:
    members = set(comp)
    print("circle:", ", ".join(sorted(name(m) for m in comp)))
    for m in sorted(comp):
        for w in sorted(edges[m] & members):
            print(f"  {name(m)} -> {name(w)}")
sys.exit(1)
