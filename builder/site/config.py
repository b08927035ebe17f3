"""The optional site config, `assessment.yml`: the site's title, base URL,
brand, theme folder, links and footer.

It is read with the bank's schema kinds, so every mistake is reported as
`path:line: message`, together with the bank's. Paths in it (the logo,
`theme_dir`) are relative to the file's own folder. Without the file every
setting has its default. Reference: docs/site-config.md.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from yaml.nodes import ScalarNode

from ..bank.model import Located
from ..bank.schema import INVALID, TAG, Field, PerLanguage, Reader, Record, Text, pick
from ..bank.yamlnodes import load_nodes
from ..errors import AssessError, Problem, display_path
from .brand import DARK_BACKGROUND, LIGHT_BACKGROUND, contrast
from .markup import render_markdown

CONFIG_FILE_NAME = "assessment.yml"
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")
#: every page loads the logo; above this size `validate` warns
LOGO_WARN_BYTES = 10_000


# --- Kinds of values only the config has ---------------------------------------

class Colour(Text):
    """A hex colour; warns when it is hard to see on the page background."""

    def __init__(self, background: str, minimum: float, use: str):
        super().__init__("colour", re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\Z"),
                         'use #rgb or #rrggbb, e.g. "#1d4ed8"')
        self.background, self.minimum, self.use = background, minimum, use

    def read(self, node, r):
        if isinstance(node, ScalarNode) and node.tag == TAG + "null":
            return r.error(node, 'expected a colour such as "#1d4ed8", found nothing; '
                                 "put the colour in quotes: a bare # starts a YAML comment")
        value = super().read(node, r)
        if value is INVALID:
            return value
        ratio = contrast(value, self.background)
        if ratio < self.minimum:
            r.warn(node, f"{value} on the background {self.background} has a contrast of {ratio:.1f}:1; "
                         f"{self.use} need at least {self.minimum:g}:1")
        return value.lower()


class FontStack(Text):
    """A CSS font-family list: names, quotes, commas; nothing that could end the rule."""

    def __init__(self):
        super().__init__("font stack", re.compile(r"[\w\s,.'\"-]+\Z"),
                         'list font names separated by commas, e.g. "Source Sans 3", system-ui, sans-serif')

    def read(self, node, r):
        value = super().read(node, r)
        if value is not INVALID and (value.count('"') % 2 or value.count("'") % 2):
            return r.error(node, f"{value!r} is not a valid font stack: a quote is not closed")
        return value


class Url(Text):
    """An absolute http(s) address, optionally with a required placeholder."""

    def __init__(self, what: str, placeholder: str = ""):
        super().__init__(what)
        self.placeholder = placeholder

    def read(self, node, r):
        value = super().read(node, r)
        if value is INVALID:
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
            return r.error(node, f"{value!r} is not a valid {self.what}: use a full address starting with https://")
        if self.placeholder and self.placeholder not in value:
            return r.error(node, f"{self.what} must contain {self.placeholder}, where the result code goes")
        return value

    def json_schema(self):
        inner = f"\\S*{re.escape(self.placeholder)}\\S*" if self.placeholder else "\\S+"
        return {"type": "string", "pattern": f"^https?://{inner}$"}


class LocalPath(Text):
    """A file or folder relative to the config file's folder, which must exist."""

    def __init__(self, what: str, folder: bool = False, suffixes: tuple[str, ...] = ()):
        super().__init__(what)
        self.folder, self.suffixes = folder, suffixes

    def read(self, node, r):
        value = super().read(node, r)
        if value is INVALID:
            return value
        path = Path(r.path).parent / value
        if self.folder and not path.is_dir():
            return r.error(node, f"{self.what} {value!r} not found: {display_path(str(path))} is not a folder")
        if not self.folder and not path.is_file():
            return r.error(node, f"{self.what} {value!r} not found: {display_path(str(path))} is not a file")
        if self.suffixes and path.suffix.lower() not in self.suffixes:
            names = ", ".join(s.lstrip(".") for s in self.suffixes)
            return r.error(node, f"{self.what} {value!r} must be one of: {names}")
        return path


class Logo(LocalPath):
    def __init__(self):
        super().__init__("logo", suffixes=LOGO_SUFFIXES)

    def read(self, node, r):
        path = super().read(node, r)
        if path is not INVALID and (size := path.stat().st_size) > LOGO_WARN_BYTES:
            r.warn(node, f"the logo is {size:,} bytes and every page loads it; "
                         f"keep it under {LOGO_WARN_BYTES:,} (an SVG usually is)")
        return path


# --- What the file holds --------------------------------------------------------

PerLang = dict  # language (or schema.ANY_LANGUAGE) -> value


