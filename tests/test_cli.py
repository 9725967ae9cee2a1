"""Command line: report and analyze."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import interrupt_after

from toolkit.cli import main


def test_report_writes_tables_and_prints_a_summary(tmp_path: Path, samples: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(samples), "-o", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    arts = pd.read_csv(tmp_path / "out" / "articles.csv")
    assert len(arts) == len(list(samples.glob("*.txt")))
    assert "01_sora_ai_video.txt" in out and "articles, 0 failed" in out
    assert "wrote 8 files" in err


def test_report_counts_failures_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("人工智能公司发布了新模型。", encoding="utf-8")
    (src / "bad.txt").write_bytes(bytes(range(256)) * 10)
    (src / "rows.csv").write_text("id,text\n1,正文一。\n2,正文二。,多余\n", encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "out"), "--quiet", "--format", "parquet"]) == 0
    _, err = capsys.readouterr()
    arts = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert len(arts) == 4 and arts["error"].notna().sum() == 2
    assert "4 articles, 2 failed" in err and "bad.txt" in err


def test_an_unknown_ner_style_stops_the_run_with_a_clear_message(tmp_path: Path, samples: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(samples), "-o", str(tmp_path / "out"), "-q", "--ner-style", "no-such-data"]) == 1
    assert "style='no-such-data'" in capsys.readouterr().err
    assert not (tmp_path / "out" / "articles.csv").exists()


def test_report_with_two_jobs(tmp_path: Path, samples: Path) -> None:
    assert main(["report", str(samples), "-o", str(tmp_path), "-q", "--jobs", "2"]) == 0
    assert len(pd.read_csv(tmp_path / "articles.csv")) == len(list(samples.glob("*.txt")))


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "missing"), "-o", str(tmp_path)]) == 2
    assert main(["report"]) == 2
    assert main(["nonsense"]) == 2
    capsys.readouterr()


def test_analyze_text_stdin_and_file(samples: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["analyze", "周鸿祎谈文生视频。"]) == 0
    assert "周鸿祎/nr" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("蘋果公司發佈新機。"))
    assert main(["analyze", "-"]) == 0
    assert "苹果" in capsys.readouterr().out
    assert main(["analyze", "--file", str(samples / "12_robot_marathon_gbk.txt")]) == 0
    assert "机器人马拉松在北京举行" in capsys.readouterr().out


def test_analyze_empty_text_is_a_data_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "   "]) == 1
    assert "empty" in capsys.readouterr().err


def test_python_dash_m_and_version() -> None:
    res = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True, text=True, check=True)
    assert res.stdout.startswith("toolkit ")


def test_an_interrupted_run_resumes_to_exactly_the_same_files(tmp_path: Path, samples: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit import Analyzer

    full, part = tmp_path / "full", tmp_path / "part"
    assert main(["report", str(samples), "-o", str(full), "-q", "--shard-size", "4"]) == 0
    with monkeypatch.context() as m:
        m.setattr(Analyzer, "pipe", interrupt_after(6))
        assert main(["report", str(samples), "-o", str(part), "-q", "--shard-size", "4"]) == 130
    shards = sorted(p.name for p in (part / ".toolkit-shards").iterdir())
    # the finished shard survives, the one in flight is lost; the manifest says what made them
    assert shards == ["manifest.json", "part-00000.jsonl"]
    assert not (part / "articles.csv").exists()  # no report file that looks complete
    # running again without --resume refuses, and says how to go on
    assert main(["report", str(samples), "-o", str(part), "-q"]) == 1
    assert "--resume" in capsys.readouterr().err
    assert main(["report", str(samples), "-o", str(part), "-q", "--shard-size", "4", "--resume"]) == 0
    assert not (part / ".toolkit-shards").exists()
    names = sorted(p.name for p in full.iterdir())
    assert names == sorted(p.name for p in part.iterdir())
    for name in names:
        assert (full / name).read_bytes() == (part / name).read_bytes(), name


def test_resume_refuses_a_changed_input(tmp_path: Path, samples: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit import Analyzer

    out = tmp_path / "out"
    with monkeypatch.context() as m:
        m.setattr(Analyzer, "pipe", interrupt_after(3))
        main(["report", str(samples), "-o", str(out), "-q", "--shard-size", "2"])
    other = tmp_path / "other"
    other.mkdir()
    (other / "z.txt").write_text("另一篇文章。", encoding="utf-8")
    assert main(["report", str(other), "-o", str(out), "-q", "--resume"]) == 1
    assert "input changed" in capsys.readouterr().err


def test_the_entity_model_is_chosen_on_the_command_line() -> None:
    from toolkit.cli import _analyzer, _parser

    parse = _parser().parse_args
    assert _analyzer(parse(["analyze", "x"])).ner_model is True
    assert _analyzer(parse(["analyze", "x", "--fast-ner"])).ner_model == "fast"
    assert _analyzer(parse(["report", "x", "-o", "y", "--accurate-ner"])).ner_model == "accurate"
    with pytest.raises(SystemExit):
        parse(["analyze", "x", "--fast-ner", "--accurate-ner"])
