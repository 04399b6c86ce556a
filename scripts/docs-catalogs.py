#!/usr/bin/env python3
"""Makes the DocC articles of each library module from Guides/*.md (scripts/docs runs it).

The guides are the one source of the prose. Each module's catalog, Sources/M/M.docc, holds
only its committed root page (M.md: the module's overview and Topics) and its getting-started
article; this script writes the guides that document the module's API into
Sources/M/M.docc/Guides/ (kept out of git), rewritten for DocC:

- the "[[Source](../Sources/…) | [Tests](…)]" line under a guide's title becomes a
  "Source and tests" section at its end, with repository paths as code;
- a link to another guide becomes <doc:Article> (with its heading anchor) when that guide is
  an article of the same module, else the guide's title and path as text (DocC cannot link
  between modules built one at a time);
- a link to a heading of the same guide becomes <doc:#Heading>;
- any other relative link (../Sources/…, ../Tests/…) becomes its text and path;
- an image from Guides/images is copied beside the article and named by file name.

Every article is checked to be curated in the module's root page (<doc:Article>), so a guide
added here cannot be missing from the Topics.

With `--examples DIR` it writes instead the Swift code of each getting-started article to
DIR/<Module>.swift (scripts/docs type-checks them, so the examples keep compiling).
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "Guides"

# Which guides document which module's API. The CLI-only guides (Batch, Explorer, Reports)
# stay out of DocC; Guides/README.md is the index.
MODULES = {
    "GraphCore": ["GraphCore"],
    "GraphAlgorithms": [
        "Components", "WeakTieReach", "Introductions", "BrokerPaths", "Brokerage", "Communities", "Plan",
    ],
    "GraphIO": ["Importing", "ContactExports", "MailAndCalendar", "Corrections", "Output"],
    "GraphRendering": ["Rendering"],
    "GraphSynthesis": ["Generator"],
    "Workspace": ["Workspace"],
}

LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(([^()\s]+)\)")
HEADER = re.compile(r"\A(# [^\n]*\n)\n\[(\[.*?\))\]\n", re.S)


def article_name(guide, module):
    """A guide's article name: its file name, unless that is the module's own name (taken by
    the module's page and, in Workspace, by the class)."""
    return guide + "Guide" if guide == module else guide


def github_slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def docc_anchor(heading):
    s = re.sub(r"[^\w\s-]", "", heading.strip())
    return re.sub(r"\s+", "-", s.strip())


def headings(text):
    """GitHub anchor -> DocC anchor, for every heading below the title."""
    out = {}
    in_code = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        m = None if in_code else re.match(r"#{2,6} (.*)", line)
        if m:
            out[github_slug(m.group(1))] = docc_anchor(m.group(1))
    return out


def title(text):
    return text.splitlines()[0].lstrip("# ").strip()


def repo_path(target):
    """'../Sources/X.swift' -> 'Sources/X.swift'."""
    return target[3:].rstrip("/") if target.startswith("../") else target


def convert(guide, module, texts, catalog_of):
    text = texts[guide]
    own = headings(text)
    images = []
    source_section = ""

    m = HEADER.match(text)
    if m:
        items = [f"- {t}: `{repo_path(u)}`" for _, t, u in LINK.findall(m.group(2))]
        source_section = "\n## Source and tests\n\n" + "\n".join(items) + "\n"
        text = m.group(1) + text[m.end():]

    def link(match):
        bang, label, target = match.groups()
        if bang:
            name = target.rsplit("/", 1)[-1]
            if not (GUIDES / target).is_file():
                sys.exit(f"docs: {guide}.md: image {target} not found")
            images.append(GUIDES / target)
            return f"![{label}]({name})"
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:, doc:
            return match.group(0)
        if target.startswith("#"):
            anchor = own.get(target[1:])
            if anchor is None:
                sys.exit(f"docs: {guide}.md: no heading for {target}")
            return f"[{label}](doc:#{anchor})"
        path, _, fragment = target.partition("#")
        other = path[:-3] if path.endswith(".md") and "/" not in path else None
        if other in texts:
            anchor = ""
            if fragment:
                a = headings(texts[other]).get(fragment)
                if a is None:
                    sys.exit(f"docs: {guide}.md: no heading for {target}")
                anchor = "#" + a
            if catalog_of.get(other) == module:
                ref = article_name(other, module) + anchor
                return f"<doc:{ref}>" if label in (path, other) else f"[{label}](doc:{ref})"
            shown = f"*{title(texts[other])}*"
            return f"{shown} (`Guides/{path}`)" if label in (path, other) else f"{label} ({shown}, `Guides/{path}`)"
        return f"{label} (`{repo_path(target)}`)"

    out = []
    in_code = False
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            in_code = not in_code
        out.append(line if in_code else LINK.sub(link, line))
    body = "".join(out).rstrip("\n") + "\n" + source_section
    return body, images


def write_examples(directory):
    """Each getting-started article's Swift code, joined into one file per module
    (DIR/<Module>.swift), for scripts/docs to type-check against the built modules."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for module in MODULES:
        article = ROOT / "Sources" / module / f"{module}.docc" / "GettingStarted.md"
        code = "".join(re.findall(r"^```swift\n(.*?)^```", article.read_text(encoding="utf-8"), re.S | re.M))
        imports = sorted(set(re.findall(r"^import \w+$", code, re.M)))
        body = re.sub(r"^import \w+\n", "", code, flags=re.M)
        (directory / f"{module}.swift").write_text("\n".join(imports) + "\n" + body, encoding="utf-8")


def main():
    if sys.argv[1:2] == ["--examples"]:
        write_examples(sys.argv[2])
        return
    texts = {p.stem: p.read_text(encoding="utf-8") for p in GUIDES.glob("*.md") if p.name != "README.md"}
    catalog_of = {g: m for m, gs in MODULES.items() for g in gs}
    for module, guides in MODULES.items():
        catalog = ROOT / "Sources" / module / f"{module}.docc"
        root_page = catalog / f"{module}.md"
        if not root_page.is_file():
            sys.exit(f"docs: {root_page.relative_to(ROOT)} is missing")
        curated = set(re.findall(r"<doc:([\w-]+)>", root_page.read_text(encoding="utf-8")))
        out = catalog / "Guides"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        for guide in guides:
            if guide not in texts:
                sys.exit(f"docs: Guides/{guide}.md is missing")
            name = article_name(guide, module)
            if name not in curated:
                sys.exit(f"docs: {root_page.relative_to(ROOT)} does not list <doc:{name}> (Guides/{guide}.md)")
            body, images = convert(guide, module, texts, catalog_of)
            (out / f"{name}.md").write_text(body, encoding="utf-8")
            for image in images:
                shutil.copyfile(image, out / image.name)
        print(f"docs: {module}: {', '.join(article_name(g, module) for g in guides)}")


if __name__ == "__main__":
    main()
