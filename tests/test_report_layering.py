"""How the modules of toolkit/report/ depend on each other and on the rest of the package
(issue #25): ``report`` needs only ``results``, ``errors`` and ``resources``; the tables
import no view at import time (a view is reached by a lazy import inside the CorpusReport
method that shows it); the modules import each other one way. Read from the source with
``ast``, so nothing is imported to check it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORT = Path(__file__).resolve().parents[1] / "toolkit" / "report"
MODULES = sorted(p.stem for p in REPORT.glob("*.py") if p.stem != "__init__")
#: What report/ may import from the rest of the package.
ALLOWED_OUTSIDE = {"results", "errors", "resources"}
#: What the bottom modules and the tables may import from report/ at import time.
BELOW = {"outdir": set(), "formats": {"outdir"}, "tables": {"formats", "outdir"}}


def _imports(module: str, *, top_level_only: bool) -> set[str]:
    """The ``toolkit`` modules that ``toolkit/report/<module>.py`` imports, as dotted names below
    ``toolkit`` (``report.tables``, ``errors``); with ``top_level_only`` only those imported when
    the module is (not inside a function, not under ``if TYPE_CHECKING``)."""
    tree = ast.parse((REPORT / f"{module}.py").read_text(encoding="utf-8"))
    nodes = [n for n in (tree.body if top_level_only else ast.walk(tree)) if isinstance(n, (ast.Import, ast.ImportFrom))]
    package = ["toolkit", "report"]
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] + (node.module.split(".") if node.module else [])
            else:
                base = (node.module or "").split(".")
            if base[0] != "toolkit":
                continue
            if len(base) == 1 or base == package:  # from .. import x / from . import plots
                found |= {".".join([*base[1:], a.name]) for a in node.names}
            else:
                found.add(".".join(base[1:]))
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".", 1)[1] for a in node.names if a.name.startswith("toolkit.")}
    return found


def test_the_reader_sees_lazy_imports_and_tells_them_from_import_time_ones() -> None:
    assert {"tables", "stats", "formats", "outdir", "html", "plots", "export", "reload"} <= set(MODULES)
    assert {"report.html", "report.stats", "report.plots", "errors", "results"} <= _imports("tables", top_level_only=False)
    assert _imports("tables", top_level_only=True) == {"report.formats", "report.outdir", "errors", "resources", "results"}


@pytest.mark.parametrize("module", MODULES)
def test_report_needs_only_results_errors_and_resources(module: str) -> None:
    outside = {m.split(".")[0] for m in _imports(module, top_level_only=False) if not m.startswith("report")}
    assert outside <= ALLOWED_OUTSIDE, f"report/{module}.py imports toolkit.{sorted(outside - ALLOWED_OUTSIDE)}"


@pytest.mark.parametrize("module", sorted(BELOW))
def test_tables_and_what_they_stand_on_import_no_view_at_import_time(module: str) -> None:
    inside = {m.split(".")[1] for m in _imports(module, top_level_only=True) if m.startswith("report.")}
    assert inside <= BELOW[module], f"report/{module}.py imports report.{sorted(inside - BELOW[module])} at import time"


def test_report_modules_import_each_other_without_a_cycle() -> None:
    graph = {m: {d.split(".")[1] for d in _imports(m, top_level_only=True) if d.startswith("report.")}
             for m in MODULES}
    done: set[str] = set()

    def visit(m: str, path: tuple[str, ...]) -> None:
        assert m not in path, f"import cycle: {' -> '.join((*path, m))}"
        if m not in done:
            for d in sorted(graph.get(m, ())):
                visit(d, (*path, m))
            done.add(m)

    for m in MODULES:
        visit(m, ())


def test_the_package_names_what_users_meet() -> None:
    import toolkit
    import toolkit.report as report

    assert report.CorpusReport is toolkit.CorpusReport and report.load_report is toolkit.load_report
    assert report.unescape_cell(report.escape_cell("=1+1")) == "=1+1"
    for module in MODULES:  # the package docstring says what each module is for
        assert f"``{module}``" in (report.__doc__ or ""), module
