"""Does Liaison's answer agree with the peers'? One function per workload.

Each returns {"ok": True/False/None, "text": "..."}; None means nothing to compare with.
Liaison's answers are its CLI outputs (CSV/JSON files); the peers' answers are the
pickled return values of the peer modules. People are compared by index (the rank of
the id, as Liaison numbers them).
"""

import csv
import hashlib
import json
import math
import pickle

import numpy as np

import common

REL = 1e-6


def _pkl(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def _index(ids, values):
    return np.searchsorted(ids, np.asarray([int(x) for x in values], dtype=np.int64))


def _digest(paths):
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def _threads_identical(answers):
    outs = [v for (who, t), v in sorted(answers.items()) if who == "liaison" and v]
    if len(outs) < 2:
        return ""
    same = len({_digest(o) for o in outs}) == 1
    return "; Liaison 1 and 2 threads: identical output" if same else "; Liaison 1 vs 2 threads: outputs differ"


def _peer_answers(answers, workload_libs=None):
    out = {}
    for (who, t), v in sorted(answers.items()):
        if not who.startswith("liaison") and v and who not in out:
            out[who] = _pkl(v)
    return out


def _rel_diff(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    both_nan = np.isnan(a) & np.isnan(b)
    nan_mismatch = int(np.sum(np.isnan(a) != np.isnan(b)))
    ok = ~(np.isnan(a) | np.isnan(b))
    scale = max(np.max(np.abs(b[ok])) if ok.any() else 0.0, 1e-300)
    denom = np.maximum(np.abs(b[ok]), 1e-9 * scale)
    rel = np.abs(a[ok] - b[ok]) / denom
    return (float(rel.max()) if rel.size else 0.0), nan_mismatch, int(both_nan.sum())


def _read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def check(workload, meta, sp, answers, rows, kpaths, topk, eps):
    liaison = (answers.get(("liaison_full", 1)) or answers.get(("liaison", 1))
               or next((v for (w, t), v in answers.items() if w == "liaison" and v), None))
    if not liaison:
        return {"ok": None, "text": "no Liaison answer to compare"}
    d = common.load_prepared(meta["prepared"])
    peers = _peer_answers(answers)
    fn = globals()["check_" + workload]
    r = fn(liaison, d, peers, meta=meta, sp=sp, kpaths=kpaths, topk=topk, eps=eps, rows=rows)
    r["text"] += _threads_identical(answers)
    return r


def _verdict(parts, ok):
    return {"ok": ok, "text": "; ".join(parts)}


def check_load(out, d, peers, **_):
    s = json.load(open(out[0]))
    n, m = int(d["n"]), int(len(d["u"]))
    parts, ok = [f"Liaison {s['people']:,} people, {s['ties']:,} ties"], s["people"] == n and s["ties"] == m
    for lib, (pn, pm) in peers.items():
        good = pn == s["people"] and pm == s["ties"]
        ok = ok and good
        parts.append(f"{lib} {'same' if good else f'{pn} / {pm}'}")
    return _verdict(parts, ok)


def check_reach(out, d, peers, **_):
    rows = _read_csv(out[0])
    n = int(d["n"])
    le2 = np.zeros(n, dtype=np.int64)
    idx = _index(d["ids"], [r["id"] for r in rows])
    le2[idx] = [int(r["firstDegree"]) + int(r["secondDegree"]) for r in rows]
    parts, ok = [], None
    for lib, a in peers.items():
        bad = int(np.sum(np.asarray(a) != le2))
        parts.append(f"{lib}: first + second degree equal for {n - bad:,}/{n:,} people")
        ok = (ok is not False) and bad == 0
    return _verdict(parts or ["no peer answer"], ok)


def _liaison_pairs(path, ids):
    out = []
    for r in _read_csv(path):
        p = r["people"].split()
        out.append(_index(ids, p).tolist() if p else None)
    return out


def check_paths(out, d, peers, **_):
    cost = common.edge_cost_lookup(d)
    mine = _liaison_pairs(out[0], d["ids"])
    pairs = d["pairs"].tolist()
    ends_ok = all(p is None or (p[0] == a and p[-1] == b) for p, (a, b) in zip(mine, pairs))
    mc = [cost(p) for p in mine]
    parts, ok = [], ends_ok
    if not ends_ok:
        parts.append("Liaison paths do not join the requested pairs")
    for lib, theirs in peers.items():
        tc = [cost(p) for p in theirs]
        same_cost = sum(1 for x, y in zip(mc, tc) if x == y)
        same_path = sum(1 for x, y in zip(mine, theirs) if x is not None and y is not None and list(x) == list(y))
        parts.append(f"{lib}: equal quantised cost {same_cost}/{len(pairs)}, identical path {same_path}/{len(pairs)}")
        ok = ok and same_cost == len(pairs)
    return _verdict(parts or ["no peer answer"], ok if peers else None)


def check_kpaths(out, d, peers, sp, kpaths, **_):
    cost = common.edge_cost_lookup(d)
    pairs = d["kpairs"][: sp["kpairs"]].tolist()
    mine = []
    for path in out:
        j = json.load(open(path))
        mine.append([_index(d["ids"], [x["id"] for x in p["people"]]).tolist() for p in j["paths"]])
    parts, ok = [], True
    for lib, theirs in peers.items():
        same_costs = same_tiers = 0
        for a, b in zip(mine, theirs):
            ca = [cost(p) for p in a]
            cb = [cost(p) for p in b]
            if sorted(ca) == sorted(cb):
                same_costs += 1
                last = max(ca) if ca else None
                ta = {tuple(p) for p, c in zip(a, ca) if c != last}
                tb = {tuple(p) for p, c in zip(b, cb) if c != last}
                same_tiers += ta == tb
        parts.append(f"{lib}: same {kpaths} costs for {same_costs}/{len(pairs)} pairs, "
                     f"same paths in every cost tier but the last for {same_tiers}/{len(pairs)}")
        ok = ok and same_costs == len(pairs) and same_tiers == len(pairs)
    return _verdict(parts or ["no peer answer"], ok if peers else None)


def _brokers(path, d, column, missing=np.nan):
    """One column of `liaison brokers --top 0` by person index; `missing` for people not listed.

    `brokers` lists only brokers: a person with betweenness 0 who stands between no two of
    their contacts is left out, so for betweenness a person not listed counts as 0."""
    rows = _read_csv(path)
    n = int(d["n"])
    a = np.full(n, missing)
    idx = _index(d["ids"], [r["id"] for r in rows])
    a[idx] = [float(r[column]) if r[column] != "" else np.nan for r in rows]
    return a


def _betweenness(out, d, peers, sp, **_):
    raw = _brokers(out[0], d, "betweennessRaw", missing=0.0)
    n = int(d["n"])
    parts, ok = [], None
    exact = sp["sources"] is None
    for lib, b in peers.items():
        b = np.asarray(b, dtype=np.float64)
        if exact:
            rel, nanm, _ = _rel_diff(raw, b)
            good = rel <= 1e-6 and nanm == 0
            parts.append(f"{lib}: max relative difference {rel:.1e}")
            ok = (ok is not False) and good
        elif lib in ("igraph", "networkx"):  # the same sources as Liaison: exact agreement expected
            rel, nanm, _ = _rel_diff(raw, b * n / sp["sources"])
            good = rel <= 1e-6 and nanm == 0
            parts.append(f"{lib} (same {sp['sources']} sources): max relative difference {rel:.1e}")
            ok = (ok is not False) and good
        else:  # its own random sources: statistical agreement only, not pass/fail
            top = 20
            ta = set(np.argsort(-raw)[:top].tolist())
            tb = set(np.argsort(-b)[:top].tolist())
            parts.append(f"{lib} (own random sources, not compared exactly): top-{top} overlap {len(ta & tb)}/{top}")
    if exact:
        parts.insert(0, "exact")
    else:
        parts.insert(0, f"sampled, {sp['sources']} sources (seed as Liaison's SplitMix64 draw)")
    return _verdict(parts, ok)


check_betweenness = _betweenness
check_betweenness_weighted = _betweenness


def check_betweenness_approx(out, d, peers, meta, eps, rows, **_):
    est = _brokers(out[0], d, "betweenness", missing=0.0)
    parts, ok = [], None
    exact_rows = meta.get("_exact_betweenness")
    if exact_rows is not None:
        err = float(np.nanmax(np.abs(est - exact_rows)))
        parts.append(f"Liaison vs exact: max error {err:.4f} (bound {eps})")
        ok = err <= eps
    for lib, a in peers.items():
        nb = np.asarray(a["normalised"], dtype=np.float64)
        n = len(nb)
        nb = nb * n / max(n - 2, 1)  # networkit normalises by n(n-1), networkx by (n-1)(n-2)
        diff = float(np.nanmax(np.abs(est - nb)))
        if exact_rows is not None:
            e2 = float(np.nanmax(np.abs(nb - exact_rows)))
            parts.append(f"{lib} ({a['samples']} samples) vs exact: max error {e2:.4f}")
        parts.append(f"Liaison vs {lib}: max difference {diff:.4f} (both within ±{eps}: at most {2 * eps:g})")
        ok = (ok is not False) and diff <= 2 * eps
    return _verdict(parts or ["no reference"], ok)


def check_adamic_adar(out, d, peers, topk, **_):
    n = int(d["n"])
    rows = _read_csv(out[0])
    person = _index(d["ids"], [r["person"] for r in rows])
    cand = _index(d["ids"], [r["candidate"] for r in rows])
    score = np.asarray([float(r["adamicAdar"]) for r in rows])
    order = np.lexsort((np.asarray([int(r["rank"]) for r in rows]), person))
    person, cand, score = person[order], cand[order], score[order]
    off = np.searchsorted(person, np.arange(n + 1))
    parts, ok = [], None
    for lib, (po, pc, pv) in peers.items():
        identical = tie_only = bad = 0
        for i in range(n):
            a_c, a_s = cand[off[i]:off[i + 1]], score[off[i]:off[i + 1]]
            b_c, b_s = pc[po[i]:po[i + 1]], pv[po[i]:po[i + 1]]
            if len(a_s) != len(b_s) or not np.allclose(a_s, b_s, rtol=1e-9, atol=0):
                bad += 1
                continue
            if np.array_equal(a_c, b_c):
                identical += 1
                continue
            # Same scores; candidates may differ only inside the tie group at the cut.
            cut = a_s[-1]
            strict = ~np.isclose(a_s, cut, rtol=1e-9, atol=0)
            if set(a_c[strict].tolist()) == set(b_c[~np.isclose(b_s, cut, rtol=1e-9, atol=0)].tolist()):
                tie_only += 1
            else:
                bad += 1
        parts.append(f"{lib}: identical top-{topk} for {identical:,}/{n:,} people, equal up to ties at the cut for "
                     f"{tie_only:,}, different for {bad:,}")
        ok = (ok is not False) and bad == 0
    return _verdict(parts or ["no peer answer"], ok)


def check_burt(out, d, peers, **_):
    c = _brokers(out[0], d, "constraint")
    e = _brokers(out[0], d, "effectiveSize")
    # People `brokers` leaves out (no two contacts apart) are compared on the people listed only.
    listed = ~np.isnan(c)
    parts, ok = [f"{int(listed.sum()):,} people listed as brokers compared"], None
    for lib, r in peers.items():
        rel, nanm, _ = _rel_diff(c[listed], np.asarray(r["constraint"], dtype=np.float64)[listed])
        good = rel <= REL and nanm == 0
        text = f"{lib}: constraint max relative difference {rel:.1e}"
        if "effectiveSize" in r:
            rel2, nanm2, _ = _rel_diff(e[listed], np.asarray(r["effectiveSize"], dtype=np.float64)[listed])
            good = good and rel2 <= REL and nanm2 == 0
            text += f", effective size {rel2:.1e}"
        parts.append(text)
        ok = (ok is not False) and good
    return _verdict(parts or ["no peer answer"], ok)


def check_communities(out, d, peers, rows, **_):
    import igraph as ig
    import re
    n = int(d["n"])
    table = _read_csv(out[0])
    memb = np.zeros(n, dtype=np.int64)
    memb[_index(d["ids"], [r["id"] for r in table])] = [int(r["community"]) for r in table]
    g = ig.Graph(n=n, edges=np.column_stack([d["u"], d["v"]]).astype(np.int64))
    q = g.modularity(memb.tolist(), weights=d["s"].tolist())
    notes = " ".join(rows[0]["liaison"].get("notes", [])) if rows else ""
    m = re.search(r"modularity ([0-9.]+)", notes)
    parts = [f"Liaison Q = {q:.4f} ({len(set(memb.tolist()))} communities; igraph's modularity of Liaison's partition"
             + (f", Liaison reports {m.group(1)}" if m else "") + ")"]
    ok = m is None or abs(q - float(m.group(1))) <= 5e-5
    ref = peers.get("igraph")
    for lib, r in peers.items():
        parts.append(f"{lib} Q = {r['modularity']:.4f}")
    if ref is not None:
        rel = (q - ref["modularity"]) / abs(ref["modularity"])
        parts.append(f"Liaison vs igraph multilevel: {100 * rel:+.2f} %")
        ok = ok and rel >= -0.01
    return _verdict(parts, ok)


def check_render(liaison_svg, peer_svg, meta):
    import re
    def counts(path):
        text = open(path, encoding="utf-8", errors="replace").read()
        return (len(re.findall(r'<g id="node\d+" class="node', text)), len(re.findall(r'<g id="edge\d+" class="edge', text)),
                len(text))
    a, b = counts(liaison_svg), counts(peer_svg)
    ok = a[:2] == b[:2] and a[0] > 0
    return {"ok": ok, "text": f"ego of person {meta['hub']}: Liaison SVG {a[0]} nodes, {a[1]} edges ({a[2] // 1024} KB); "
                              f"sfdp SVG {b[0]} nodes, {b[1]} edges ({b[2] // 1024} KB)"}
