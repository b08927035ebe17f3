"""Every internal link, anchor and module import of the built sites resolves."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from support.html import parse_page
from support.paths import BANKS

#: the only ways out of the site: links written in bank Markdown (the sanitizer allows these)
EXTERNAL_SCHEMES = {"http", "https", "mailto"}
IMPORT = re.compile(r"""^\s*(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']"""
                    r"""|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)""", re.MULTILINE)


def broken_links(site: Path, base_url: str = "/") -> list[str]:
    """Links of every page of a built site that lead nowhere, as 'page:line: url (why)'."""
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    ids = {path: page.ids() for path, page in pages.items()}
    broken = []
    for path, page in pages.items():
        duplicates = {i for i in ids[path] if ids[path].count(i) > 1}
        broken += [f"{path}: id {i!r} defined twice" for i in sorted(duplicates)]
        for element, url in page.urls():
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                if parts.scheme not in EXTERNAL_SCHEMES or element.tag != "a":
                    broken.append(f"{page.where(element)}: {url} (leaves the site)")
                continue
            if parts.path.startswith("/"):  # only 404.html, which GitHub Pages serves at any depth
                if path.name != "404.html" or not parts.path.startswith(base_url):
                    broken.append(f"{page.where(element)}: {url} (absolute: breaks under a sub-path)")
                    continue
                target = site / unquote(parts.path[len(base_url):])
            else:
                target = path.parent / unquote(parts.path) if parts.path else path
            target = target.resolve()
            if site.resolve() not in target.parents:
                broken.append(f"{page.where(element)}: {url} (outside the site)")
            elif not target.is_file():
                broken.append(f"{page.where(element)}: {url} (no such file)")
            elif parts.fragment and unquote(parts.fragment) not in ids.get(target, []):
                broken.append(f"{page.where(element)}: {url} (no id {parts.fragment!r} in {target.name})")
    return broken


def broken_imports(site: Path) -> list[str]:
    broken = []
    for module in sorted(site.rglob("*.js")):
        for match in IMPORT.finditer(module.read_text(encoding="utf-8")):
            spec = next(group for group in match.groups() if group)
            target = (module.parent / PurePosixPath(spec.split("?")[0])).resolve()
            if not spec.startswith(("./", "../")) or not target.is_file():
                broken.append(f"{module}: import {spec!r}")
    return broken


@pytest.mark.parametrize("bank", BANKS)
def test_every_internal_link_and_anchor_resolves(built_sites, bank):
    site = built_sites / bank
    assert broken_links(site, base_url=f"/{bank}/") == []  # conftest builds each bank for /<bank>/
    assert broken_imports(site) == []


def test_the_checker_finds_broken_links(tmp_path):
    """A page with every kind of mistake: the checker names each one."""
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "en" / "a.html").write_text(
        '<h2 id="here">x</h2><a href="b.html">missing page</a><a href="#nowhere">missing anchor</a>'
        '<a href="a.html#here">fine</a><a href="#here">fine</a><a href="/en/a.html">absolute</a>'
        '<a href="https://example.org/">fine</a><img src="https://example.org/x.png">'
        '<a href="../../outside.html">outside</a><p id="here">again</p>', encoding="utf-8")
    (tmp_path / "outside.html").write_text("", encoding="utf-8")
    page = site / "en" / "a.html"
    assert broken_links(site) == [
        f"{page}: id 'here' defined twice",
        f"{page}:1: b.html (no such file)",
        f"{page}:1: #nowhere (no id 'nowhere' in a.html)",
        f"{page}:1: /en/a.html (absolute: breaks under a sub-path)",
        f"{page}:1: https://example.org/x.png (leaves the site)",
        f"{page}:1: ../../outside.html (outside the site)",
    ]
    (site / "m.js").write_text('import { a } from "./a.js";\nimport "./gone.js";\nconst b = await import("b.js");\n')
    assert broken_imports(site) == [f"{site / 'm.js'}: import {name!r}" for name in ("./a.js", "./gone.js", "b.js")]
