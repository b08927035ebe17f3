"""The pages of a site and the data each inlines as JSON for its script.

Page scripts get their bank data and UI strings from the page (a
`<script type="application/json">`), never by fetching. Each page inlines
only the UI strings its scripts show; tests/site/test_pages.py checks these
lists against the strings the scripts use.
"""
from __future__ import annotations

import math

from ..bank.model import AXES, QUADRANTS, Bank

#: page name -> template; every bank language gets each of them (hints only when the bank has hints)
PAGES = {"index": "start.html", "quiz": "quiz.html", "results": "results.html", "keep": "keep.html",
         "next": "next.html",
         "hints": "hints.html", "compare": "compare.html", "method": "method.html", "team": "team.html",
         "privacy": "privacy.html"}
#: pages outside the language folders: page name -> (file, template)
ROOT_PAGES = {"root": ("index.html", "root.html"), "404": ("404.html", "404.html")}
SECONDS_PER_QUESTION = {"likert": 10, "choice": 15}

#: The pages that show a result, and what their scripts show besides the HTML: UI
#: strings, and `levels` (titles), `scale` (answer words), `titles` (dimensions) or
#: `questions` (question texts, bank order)
LINK_TEXT = ("link_invalid", "other_bank")  # ui/current.js: a shared link that cannot be shown
#: ui/levers.js: a lever's verb and the scores it moves
LEVER_TEXT = ("lever_raise", "lever_let_go", "lever_rethink", "lever_points", "customer_obsession",
              "competitor_obsession")
RESULT_PAGES = {
    "results": (("results_skipped", "results_all_answered", "not_scored", "notice_skipped", "notice_straight",
                 *LEVER_TEXT, *LINK_TEXT), ("levels", "scale", "questions")),
    "keep": (("link_copied", "link_copy_manually", *LINK_TEXT), ()),
    "next": (("not_scored", "report_scores", "report_date", *LINK_TEXT), ("levels", "titles")),
    "hints": (("report_date", *LEVER_TEXT, *LINK_TEXT), ()),
    "compare": (("not_scored", "result_invalid", "compare_done", *LINK_TEXT), ("levels",)),
    "method": (("skipped", "not_scored", "answer", "customer_obsession", "competitor_obsession",
                "sum_score", *LINK_TEXT), ("scale",)),
}
QUIZ_TEXT = ("answered_of",)
#: UI strings the team page's script needs (the rest is rendered into the page); "team_" is dropped
TEAM_TEXT = (
    "customer_obsession", "competitor_obsession", "overall", "dimension", "team_all", "team_segment_none",
    "team_counted", "team_refused_count", "team_duplicates_count", "team_no_codes", "team_line", "team_file_line",
    "team_duplicate", "team_all_hidden", "team_hidden_small", "team_hidden_complement", "team_cell_small",
    "team_cell_complement", "team_no_answers", "team_n", "team_mean", "team_median",
    "team_quartiles", "team_range", "team_quadrant_none", "team_codes", "team_share", "team_gap",
    "team_gap_value", "team_answer", "team_skipped", "team_question_hidden",
    # the team report (#15): sentences, participation, charts, comparison
    "team_sentence_n", "team_sentence_position", "team_sentence_unplaced", "team_sentence_spread",
    "team_sentence_gap", "team_rate", "team_trust_small", "team_trust_low_rate", "team_trust_more_than_invited",
    "team_show_numbers", "team_not_placed", "team_quadrants_by_dimension", "team_quadrants_by_group",
    "team_quadrant", "team_box_caption", "team_box_legend", "team_quartiles_note", "team_heatmap_caption",
    "team_heatmap_note", "team_compare_format", "team_compare_bank", "team_compare_done", "team_before",
    "team_now", "team_change",
    "code_empty", "code_oversized", "code_characters", "code_version", "code_checksum", "code_bank",
    "code_length", "code_segment", "code_range",
)


