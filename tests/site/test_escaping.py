"""`{{ value }}` in the pages' templates is escaped to plain text rather than to
a Markup object (builder/site/escaping.py, #18): the same bytes as Jinja's own
escaping, for every kind of value and every way a template outputs one."""
from __future__ import annotations

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from builder.site.escaping import PageEnvironment, escape_output

#: text heavy in what HTML escaping changes
risky_text = st.lists(st.sampled_from([*"<>&\"'", "a", " ", "ä", "\x00", "&amp;", "\u2028"]), max_size=20).map("".join)
values = st.one_of(risky_text, st.text(max_size=20), risky_text.map(Markup), st.integers(), st.floats(),
                   st.none(), st.booleans())

#: every way a template outputs a value: plain, filtered, in attributes, captured
#: by {% set %}, through a macro and caller(), with |e and |safe, and in a block
#: where autoescaping is switched off and on again
TEMPLATE = """\
{% macro box(v) %}<b title="{{ v }}">{{ caller() }}</b>{% endmacro %}
<p id="{{ value }}">{{ value }}</p>{{ value|string|upper }}{{ value|e }}{{ value|string|safe }}
{% set captured %}<i>{{ value }}</i>{% endset %}{{ captured }}{{ captured|length }}
{% call box(value) %}{{ value }}{% endcall %}
{% for item in [value, value] %}{{ loop.index }}{{ item }}{% endfor %}
{% autoescape false %}{{ value }}{% autoescape true %}{{ value }}{% endautoescape %}{% endautoescape %}
{{ "%s|%s"|format(value, value) }}{{ [value]|join(",") }}
"""

OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "undefined": jinja2.StrictUndefined}
OURS = PageEnvironment(**OPTIONS).from_string(TEMPLATE)
JINJAS = jinja2.Environment(**OPTIONS).from_string(TEMPLATE)


@settings(max_examples=500, deadline=None)
@given(values)
def test_escape_output_is_markupsafes_escape_as_text(value):
    assert escape_output(value) == escape(value)
    assert isinstance(escape_output(value), str)


@settings(max_examples=300, deadline=None)
@given(values)
def test_templates_render_as_with_jinjas_own_escaping(value):
    assert OURS.render(value=value) == JINJAS.render(value=value)


def test_output_goes_through_escape_output():
    """The compiled template calls escape_output: were Jinja's code generator
    to change, this fails rather than the build quietly slowing down."""
    code = PageEnvironment(**OPTIONS).compile("<p>{{ value }}</p>{{ other|upper }}", raw=True)
    assert code.count("environment.escape_output(") == 2
    assert "yield escape(" not in code


def test_undefined_values_still_fail_loudly():
    with pytest.raises(jinja2.UndefinedError, match="'missing' is undefined"):
        PageEnvironment(**OPTIONS).from_string("{{ missing }}").render()


class Strings(dict):
    """A dict subclass with an attribute of its own: Jinja's rule, not the shortcut."""

    def __init__(self, *args):
        super().__init__(*args)
        self.lines = "the attribute"


#: keys that are a dict's methods or attributes, and keys that are not
names = st.sampled_from(["items", "keys", "get", "copy", "__class__", "__doc__", "lines", "quiz_title", "x", ""])
containers = st.one_of(
    st.dictionaries(names, st.integers()),
    st.dictionaries(names, st.integers()).map(Strings),
    st.lists(st.integers(), max_size=3),
    st.builds(lambda: jinja2.utils.Namespace(quiz_title="title")),
)


@settings(max_examples=300, deadline=None)
@given(containers, names)
def test_attribute_lookup_is_jinjas(obj, name):
    """PageEnvironment looks up a plain dict's keys directly (`t.key`): the
    result must be Jinja's for every object and name, methods of dict included."""
    ours, jinjas = PageEnvironment(**OPTIONS).getattr(obj, name), jinja2.Environment(**OPTIONS).getattr(obj, name)
    if isinstance(jinjas, jinja2.Undefined):
        assert type(ours) is type(jinjas) and ours._undefined_name == jinjas._undefined_name
        assert ours._undefined_obj is jinjas._undefined_obj
    else:
        assert ours == jinjas


def test_a_missing_ui_string_fails_loudly():
    with pytest.raises(jinja2.UndefinedError, match="'dict object' has no attribute 'missing'"):
        PageEnvironment(**OPTIONS).from_string("{{ t.missing }}").render(t={"there": "yes"})
