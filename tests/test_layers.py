"""The core never knows about its front ends (see CONTRIBUTING.md).

Modules under tactful/engine, tactful/kinds, tactful/packs and tactful/detector
may not import Flask (or its Werkzeug) nor tactful.server or tactful.cli. The
source is read with `ast`, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "server" / "tactful"
CORE = ("engine", "kinds", "packs", "detector")
FORBIDDEN = ("flask", "werkzeug", "tactful.server", "tactful.cli")


def _module_name(path: Path) -> str:
    parts = ["tactful", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module a source file imports, as absolute names, with its line."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.append((node.lineno, base))
            # `from tactful import server` imports the module tactful.server
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") or (f == "flask" and name.startswith("flask_")) for f in FORBIDDEN)


def core_modules() -> list[Path]:
    return sorted(p for layer in CORE for p in (PACKAGE / layer).rglob("*.py"))


def test_the_core_layers_exist():
    for layer in CORE:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
    assert len(core_modules()) >= 20


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_no_front_end(path: Path):
    module = _module_name(path)
    bad = [f"{path.relative_to(PACKAGE)}:{line}: imports {name}"
           for line, name in imported_modules(path.read_text("utf-8"), module, path.name == "__init__.py")
           if forbidden(name)]
    assert not bad, "the core imports a front end:\n" + "\n".join(bad)


@pytest.mark.parametrize("source", [
    "import flask",
    "from flask import Flask",
    "from flask_limiter import Limiter",
    "def f():\n    from werkzeug.exceptions import HTTPException",
    "from ..server import create_app",
    "from .. import server",
    "from ..cli.main import main",
    "import tactful.cli",
    "from tactful.server.errors import ApiError",
])
def test_the_check_catches_front_end_imports(source: str):
    names = [name for _, name in imported_modules(source, "tactful.engine.reviewer", False)]
    assert any(forbidden(n) for n in names), names


def test_the_check_allows_core_imports():
    source = "from ..packs.pack import Pack\nfrom . import signals\nimport re2\nfrom ..servers_like import x"
    names = [name for _, name in imported_modules(source, "tactful.engine.reviewer", False)]
    assert not any(forbidden(n) for n in names), names
