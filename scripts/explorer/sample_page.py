#!/usr/bin/env python3
"""Development helper for the explorer page (Sources/LiaisonCLI/Explorer/ExplorerPage.swift).

Writes a page the way the Swift side assembles it (the skeleton of /tmp/explorer/SCHEMA.md,
schema 1): the style, markup and script are read out of ExplorerPage.swift (its three raw
string literals), the Content-Security-Policy carries the sha256 hashes of the style and the
script, the data JSON is escaped for a script block.

  sample_page.py --generate 150 --data D.json --export E.json     # sample data + its export
  sample_page.py --data D.json --out PAGE.html                     # the page for a data file
  sample_page.py --generate 150 --data D.json --export E.json --out PAGE.html   # both

The generator is seeded (--seed, 7 by default): the same N gives the same files. It makes a
plausible network around one ego (index 0), hostile names and ids included (markup, a
javascript: URL, U+2028, an RTL override, quotes and ampersands, `__proto__`), a circle
layout of about 130 drawn nodes plus boxes, and the matching `liaison export --to json`
(networkx node-link JSON) for check_explorer.py.
"""
import argparse
import base64
import hashlib
import html
import json
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SWIFT = os.path.join(HERE, "..", "..", "Sources", "LiaisonCLI", "Explorer", "ExplorerPage.swift")

# ---------------------------------------------------------------------------------------------
# The page


