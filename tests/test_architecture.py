"""The shape of the package (issue #25, docs/ARCHITECTURE.md): an Analyzer owns what it uses,
and dependencies run one way."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from toolkit import Analyzer

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "toolkit"
MODELS = ROOT / "models"


# ---------------------------------------------------------------------------- ownership

@pytest.fixture(scope="module")
def other_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model folder like the bundled one whose user dictionary knows one more word and whose
    tone lexicon one more term (the big model files are links)."""
    root = tmp_path_factory.mktemp("models")
    for sub in MODELS.iterdir():
        if sub.name in ("userdict", "sentiment"):
            shutil.copytree(sub, root / sub.name)
        elif sub.is_dir():
            (root / sub.name).symlink_to(sub, target_is_directory=True)
    with (root / "userdict" / "userdict.txt").open("a", encoding="utf-8") as f:
        f.write("\n栖木云图 50 nz\n喵呜喵呜 50 a\n")
    with (root / "sentiment" / "lexicon.tsv").open("a", encoding="utf-8") as f:
        f.write("\n喵呜喵呜\tpos\t3.0\n")
    return root


def test_two_analyzers_on_two_model_folders_each_use_their_own_dictionary(other_models: Path) -> None:
    default, other = Analyzer(), Analyzer(model_dir=other_models)
    text = "栖木云图今天上线。"
    assert "栖木云图" in other.tokenize(text)
    assert "栖木云图" not in default.tokenize(text)
    # the entity layer's own tokenizer reads the dictionary of its analyzer's folder too
    assert "栖木云图" in other.entity_extractor._words.lcut(text)
    assert "栖木云图" not in default.entity_extractor._words.lcut(text)
    # and the first analyzer is unchanged after the second was built
    assert "栖木云图" not in Analyzer().tokenize(text)


def test_two_analyzers_on_two_model_folders_each_use_their_own_tone_lexicon(other_models: Path) -> None:
    text = "这款新品喵呜喵呜。"
    other = Analyzer(model_dir=other_models, components=("sentiment",)).sentiment(text)
    default = Analyzer(components=("sentiment",)).sentiment(text)
    assert any(term == "喵呜喵呜" for term, _ in other.evidence)
    assert not any(term == "喵呜喵呜" for term, _ in default.evidence)


# ---------------------------------------------------------------------------- layering

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The toolkit modules ``path`` imports (anywhere in it: lazy imports count)."""
    name = _module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("toolkit"):
                out.add(target)
                out.update(f"{target}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("toolkit"))
    return out


def _area(module: str) -> str:
    """The layer a module belongs to: its folder under toolkit/, or its own name at the top."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "toolkit"


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}

#: What each area may import (besides itself). Top-level modules are named by their module.
ALLOWED = {
    "results": {"report"},  # only the lazy view hooks of Article (to_frame, _repr_html_, to_spacy)
    "errors": set(),
    "resources": {"errors"},
    "corpus": {"errors", "resources"},
    "text": {"results", "errors", "resources"},
    "ner": {"results", "errors", "resources", "text", "keywords"},
    "keywords": {"results", "errors", "resources", "text"},
    "sentiment": {"results", "errors", "resources", "text", "tone_target"},
    "tone_target": {"results", "errors", "resources", "text", "sentiment"},
    "quotes": {"results", "errors", "resources", "text", "ner"},
}
# report/ (tests/test_report_layering.py), train/ and evaluate/ (tests/test_evaluate_layering.py)
# have their own tests.


def test_the_result_types_import_nothing_from_the_package_when_loaded() -> None:
    tree = ast.parse((PACKAGE / "results.py").read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.ImportFrom) and (n.level or (n.module or "").startswith("toolkit"))]
    assert top == []


def test_the_module_map_is_complete() -> None:
    assert {"toolkit.results", "toolkit.ner.extractor", "toolkit.pipeline.steps"} <= set(MODULES)


@pytest.mark.parametrize("area", sorted(ALLOWED))
def test_dependencies_run_one_way(area: str) -> None:
    allowed = ALLOWED[area] | {area, "toolkit"}
    wrong = sorted(f"{m} imports {t}" for m, p in MODULES.items() if _area(m) == area
                   for t in _imports(p) if t.count(".") >= 1 and _area(t) not in allowed
                   and t != "toolkit.__version__")
    assert wrong == []


def test_module_state_is_only_the_worker_processes() -> None:
    """No module rebinds a global, except the worker slots of the process pool (set in worker
    processes only, pipeline/parallel.py)."""
    rebinding = sorted(m for m, p in MODULES.items()
                       if any(isinstance(n, ast.Global) for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))))
    assert rebinding == ["toolkit.pipeline.parallel"]


def test_modules_stay_readable_in_one_sitting() -> None:
    long = sorted(f"{m}: {n}" for m, p in MODULES.items()
                  if (n := len(p.read_text(encoding="utf-8").splitlines())) > 800)
    assert long == []
