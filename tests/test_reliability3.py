"""Issue #30, the rest: runs that must not mix, temporary files that follow no planted link, a
jieba cache nobody else can plant, and a merge of shards that does not hold the whole report."""
from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import interrupt_after

from toolkit import Analyzer, InvalidParameterError, OutputError
from toolkit.cli import main
from toolkit.pipeline.shards import SHARD_DIR, run_sharded

ROOT = Path(__file__).resolve().parent.parent


def _light() -> Analyzer:
    """Cleaning, sentences and tokens only: the run machinery is under test, not the models."""
    return Analyzer(components=())


def _corpus(folder: Path, n: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(f"第{i}篇：华为发布新手机，市场反应热烈。", encoding="utf-8")
    return folder


# ------------------------------------------------------------------ A1. one run per output folder

def test_a_run_into_a_folder_another_run_is_writing_stops_with_a_clear_message_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = _corpus(tmp_path / "in"), tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom toolkit.report.outdir import locked_output\n"
         "with locked_output(sys.argv[1]):\n    print('locked', flush=True)\n    time.sleep(120)\n", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert main(["report", str(src), "-o", str(out), "-q"]) == 1
        err = capsys.readouterr().err
        assert f"in use by another toolkit report run (process {holder.pid})" in err
        assert not (out / "articles.csv").exists() and not (out / SHARD_DIR).exists()
    finally:
        holder.kill()
        holder.wait()
    # the lock goes with the process that held it: nothing stale is left to remove by hand
    assert main(["report", str(src), "-o", str(out), "-q"]) == 0
    assert len(pd.read_csv(out / "articles.csv")) == 5


def test_the_lock_is_taken_before_anything_is_written(tmp_path: Path) -> None:
    from toolkit.report.outdir import locked_output

    with locked_output(tmp_path / "out"), pytest.raises(OutputError, match="in use by another"):
        run_sharded(_light(), _corpus(tmp_path / "in"), tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".toolkit.lock"]


# ------------------------------------------------------------------ A2. --resume continues the same analysis only

def _interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> tuple[Path, Path]:
    src, out = _corpus(tmp_path / "in", 6), tmp_path / "out"
    with monkeypatch.context() as m:
        m.setattr(Analyzer, "pipe", interrupt_after(3))
        assert main(["report", str(src), "-o", str(out), "-q", "--shard-size", "2", *options]) == 130
    return src, out


def test_resume_with_other_options_is_refused_naming_what_differs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = _interrupted(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["report", str(src), "-o", str(out), "-q", "--resume", "--text-col", "body"]) == 1
    err = capsys.readouterr().err
    assert "the options changed" in err and 'options.text_col: was "text", now "body"' in err
    assert main(["report", str(src), "-o", str(out), "-q", "--resume", "--fast-ner"]) == 1
    assert 'analyzer.ner_model: was true, now "fast"' in capsys.readouterr().err
    assert not (out / "articles.csv").exists()
    # the same options resume; --jobs is not an option of the analysis
    assert main(["report", str(src), "-o", str(out), "-q", "--resume", "--jobs", "2"]) == 0
    assert len(pd.read_csv(out / "articles.csv")) == 6


def test_resume_after_a_dictionary_changed_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    user_dict = tmp_path / "dict.txt"
    user_dict.write_text("华为新手机 10 nz\n", encoding="utf-8")
    src, out = _interrupted(tmp_path, monkeypatch, "--user-dict", str(user_dict))
    user_dict.write_text("华为新手机 10 nz\n市场反应 5 n\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(src), "-o", str(out), "-q", "--resume", "--user-dict", str(user_dict)]) == 1
    err = capsys.readouterr().err
    assert "the models or dictionaries changed" in err and f"[{user_dict.resolve()}].size" in err


def test_resume_after_an_input_file_changed_is_refused_even_when_the_ids_still_match(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = _interrupted(tmp_path, monkeypatch)
    (src / "05.txt").write_text("这一篇在中断之后被改写了。", encoding="utf-8")  # after the finished shards
    capsys.readouterr()
    assert main(["report", str(src), "-o", str(out), "-q", "--resume"]) == 1
    err = capsys.readouterr().err
    assert "the input changed" in err and f"inputs[{src.resolve()}].digest" in err


def test_shards_without_a_manifest_are_not_resumed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    src, out = _interrupted(tmp_path, monkeypatch)
    (out / SHARD_DIR / "manifest.json").unlink()
    capsys.readouterr()
    assert main(["report", str(src), "-o", str(out), "-q", "--resume"]) == 1
    assert "has no manifest.json" in capsys.readouterr().err


# ------------------------------------------------------------------ A3. the report is never its own input

def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 3)
    out = src / "report"
    for _ in range(2):  # the second run finds the first run's tables inside the corpus folder
        assert main(["report", str(src), "-o", str(out), "-q"]) == 0
        assert list(pd.read_csv(out / "articles.csv")["doc_id"]) == ["00.txt", "01.txt", "02.txt"]
    assert main(["report", str(src), "-o", str(out), "-q", "--corpus-idf"]) == 0
    assert len(pd.read_csv(out / "articles.csv")) == 3


def test_the_input_folder_itself_as_output_folder_is_refused(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    src = _corpus(tmp_path / "in", 2)
    assert main(["report", str(src), "-o", str(src), "-q"]) == 1
    assert "is also an input folder" in capsys.readouterr().err
    assert sorted(p.name for p in src.iterdir()) == ["00.txt", "01.txt"]


def test_a_report_in_another_format_leaves_no_stale_tables_and_other_files_stay(tmp_path: Path) -> None:
    src, out = _corpus(tmp_path / "in", 2), tmp_path / "out"
    assert main(["report", str(src), "-o", str(out), "-q"]) == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["report", str(src), "-o", str(out), "-q", "--format", "parquet"]) == 0
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == sorted(["notes.txt", "params.json", "articles.parquet", "entities.parquet", "keywords.parquet",
                            "sentences.parquet", "quotes.parquet", "entity_tones.parquet", "roles.parquet"])
    assert main(["report", str(src), "-o", str(out), "-q", "--format", "xlsx"]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == \
        ["notes.txt", "params.json", "report.xlsx"]


# ------------------------------------------------------------------ A4. a writable folder, checked first

def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("the analysis started")


@pytest.mark.parametrize("case", ["a file", "under a file", "not writable"])
def test_an_output_folder_that_cannot_be_written_stops_the_run_before_any_analysis(
        tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    out = {"a file": tmp_path / "f", "under a file": tmp_path / "f" / "out",
           "not writable": Path("/proc/self/toolkit-out")}[case]  # /proc refuses new files, even to root
    monkeypatch.setattr(Analyzer, "load", _never)
    monkeypatch.setattr(Analyzer, "pipe", _never)
    assert main(["report", str(_corpus(tmp_path / "in", 1)), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("toolkit: ") and str(out) in err[0], err
    with pytest.raises(OutputError):
        run_sharded(_light(), [tmp_path / "in"], out)


# ------------------------------------------------------------------ B1. temporary files follow no planted link

def test_temporary_files_never_follow_a_link_planted_under_a_predictable_name(tmp_path: Path) -> None:
    src, out = _corpus(tmp_path / "in", 3), tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch", encoding="utf-8")
    (out / SHARD_DIR).mkdir(parents=True)
    for name in [".articles.csv.partial", ".params.json.partial", f"{SHARD_DIR}/.part-00000.jsonl.partial",
                 f"{SHARD_DIR}/.manifest.json.partial"]:
        (out / name).symlink_to(victim)
    run_sharded(_light(), [src], out, shard_size=1)
    assert victim.read_text(encoding="utf-8") == "do not touch"
    assert len(pd.read_csv(out / "articles.csv")) == 3
    assert not [p for p in out.iterdir() if p.name.endswith(".partial") and not p.is_symlink()]


def test_a_shard_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / SHARD_DIR).symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        run_sharded(_light(), [_corpus(tmp_path / "in", 1)], tmp_path / "out")
    assert list(elsewhere.iterdir()) == []


def test_report_files_get_the_usual_permissions_not_the_temporary_files_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        run_sharded(_light(), [_corpus(tmp_path / "in", 1)], tmp_path / "out")
    finally:
        os.umask(old)
    assert (tmp_path / "out" / "articles.csv").stat().st_mode & 0o777 == 0o644


# ------------------------------------------------------------------ B2. a jieba cache nobody else can plant

def test_the_jieba_backend_ignores_a_dictionary_cache_planted_in_the_shared_temp_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from toolkit.text.tokenizer import Tokenizer

    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    planted = {"华": 1, "华为": 1, "华为手": 10**9, "华为手机": 1, "手": 1, "手机": 1, "机": 1}
    with open(shared / "jieba.cache", "wb") as fh:  # jieba's fixed name for its default dictionary
        marshal.dump((planted, sum(planted.values())), fh)
    words = [t.text for t in Tokenizer(backend="jieba", bundled_dict=False).cut("华为手机")]
    assert words == ["华为", "手机"]  # the planted cache would give 华为手 + 机
    assert sorted(p.name for p in shared.iterdir()) == ["jieba.cache"]  # nothing left behind either


# ------------------------------------------------------------------ C. the merge streams

@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_merge_holds_one_shard_at_a_time_and_writes_what_the_whole_report_would(
        tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.report.tables import ReportBuilder

    texts = [{"id": f"d{i}", "text": f"第{i}篇：华为发布新手机。", "src": "新华社" if i % 2 else "=cmd",
              "year": 2020 + i} for i in range(7)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    largest = 0
    real = ReportBuilder.add_jsonl

    def add_jsonl(self: ReportBuilder, text: str) -> None:
        nonlocal largest
        real(self, text)
        largest = max(largest, len(self))

    with monkeypatch.context() as m:
        m.setattr(ReportBuilder, "add_jsonl", add_jsonl)
        summary, written = run_sharded(_light(), [src], tmp_path / "out", shard_size=2, format=fmt)
    assert largest == 2  # never more than one shard of articles in memory
    assert summary.n_articles == 7 and summary.n_failed == 0 and len(summary.failed) == 0
    whole = tmp_path / "whole"
    report = _light().analyze_corpus([src])
    report.params = json.loads((tmp_path / "out" / "params.json").read_text(encoding="utf-8"))["params"]
    report.save(whole, format=fmt)
    for path in written:
        if fmt == "csv" or path.suffix == ".json":
            assert path.read_bytes() == (whole / path.name).read_bytes(), path.name
        else:
            pd.testing.assert_frame_equal(pd.read_parquet(path), pd.read_parquet(whole / path.name))


def test_chunked_metadata_does_not_depend_on_where_the_shards_end(tmp_path: Path) -> None:
    rows = [{"text": "华为发布新手机。", "n": 1}, {"text": "比亚迪发布新车。"}, {"text": "小米发布新车。", "n": 3},
            {"text": "蔚来发布新车。", "n": "四"}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    for fmt in ("csv", "parquet"):
        a, _ = run_sharded(_light(), [src], tmp_path / f"a-{fmt}", shard_size=1, format=fmt)
        b, _ = run_sharded(_light(), [src], tmp_path / f"b-{fmt}", shard_size=3, format=fmt)
        name = f"articles.{fmt}"
        if fmt == "csv":
            assert (tmp_path / f"a-{fmt}" / name).read_bytes() == (tmp_path / f"b-{fmt}" / name).read_bytes()
        else:  # one row group per shard, so the bytes differ; the table does not
            pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"a-{fmt}" / name),
                                          pd.read_parquet(tmp_path / f"b-{fmt}" / name))
    arts = pd.read_csv(tmp_path / "a-csv" / "articles.csv", dtype=str, keep_default_na=False)
    assert list(arts["n"]) == ["1", "", "3", "四"]  # ints stay ints next to a missing cell
    n = pd.read_parquet(tmp_path / "a-parquet" / "articles.parquet")["n"]
    assert list(n.fillna("<missing>")) == ["1", "<missing>", "3", "四"]  # a column mixing types: text


def test_an_empty_run_writes_every_table_with_its_columns(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    for fmt in ("csv", "parquet"):
        summary, written = run_sharded(_light(), [tmp_path / "in"], tmp_path / fmt, format=fmt)
        assert summary.n_articles == 0 and len(written) == 8
        arts = pd.read_csv(written[0]) if fmt == "csv" else pd.read_parquet(written[0])
        assert len(arts) == 0 and "sentiment" in arts.columns


def test_a_resume_refusal_is_a_value_error_for_python_callers(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    (out / SHARD_DIR).mkdir(parents=True)
    run_sharded(_light(), [src], out)
    assert not (out / SHARD_DIR).exists()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(Analyzer, "pipe", interrupt_after(1))
        with pytest.raises(KeyboardInterrupt):
            run_sharded(_light(), [src], out, shard_size=1)
    with pytest.raises(InvalidParameterError, match="options.text_col"):
        run_sharded(_light(), [src], out, shard_size=1, resume=True, text_col="body")
