"""`assess i18n --template [LANG]`: a UI strings file to start from, printed, so that
nobody has to look for the built-in ones inside the installed package.

For a new language it is the English file, to translate; for a built-in language
it is that language's file, to reword single strings in a theme.
"""
from __future__ import annotations

from ..bank.schema import LANG_RE
from ..errors import AssessError
from ..resources import bundled
from ..site.theme import REFERENCE_LANGUAGE


def ui_template(lang: str = REFERENCE_LANGUAGE) -> str:
    if not LANG_RE.match(lang):
        raise AssessError(f"--template {lang}: not a language code; use an ISO 639 code such as de, en or pt-BR")
    folder = bundled("site_src") / "i18n"
    builtin = folder / f"{lang}.yml"
    if builtin.is_file():
        header = (f"# The built-in UI strings for {lang!r}. To reword some in a project, keep just those\n"
                  f"# keys in your theme folder's i18n/{lang}.yml (theme_dir in assessment.yml).\n")
    else:
        header = (f"# UI strings for {lang!r}, to translate: the values are the built-in English ones.\n"
                  f"# Save this as i18n/{lang}.yml in your theme folder (theme_dir in assessment.yml),\n"
                  "# translate every value and keep the {placeholders}; assess validate names what is missing.\n")
        builtin = folder / f"{REFERENCE_LANGUAGE}.yml"
    return header + without_leading_comments(builtin.read_text(encoding="utf-8"))


def without_leading_comments(text: str) -> str:
    """The file without its own header (it speaks of the file inside assess)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return "".join(lines[start:])
