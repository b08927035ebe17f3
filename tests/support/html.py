"""Built pages parsed for the static gates (policy, links, build): elements
with their attributes and lines, the ids they define, the text of their
scripts and the JSON they inline."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

#: attributes that hold a URL the browser may load or navigate to
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "ping")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    line: int


@dataclass
class Script:
    attrs: dict[str, str | None]
    text: str
    line: int


@dataclass
class Page:
    path: Path
    elements: list[Element] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if e.attrs.get("id")] + [
            e.attrs["name"] for e in self.elements if e.tag == "a" and e.attrs.get("name")]

    def urls(self) -> list[tuple[Element, str]]:
        return [(e, e.attrs[name]) for e in self.elements for name in URL_ATTRIBUTES if e.attrs.get(name) is not None]

    def where(self, element) -> str:
        return f"{self.path}:{element.line}"

    def handlers(self) -> list[str]:
        """Inline event handler attributes (onclick=...), which the CSP would refuse."""
        return [name for e in self.elements for name in e.attrs if name.startswith("on")]

    def json_blocks(self) -> list:
        """The data inlined as `<script type="application/json">`, parsed."""
        return [json.loads(s.text) for s in self.scripts if s.attrs.get("type") == "application/json"]


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._script: Script | None = None

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.getpos()[0])
        self.page.elements.append(element)
        if tag == "script":
            self._script = Script(element.attrs, "", element.line)
            self.page.scripts.append(self._script)

    def handle_data(self, data):
        if self._script is not None:
            self._script.text += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below a folder: relative path -> content."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def parse_page(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page

