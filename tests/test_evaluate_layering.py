"""Who may import the evaluations and the training recipes (issue #25): ``train`` may import
``evaluate``, ``evaluate`` never imports ``train``, and no other module of the package imports
either (they are tools run on the package, not part of it)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "toolkit"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Absolute names of every module ``path`` imports, relative imports resolved, ``from x
    import y`` read as both ``x`` and ``x.y`` (``y`` may be a module)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base = ".".join(base_parts[:len(base_parts) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            out.add(base)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return out


def _imports_from(modules: set[str], package: str) -> set[str]:
    return {m for m in modules if m == package or m.startswith(package + ".")}


def test_the_import_reader_resolves_relative_imports() -> None:
    assert _module_name(PACKAGE / "evaluate" / "ner.py") == "toolkit.evaluate.ner"
    found = imported_modules(PACKAGE / "train" / "ner.py")
    assert "toolkit.evaluate.datasets.read_ner_jsonl" in found and "toolkit.ner.tagging.crf" in found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", [p for p in MODULES if p.parent.name not in ("train", "evaluate")],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_of_the_package_imports_train_or_evaluate(path: Path) -> None:
    found = imported_modules(path)
    assert not _imports_from(found, "toolkit.train") | _imports_from(found, "toolkit.evaluate")


@pytest.mark.parametrize("path", [p for p in MODULES if p.parent.name == "evaluate"],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_evaluate_never_imports_train(path: Path) -> None:
    assert not _imports_from(imported_modules(path), "toolkit.train")
