"""Each page script with the modules it imports, served as one file.

The sources in site_src/static/js/ stay small modules (pure rules, DOM helpers,
one script per page), which is how they are read, tested and reused. A browser
fetching them one by one pays a round trip per level of imports and a gzip
stream per file; one file per page is fewer requests and fewer bytes (the
results page: about 7,300 bytes of JavaScript in nine files, 5,800 in one).

The bundle is the entry module last, each module it reaches by a static
relative import before it, in dependency order, every one in a scope of its own:

    const _ui_state = (() => { <body, imports as destructurings>; return { loadState, ... }; })();

so that top-level names never collide. It relies on the sources' conventions,
which `bundle` checks: imports are static, relative and on one line
(`import { a, b as c } from "../x/y.js";`), exports are declarations
(`export function`, `export async function`, `export const`); only the entry
module may use top-level `await` (it is not wrapped). The modules stay
served as they are too.
"""
from __future__ import annotations

import posixpath
import re

IMPORT = re.compile(r"""^import\s*\{([^}]*)\}\s*from\s*["'](\.{1,2}/[^"']+)["'];?[ \t]*$""", re.M)
#: any other import or export-from: a form the bundler does not take apart
OTHER_IMPORT = re.compile(r"""^\s*(import\b(?!\s*\{[^}]*\}\s*from\s*["']\.)|export\s*(\*|\{)|export\s+default\b)""",
                          re.M)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(""")
EXPORT = re.compile(r"^export\s+((?:async\s+)?function\*?\s+|const\s+|let\s+|class\s+)([\w$]+)", re.M)


class BundleError(ValueError):
    """A module the bundler cannot take apart: which one, and what to change."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def bundle(entry: str, modules: dict[str, str]) -> str:
    """The entry module (a path in `modules`, which maps paths below static/ to sources)
    with everything it imports, as one module."""
    order = dependency_order(entry, modules)
    parts = [scoped(path, modules[path]) for path in order[:-1]]
    parts.append(rewrite_imports(entry, modules[entry]))
    return "\n".join(parts)


def dependency_order(entry: str, modules: dict[str, str]) -> list[str]:
    """Every module `entry` reaches, each after the modules it imports (`entry` last)."""
    order: list[str] = []
    visiting: set[str] = set()

    def visit(path: str) -> None:
        if path in order:
            return
        if path in visiting:
            raise BundleError(path, "imports form a circle; the bundler needs them one way")
        if path not in modules:
            raise BundleError(path, "imported, but not a file of the site")
        visiting.add(path)
        for _, spec in IMPORT.findall(modules[path]):
            visit(resolve(path, spec))
        visiting.discard(path)
        order.append(path)

    visit(entry)
    return order


def resolve(importer: str, spec: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec))


def variable(path: str) -> str:
    """The name a bundle gives a module's exports: js/rules/scoring.js -> _rules_scoring."""
    stem = path.removeprefix("js/").removesuffix(".js")
    return "_" + re.sub(r"\W", "_", stem)


def rewrite_imports(path: str, source: str) -> str:
    """`import { a, b as c } from "./x.js";` -> `const { a, b: c } = _x;`, checking the conventions."""
    other = OTHER_IMPORT.search(source) or DYNAMIC_IMPORT.search(source)
    if other:
        raise BundleError(path, "write imports as `import { ... } from \"./module.js\";` on one line and "
                                f"exports as declarations; found {other[0].strip()!r}")

    def destructure(match: re.Match) -> str:
        names = [name.strip() for name in match[1].split(",") if name.strip()]
        names = [name.replace(" as ", ": ") for name in names]
        return f"const {{ {', '.join(names)} }} = {variable(resolve(path, match[2]))};"

    return IMPORT.sub(destructure, source)


def scoped(path: str, source: str) -> str:
    body = rewrite_imports(path, source)
    exported = [match[2] for match in EXPORT.finditer(body)]
    body = EXPORT.sub(lambda match: match[1] + match[2], body)
    return f"const {variable(path)} = (() => {{\n{body}\nreturn {{ {', '.join(exported)} }};\n}})();"
