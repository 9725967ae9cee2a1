"""The command line says what went wrong, reads files it is given, and stops quietly on a closed pipe."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.cli import CLOSED_PIPE, _parser, main

ROOT = Path(__file__).resolve().parent.parent


def test_a_table_without_the_text_column_stops_before_any_work(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "news.csv"
    src.write_text("id,body\n1,正文一。\n2,正文二。\n", encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "no 'text' column (columns: body, id)" in err and "--text-col" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert main(["report", str(src), "-o", str(tmp_path / "out"), "-q", "--text-col", "body"]) == 0
    assert "2 articles, 0 failed" in capsys.readouterr().err


def test_an_unsupported_input_or_a_run_where_every_article_failed_exits_non_zero(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"PK\x03\x04")
    assert main(["report", str(doc), "-o", str(tmp_path / "out")]) == 2
    assert "unsupported input format" in capsys.readouterr().err
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "blank.txt").write_text("   ", encoding="utf-8")
    assert main(["report", str(folder), "-o", str(tmp_path / "out2"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "2 articles, 2 failed" in err and "every article failed" in err


def test_date_col_top_k_and_components(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "news.jsonl"
    rows = [{"id": "a", "text": "人工智能大模型发布。大模型很强。芯片紧张。", "published": "2025年1月3日"},
            {"id": "b", "text": "足球比赛主场获胜。球队领跑积分榜。", "published": "2025-02-10"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(src), "-o", str(out), "-q", "--date-col", "published", "--top-k", "2",
                 "--components", "keywords", "--format", "parquet"]) == 0
    rep = toolkit.load_report(out)
    assert list(rep.articles["date"]) == [pd.Timestamp("2025-01-03"), pd.Timestamp("2025-02-10")]
    assert rep.keywords.groupby("doc_id").size().max() == 2
    assert rep.entities.empty and rep.sentences["sentiment"].isna().all()  # only keywords ran
    assert rep.params["analyzer"]["components"] == ["keywords"]
    assert main(["report", str(src), "-o", str(tmp_path / "o2"), "--date-col", "when"]) == 1
    assert "no input table has a 'when' column" in capsys.readouterr().err
    assert main(["report", str(src), "-o", str(tmp_path / "o3"), "--components", "entities,tone"]) == 2
    assert "unknown component tone" in capsys.readouterr().err


def test_analyze_reads_a_file_it_is_given_and_a_text_with_t(samples: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(samples / "12_robot_marathon_gbk.txt")]) == 0
    assert "机器人马拉松在北京举行" in capsys.readouterr().out
    assert main(["analyze", "-t", str(samples / "12_robot_marathon_gbk.txt")]) == 0
    out = capsys.readouterr().out
    assert "机器人马拉松在北京举行" not in out and "12_robot_marathon_gbk" in out  # the path's characters
    assert main(["analyze", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["analyze"]) == 2


def test_help_quotes_no_speed_figures() -> None:
    parser = _parser()
    texts = [parser.format_help()]
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        texts += [sub.format_help() for sub in action.choices.values()]
    for text in texts:
        assert "faster" not in text or not any(f"{n}x" in text or f"{n}×" in text for n in range(2, 50))


def test_a_closed_pipe_ends_quietly(samples: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "analyze", str(samples / "01_sora_ai_video.txt")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read enough: every write now fails
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == CLOSED_PIPE
    assert "Traceback" not in err and "Broken pipe" not in err and "BrokenPipeError" not in err
    assert err.startswith("toolkit: loading models…")


def test_the_report_run_says_it_is_loading_and_shows_a_total(samples: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # a terminal: the progress bar shows
    assert main(["report", str(samples), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    n = len(list(samples.glob("*.txt")))
    assert err.startswith(f"toolkit: loading models… ({n} articles to analyse)")
    assert f"{n}/{n}" in err  # a total, so tqdm shows the share done and the time left
