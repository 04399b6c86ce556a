#!/usr/bin/env python3
"""Browser test of a Liaison explorer page (headless Chromium through Selenium 4).

  check_explorer.py PAGE.html --export EXPORT.json --person "NAME" --screenshots DIR
                    [--expect-people N] [--timing]

EXPORT.json is `liaison export --to json` of the same network (networkx node-link JSON). The
test opens the page from file:// and checks, one line per check: it gets ready (time printed;
with --timing at most 2 s, and the page at most 5 MB) showing the whole picture, or the ego's
node centred with legible labels when the whole would make them unreadable; search completes the person and picks
them with the keyboard within 50 ms a search; the panel shows their company and each of their
ties as the export has it (strength, class, how, source, last contact, interactions,
inferred); hostile names stay text; a click on a node opens the panel and sets #person=ID,
and the fragment reopens it after a reload (an invalid one is ignored); a tie-class filter
dims and hides the right nodes; a box lists its members; drag pans, wheel and + zoom; a
Reach header sorts; screenshots are real pictures; no console error or warning and no request
but the page itself.

Exit 0 when every check passes, 1 at the first failure (with the reason), 77 (skip) when
Chromium, chromedriver or Selenium is missing. Chromium and chromedriver are looked up on PATH
(chromium, chromium-browser, google-chrome; chromedriver) or taken from $CHROME_BIN and
$CHROMEDRIVER.
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import struct
import sys
import time
import urllib.parse
import zlib
from pathlib import Path

SKIP = 77
MAX_READY_MS = 2000
MAX_SEARCH_MS = 50
MAX_PAGE_BYTES = 5 * 1024 * 1024


class CheckFailed(Exception):
    pass


def ok(message):
    print(f"ok    {message}", flush=True)


def fail(message):
    raise CheckFailed(message)


def skip(message):
    print(f"skip: {message}", flush=True)
    sys.exit(SKIP)


# ---------------------------------------------------------------------------------------------
# PNG: enough of a decoder to tell a real picture from an empty one (no dependency)


def png_colours(path, max_rows=240):
    """(width, height, distinct colours) of an 8-bit PNG, colours counted on up to `max_rows`
    rows that decode on their own (filter None or Sub), or on every row when there are few."""
    raw = Path(path).read_bytes()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(raw):
        length, kind = struct.unpack(">I4s", raw[pos : pos + 8])
        body = raw[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    if not header or not idat:
        fail(f"{path}: no image data")
    width, height, depth, colour_type, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace:
        fail(f"{path}: unexpected PNG format (depth {depth}, colour type {colour_type}, interlace {interlace})")
    data = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows = [data[r * (stride + 1) : (r + 1) * (stride + 1)] for r in range(height)]
    independent = [r for r in rows if r[0] in (0, 1)]
    colours = set()
    if len(independent) >= min(max_rows, height // 4):
        step = max(1, len(independent) // max_rows)
        for row in independent[::step]:
            line = bytearray(row[1:])
            if row[0] == 1:  # Sub: each byte adds the one a pixel before
                for i in range(channels, stride):
                    line[i] = (line[i] + line[i - channels]) & 0xFF
            colours.update(bytes(line[i : i + channels]) for i in range(0, stride, channels))
    else:  # full decode, every filter
        prev = bytearray(stride)
        for row in rows:
            f, line = row[0], bytearray(row[1:])
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = prev[i]
                if f == 1:
                    line[i] = (line[i] + a) & 0xFF
                elif f == 2:
                    line[i] = (line[i] + b) & 0xFF
                elif f == 3:
                    line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
                elif f == 4:
                    c = prev[i - channels] if i >= channels else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
            colours.update(bytes(line[i : i + channels]) for i in range(0, stride, channels))
            prev = line
    return width, height, len(colours)


# ---------------------------------------------------------------------------------------------
# The export and the page's own data


def load_export(path):
    with open(path, encoding="utf-8") as f:
        export = json.load(f)
    nodes = {str(n["id"]): n for n in export.get("nodes", [])}
    links = export.get("links", export.get("edges", []))
    neighbours = {}
    for link in links:
        a, b = str(link["source"]), str(link["target"])
        neighbours.setdefault(a, {})[b] = link
        neighbours.setdefault(b, {})[a] = link
    return nodes, neighbours


def page_data(html):
    """The JSON data block of the page (read from the file, not through the browser)."""
    m = re.search(r'<script type="application/json" id="liaison-data">(.*?)</script>', html, re.S)
    if not m:
        fail("the page has no <script type=\"application/json\" id=\"liaison-data\"> block")
    return json.loads(m.group(1))


def encode_component(s):
    """JavaScript's encodeURIComponent."""
    return urllib.parse.quote(s, safe="-_.!~*'()")


