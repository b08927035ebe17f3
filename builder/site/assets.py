"""The static files of a site: the theme's and the brand's, minified, each
with a version (a hash of its bytes) for its URL, so that browsers may cache
them for as long as they like and still never show a stale one."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .brand import BRAND_CSS, brand_static, logo_path
from .config import Brand
from .minify import minify
from .theme import Theme


@dataclass
class Assets:
    files: dict[str, bytes]  # path below static/ -> content as served
    versions: dict[str, str]  # path below static/ -> version
    brand_css: str | None  # the brand's stylesheet, if the brand sets colours or a font
    logo: str | None  # the logo, if the brand has one

    def url(self, prefix: str, path: str) -> str:
        return f"{prefix}static/{path}?v={self.versions[path]}"


def load_assets(theme: Theme, brand: Brand) -> Assets:
    files = {path: minify(path, data) for path, data in (theme.static | brand_static(brand)).items()}
    versions = {path: hashlib.sha256(data).hexdigest()[:10] for path, data in files.items()}
    return Assets(files, versions, BRAND_CSS if BRAND_CSS in files else None, logo_path(brand))