def ui_in_bank_words(bank: Bank, ui: dict[str, str], lang: str) -> dict[str, str]:
    """The UI strings of `lang` with the axes named as the bank names them (`axes:` in
    bank.yml; by default the UI strings customer_obsession and competitor_obsession):
    those two labels replaced, and {customer_axis} and {competitor_axis} filled in
    every string. Templates and scripts then show the bank's words without knowing it."""
    names = {axis: getattr(bank.axes, axis)[lang] if getattr(bank.axes, axis) else ui[f"{axis}_obsession"]
             for axis in AXES}
    words = {}
    for key, text in ui.items():
        for axis, name in names.items():
            text = text.replace(f"{{{axis}_axis}}", name)
        words[key] = text
    return words | {f"{axis}_obsession": name for axis, name in names.items()}


def has_hints(bank: Bank) -> bool:
    """A bank without `improve:` texts gets no hints page, and no links to one."""
    return any(q.improve for q in bank.questions)


def language_pages(bank: Bank) -> list[str]:
    return [page for page in PAGES if page != "hints" or has_hints(bank)]


def page_files(bank: Bank) -> list[str]:
    """Every HTML file a build writes, below the site folder."""
    return [file for file, _ in ROOT_PAGES.values()] + [
        f"{lang}/{page}.html" for lang in bank.languages for page in language_pages(bank)]


def minutes(bank: Bank) -> int:
    """About how long the questionnaire takes."""
    return max(1, math.ceil(sum(SECONDS_PER_QUESTION[q.type] for q in bank.questions) / 60))


def quiz_data(bank: Bank, ui: dict[str, str]) -> dict:
    return {"bank": bank.scoring_model["bank"], "text": {key: ui[key] for key in QUIZ_TEXT}}


def results_data(bank: Bank, ui: dict[str, str], lang: str, page: str) -> dict:
    """What the script of a page that shows a result needs beyond the HTML: the
    scoring model, the bank tag (result codes, shared links) and a few words."""
    text_keys, extras = RESULT_PAGES[page]
    data = {
        "model": bank.scoring_model,
        "tag": bank.tag,
        "segments": bank.segment_ids,
        "text": {key: ui[key] for key in text_keys},
    }
    if "levels" in extras:
        data["levels"] = {lv.id: lv.title[lang] for lv in bank.levels}
    if "scale" in extras:
        data["scale"] = bank.scale[lang]
    if "questions" in extras:  # the levers
        data["questions"] = [q.text[lang] for q in bank.questions]
    if "titles" in extras:  # the CSV's title column
        data["titles"] = [d.title[lang] for d in bank.dimensions] + [ui["overall"]]
    return data


def team_data(bank: Bank, ui: dict[str, str], lang: str) -> dict:
    """What the team page's script needs: the model to decode and score codes, and the words to show them."""
    labels = {
        "segments": [o.title[lang] for o in bank.segments.options] if bank.segments else [],
        "dimensions": [d.title[lang] for d in bank.dimensions],
        "questions": [q.text[lang] for q in bank.questions],
        "options": [[o.text[lang] for o in q.options] for q in bank.questions],
        "scale": bank.scale[lang],
        "quadrants": [getattr(bank.quadrants, key).title[lang] for key in QUADRANTS],
        "levels": [lv.title[lang] for lv in bank.levels],
    }
    return {
        "model": bank.scoring_model,
        "tag": bank.tag,
        "min_group_size": bank.min_group_size,
        "segments": bank.segment_ids,
        "labels": labels,
        "text": {key.removeprefix("team_"): ui[key] for key in TEAM_TEXT},
    }


def team_advice(bank: Bank, dimension_id: str) -> dict[str, dict[str, str]]:
    """The bank's texts for a team's next steps in one dimension, each under the key by which
    the team page picks it for the team's place there (rules/highlights.js adviceKeys):
    "quadrant:<id>" its quadrant's recommendation, "level:<id>" its level's."""
    by_quadrant = bank.quadrant_recommendations.get(dimension_id, {})
    by_level = bank.recommendations.get(dimension_id, {})
    return ({f"quadrant:{key}": by_quadrant[key] for key in QUADRANTS if by_quadrant.get(key)}
            | {f"level:{lv.id}": by_level[lv.id] for lv in bank.levels if by_level.get(lv.id)})
