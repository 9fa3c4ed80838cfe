"""YAML loading that remembers where every value was written, for error messages.

A rule pack is plain data, so the loader refuses what plain data never needs and
what a hostile pack would use: anchors and aliases (a few hundred bytes of nested
aliases expand to gigabytes, the "billion laughs") and nesting deeper than
`MAX_DEPTH` (which would exhaust the recursion of the composer). Both are found
in the event stream, before anything is built, and reported with their line.
"""

from __future__ import annotations

import yaml

Path = tuple
MAX_DEPTH = 32


def _refuse(problem: str, mark) -> yaml.MarkedYAMLError:
    return yaml.MarkedYAMLError(problem=problem, problem_mark=mark)


def _check_events(text: str) -> None:
    """Raise a MarkedYAMLError at the first anchor, alias or over-deep nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise _refuse(f"aliases (*{event.anchor}) are not allowed in a rule pack; write the value out", event.start_mark)
        if getattr(event, "anchor", None):
            raise _refuse(f"anchors (&{event.anchor}) are not allowed in a rule pack; write the value out", event.start_mark)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise _refuse(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def load_with_marks(text: str) -> tuple[object, dict[Path, tuple[int, int]]]:
    """Parse YAML; also map each path (keys and list indexes) to its 1-based (line, column)."""
    _check_events(text)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    marks: dict[Path, tuple[int, int]] = {}

    def walk(node, path: Path) -> None:
        marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, path + (key.value,))
                marks[path + (key.value, "<key>")] = (key.start_mark.line + 1, key.start_mark.column + 1)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    if root is not None:
        walk(root, ())
    return data, marks


def mark_of(marks: dict[Path, tuple], path: Path, default: tuple = (1, 1)) -> tuple:
    """The mark of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path, default)
