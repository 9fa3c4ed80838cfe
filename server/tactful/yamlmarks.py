"""YAML loading that remembers where every value was written, for error messages."""

from __future__ import annotations

import yaml

Path = tuple


def load_with_marks(text: str) -> tuple[object, dict[Path, tuple[int, int]]]:
    """Parse YAML; also map each path (keys and list indexes) to its 1-based (line, column)."""
    data = yaml.safe_load(text)
    marks: dict[Path, tuple[int, int]] = {}
    root = yaml.compose(text, Loader=yaml.SafeLoader)

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


def mark_of(marks: dict[Path, tuple[int, int]], path: Path) -> tuple[int, int]:
    """The mark of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path and path not in marks:
        path = path[:-1]
    return marks.get(path, (1, 1))
