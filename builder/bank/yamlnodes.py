"""Read YAML files into PyYAML node trees, refusing what a bank never needs.

Nodes (not Python objects) are kept because they know their line numbers; the
schema reads values from them. Composing uses libyaml when available, which is
what makes a 10,000-question bank load in well under a second.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import BankError, Problem, decode_utf8
from .yamlsyntax import describe

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 20 * 1024 * 1024
#: Aliases may reuse a node a few times; expanding to far more nodes than the
#: file spells out is an alias bomb ("billion laughs").
ALIAS_BUDGET_FACTOR = 10
ALIAS_BUDGET_BASE = 10_000

STR = "tag:yaml.org,2002:str"
#: A bank nests about six levels deep. libyaml's composer recurses in C once per
#: level and crashes the interpreter some ten thousand levels down, so depth is
#: checked on the parser's event stream (which does not recurse) first.
MAX_DEPTH = 50


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def load_nodes(path: Path, problems: list[Problem], allow_empty: bool = False) -> Node | None:
    """Return the root node of a one-document YAML file, or None after
    appending the problem that prevents reading it. With `allow_empty`, a file
    of nothing but comments reads as an empty mapping."""
    where = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem(where, None, f"cannot read file: {exc.strerror}"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(where, None, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"))
        return None
    data = path.read_bytes()
    return parse_nodes(data, where, problems, allow_empty)


def parse_nodes(data: bytes, where: str, problems: list[Problem], allow_empty: bool = False) -> Node | None:
    try:
        text = decode_utf8(where, data)
    except BankError as error:
        problems += error.problems
        return None
    try:
        if limits_nesting(_Loader):
            root = yaml.compose(text, Loader=composer(_Loader))
            # an alias can only follow an anchor ("&"), and is no deeper where it is used
            deep = first_too_deep(text) if "&" in text else first_too_deep_node(root)
        else:  # the composer could recurse itself to death: count first
            deep = first_too_deep(text)
            root = None if deep else yaml.compose(text, Loader=composer(_Loader))
    except yaml.YAMLError as exc:
        deep = too_deep_before_error(text)
        if not deep:
            line, message = describe(exc, text)
            problems.append(Problem(where, line, message))
            return None
    if deep:
        problems.append(Problem(where, deep, f"nested more than {MAX_DEPTH} levels deep; a bank needs about 6"))
        return None
    if root is None or (isinstance(root, ScalarNode) and root.tag == "tag:yaml.org,2002:null"):
        if allow_empty:
            mark = root.start_mark if root is not None else yaml.Mark(where, 0, 0, 0, None, None)
            return MappingNode("tag:yaml.org,2002:map", [], mark, mark)
        problems.append(Problem(where, 1, "file is empty"))
        return None
    # Aliases (*name) can only refer to anchors (&name): in a file without "&"
    # nothing can expand, so the node count (up to 40% of the time it takes to
    # read a large bank, #8) is skipped.
    unique, expanded = _count_nodes(root) if "&" in text else (0, 0)
    if expanded is None:
        problems.append(Problem(where, None, "an alias refers to a node that contains it (recursive alias)"))
        return None
    if expanded > ALIAS_BUDGET_FACTOR * unique + ALIAS_BUDGET_BASE:
        problems.append(
            Problem(where, None, f"aliases expand {unique:,} nodes to {expanded:,}; refusing (alias bomb?)")
        )
        return None
    return root


def limits_nesting(loader) -> bool:
    """libyaml 0.2.6 and later stop at 1,000 levels with an error of their own,
    so their composer can run first and the depth be counted on its nodes. An
    older libyaml recurses in C without a limit (a crash some ten thousand levels
    down), and PyYAML's own composer in Python: for them the event stream is
    counted before composing (a second pass over the file)."""
    if loader is yaml.SafeLoader:
        return False
    from yaml import _yaml
    return tuple(_yaml.get_version()) >= (0, 2, 6)


@cache
def composer(loader: type) -> type:
    """`loader`, answering the composer's questions about tags the quick way.
    PyYAML's resolver asks about path resolvers on entering and leaving every
    node and looks at the first character of every value: a third of composing
    time. A bank adds no resolvers, so only plain (unquoted) values need a look."""
    table = loader.yaml_implicit_resolvers
    wildcard = table.get(None, [])
    by_first = {first: tuple(found + wildcard) for first, found in table.items() if first is not None}
    others = tuple(wildcard)

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, pattern in by_first.get(value[:1], others):
                    if pattern.match(value):
                        return tag
            return loader.DEFAULT_SCALAR_TAG
        return loader.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else loader.DEFAULT_MAPPING_TAG

    def no_path(self, *args):
        return None

    return type(f"Bank{loader.__name__}", (loader,),
                {"resolve": resolve, "descend_resolver": no_path, "ascend_resolver": no_path})


def first_too_deep_node(root: Node | None) -> int | None:
    """Line of the first collection (in document order) nested more than
    MAX_DEPTH levels deep, or None: what `first_too_deep` finds on the events,
    for a tree without aliases (a file without "&"). Counted level by level:
    a bank's few levels are a handful of list comprehensions."""
    level = [root] if root is not None and not isinstance(root, ScalarNode) else []
    for _ in range(MAX_DEPTH):
        if not level:
            return None
        below: list[Node] = []
        for node in level:
            if type(node) is SequenceNode:
                below += [child for child in node.value if type(child) is not ScalarNode]
            else:
                below += [part for pair in node.value for part in pair if type(part) is not ScalarNode]
        level = below
    # document order is the order of where nodes start
    return line_of(min(level, key=lambda node: node.start_mark.index)) if level else None


def too_deep_before_error(text: str) -> int | None:
    """After the composer stopped: whether nesting too deep comes first (then
    that is the problem to report, as the first pass would have found it)."""
    try:
        return first_too_deep(text)
    except yaml.YAMLError:
        return None


def first_too_deep(text: str) -> int | None:
    """Line where nesting first exceeds MAX_DEPTH, or None.

    libyaml (0.2.6 and later) refuses nesting beyond a limit of its own, and may
    reach it while scanning ahead, before it hands over the event that is one
    level too deep. So when libyaml stops with an error, the pure-Python parser
    (no limit, no recursion, slower) counts the depth up to that error: too deep
    nesting is reported in the project's words whatever libyaml does."""
    try:
        return _depth_exceeded(yaml.parse(text, Loader=_Loader))
    except yaml.YAMLError:
        if _Loader is yaml.SafeLoader:
            raise
        try:
            deep = _depth_exceeded(yaml.parse(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError:
            deep = None
        if deep is None:
            raise
        return deep


def _depth_exceeded(events) -> int | None:
    depth = 0
    for event in events:
        kind = type(event)
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1
    return None


def _count_nodes(root: Node) -> tuple[int, int | None]:
    """Count distinct nodes and nodes after alias expansion, in linear time.

    Composed aliases share node objects, so sizes are memoized by identity.
    Returns (unique, None) for a recursive structure.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            active.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in active:
            return len(sizes), None
        active.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in active:
                return len(sizes), None
            if id(child) not in sizes:
                stack.append((child, False))
    return len(sizes), sizes[id(root)]


def _children(node: Node):
    if isinstance(node, SequenceNode):
        return node.value
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return ()
