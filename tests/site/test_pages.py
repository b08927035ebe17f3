"""The data a page inlines for its scripts (builder/site/pages.py): exactly the
UI strings its scripts use, none missing (the page would show "undefined"),
none left over (bytes on every page view); and the JSON of that data."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from support.paths import DEFAULT_BANK, HOSTILE_BANK, ROOT, SEGMENTED_BANK

from builder.commands.project import load_project
from builder.site.minify import minify
from builder.site.pages import QUIZ_TEXT, RESULT_PAGES, TEAM_TEXT
from builder.site.render import Pages, RenderOptions

JS = ROOT / "site_src" / "static" / "js"
IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\()\s*["'](\.{1,2}/[^"']+)["']""")
#: `text.key` and `data.text.key` (not `item.text.length`)
DOTTED = re.compile(r"(?:(?<![.\w$])|(?<=\bdata\.))text\.(\w+)")
STRING = re.compile(r"""["'](\w+)["']""")
#: text[`code_${reason}`]: a key made of a fixed prefix and suffix around a value
TEMPLATE = re.compile(r"text\[`(\w*)\$\{[^}`]+\}(\w*)`\]")
#: page -> (its scripts, the UI strings the page inlines for them, as the scripts name them)
PAGES = {
    "quiz": (["pages/quiz.js", "pages/segment.js"], set(QUIZ_TEXT)),
    "team": (["pages/team.js"], {key.removeprefix("team_") for key in TEAM_TEXT}),
} | {page: ([f"pages/{page}.js"], set(keys)) for page, (keys, _) in RESULT_PAGES.items()}


def module_graph(entries: list[str]) -> dict[str, str]:
    """The source of every module the entry scripts load, statically or with import()."""
    sources, todo = {}, [JS / entry for entry in entries]
    while todo:
        path = todo.pop().resolve()
        if str(path) in sources:
            continue
        sources[str(path)] = text = path.read_text(encoding="utf-8")
        todo += [path.parent / spec for spec in IMPORT.findall(text)]
    return sources


def code_only(source: str) -> str:
    """As served: without comments, so JSDoc does not count as use."""
    return minify("module.js", source.encode("utf-8")).decode("utf-8")


@pytest.mark.parametrize("page_name", PAGES)
def test_a_page_inlines_the_ui_strings_its_scripts_use(page_name):
    entries, inlined = PAGES[page_name]
    graph = {path: code_only(source) for path, source in module_graph(entries).items()}
    code = "\n".join(graph.values())
    # the pure modules (rules/) never see UI strings; there `text` is, say, pasted codes
    used = {key for path, source in graph.items() if "/rules/" not in path for key in DOTTED.findall(source)}
    assert used - inlined == set(), "used by the scripts, missing in builder/site/pages.py"
    mentioned = used | set(STRING.findall(code))
    made = TEMPLATE.findall(code)
    unused = {key for key in inlined - mentioned
              if not any(key.startswith(prefix) and key.endswith(suffix) for prefix, suffix in made)}
    assert unused == set(), "inlined, but no script uses it"


def test_the_graph_follows_static_and_dynamic_imports():
    graph = {Path(path).relative_to(JS.resolve()).as_posix() for path in module_graph(["pages/results.js"])}
    assert {"pages/results.js", "ui/current.js", "ui/state.js", "rules/scoring.js", "rules/codes.js"} <= graph


@pytest.mark.parametrize("bank_dir", [DEFAULT_BANK, SEGMENTED_BANK, HOSTILE_BANK],
                         ids=lambda path: path.name)
def test_page_data_is_its_json_with_the_model_encoded_once(bank_dir):
    """The scoring model is encoded once per build and put into each page's data
    (render.Pages.json_with_model): the bytes are those `|tojson` makes of the whole."""
    project = load_project(bank_dir, None, False)
    pages = Pages(project.bank, project.theme, RenderOptions(config=project.config))
    for lang in project.bank.languages:
        for page in [*RESULT_PAGES, "team"]:
            context = pages.context(lang, "../", page)
            data, encoded = ((context["team_data"], context["team_json"]) if page == "team"
                             else (context["results_data"], context["results_json"]))
            assert encoded == pages.theme.env.from_string("{{ data|tojson }}").render(data=data)
            assert json.loads(encoded)["model"] == project.bank.scoring_model


def test_the_model_json_is_what_tojson_makes_of_the_model():
    """Pages take the model's JSON from the bank's one encoding of it (#18),
    made HTML-safe as |tojson does: here with every character it escapes."""
    project = load_project(DEFAULT_BANK, None, False)
    bank = replace(project.bank, version="1.0 'beta' <b>&amp;</b> é")
    pages = Pages(bank, project.theme, RenderOptions(config=project.config))
    tojson = pages.theme.env.from_string("{{ model|tojson }}").render(model=bank.scoring_model)
    assert pages.model_json == tojson
    assert all(escaped in tojson for escaped in ("\\u0027", "\\u003c", "\\u003e", "\\u0026", "\\u00e9"))
