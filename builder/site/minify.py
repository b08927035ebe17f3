"""Serve the site's JavaScript and CSS without comments and indentation.

The sources in site_src/ are written for people (JSDoc, explanations); browsers
need none of it, and the page-weight budget counts every byte. Only *whole-line*
comments and leading white space go: a line holding code is never changed, line
breaks stay (so JavaScript's semicolon insertion reads the same), and a file
with a multi-line string or template literal is served as it is.
"""
from __future__ import annotations

import re

#: a line that may continue a string onto the next one: an odd number of backticks, or a trailing backslash
UNSAFE_LINE = re.compile(r"^[^`]*`([^`]*`[^`]*`)*[^`]*$|\\$")


def minify(path: str, data: bytes) -> bytes:
    if path.endswith(".js"):
        return strip_comments(data.decode("utf-8"), line_comments=True).encode("utf-8")
    if path.endswith(".css"):
        return strip_comments(data.decode("utf-8"), line_comments=False).encode("utf-8")
    return data


def strip_comments(text: str, line_comments: bool) -> str:
    lines = text.splitlines()
    if line_comments and any(UNSAFE_LINE.search(line) for line in lines):
        return text
    kept, in_comment = [], False
    for line in (line.strip() for line in lines):
        if in_comment:
            in_comment = "*/" not in line
            line = "" if in_comment else line.split("*/", 1)[1].strip()
        elif line.startswith("/*"):
            in_comment = "*/" not in line
            line = "" if in_comment else line.split("*/", 1)[1].strip()
        elif line_comments and line.startswith("//"):
            line = ""
        if line:
            kept.append(line)
    return "\n".join(kept) + "\n"
