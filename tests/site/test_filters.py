"""The filters pages use on bank data (site/theme.py), with Jinja's own
lookup rules: `|tr` finds the page's language as `context["lang"]` would."""
from __future__ import annotations

import pytest

from builder.resources import bundled
from builder.site.theme import template_environment

TEXT = {"de": "Hallo", "en": "Hello"}


@pytest.fixture(scope="module")
def env():
    return template_environment(bundled("site_src") / "templates", None)


def test_tr_is_the_text_in_the_pages_language(env):
    assert env.from_string("{{ text|tr }}").render(text=TEXT, lang="de") == "Hallo"
    assert env.from_string("{{ text|tr }}").render(text=TEXT, lang="en") == "Hello"


def test_tr_follows_a_language_the_template_sets_as_context_lookup_does(env):
    template = '{% set lang = "de" %}{{ text|tr }}'
    assert env.from_string(template).render(text=TEXT, lang="en") == "Hallo"
    globals_only = env.from_string("{{ text|tr }}", globals={"lang": "en"})
    assert globals_only.render(text=TEXT) == "Hello"


def test_tr_without_a_language_fails_as_before(env):
    with pytest.raises(KeyError, match="lang"):
        env.from_string("{{ text|tr }}").render(text=TEXT)
    with pytest.raises(KeyError, match="fr"):
        env.from_string("{{ text|tr }}").render(text=TEXT, lang="fr")
