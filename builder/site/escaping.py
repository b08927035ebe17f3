"""The Jinja environment of the pages, writing `{{ value }}` as text.

In an autoescaped template Jinja puts every `{{ value }}` through
markupsafe's escape(), which returns the escaped text wrapped in a `Markup`
object, built in Python. In a page's output that object is only joined into
the page, so the wrapper is work for nothing: 230,000 times per language for a
10,000-question bank, a tenth of its rendering (#18). Here a plain `str` goes
through the same C function escape() uses, and comes out as `str`; Markup,
already safe, is passed on as it is; an int or float as its text, which has
nothing to escape; anything else (undefined values, objects with __html__)
goes through escape() itself. The bytes of every page are the same.

Only the output of `{{ }}` changes. Where a template's escaping is switched
per block (`{% autoescape %}`), and in the `|e` filter, Jinja's own code runs.

`t.key` on a plain dict (the UI strings) is looked up as the key it is,
rather than first as an attribute that a dict does not have (`getattr`).
"""
from __future__ import annotations

import jinja2
from jinja2.compiler import CodeGenerator
from markupsafe import Markup, escape

try:  # what escape() runs on a str (markupsafe 3)
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: escape() itself
    _escape_inner = None


def escape_output(value) -> str:
    """`markupsafe.escape(value)`, the quick way for a plain `str` (escaped),
    for `Markup` (already safe: escape() would only copy it) and for numbers
    (their text has nothing to escape: digits, sign, point, "e", "inf", "nan")."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    if kind is int or kind is float:
        return str(value)
    return escape(value)


if _escape_inner is None:  # pragma: no cover
    escape_output = escape  # noqa: F811


class TextOutput(CodeGenerator):
    """Compiles `{{ value }}` of an autoescaped template to
    `environment.escape_output(value)` instead of `escape(value)`."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


#: what `getattr()` finds on a dict: its methods and what every object has
DICT_ATTRIBUTES = frozenset(dir(dict))


class PageEnvironment(jinja2.Environment):
    code_generator_class = TextOutput
    escape_output = staticmethod(escape_output)

    def getattr(self, obj, attribute: str):
        """`obj.attribute` in a template: Jinja's rule (the attribute, else the
        item), with a plain dict's keys looked up directly. Jinja tries the
        attribute first and learns from an AttributeError that there is none:
        for the UI strings (`t.key`) 36,000 times per page language of a large bank."""
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:  # jinja2.Environment.getattr, here rather than called: most lookups are a question's fields
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)