def swift_raw_strings(path):
    """The `static let NAME = #\"\"\"…\"\"\"#` literals of `path`, as Swift reads them: the
    closing delimiter's indentation removed from every line, no first or last line break."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    out = {}
    pattern = re.compile(r'static let (\w+) = #"""\n(.*?)\n([ ]*)"""#', re.S)
    for m in pattern.finditer(source):
        name, text, indent = m.group(1), m.group(2), m.group(3)
        lines = []
        for n, line in enumerate(text.split("\n")):
            if line.strip() == "":
                lines.append("")
            elif line.startswith(indent):
                lines.append(line[len(indent) :])
            else:
                sys.exit(f"{path}: line {n + 1} of {name} is indented less than its closing delimiter")
        value = "\n".join(lines)
        if "\\#" in value:
            sys.exit(f"{path}: {name} holds \\# (an escape or interpolation in a #-raw string)")
        out[name] = value
    for name in ("style", "body", "script"):
        if name not in out:
            sys.exit(f"{path}: no raw string literal `static let {name}`")
    return out


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def script_json(data):
    """JSON for a script block: < > & U+2028 U+2029 escaped (they occur only inside strings)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def page(data, parts):
    csp = (
        f"default-src 'none'; script-src {csp_hash(parts['script'])}; style-src {csp_hash(parts['style'])}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(data.get('title') or 'Network', quote=True)}</title>\n"
        f"<style>{parts['style']}</style>\n"
        "</head><body>\n"
        f"{parts['body']}\n"
        f'<script type="application/json" id="liaison-data">{script_json(data)}</script>\n'
        f"<script>{parts['script']}</script>\n"
        "</body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# Sample data

FIRST = (
    "Mary Trang Zihan Olu Ana José Zoë Ingrid Pradeep Kenji Fatima Liam Noah Emma Sofia Mateo Aisha Chen Priya "
    "Lukas Elif Omar Hana Diego Chloé Nia Arjun Yuki Sven Leila Marta Tomasz Ayodele Rosa Ibrahim Anouk Björn "
    "Camille Dmitri Esther Farah Gustavo Hélène Ivan Jana Kofi Lucía Mei Nadia Oscar Paula Quentin Rania Sami "
    "Tariq Uma Vera Wen Ximena Yara Zeynep"
).split()
LAST = (
    "Reed Hoàng Guo Adeyemi Silva García Müller Larsen Sharma Tanaka Khan Murphy Smith Rossi Novak Okafor Chen "
    "Patel Weber Yılmaz Haddad Sato Fernández Dubois Mensah Iyer Kim Nilsson Karimi López Kowalski Bello Costa "
    "Rahman Visser Berg Martin Petrov Cohen Aziz Pereira Lefèvre Ivanova Dvořák Boateng Ruiz Wang Said Nieminen "
    "Moreau Quispe Hassan Öztürk Ng Bianchi O'Brien Van der Berg"
).split()
COMPANY_A = "Willow Lakeside Globex Northwind Acme Umbra Cedar Harbor Summit Blue Orchid Granite Meridian Nova".split()
COMPANY_B = "Goods Technologies Clinic Labs Partners Bank Studio Foods Logistics Energy Health Media Systems".split()
TITLES = (
    "Engineer|Senior Engineer|Product Manager|Designer|Data Scientist|Recruiter|Founder|CTO|Sales Lead|"
    "Marketing Director|Nurse|Analyst|Consultant|Professor|Operations Manager"
).split("|")
INDUSTRIES = "Software|Health care|Finance|Retail|Energy|Media|Logistics|Education|Food".split("|")
LOCATIONS = "Lisbon|Berlin|Nairobi|Toronto|Hanoi|São Paulo|Oslo|Pune|Osaka|Chicago|Lagos|Kraków".split("|")
TAGS = "mentor|alumni|investor|hiring|conference|climbing|book club|ex-colleague|board".split("|")
HOWS = ["linkedin", "closure + mail", "mail:co-recipient", "mail", "calendar", "vcard", "closure"]
SOURCES = ["mary-reed.csv", "mary@willowgoods.com", "calendar.ics", "team-export.csv", "contacts.vcf"]
HOSTILE = [
    ("</script><img src=x onerror=alert(1)>", "<b>Evil</b> & Sons", "a&b=c#d"),
    ("javascript:alert(1)", "javascript:void(0)", "li:x/y?z"),
    ("Ann\u2028Lee", "Line\u2029Break Ltd", "__proto__"),
    ("\u202egnp.exe Rex", "\u202eCorp", "100%"),
    ('Bob "The Builder" O\'Neil & Sons', "Quote \"Co\" & 'Partners'", "space id"),
    ("<svg onload=alert(2)>", "__proto__", "constructor"),
]
CLASS_COLOR = {
    "strong": "#1f5fbf",
    "weak": "#8a94a6",
    "nominal": "#b9c0cc",
    "dormant": "#b08d57",
    "formerly strong": "#7d5fb2",
    "unreciprocated": "#c0563a",
    "unrated": "#9a9a9a",
}
CLASS_FILL = {
    "strong": "#d6e6ff",
    "weak": "#eef1f6",
    "nominal": "#f5f6f8",
    "dormant": "#f6ecd9",
    "formerly strong": "#ebe3f7",
    "unreciprocated": "#f9e1da",
    "unrated": "#efefef",
}


def tie_class(rng, s):
    if s is None:
        return "unrated"
    r = rng.random()
    if r < 0.06:
        return "dormant"
    if r < 0.09:
        return "unreciprocated"
    if r < 0.11:
        return "formerly strong"
    return "strong" if s >= 0.6 else "weak" if s >= 0.25 else "nominal"


def generate(n, seed):
    rng = random.Random(seed)
    n = max(n, 20)
    # People: the ego, the hostile ones, then plausible names (unique).
    names, seen = [], set()
    ids = []
    for i in range(n):
        if i == 0:
            name = "Mary Reed"
        elif 1 <= i <= len(HOSTILE):
            name = HOSTILE[i - 1][0]
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            while name in seen:
                name = f"{rng.choice(FIRST)} {chr(65 + rng.randrange(26))}. {rng.choice(LAST)}"
        seen.add(name)
        names.append(name)
        ids.append(HOSTILE[i - 1][2] if 1 <= i <= len(HOSTILE) else str(900 + i * 7))
    company_count = max(8, n // 12)
    company_names = []
    for _ in range(company_count):
        c = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
        company_names.append(c if c not in company_names else f"{c} {len(company_names)}")
    company_names[:len(HOSTILE)] = [h[1] for h in HOSTILE]
    community_count = max(4, n // 60)
    company_community = [rng.randrange(community_count) for _ in company_names]
    company_of = [0] + [rng.randrange(company_count) if i > len(HOSTILE) else i - 1 for i in range(1, n)]
    people = []
    for i in range(n):
        c = company_of[i]
        tags = sorted(rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2])))
        if i == 6:
            tags = ["constructor", "<i>tag</i>"]
        people.append(
            {
                "id": ids[i],
                "name": names[i],
                "company": company_names[c] if rng.random() > 0.04 or i == 0 else "",
                "title": rng.choice(TITLES),
                "industry": rng.choice(INDUSTRIES),
                "location": rng.choice(LOCATIONS),
                "tags": tags,
                "class": None,
                "strength": None,
                "distance": None,
                "community": company_community[c],
                "inferred": False,
                "node": -1,
            }
        )
    # Ties: ego–contacts, among contacts (same company more likely), outwards.
    contacts_n = int(min(n - 1, 0.6 * n if n <= 300 else 300 + n // 100))
    contacts = list(range(1, contacts_n + 1))
    tie_map = {}
    rows = []

    def add_tie(a, b, strength=None):
        if a == b:
            return
        key = (min(a, b), max(a, b))
        if key in tie_map:
            return
        s = strength if strength is not None else round(rng.uniform(0.05, 0.95), 2)
        if rng.random() < 0.05:
            s = None
        cls = tie_class(rng, s)
        how = rng.randrange(len(HOWS)) if rng.random() > 0.05 else -1
        src = rng.randrange(len(SOURCES)) if rng.random() > 0.05 else -1
        day = f"20{rng.randint(21, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        last = "" if rng.random() < 0.1 else day
        inter = rng.randint(0, 150) if rng.random() > 0.15 else -1
        inferred = 1 if (how >= 0 and HOWS[how].startswith("closure")) or rng.random() < 0.05 else 0
        tie_map[key] = len(rows)
        rows.append([key[0], key[1], s, cls, how, src, last, inter, inferred])

    for c in contacts:
        add_tie(0, c, round(rng.betavariate(2, 2.5), 2))
    by_company = {}
    for c in contacts:
        by_company.setdefault(company_of[c], []).append(c)
    for c in contacts:
        for _ in range(rng.randint(1, 4)):
            same = by_company[company_of[c]]
            add_tie(c, rng.choice(same) if len(same) > 1 and rng.random() < 0.6 else rng.choice(contacts))
    others = list(range(contacts_n + 1, n))
    unreachable = set(others[-max(2, len(others) // 80) :]) if others else set()
    reachable_others = [o for o in others if o not in unreachable]
    for o in reachable_others:
        add_tie(o, rng.choice(contacts))
        for _ in range(rng.randint(0, 2)):
            add_tie(o, rng.choice(contacts) if rng.random() < 0.6 else rng.choice(reachable_others))
    u = sorted(unreachable)
    for a, b in zip(u, u[1:]):
        add_tie(a, b)
    adj = [[] for _ in range(n)]
    for k, r in enumerate(rows):
        adj[r[0]].append((r[1], k))
        adj[r[1]].append((r[0], k))
    # Distances (BFS) and the tie to the ego.
    dist = [None] * n
    dist[0] = 0
    queue = [0]
    for v in queue:
        for w, _ in adj[v]:
            if dist[w] is None:
                dist[w] = dist[v] + 1
                queue.append(w)
    for i, p in enumerate(people):
        p["distance"] = dist[i]
        key = (0, i)
        if i and key in tie_map:
            t = rows[tie_map[key]]
            p["class"], p["strength"], p["inferred"] = t[3], t[2], bool(t[8])
    communities = []
    for k in range(community_count):
        members = [i for i, p in enumerate(people) if p["community"] == k]
        comps = sorted({people[i]["company"] for i in members if people[i]["company"]})
        label = (comps[0] + (f" & {len(comps) - 1} more" if len(comps) > 1 else "")) if comps else f"Community {k}"
        communities.append({"label": label, "size": len(members)})

    # What only each contact opens; chains to people two steps away.
    contact_set = set(contacts)
    only = {}
    second_of = {c: 0 for c in contacts}
    chains = {}
    for o in range(n):
        if dist[o] != 2:
            continue
        via = [(w, k) for w, k in adj[o] if w in contact_set]
        for w, _ in via:
            second_of[w] += 1
        if len(via) == 1:
            entry = only.setdefault(via[0][0], {"count": 0, "people": []})
            entry["count"] += 1
            if len(entry["people"]) < 30:
                entry["people"].append(o)
        scored = []
        for w, k in via:
            s1 = rows[tie_map[(0, w)]][2] or 0.3
            s2 = rows[k][2] or 0.3
            scored.append((round(s1 * s2, 3), w))
        scored.sort(reverse=True)
        chains[str(o)] = [
            {
                "people": [0, w, o],
                "strength": s,
                "sentence": f"Ask {names[w]} ({people[w]['company'] or 'no company'}) to introduce you to {names[o]}.",
            }
            for s, w in scored[:3]
        ]
    # Introductions among contacts: untied pairs with shared contacts.
    nb = [set(w for w, _ in adj[i]) - {0} for i in range(n)]
    intros = []
    pool = contacts[:220]
    for x in range(len(pool)):
        for y in range(x + 1, len(pool)):
            a, b = pool[x], pool[y]
            if (a, b) in tie_map:
                continue
            shared = len(nb[a] & nb[b])
            if shared >= 1:
                score = round(shared / (shared + 2) * (0.6 + 0.4 * (company_of[a] == company_of[b])), 3)
                intros.append(
                    {
                        "a": a,
                        "b": b,
                        "score": score,
                        "shared": shared,
                        "reasons": [
                            f"{shared} shared contact{'s' if shared > 1 else ''} besides you",
                            "same company" if company_of[a] == company_of[b] else "different companies",
                        ],
                    }
                )
    intros.sort(key=lambda r: (-r["score"], r["a"], r["b"]))
    intros = intros[:80]
    reach = sorted(
        (
            {
                "person": c,
                "class": people[c]["class"],
                "strength": people[c]["strength"],
                "only": only.get(c, {"count": 0})["count"],
                "second": second_of[c],
                "jobValue": round(rng.random(), 2) if rng.random() < 0.2 else 0.0,
            }
            for c in contacts
        ),
        key=lambda r: (-r["only"], -r["second"], r["person"]),
    )
    degree = [len(a) for a in adj]
    top = sorted(range(n), key=lambda i: -degree[i])[:50]
    brokers = [
        {
            "person": i,
            "betweenness": round(0.4 / (r + 1) + rng.random() * 0.01, 4),
            "constraint": round(rng.uniform(0.02, 0.6), 3),
            "effectiveSize": round(degree[i] * rng.uniform(0.5, 0.95), 1),
        }
        for r, i in enumerate(top)
    ]
    plan = {}
    for c in [1, 2, 3, 4, 5] + rng.sample(contacts, min(8, len(contacts))):
        if str(c) in plan:
            continue
        word = "'" + names[c].replace("'", "'\\''") + "'"
        plan[str(c)] = [
            {
                "part": "Reconnect",
                "id": f"{rng.getrandbits(32):08x}",
                "text": f"Reconnect with {names[c]} ({people[c]['company'] or 'no company'})",
                "evidence": [f"last contact 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "opens 3 people"],
                "command": f"liaison log {word} --kind met --date 2026-12-05",
            }
        ]

    # The picture: ego, the strongest contacts, some people two steps away, boxes for the rest.
    ranked = sorted(contacts, key=lambda c: -(people[c]["strength"] or 0))
    drawn_contacts = sorted(ranked[:80], key=lambda c: (people[c]["community"], company_of[c], c))
    seconds = [o for o in range(n) if dist[o] == 2]
    drawn_seconds = rng.sample(seconds, min(40, len(seconds)))
    drawn_seconds.sort(key=lambda o: (people[o]["community"], o))
    nodes, node_of = [], {}

    def person_node(i, x, y):
        label = names[i]
        w = max(56.0, min(190.0, len(label) * 7.0 + 18))
        cls = people[i]["class"]
        node_of[i] = len(nodes)
        people[i]["node"] = len(nodes)
        nodes.append(
            {
                "kind": "person",
                "person": i,
                "label": label,
                "x": round(x, 1),
                "y": round(y, 1),
                "w": w,
                "h": 28.0,
                "shape": "ellipse",
                "fill": "#ffd88a" if i == 0 else CLASS_FILL.get(cls, "#f7f7f7"),
                "stroke": "#333333" if i == 0 else CLASS_COLOR.get(cls, "#9aa3b0"),
                "labelShown": i == 0 or (people[i]["strength"] or 0) > 0.45 or dist[i] == 2 and rng.random() < 0.3,
            }
        )

    def ring(items, radius, phase=0.0):
        for k, i in enumerate(items):
            a = phase + 2 * math.pi * k / max(1, len(items))
            yield i, radius * math.cos(a), radius * math.sin(a) * 0.85

    person_node(0, 0.0, 0.0)
    inner, outer = drawn_contacts[0::2], drawn_contacts[1::2]
    for i, x, y in ring(inner, 380):
        person_node(i, x, y)
    for i, x, y in ring(outer, 560, math.pi / max(1, len(outer))):
        person_node(i, x, y)
    for i, x, y in ring(drawn_seconds, 760, 0.05):
        person_node(i, x, y)
    # Boxes: undrawn contacts by class, undrawn people two steps away by community.
    boxes = {}
    for c in contacts:
        if c not in node_of:
            boxes.setdefault(("contacts", people[c]["class"]), []).append(c)
    undrawn = [o for o in seconds if o not in node_of]
    biggest = sorted({people[o]["community"] for o in undrawn}, key=lambda c: -communities[c]["size"])[:8]
    for o in undrawn:
        c = people[o]["community"]
        boxes.setdefault(("second", c if c in biggest else -1), []).append(o)
    box_list = sorted(boxes.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))
    radius = max(980.0, len(box_list) * 240 / (2 * math.pi))
    for k, ((kind, key), members) in enumerate(box_list):
        a = 2 * math.pi * k / max(1, len(box_list)) + 0.2
        if kind == "contacts":
            label = f"{len(members)} {key} tie{'s' if len(members) > 1 else ''}"
        else:
            where = communities[key]["label"] if key >= 0 else "other communities"
            label = f"{len(members)} two steps away ({where})"
        w = max(80.0, len(label) * 7.6 + 24)
        ni = len(nodes)
        for m in members:
            people[m]["node"] = ni
        nodes.append(
            {
                "kind": "box",
                "members": members,
                "label": label,
                "x": round(radius * math.cos(a), 1),
                "y": round(radius * math.sin(a) * 0.85, 1),
                "w": w,
                "h": 36.0,
                "shape": "box",
                "fill": "#eeeeee",
                "stroke": "#666666",
                "labelShown": True,
            }
        )
    # Shift into positive coordinates.
    min_x = min(nd["x"] - nd["w"] / 2 for nd in nodes) - 20
    min_y = min(nd["y"] - nd["h"] / 2 for nd in nodes) - 20
    for nd in nodes:
        nd["x"] = round(nd["x"] - min_x, 1)
        nd["y"] = round(nd["y"] - min_y, 1)
    width = round(max(nd["x"] + nd["w"] / 2 for nd in nodes) + 20, 1)
    height = round(max(nd["y"] + nd["h"] / 2 for nd in nodes) + 20, 1)

    def curve(a, b, bend):
        ax, ay, bx, by = nodes[a]["x"], nodes[a]["y"], nodes[b]["x"], nodes[b]["y"]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy) or 1
        ux, uy = dx / length, dy / length
        ra = min(nodes[a]["w"], nodes[a]["h"]) / 2
        rb = min(nodes[b]["w"], nodes[b]["h"]) / 2
        sx, sy, ex, ey = ax + ux * ra, ay + uy * ra, bx - ux * rb, by - uy * rb
        nx, ny = -uy * bend, ux * bend
        pts = [sx, sy, sx + (ex - sx) / 3 + nx, sy + (ey - sy) / 3 + ny, sx + 2 * (ex - sx) / 3 + nx]
        pts += [sy + 2 * (ey - sy) / 3 + ny, ex, ey]
        return [round(v, 1) for v in pts]

    drawn_edges = []
    for (a, b), k in tie_map.items():
        drawn = a in node_of and b in node_of
        if drawn and nodes[node_of[a]]["kind"] == "person" and nodes[node_of[b]]["kind"] == "person":
            cls, s = rows[k][3], rows[k][2]
            ego_tie = a == 0
            node_a, node_b = nodes[node_of[a]], nodes[node_of[b]]
            line = [node_a["x"], node_a["y"], node_b["x"], node_b["y"]]  # a straight line: just two points
            if not ego_tie and rng.random() < 0.5:
                continue
            drawn_edges.append(
                {
                    "a": node_of[a],
                    "b": node_of[b],
                    "kind": "tie",
                    "points": curve(node_of[a], node_of[b], 0 if ego_tie else 18) if rng.random() > 0.1 else line,
                    "width": round(0.6 + 2.4 * (s or 0.2), 2) if ego_tie else 0.8,
                    "color": CLASS_COLOR.get(cls, "#999999") if ego_tie else "#c3c9d3",
                    "dash": bool(rows[k][8]),
                    "tie": k,
                }
            )
    for ni, nd in enumerate(nodes):
        if nd["kind"] == "box":
            first = nd["members"][0]
            src = 0
            if dist[first] == 2:
                src = next((w for w, _ in adj[first] if w in node_of and nodes[node_of[w]]["kind"] == "person"), 0)
            drawn_edges.append(
                {
                    "a": node_of[src],
                    "b": ni,
                    "kind": "bundle",
                    "points": curve(node_of[src], ni, 0),
                    "width": round(min(6, 1 + len(nd["members"]) / 10), 2),
                    "color": "#aab2bf",
                    "dash": False,
                    "tie": -1,
                }
            )
    for r in intros[:6]:
        if r["a"] in node_of and r["b"] in node_of:
            drawn_edges.append(
                {
                    "a": node_of[r["a"]],
                    "b": node_of[r["b"]],
                    "kind": "suggested",
                    "points": curve(node_of[r["a"]], node_of[r["b"]], -30),
                    "width": 1.6,
                    "color": "#2a9d4b",
                    "dash": True,
                    "tie": -1,
                }
            )
    legend = [{"color": CLASS_COLOR[c], "symbol": "●", "text": f"{c} tie"} for c in ("strong", "weak", "dormant")]
    legend += [
        {"color": "#aab2bf", "symbol": "■", "text": "box: people counted, not drawn"},
        {"color": "#2a9d4b", "symbol": "┅", "text": "suggested introduction"},
    ]
    data = {
        "schema": 1,
        "title": "Network of Mary Reed",
        "subtitle": f"{contacts_n} contacts · {len(seconds)} two steps away · as of 2026-12-05",
        "ego": 0,
        "width": width,
        "height": height,
        "people": people,
        "nodes": nodes,
        "edges": drawn_edges,
        "how": HOWS,
        "sources": SOURCES,
        "ties": rows,
        "communities": communities,
        "only": {str(k): v for k, v in only.items()},
        "chains": chains,
        "introductions": intros,
        "reach": reach,
        "brokers": brokers,
        "plan": plan,
        "caption": [
            f"Shown: Mary Reed, her {len(drawn_contacts)} strongest contacts and {len(drawn_seconds)} people two "
            f"steps away; {len(box_list)} boxes count the other {n - len(node_of) - len(unreachable)}.",
            "Layout: rings (sample generator, not Graphviz). Dashed: inferred ties and suggested introductions.",
        ],
        "legend": legend,
    }
    return data, export_of(data)


def export_of(data):
    """The networkx node-link JSON `liaison export --to json` writes for the same network."""
    people = data["people"]
    nodes = []
    degree = [0] * len(people)
    for r in data["ties"]:
        degree[r[0]] += 1
        degree[r[1]] += 1
    for i, p in enumerate(people):
        row = {"id": p["id"], "name": p["name"]}
        for k in ("company", "title", "industry", "location"):
            if p.get(k):
                row[k] = p[k]
        if p.get("tags"):
            row["tags"] = ";".join(p["tags"])
        row["degree"] = degree[i]
        nodes.append(row)
    links = []
    for a, b, s, cls, how, src, last, inter, inferred in data["ties"]:
        row = {"source": people[a]["id"], "target": people[b]["id"], "strength": s if s is not None else 0.3}
        row["rated"] = s is not None
        row["tieClass"] = cls
        if inter >= 0:
            row["interactions"] = inter
        if last:
            row["lastContact"] = last
        if how >= 0:
            row["kind"] = data["how"][how]
        if src >= 0:
            row["sourceFile"] = data["sources"][src]
        row["inferred"] = bool(inferred)
        links.append(row)
    return {
        "directed": False,
        "multigraph": False,
        "graph": {"people": len(people), "ties": len(links)},
        "nodes": nodes,
        "links": links,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--generate", type=int, metavar="N", help="make sample data for N people (writes --data)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data", required=True, help="the data JSON (read, or written with --generate)")
    ap.add_argument("--export", help="with --generate: write the matching export JSON here")
    ap.add_argument("--out", help="write the page here")
    ap.add_argument("--swift", default=SWIFT, help="ExplorerPage.swift to read the fixed parts from")
    args = ap.parse_args()
    if args.generate:
        data, export = generate(args.generate, args.seed)
        with open(args.data, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        if args.export:
            with open(args.export, "w", encoding="utf-8") as f:
                json.dump(export, f, ensure_ascii=False, indent=1)
        print(f"{args.data}: {len(data['people'])} people, {len(data['ties'])} ties, {len(data['nodes'])} nodes")
    if args.out:
        with open(args.data, encoding="utf-8") as f:
            data = json.load(f)
        text = page(data, swift_raw_strings(args.swift))
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{args.out}: {len(text.encode('utf-8')):,} bytes")
    if not args.generate and not args.out:
        ap.error("nothing to do: give --generate N and/or --out PAGE.html")


if __name__ == "__main__":
    main()
