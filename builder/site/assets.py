"""The static files of a site: the theme's and the brand's, minified, each
page script bundled with the modules it imports (bundle.py), and each with a
version (a hash of its bytes) for its URL, so that browsers may cache them for
as long as they like and still never show a stale one."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..errors import BankError, Problem
from .brand import BRAND_CSS, brand_static, logo_path
from .bundle import BundleError, bundle
from .config import Brand
from .minify import minify
from .theme import Theme

PAGE_SCRIPTS = "js/pages/"  # each bundled with what it imports


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
    files |= bundled_pages(files)
    versions = {path: hashlib.sha256(data).hexdigest()[:10] for path, data in files.items()}
    return Assets(files, versions, BRAND_CSS if BRAND_CSS in files else None, logo_path(brand))


def bundled_pages(files: dict[str, bytes]) -> dict[str, bytes]:
    """Every page script as a bundle; a module the bundler cannot take apart (a theme's,
    say) is reported like any other problem."""
    modules = {path: data.decode("utf-8") for path, data in files.items() if path.endswith(".js")}
    bundles, problems = {}, []
    for path in sorted(modules):
        if path.startswith(PAGE_SCRIPTS):
            try:
                bundles[path] = bundle(path, modules).encode("utf-8")
            except BundleError as error:
                problems.append(Problem(f"static/{error.path}", None, f"{error.message} (bundling {path})"))
    if problems:
        raise BankError(problems)
    return bundles