# ---------------------------------------------------------------------------------------------
# The browser


def find_browser():
    chrome = os.environ.get("CHROME_BIN") or next(
        (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
    )
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not chrome:
        skip("no Chromium (apt-get install chromium)")
    if not driver:
        skip("no chromedriver (apt-get install chromium-driver)")
    if importlib.util.find_spec("selenium") is None:
        skip("no Selenium (pip install selenium)")
    return chrome, driver


def start_browser(chrome, driver_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    return driver


class Explorer:
    """The checks, in order, on one browser."""

    def __init__(self, driver, args):
        self.d = driver
        self.args = args
        self.path = Path(args.page).resolve()
        self.url = self.path.as_uri()
        self.html = self.path.read_text(encoding="utf-8")
        self.data = page_data(self.html)
        self.people = self.data.get("people", [])
        self.index = {str(p["id"]): i for i, p in enumerate(self.people)}
        self.nodes, self.neighbours = load_export(args.export)
        self.console = []
        self.performance = []
        self.shots = Path(args.screenshots)
        self.shots.mkdir(parents=True, exist_ok=True)

    # -- small helpers

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def wait(self, what, condition, timeout=10.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = condition()
            if value:
                return value
            time.sleep(0.03)
        fail(f"timed out waiting for {what}")

    def logs(self):
        self.console += self.d.get_log("browser")
        self.performance += self.d.get_log("performance")

    def open_page(self, fragment=""):
        self.logs()
        self.d.get("about:blank")
        start = time.monotonic()
        self.d.get(self.url + fragment)
        self.wait("document.body.dataset.ready", lambda: self.js("return document.body.dataset.ready === '1'"))
        wall = (time.monotonic() - start) * 1000
        return self.js("return window.liaisonReadyMs"), wall

    def view(self):
        t = self.js("return document.getElementById('viewport').getAttribute('transform') || ''")
        m = re.match(r"translate\(([-\d.e]+)[ ,]+([-\d.e]+)\) scale\(([-\d.e]+)\)", t)
        if not m:
            fail(f"unexpected viewport transform {t!r}")
        return tuple(float(x) for x in m.groups())

    def panel_title(self):
        return self.js(
            "const p = document.getElementById('panel');"
            "return p.hidden ? null : document.getElementById('panel-title').textContent"
        )

    def fragment(self):
        parts = {}
        for part in self.js("return location.hash").lstrip("#").split("&"):
            if "=" in part:
                k, v = part.split("=", 1)
                parts[k] = urllib.parse.unquote(v)
        return parts

    def show_all_rows(self, container):
        """Clicks "show more" under the table in `container` until every row is there."""
        for _ in range(100):
            more = self.js(
                f"const b = document.querySelector('{container} button.more'); return b && !b.hidden ? b : null"
            )
            if not more:
                return
            more.click()
        fail(f"{container}: too many 'show more' clicks")

    def visible_node(self, selector, exclude=()):
        """A node (g element) whose centre is on screen and not covered; None when there is none."""
        return self.js(
            """
            const [sel, exclude] = arguments;
            for (const g of document.querySelectorAll(sel)) {
              if (exclude.includes(g.dataset.personId) || g.classList.contains('gone')) continue;
              const r = g.getBoundingClientRect();
              const x = r.left + r.width / 2, y = r.top + r.height / 2;
              if (x < 5 || y < 5 || x > innerWidth - 5 || y > innerHeight - 5) continue;
              const hit = document.elementFromPoint(x, y);
              if (hit && hit.closest('g.node') === g) return g;
            }
            return null;
            """,
            selector,
            list(exclude),
        )

    def screenshot(self, name):
        path = self.shots / name
        self.d.save_screenshot(str(path))
        if path.stat().st_size < 1000:
            fail(f"{path}: only {path.stat().st_size} bytes")
        width, height, colours = png_colours(path)
        if colours <= 20:
            fail(f"{path}: {colours} distinct colours, not a picture")
        ok(f"screenshot {path} ({width}×{height}, {path.stat().st_size:,} bytes, {colours} colours)")

    def safety(self, when):
        found = self.js(
            """
            const handlers = [...document.querySelectorAll('*')].filter((e) =>
              [...e.attributes].some((a) => a.name.startsWith('on')));
            return { imgs: document.querySelectorAll('img, iframe, object, embed').length,
                     handlers: handlers.length, scripts: document.scripts.length,
                     links: document.querySelectorAll('a[href^="javascript"], [href^="javascript"]').length };
            """
        )
        if found["imgs"] or found["handlers"] or found["scripts"] != 2 or found["links"]:
            fail(f"injected markup {when}: {found}")

    # -- the checks

    def check_load(self):
        size = self.path.stat().st_size
        ready, wall = self.open_page()
        if self.args.expect_people is not None and len(self.people) != self.args.expect_people:
            fail(f"the page holds {len(self.people)} people, expected {self.args.expect_people}")
        if len(self.nodes) != len(self.people):
            fail(f"the export has {len(self.nodes)} people, the page {len(self.people)}")
        ok(f"ready in {ready:.0f} ms after navigation start ({wall:.0f} ms wall); "
           f"{len(self.people):,} people, page {size / 1e6:.2f} MB")
        if self.args.timing:
            if ready > MAX_READY_MS:
                fail(f"ready after {ready:.0f} ms, more than {MAX_READY_MS} ms")
            if size > MAX_PAGE_BYTES:
                fail(f"the page is {size:,} bytes, more than {MAX_PAGE_BYTES:,}")
            ok(f"timing: ready within {MAX_READY_MS} ms, page within {MAX_PAGE_BYTES / 2**20:.0f} MiB")
        self.safety("on load")
        self.check_first_view()
        self.screenshot("overview.png")

    def check_first_view(self):
        """On load the page shows the whole picture, or (when that makes the labels unreadable)
        the ego's node centred with legible labels."""
        tx, ty, k = self.view()
        box = self.js("const r = document.getElementById('picture').getBoundingClientRect();"
                      " return [r.left, r.top, r.width, r.height]")
        w, h = self.data.get("width", 0) * k, self.data.get("height", 0) * k
        if w <= box[2] + 1 and h <= box[3] + 1 and tx >= -1 and ty >= -1:
            ok(f"the picture fits the stage on load ({w:.0f}×{h:.0f} in {box[2]:.0f}×{box[3]:.0f})")
            return
        ego = self.data.get("ego")
        ni = self.people[ego].get("node", -1) if isinstance(ego, int) else -1
        if ni is None or ni < 0:
            fail(f"the picture ({w:.0f}×{h:.0f} at {tx:.0f},{ty:.0f}) does not fit its "
                 f"{box[2]:.0f}×{box[3]:.0f} stage, and there is no ego node to centre")
        centre = self.js(
            "const g = document.querySelector(`#picture g.node[data-node=\"${arguments[0]}\"]`);"
            "if (!g) return null; const r = g.getBoundingClientRect();"
            "return [r.left + r.width / 2, r.top + r.height / 2]",
            ni,
        )
        if centre is None:
            fail(f"the picture does not fit its stage and the ego's node {ni} is not drawn")
        dx, dy = centre[0] - (box[0] + box[2] / 2), centre[1] - (box[1] + box[3] / 2)
        if abs(dx) > 0.05 * box[2] or abs(dy) > 0.05 * box[3]:
            fail(f"the picture does not fit its stage and the ego's node is off centre by ({dx:.0f}, {dy:.0f}) px")
        # On-screen font sizes of the labels drawn (font-size is in drawing units).
        sizes = sorted(self.js(
            "return [...document.querySelectorAll('#picture text.label')]"
            ".filter((t) => t.getAttribute('display') !== 'none' && t.getAttribute('font-size'))"
            ".map((t) => Number(t.getAttribute('font-size')) * arguments[0])",
            k,
        ))
        if len(sizes) < 2:
            fail(f"zoomed in on the ego, but only {len(sizes)} label(s) are shown")
        median = sizes[len(sizes) // 2]
        if median < 9:
            fail(f"zoomed in on the ego, but the labels are {median:.1f} px (median), under 9 px")
        ok(f"on load the ego's node is centred ({dx:+.0f}, {dy:+.0f} px) with {len(sizes)} legible labels "
           f"(median {median:.1f} px); the whole picture would be {w:.0f}×{h:.0f} in {box[2]:.0f}×{box[3]:.0f}")

    def search_and_choose(self, i, typed_from=None):
        """Types part of person i's name, checks the list offers them, picks them with the keyboard."""
        from selenium.webdriver.common.keys import Keys

        pid, name = str(self.people[i]["id"]), self.people[i]["name"]
        box = self.d.find_element("id", "search")
        box.clear()
        self.js("document.getElementById('search').value = ''; window.liaisonMaxSearchMs = 0")
        # Type from `typed_from` (default: the start) half the name, then more until they are offered.
        start = typed_from or 0
        cut = min(len(name), start + max(3, (len(name) - start) // 2))
        box.send_keys(name[start:cut])
        position = None
        while True:
            self.wait("suggestions", lambda: self.js("return document.getElementById('search').value.length > 0"))
            position = self.js(
                "const items = [...document.querySelectorAll('#suggestions [role=option]')];"
                "return document.getElementById('suggestions').hidden ? -1 :"
                " items.findIndex((li) => li.dataset.personId === arguments[0])",
                pid,
            )
            if position >= 0 or cut >= len(name):
                break
            box.send_keys(name[cut])
            cut += 1
        if position < 0:
            fail(f"typing {name[start:cut]!r}: the suggestions do not offer {name!r} (id {pid})")
        shown = self.js(
            "return document.querySelectorAll('#suggestions [role=option]')[arguments[0]]"
            ".querySelector('.option-main').textContent",
            position,
        )
        if shown != name:
            fail(f"the suggestion shows {shown!r}, not {name!r}")
        last = self.js("return window.liaisonLastSearchMs")
        worst = self.js("return window.liaisonMaxSearchMs")
        if last is None or worst is None:
            fail("the page does not expose window.liaisonLastSearchMs / liaisonMaxSearchMs")
        if worst > MAX_SEARCH_MS:
            fail(f"a search took {worst:.1f} ms, more than {MAX_SEARCH_MS} ms")
        for _ in range(position + 1):
            box.send_keys(Keys.ARROW_DOWN)
        active = self.js(
            "const id = document.getElementById('search').getAttribute('aria-activedescendant');"
            "return id ? document.getElementById(id).dataset.personId : null"
        )
        if active != pid:
            fail(f"after {position + 1} × ArrowDown the active option is {active!r}, not {pid!r}")
        box.send_keys(Keys.ENTER)
        self.wait(f"the panel for {name!r}", lambda: self.panel_title() == name)
        return name[start:cut], position, last, worst

    def check_search(self):
        i = self.person
        typed, position, last, worst = self.search_and_choose(i)
        ok(f"search {typed!r} offers {self.people[i]['name']!r} (option {position + 1}); ArrowDown + Enter opens "
           f"them; search {last:.2f} ms (slowest while typing {worst:.2f} ms, limit {MAX_SEARCH_MS})")
        if self.fragment().get("person") != str(self.people[i]["id"]):
            fail(f"the fragment is {self.js('return location.hash')!r} after choosing them")

    def check_panel(self):
        i = self.person
        pid = str(self.people[i]["id"])
        node = self.nodes.get(pid)
        if node is None:
            fail(f"the export has no person with id {pid!r}")
        company = self.js("const e = document.querySelector('#panel [data-field=company]'); return e && e.textContent")
        if (company or "") != node.get("company", ""):
            fail(f"the panel says company {company!r}, the export {node.get('company', '')!r}")
        self.show_all_rows("#panel-ties")
        rows = self.js(
            "return [...document.querySelectorAll('#panel-ties tbody tr[data-person-id]')]"
            ".map((tr) => Object.assign({}, tr.dataset))"
        )
        expected = self.neighbours.get(pid, {})
        got = {r["personId"]: r for r in rows}
        if len(got) != len(rows):
            fail("the panel lists a tie twice")
        if set(got) != set(expected):
            missing = sorted(set(expected) - set(got))[:5]
            extra = sorted(set(got) - set(expected))[:5]
            fail(f"the panel's ties differ from the export's: missing {missing}, not in the export {extra}")
        for other, row in got.items():
            self.compare_tie(pid, other, row, expected[other])
        ok(f"panel: company {company!r}; {len(rows)} tie{'s' if len(rows) != 1 else ''}, each as the export has it "
           "(strength, class, how, source, last contact, interactions, inferred)")

    def compare_tie(self, pid, other, row, link):
        where = f"tie {pid!r}–{other!r}"
        if row["strength"] == "":
            if link.get("rated", True) and "strength" in link:
                fail(f"{where}: no strength in the panel, {link['strength']} in the export")
        elif "strength" not in link or abs(float(row["strength"]) - float(link["strength"])) > 0.0051:
            fail(f"{where}: strength {row['strength']} in the panel, {link.get('strength')} in the export")
        pairs = [
            ("class", "tieClass"), ("how", "kind"), ("source", "sourceFile"), ("last", "lastContact"),
            ("interactions", "interactions"),
        ]
        for attr, key in pairs:
            want = link.get(key, "")
            if str(row[attr]) != str(want):
                fail(f"{where}: {attr} {row[attr]!r} in the panel, {key} {want!r} in the export")
        if (row["inferred"] == "1") != bool(link.get("inferred", False)):
            fail(f"{where}: inferred {row['inferred']} in the panel, {link.get('inferred')} in the export")

    def check_hostile(self):
        hostile = next((i for i, p in enumerate(self.people) if "<" in p["name"]), None)
        if hostile is None:
            ok("hostile names: none with markup in this network (skipped)")
            return
        name = self.people[hostile]["name"]
        start = max(0, name.find("<") + 1)
        self.search_and_choose(hostile, typed_from=start)
        self.safety(f"after opening {name!r}")
        alert = self.js("return typeof window.alert")
        if alert != "function":
            fail("window.alert was replaced")
        literal = self.js(
            "return [...document.querySelectorAll('#panel-title, #picture text')]"
            ".some((e) => e.textContent === arguments[0])",
            name,
        )
        if not literal:
            fail(f"the name {name!r} does not appear as text")
        ok(f"hostile name {name!r} is shown as text; no img, inline handler or script injected")

    def check_node_click(self):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.d.find_element("tag name", "body").send_keys(Keys.ESCAPE)
        self.wait("the panel to close", lambda: self.panel_title() is None)
        ok("Escape closes the panel")
        self.js("document.getElementById('zoom-reset').click()")
        ego = self.data.get("ego")
        exclude = [str(self.people[ego]["id"])] if isinstance(ego, int) else []
        g = self.visible_node("#picture g.node.person[data-person-id]", exclude)
        if g is None:
            fail("no person node is visible to click")
        pid = g.get_attribute("data-person-id")
        i = self.index[pid]
        ActionChains(self.d).move_to_element(g).click().perform()
        name = self.people[i]["name"]
        self.wait(f"the panel for {name!r} after a click on its node", lambda: self.panel_title() == name)
        self.wait("#person= in the fragment", lambda: self.fragment().get("person") == pid)
        ok(f"a click on the node of {name!r} opens the panel; the fragment is {self.js('return location.hash')}")
        # Bookmark: a fresh load with the fragment opens them.
        self.open_page("#person=" + encode_component(pid))
        self.wait(f"the panel for {name!r} from the fragment", lambda: self.panel_title() == name)
        selected = self.js("const g = document.querySelector('g.node.sel'); return g && Number(g.dataset.node)")
        if selected != self.people[i]["node"]:
            fail(f"after the reload the picture selects node {selected}, not {self.people[i]['node']}")
        ok(f"reloading with #person={encode_component(pid)} opens {name!r} and selects their node")
        self.open_page("#person=%E0%A4%A&tab=nonsense")
        if self.panel_title() is not None:
            fail("an invalid fragment opened the panel")
        ok("an invalid fragment is ignored")

    def node_states(self):
        return self.js(
            "return [...document.querySelectorAll('#picture g.node')].map((g) => [Number(g.dataset.node),"
            " g.dataset.match, g.classList.contains('dim'), g.classList.contains('gone')])"
        )

    def check_filter(self):
        boxes = self.js("return [...document.querySelectorAll('#f-class input[type=checkbox]')].map((c) => c.value)")
        if not boxes:
            ok("filter: no tie classes in this network (skipped)")
            return
        keep = "strong" if "strong" in boxes else boxes[0]
        toggle = self.js("return document.getElementById('f-class-toggle')")
        if toggle is not None and not self.js("return document.getElementById('f-class-menu').open"):
            toggle.click()  # the tie classes sit in a drop-down menu
        for value in boxes:
            if value != keep:
                self.js(
                    "document.querySelector(`#f-class input[value=\"${CSS.escape(arguments[0])}\"]`).scrollIntoView()",
                    value,
                )
                self.d.find_element("css selector", f'#f-class input[value="{value}"]').click()
        ego = self.data.get("ego")

        def person_ok(p):
            return p == ego or (self.people[p].get("class") or "none") == keep

        expected = {}
        for ni, n in enumerate(self.data.get("nodes", [])):
            if n.get("kind") == "box":
                expected[ni] = any(person_ok(m) for m in n.get("members", []))
            else:
                expected[ni] = person_ok(n["person"])
        if toggle is not None:
            toggle.click()
        states = self.node_states()
        dimmed = 0
        for ni, match, dim, gone in states:
            if (match == "1") != expected[ni] or dim == expected[ni] or gone:
                fail(f"filter {keep!r}: node {ni} has match={match} dim={dim} gone={gone}, "
                     f"expected match {expected[ni]}")
            dimmed += dim
        ok(f"filter tie class {keep!r}: {len(states) - dimmed} nodes match, {dimmed} dimmed, as the data says")
        self.d.find_element("id", "f-hide").click()
        hidden = [ni for ni, _, _, gone in self.node_states() if gone]
        if sorted(hidden) != sorted(ni for ni, m in expected.items() if not m):
            fail("'Hide others' does not hide exactly the nodes that do not match")
        displayed = self.js("return [...document.querySelectorAll('#picture g.node.gone')].filter((g) =>"
                            " getComputedStyle(g).display !== 'none').length")
        if displayed:
            fail(f"{displayed} hidden nodes are still displayed")
        ok(f"'Hide others' hides the {len(hidden)} others")
        self.d.find_element("id", "f-hide").click()
        self.d.find_element("id", "f-clear").click()
        if any(m != "1" or dim or gone for _, m, dim, gone in self.node_states()):
            fail("'Clear' leaves nodes dimmed or hidden")
        ok("'Clear' shows every node again")

    def check_box(self):
        from selenium.webdriver.common.action_chains import ActionChains

        self.js("document.getElementById('zoom-reset').click()")
        g = self.visible_node("#picture g.node.box")
        if g is None:
            if self.js("return document.querySelectorAll('#picture g.node.box').length"):
                fail("no box is visible to click")
            ok("boxes: none in this picture (skipped)")
            return
        ni = int(g.get_attribute("data-node"))
        box = self.data["nodes"][ni]
        ActionChains(self.d).move_to_element(g).click().perform()
        self.wait("the box's panel", lambda: self.panel_title() == box["label"])
        self.show_all_rows("#panel-members")
        listed = self.js(
            "return [...document.querySelectorAll('#panel-members tbody tr[data-person-id]')]"
            ".map((tr) => tr.dataset.personId)"
        )
        want = [str(self.people[m]["id"]) for m in box["members"]]
        if sorted(listed) != sorted(want):
            fail(f"the box {box['label']!r} lists {len(listed)} people, it holds {len(want)}")
        ok(f"a click on the box {box['label']!r} lists its {len(listed)} members")

    def check_pan_zoom(self):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
        from selenium.webdriver.common.keys import Keys

        self.d.find_element("tag name", "body").send_keys(Keys.ESCAPE)
        self.wait("the panel to close", lambda: self.panel_title() is None)
        self.js("document.getElementById('zoom-reset').click()")
        svg = self.d.find_element("id", "picture")
        x0, y0, k0 = self.view()
        chain = ActionChains(self.d).move_to_element_with_offset(svg, -200, -150).click_and_hold()
        for _ in range(6):
            chain.move_by_offset(25, 15)
        chain.release().perform()
        x1, y1, k1 = self.view()
        if abs((x1 - x0) - 150) > 6 or abs((y1 - y0) - 90) > 6 or k1 != k0:
            fail(f"a drag by (150, 90) moved the view by ({x1 - x0:.1f}, {y1 - y0:.1f}), zoom {k0} → {k1}")
        if self.panel_title() is not None:
            fail("the drag opened the panel")
        ok(f"drag pans: translate ({x0:.0f}, {y0:.0f}) → ({x1:.0f}, {y1:.0f})")
        ActionChains(self.d).scroll_from_origin(ScrollOrigin.from_element(svg, 40, 30), 0, -240).perform()
        k2 = self.wait("the wheel to zoom in", lambda: self.view()[2] > k1 * 1.2 and self.view()[2])
        ok(f"wheel zooms in: scale {k1:.4f} → {k2:.4f}")
        stage = self.d.find_element("id", "stage")
        self.js("arguments[0].focus()", stage)
        ActionChains(self.d).send_keys("+").perform()
        k3 = self.wait("+ to zoom in", lambda: self.view()[2] > k2 * 1.1 and self.view()[2])
        ActionChains(self.d).send_keys("-").perform()
        k4 = self.wait("- to zoom out", lambda: self.view()[2] < k3 / 1.1 and self.view()[2])
        x5, y5, _ = self.view()
        ActionChains(self.d).send_keys(Keys.ARROW_LEFT).perform()
        if self.view()[0] <= x5:
            fail("ArrowLeft does not pan")
        ActionChains(self.d).send_keys("0").perform()
        if abs(self.view()[2] - k0) > 1e-6:
            fail(f"0 does not fit the picture again (scale {self.view()[2]} instead of {k0})")
        ok(f"keys: + zooms to {k3:.4f}, - back to {k4:.4f}, arrows pan, 0 fits again")
        self.d.find_element("id", "zoom-in").click()
        if not self.view()[2] > k0:
            fail("the zoom-in button does not zoom")
        ok("the zoom buttons zoom")

    def table_column(self, table, col):
        return self.js(
            "return [...document.querySelectorAll(`${arguments[0]} tbody tr`)].map((tr) =>"
            " [tr.querySelector(`td[data-col=${arguments[1]}]`).dataset.v,"
            "  tr.querySelector('td[data-col=person] .person').dataset.personId])",
            table,
            col,
        )

    def check_tables(self):
        self.d.find_element("id", "tab-reach").click()
        if self.fragment().get("tab") != "reach":
            fail(f"the fragment {self.js('return location.hash')!r} does not keep the tab")
        rows = self.js("return document.querySelectorAll('#table-reach tbody tr').length")
        reach = self.data.get("reach") or []
        if not reach:
            ok("reach table: empty in this network (skipped)")
        else:
            if rows != min(len(reach), 200):
                fail(f"the reach table renders {rows} rows for {len(reach)} contacts (at most 200 at first)")
            before = self.table_column("#table-reach", "strength")
            header = self.d.find_element("css selector", "#table-reach th button[data-col=strength]")
            header.click()
            for attempt in range(2):
                sort = self.js("return document.querySelector('#table-reach button[data-col=strength]')"
                               ".parentElement.getAttribute('aria-sort')")
                after = self.table_column("#table-reach", "strength")
                values = [float(v) for v, _ in after if v != ""]
                if sort not in ("ascending", "descending"):
                    fail(f"aria-sort is {sort!r} after a click on Strength")
                if values != sorted(values, reverse=sort == "descending"):
                    fail(f"the reach table is not sorted {sort} by strength: {values[:8]}…")
                if after[len(values):] and any(v != "" for v, _ in after[len(values):]):
                    fail("missing strengths are not last")
                if attempt == 0:
                    already = [float(v) for v, _ in before if v != ""]
                    already_sorted = already == sorted(already, reverse=sort == "descending")
                    if [p for _, p in after] == [p for _, p in before] and len(set(values)) > 1 and not already_sorted:
                        fail("sorting by strength did not change the order")
                    first = sort
                    header.click()
                elif sort == first:
                    fail("a second click does not reverse the sort")
            ok(f"reach table ({len(reach)} rows, {rows} rendered): Strength sorts {first} then {sort}, aria-sort set")
            # The filter above the table.
            company = self.people[reach[0]["person"]].get("company") or self.people[reach[0]["person"]]["name"]
            box = self.d.find_element("css selector", "#view-reach .table-filter")
            box.send_keys(company)
            texts = self.js(
                "return [...document.querySelectorAll('#table-reach tbody tr')].map((tr) => tr.textContent)"
            )
            if not texts or any(company.lower() not in t.lower() for t in texts):
                fail(f"filtering the reach table by {company!r} keeps rows without it")
            ok(f"the reach table's filter keeps the {len(texts)} rows with {company!r}")
            target = self.js("return document.querySelector('#table-reach tbody .person')")
            pid = target.get_attribute("data-person-id")
            target.click()
            name = self.people[self.index[pid]]["name"]
            self.wait(f"the panel for {name!r} from the table", lambda: self.panel_title() == name)
            ok(f"a name in the table opens {name!r}")
        for tab in ("introductions", "brokers"):
            self.d.find_element("id", f"tab-{tab}").click()
            n = self.js(f"return document.querySelectorAll('#table-{tab} tbody tr').length")
            empty = self.js(f"return document.querySelectorAll('#table-{tab} .empty').length")
            if n == 0 and not empty:
                fail(f"the {tab} tab shows neither rows nor a note")
            if n != min(200, len(self.data.get(tab) or [])):
                fail(f"the {tab} tab shows {n} rows for {len(self.data.get(tab) or [])}")
            ok(f"{tab} tab: {n} rows")
        self.d.find_element("id", "tab-picture").click()

    def check_panel_screenshot(self):
        self.open_page("#person=" + encode_component(str(self.people[self.person]["id"])))
        self.wait("the panel", lambda: self.panel_title() == self.people[self.person]["name"])
        self.screenshot("panel.png")

    def check_quiet(self):
        self.logs()
        noisy = [e for e in self.console if e.get("level") in ("SEVERE", "WARNING")]
        if noisy:
            fail("console: " + " | ".join(e.get("message", "")[:300] for e in noisy[:5]))
        ok(f"console: no error or warning ({len(self.console)} messages in all)")
        page = self.url.split("#")[0]
        requests = []
        for entry in self.performance:
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                requests.append(message["params"]["request"]["url"])
        foreign = [u for u in requests if u.split("#")[0] != page and not u.startswith(("data:", "about:blank"))]
        if foreign:
            fail(f"requests other than the page: {foreign[:5]}")
        ok(f"network: {len(requests)} requests, all the page itself")

    def run(self):
        names = [i for i, p in enumerate(self.people) if p.get("name") == self.args.person]
        if not names:
            fail(f"no person named {self.args.person!r} in the page")
        self.person = names[0]
        self.check_load()
        self.check_search()
        self.check_panel()
        self.check_hostile()
        self.check_node_click()
        self.check_filter()
        self.check_box()
        self.check_pan_zoom()
        self.check_tables()
        self.check_panel_screenshot()
        self.check_quiet()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("page")
    ap.add_argument("--export", required=True, help="liaison export --to json of the same network")
    ap.add_argument("--person", required=True, help="the name of a person to search and check")
    ap.add_argument("--screenshots", required=True, metavar="DIR")
    ap.add_argument("--expect-people", type=int)
    ap.add_argument("--timing", action="store_true", help="fail when not ready within 2 s or the page is over 5 MiB")
    args = ap.parse_args()
    chrome, driver_path = find_browser()
    from selenium.common.exceptions import UnexpectedAlertPresentException, WebDriverException

    started = time.monotonic()
    driver = start_browser(chrome, driver_path)
    try:
        Explorer(driver, args).run()
    except CheckFailed as e:
        print(f"FAIL  {e}", flush=True)
        return 1
    except UnexpectedAlertPresentException as e:
        print(f"FAIL  the page opened an alert (script injected?): {e.alert_text!r}", flush=True)
        return 1
    except WebDriverException as e:
        print(f"FAIL  browser: {e.msg}", flush=True)
        return 1
    finally:
        driver.quit()
    print(f"all checks passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
