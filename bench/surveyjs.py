"""The default bank as a SurveyJS survey, for the side-by-side comparison.

SurveyJS (survey-core + survey-js-ui, pinned in bench/package.json) is
installed into bench/node_modules only for the benchmark. The page uses what
SurveyJS's own guide shows for a plain page: its default theme stylesheet
(the "fontless" build, since the standard one loads Open Sans from Google,
another origin), survey.core.min.js, survey-js-ui.min.js and a script that
renders the model. Questions are the bank's, in English: one page per
dimension, radio buttons with the same five labels plus "Don't know", help
text as the question description, a progress bar on top, as in ours.
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import yaml

from bench import npm

MODULES = npm.MODULES
FILES = {
    "survey-core.fontless.min.css": MODULES / "survey-core" / "survey-core.fontless.min.css",
    "survey.core.min.js": MODULES / "survey-core" / "survey.core.min.js",
    "survey-js-ui.min.js": MODULES / "survey-js-ui" / "survey-js-ui.min.js",
}
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="survey-core.fontless.min.css">
</head>
<body>
<div id="survey"></div>
<script src="survey.core.min.js"></script>
<script src="survey-js-ui.min.js"></script>
<script src="survey-data.js"></script>
</body>
</html>
"""
SCRIPT = """const survey = new Survey.Model({model});
survey.render(document.getElementById("survey"));
"""


def install() -> str | None:
    """Install SurveyJS into bench/node_modules if needed; returns why not, or None."""
    return npm.install(list(FILES.values()))


def version() -> str:
    return json.loads((MODULES / "survey-core" / "package.json").read_text(encoding="utf-8"))["version"]


def survey_model(bank, ui: dict[str, str], lang: str = "en") -> dict:
    """The bank as a SurveyJS model: one page per dimension, one radio group per question."""
    def choices(q):
        if q.type == "likert":
            items = [{"value": i + 1, "text": label} for i, label in enumerate(bank.scale[lang])]
        else:
            items = [{"value": o.id, "text": o.text[lang]} for o in q.options]
        return [*items, {"value": "dont-know", "text": ui["dont_know"]}]

    pages = []
    for d in bank.dimensions:
        elements = [{"type": "radiogroup", "name": q.id, "title": q.text[lang], "choices": choices(q),
                     **({"description": q.help[lang]} if q.help else {})}
                    for q in bank.dimension_questions(d.id)]
        pages.append({"name": d.id, "title": d.title[lang], "elements": elements,
                      **({"description": d.description[lang]} if d.description else {})})
    return {"title": bank.title[lang], "pages": pages, "showProgressBar": "top", "progressBarType": "questions",
            "questionsOnPageMode": "standard"}


def write_page(bank, site_src: Path, folder: Path, lang: str = "en") -> Path:
    """Write the SurveyJS page and its files into `folder`; returns the page."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in FILES.items():
        shutil.copyfile(source, folder / name)
    ui = yaml.safe_load((site_src / "i18n" / f"{lang}.yml").read_text(encoding="utf-8"))
    model = json.dumps(survey_model(bank, ui, lang), ensure_ascii=False)
    (folder / "survey-data.js").write_text(SCRIPT.format(model=model), encoding="utf-8")
    page = folder / "index.html"
    page.write_text(PAGE.format(title=html.escape(bank.title[lang])), encoding="utf-8")
    return page