@dataclass(frozen=True)
class Brand(Located):
    logo: Path | None = None
    primary: str | None = None
    accent: str | None = None
    font: str | None = None
    dark: dict | None = None  # {"primary": ..., "accent": ...}


@dataclass(frozen=True)
class SiteConfig(Located):
    title: PerLang | None = None
    base_url: str | None = None
    brand: Brand = field(default_factory=Brand)
    theme_dir: Path | None = None
    collect_url: PerLang | None = None
    imprint_url: PerLang | None = None
    privacy_url: PerLang | None = None
    footer: PerLang | None = None

    def for_page(self, lang: str, bank_title: str, logo_url: str | None) -> PageConfig:
        footer = pick(self.footer, lang)
        return PageConfig(
            title=pick(self.title, lang) or bank_title,
            logo=logo_url,
            footer=Markup(render_markdown(footer)) if footer else None,
            imprint_url=pick(self.imprint_url, lang),
            privacy_url=pick(self.privacy_url, lang),
            collect_url=pick(self.collect_url, lang),
        )


@dataclass(frozen=True)
class PageConfig:
    """What templates see as `config`: the settings for the page's language."""

    title: str  # the site's name; the bank's title unless the config sets one
    logo: str | None  # URL of the logo, relative to the page
    footer: Markup | None  # sanitized HTML from Markdown
    imprint_url: str | None
    privacy_url: str | None
    collect_url: str | None  # with {code} still in it (issue #5 fills it in)


DARK_COLOURS = Record({
    "primary": Field(Colour(DARK_BACKGROUND, 4.5, "links and buttons"), False),
    "accent": Field(Colour(DARK_BACKGROUND, 3, "focus outlines"), False),
}, name="dark", doc="Colours for dark mode; without them dark mode keeps the built-in ones.")

BRAND = Record({
    "logo": Field(Logo(), False, doc="SVG, PNG, JPEG, WebP or GIF, relative to this file; shown in the header."),
    "primary": Field(Colour(LIGHT_BACKGROUND, 4.5, "links and buttons"), False,
                     doc='Links, buttons, highlights, e.g. "#1d4ed8" (quote it).'),
    "accent": Field(Colour(LIGHT_BACKGROUND, 3, "focus outlines"), False,
                    doc='Focus outlines and notices, e.g. "#b45309" (quote it).'),
    "font": Field(FontStack(), False, doc="CSS font stack; fonts must be installed on the reader's device."),
    "dark": Field(DARK_COLOURS, False),
}, Brand, name="brand", doc="Logo, colours and font.")

CONFIG_FILE = Record({
    "title": Field(PerLanguage(Text("title")), False,
                   doc="Site name in the header (the logo's alt text); default: the bank's title."),
    "base_url": Field(Text("base URL", re.compile(r"/([^/\s?#][^\s?#]*)?\Z"),
                           "use the URL path the site is served under, e.g. /my-repo/"), False,
                      doc="URL path the site is served under; assess build --base-url wins over it."),
    "brand": Field(BRAND, False, Brand),
    "theme_dir": Field(LocalPath("theme folder", folder=True), False,
                       doc="Folder of template overrides, static/ and i18n/ files, relative to this file."),
    "collect_url": Field(PerLanguage(Url("collect URL", "{code}")), False,
                         doc="Address of your own form that receives result codes; must contain {code}."),
    "imprint_url": Field(PerLanguage(Url("imprint URL")), False, doc="Link to your imprint, in every footer."),
    "privacy_url": Field(PerLanguage(Url("privacy policy URL")), False,
                         doc="Link to your privacy policy, in every footer."),
    "footer": Field(PerLanguage(Text("footer text")), False, doc="Markdown shown in every footer."),
}, SiteConfig, name="assessment.yml", doc="assessment.yml: site settings for assess build, serve and validate.")


def find_config(explicit: Path | None) -> Path | None:
    """The --config file, else ./assessment.yml if there is one."""
    if explicit is not None:
        if not explicit.is_file():
            raise AssessError(f"config file not found: {explicit}")
        return explicit
    default = Path(CONFIG_FILE_NAME)
    return default if default.is_file() else None


def load_config(path: Path | None, languages: list[str] | None) -> tuple[SiteConfig, list[Problem]]:
    """The config and every problem found in it (warnings included). Per-language
    values are checked against `languages` when they are known."""
    if path is None:
        return SiteConfig(), []
    problems: list[Problem] = []
    root = load_nodes(Path(path), problems, allow_empty=True)
    if root is None:
        return SiteConfig(), problems
    reader = Reader(str(path), languages)
    config = CONFIG_FILE.read(root, reader)
    problems += reader.problems
    return (SiteConfig() if config is INVALID else config), problems
