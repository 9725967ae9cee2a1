"""Issue #30: corpus input, shards, exports and the command line under hostile input.

Each test states one promise of docs/RELIABILITY.md: bad input becomes a clear error or a
recorded per-article failure row; a corpus run is never lost and never silently drops data;
exit codes tell the truth; exported files never execute anything.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit import iter_records
from toolkit.cli import main
from toolkit.report import ReportBuilder
from toolkit.results import Article

#: Characters that str.splitlines() treats as line breaks but JSON lines and CSV do not.
LINE_SEPARATORS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


# ------------------------------------------------------------------ 1. line separators inside records

@pytest.mark.parametrize("sep", LINE_SEPARATORS, ids=[f"U+{ord(c):04X}" for c in LINE_SEPARATORS])
def test_a_jsonl_line_holding_a_unicode_line_separator_is_one_record(tmp_path: Path, sep: str) -> None:
    p = tmp_path / "a.jsonl"
    rows = [{"id": "a", "text": f"第一句。{sep}第二句。", "source": f"新华{sep}社"}, {"id": "b", "text": "正文。"}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    recs = list(iter_records(p))
    assert [(r.doc_id, r.text, r.error) for r in recs] == [("a", rows[0]["text"], None), ("b", "正文。", None)]
    assert recs[0].meta["source"] == f"新华{sep}社"


def test_jsonl_lines_may_end_with_crlf(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_bytes(b'{"text": "\xe4\xb8\x80"}\r\n{"text": "\xe4\xba\x8c"}\r\n')
    assert [r.text for r in iter_records(p)] == ["一", "二"]


@pytest.mark.parametrize("sep", LINE_SEPARATORS, ids=[f"U+{ord(c):04X}" for c in LINE_SEPARATORS])
def test_a_shard_round_trips_rows_holding_line_separators(sep: str) -> None:
    b = ReportBuilder()
    b.add(Article(raw=f"甲{sep}乙", text=f"甲{sep}乙", doc_id=f"id{sep}1", meta={"source": f"x{sep}y"},
                  error="no analysis"))
    again = ReportBuilder()
    again.add_jsonl(b.to_jsonl())
    assert again.build().articles.equals(b.build().articles)


def test_a_report_run_keeps_line_separators_in_names_metadata_and_raw_text(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a\u2028b.txt").write_text("华为发布新手机。\u2029销量大增。", encoding="utf-8")
    rows = [{"id": i, "text": f"第{i}篇：比亚迪发布新车。\x1c\u2028", "source": f"新华\x85社{i}"} for i in range(3)]
    (src / "t.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(src), "-o", str(out), "-q", "--no-clean", "--format", "parquet",
                 "--shard-size", "2"]) == 0
    arts = pd.read_parquet(out / "articles.parquet")
    assert list(arts["doc_id"]) == ["a\u2028b.txt", "0", "1", "2"]
    assert arts["error"].isna().all()
    assert list(arts["source"].iloc[1:]) == [f"新华\x85社{i}" for i in range(3)]


def test_a_dictionary_error_names_the_right_line_after_a_unicode_line_separator(tmp_path: Path) -> None:
    from toolkit.errors import ModelFormatError
    from toolkit.resources import read_user_dict

    p = tmp_path / "d.txt"
    p.write_text("# 注释\u2028说明\n大模型 2000 n1\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match=r"d\.txt:2:"):
        read_user_dict(p)
