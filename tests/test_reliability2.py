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
from toolkit.report.tables import ReportBuilder
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


# ------------------------------------------------------------------ 2. CSV/TSV quoting

def _recs(path: Path) -> list[tuple[object, str | None, str | None]]:
    return [(r.doc_id, r.text, r.error) for r in iter_records(path)]


def test_a_csv_field_whose_quote_never_closes_is_one_malformed_row_and_the_rows_after_it_are_read(
        tmp_path: Path) -> None:
    p = tmp_path / "news.csv"
    p.write_text('id,text\n1,正文一。\n2,"未闭合的引号\n3,正文三。\n4,正文四。\n', encoding="utf-8")
    recs = _recs(p)
    assert [r[0] for r in recs] == ["1", "news.csv:1", "3", "4"]
    assert recs[1][1] is None and recs[1][2] is not None
    assert "news.csv:3" in recs[1][2] and "quote" in recs[1][2]
    assert [r[1] for r in recs if r[2] is None] == ["正文一。", "正文三。", "正文四。"]


def test_a_csv_field_with_text_after_its_closing_quote_is_a_malformed_row(tmp_path: Path) -> None:
    p = tmp_path / "news.csv"
    p.write_text('id,text\n1,"引号"开头的正文\n2,"多行\n正文"\n3,正文三。\n', encoding="utf-8")
    recs = _recs(p)
    assert [r[0] for r in recs] == ["news.csv:0", "2", "3"]
    assert recs[0][2] is not None and "news.csv:2" in recs[0][2]
    assert recs[1][1] == "多行\n正文" and recs[2][1] == "正文三。"


def test_quotes_in_a_tsv_that_does_not_use_quoting_are_text(tmp_path: Path) -> None:
    p = tmp_path / "news.tsv"
    p.write_text('id\ttext\n1\t"引号开头的正文\n2\t"他说"好\n3\t正文三。\n', encoding="utf-8")
    assert _recs(p) == [("1", '"引号开头的正文', None), ("2", '"他说"好', None), ("3", "正文三。", None)]


def test_a_tsv_written_with_quoting_is_read_with_quoting(tmp_path: Path) -> None:
    p = tmp_path / "news.tsv"
    df = pd.DataFrame({"id": ["a", "b", "c"], "text": ["两行\n正文。", '他说"好"。', "含\t制表符"]})
    df.to_csv(p, sep="\t", index=False)
    assert _recs(p) == [("a", "两行\n正文。", None), ("b", '他说"好"。', None), ("c", "含\t制表符", None)]


def test_a_tsv_row_with_the_wrong_number_of_fields_is_malformed_with_its_line(tmp_path: Path) -> None:
    p = tmp_path / "news.tsv"
    p.write_text('id\ttext\n1\t"正文\t多余\n2\t正文二。\n', encoding="utf-8")
    recs = _recs(p)
    assert recs[0][2] is not None and "news.tsv:2" in recs[0][2] and "3 fields" in recs[0][2]
    assert recs[1] == ("2", "正文二。", None)


def test_the_cli_counts_a_row_with_an_unclosed_quote_as_failed(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "news.csv"
    p.write_text('id,text\n1,华为发布新手机。\n2,"未闭合\n3,比亚迪发布新车。\n4,宁德时代发布新电池。\n',
                 encoding="utf-8")
    main(["report", str(p), "-o", str(tmp_path / "out"), "-q"])
    assert "4 articles, 1 failed" in capsys.readouterr().err


# ------------------------------------------------------------------ 3. parquet inputs

@pytest.mark.parametrize("content", [b"", b"PAR1 not really parquet", b"\x00" * 64],
                         ids=["empty", "corrupt", "zeros"])
def test_an_unreadable_parquet_file_is_one_error_row_and_the_run_goes_on(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "a.txt").write_text("华为发布新手机。", encoding="utf-8")
    (tmp_path / "b.parquet").write_bytes(content)
    pd.DataFrame({"text": ["比亚迪发布新车。"]}).to_parquet(tmp_path / "c.parquet")
    recs = _recs(tmp_path)
    assert [r[0] for r in recs] == ["a.txt", "b.parquet", "c.parquet:0"]
    assert recs[1][1] is None and recs[1][2] is not None and "b.parquet" in recs[1][2]
    assert recs[0][2] is None and recs[2][2] is None


def test_a_null_in_a_nullable_integer_id_column_falls_back_to_the_row_position(tmp_path: Path) -> None:
    p = tmp_path / "t.parquet"
    pd.DataFrame({"id": pd.array([7, None, 9], dtype="Int64"), "text": ["一。", "二。", "三。"],
                  "n": pd.array([1, None, 3], dtype="Int64")}).to_parquet(p)
    recs = list(iter_records(p))
    assert [r.doc_id for r in recs] == [7, "t.parquet:1", 9]
    assert all(r.error is None for r in recs)


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT], ids=["None", "nan", "NA", "NaT"])
def test_a_missing_text_of_any_kind_is_described_as_missing(missing: object) -> None:
    recs = list(iter_records(pd.DataFrame({"text": pd.Series(["一。", missing], dtype=object)})))
    assert recs[1].error == "missing text (None/NaN)"


def test_the_cli_reports_a_corrupt_parquet_file_as_a_failed_row(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("华为发布新手机。", encoding="utf-8")
    (src / "b.parquet").write_bytes(b"")
    main(["report", str(src), "-o", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert "2 articles, 1 failed" in err and "b.parquet" in err


# ------------------------------------------------------------------ 4. folders

def test_broken_links_fifos_and_linked_folders_in_a_corpus_folder_are_error_rows(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text("华为发布新手机。", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "b.txt").write_text("比亚迪发布新车。", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "c.txt").symlink_to(tmp_path / "real" / "b.txt")
    recs = {r[0]: r for r in _recs(tmp_path)}
    assert sorted(recs) == ["a.txt", "broken.txt", "c.txt", "linked", "pipe.txt", "real/b.txt"]
    assert recs["a.txt"][2] is None and recs["c.txt"][1] == "比亚迪发布新车。" and recs["real/b.txt"][2] is None
    assert "broken" in str(recs["broken.txt"][2])
    assert "not a regular file" in str(recs["pipe.txt"][2])
    assert "symbolic link" in str(recs["linked"][2])


def test_a_folder_that_cannot_be_listed_is_an_error_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "a.txt").write_text("华为发布新手机。", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("比亚迪发布新车。", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.geteuid() == 0:  # root reads anything: make listing it fail as it would for a user
            real = os.scandir

            def scandir(path: object = ".") -> object:
                if Path(str(path)) == locked:
                    raise PermissionError(13, "Permission denied", str(path))
                return real(path)  # type: ignore[arg-type]

            monkeypatch.setattr(os, "scandir", scandir)
        recs = _recs(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [r[0] for r in recs] == ["a.txt", "locked"]
    assert recs[1][1] is None and "Permission" in str(recs[1][2])


def test_a_fifo_given_as_input_is_an_error_row_not_a_hang(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    recs = list(iter_records(tmp_path / "pipe.txt"))
    assert len(recs) == 1 and "not a regular file" in str(recs[0].error)


# ------------------------------------------------------------------ 5. empty after cleaning

@pytest.mark.parametrize(("text", "reason"), [
    ("\u200b\u200b", "invisible"),
    ("\ufeff\u200e\u202e", "invisible"),
    ("<p></p>", "markup"),
    ("<p>&nbsp;</p><script>alert(1)</script>", "markup"),
    ("【责任编辑：张三】", "责任编辑"),
])
def test_a_text_with_nothing_left_after_cleaning_fails_like_empty_input_with_the_reason(
        text: str, reason: str) -> None:
    from toolkit import Analyzer
    from toolkit.errors import InvalidInputError

    an = Analyzer(components=())
    with pytest.raises(InvalidInputError, match="empty after cleaning") as info:
        an.analyze(text)
    assert reason in str(info.value)
    rep = an.analyze_corpus([text, "华为发布新手机。"], progress=False)
    assert list(rep.articles["error"].notna()) == [True, False]
    assert "empty after cleaning" in rep.articles["error"][0] and reason in rep.articles["error"][0]


# ------------------------------------------------------------------ 6. exports that crash after the analysis

def _report(*articles: Article) -> object:
    b = ReportBuilder()
    for a in articles:
        b.add(a)
    return b.build()


def test_parquet_export_of_a_metadata_column_mixing_ints_strings_and_lists(tmp_path: Path) -> None:
    rep = _report(Article(raw="甲", text="甲", doc_id=1, meta={"n": 1, "tags": ["a", "b"]}),
                  Article(raw="乙", text="乙", doc_id="b", meta={"n": "x", "tags": "c"}),
                  Article(raw="丙", text="丙", doc_id=3, meta={"n": None}))
    rep.save(tmp_path, format="parquet")  # type: ignore[attr-defined]
    arts = pd.read_parquet(tmp_path / "articles.parquet")
    assert list(arts["doc_id"]) == ["1", "b", "3"]
    assert list(arts["n"][:2]) == ["1", "x"] and pd.isna(arts["n"][2])
    assert list(arts["tags"][:2]) == ['["a", "b"]', "c"] and pd.isna(arts["tags"][2])


def test_the_cli_writes_parquet_from_jsonl_with_mixed_metadata(tmp_path: Path) -> None:
    p = tmp_path / "t.jsonl"
    rows = [{"text": "华为发布新手机。", "n": 1}, {"text": "比亚迪发布新车。", "n": "二"}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert main(["report", str(p), "-o", str(tmp_path / "out"), "-q", "--format", "parquet"]) == 0
    assert list(pd.read_parquet(tmp_path / "out" / "articles.parquet")["n"]) == ["1", "二"]


def test_xlsx_export_drops_characters_xml_forbids_and_writes_lists_as_json(tmp_path: Path) -> None:
    import openpyxl

    bad = "华为\x00发布\x07新品\x1b。\ufffe"
    rep = _report(Article(raw=bad, text=bad, doc_id="a\x01", title="标题\x0b", meta={"src\x02": bad, "k": [1, 2]}))
    with pytest.warns(UserWarning, match="XML"):
        rep.save(tmp_path, format="xlsx")  # type: ignore[attr-defined]
    ws = openpyxl.load_workbook(tmp_path / "report.xlsx")["articles"]
    cells = {h.value: c.value for h, c in zip(ws[1], ws[2], strict=True)}
    assert cells["doc_id"] == "a" and cells["title"] == "标题" and cells["text"] == "华为发布新品。"
    assert cells["src"] == "华为发布新品。" and cells["k"] == "[1, 2]"


def test_lone_surrogates_in_ids_metadata_and_file_names_become_replacement_characters(tmp_path: Path) -> None:
    import os

    src = tmp_path / "in"
    src.mkdir()
    (src / "t.jsonl").write_text('{"id": "x\\udc00", "text": "华为发布新手机。", "src": ["a\\ud800"]}\n',
                                 encoding="utf-8")
    with open(os.path.join(os.fsencode(src), "新闻".encode("gbk") + b".txt"), "wb") as f:
        f.write("比亚迪发布新车。".encode())
    out = tmp_path / "out"
    assert main(["report", str(src), "-o", str(out), "-q", "--format", "parquet", "--shard-size", "1"]) == 0
    arts = pd.read_parquet(out / "articles.parquet")
    assert list(arts["doc_id"]) == ["x\ufffd", "\ufffd" * 4 + ".txt"]
    assert arts["error"].isna().all() and list(arts["src"][0]) == ["a\ufffd"]


def test_a_format_that_cannot_be_written_stops_a_sharded_run_before_any_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from toolkit import Analyzer, InvalidParameterError, MissingDependencyError
    from toolkit.pipeline.shards import run_sharded

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis started")

    monkeypatch.setattr(Analyzer, "pipe", never)
    with pytest.raises(InvalidParameterError, match="did you mean 'csv'"):
        run_sharded(Analyzer(), ["华为发布新手机。"], tmp_path / "out", format="cvs")
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed
    with pytest.raises(MissingDependencyError, match="openpyxl"):
        run_sharded(Analyzer(), ["华为发布新手机。"], tmp_path / "out", format="xlsx")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 7. exports that execute

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _hostile_report() -> object:
    from toolkit.results import Entity

    arts = []
    for i, c in enumerate(FORMULA_STARTS):
        name = f"{c}HYPERLINK(\"http://x\",\"点我\")"
        arts.append(Article(raw="正文", text=f"{c}1+1 正文", doc_id=f"{c}id{i}", title=f"{c}标题",
                            entities=(Entity(name, "ORG", 0, 2, name, "rule"),),
                            meta={"src": f"{c}SUM(A1)", f"{c}col": "x", "quote": "'引号"}))
    arts.append(Article(raw="正文", text="正文", doc_id="'plain", meta={"src": "普通", "quote": "普通"}))
    return _report(*arts)


def test_csv_cells_that_a_spreadsheet_would_run_are_prefixed_and_the_prefix_is_reversible(tmp_path: Path) -> None:
    from toolkit.report.tables import unescape_cell

    rep = _hostile_report()
    rep.save(tmp_path, format="csv")  # type: ignore[attr-defined]
    for name in ("articles", "entities"):
        df = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        for col in [*df.columns, *(v for c in df.columns for v in df[c] if c not in ("sentiment_score",
                                                                                    "positive_share",
                                                                                    "negative_share"))]:
            assert col[:1] not in FORMULA_STARTS, (name, col)
        original = getattr(rep, name)
        restored = df.rename(columns=unescape_cell)[list(original.columns)].map(unescape_cell)
        assert list(restored["doc_id"]) == list(original["doc_id"])
        assert list(restored["text"]) == list(original["text"])
    arts = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    assert arts["doc_id"][0] == "'=id0" and arts["quote"][0] == "''引号" and arts["doc_id"][6] == "''plain"
    assert "'=col" in arts.columns


def test_xlsx_cells_never_hold_formulas(tmp_path: Path) -> None:
    import openpyxl

    rep = _hostile_report()
    rep.save(tmp_path, format="xlsx")  # type: ignore[attr-defined]
    wb = openpyxl.load_workbook(tmp_path / "report.xlsx")
    values = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert values and not [c.coordinate for c in values if c.data_type == "f"]
    ws = wb["articles"]
    cells = {h.value: c.value for h, c in zip(ws[1], ws[2], strict=True)}
    assert cells["doc_id"] == "'=id0" and cells["title"] == "'=标题"


def test_parquet_keeps_the_exact_text(tmp_path: Path) -> None:
    rep = _hostile_report()
    rep.save(tmp_path, format="parquet")  # type: ignore[attr-defined]
    arts = pd.read_parquet(tmp_path / "articles.parquet")
    assert list(arts["doc_id"][:6]) == [f"{c}id{i}" for i, c in enumerate(FORMULA_STARTS)]
    assert arts["src"][0] == "=SUM(A1)" and "=col" in arts.columns


def test_a_carriage_return_inside_a_csv_cell_does_not_split_the_row(tmp_path: Path) -> None:
    rep = _report(Article(raw="甲", text="甲\r乙", doc_id="a\rb", meta={"src": "x\ry"}),
                  Article(raw="丙", text="丙", doc_id="c"))
    rep.save(tmp_path, format="csv")  # type: ignore[attr-defined]
    arts = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    assert list(arts["doc_id"]) == ["a\rb", "c"] and arts["text"][0] == "甲\r乙" and arts["src"][0] == "x\ry"


# ------------------------------------------------------------------ 8. honest exit codes and early checks

@pytest.mark.parametrize(("line", "message"), [
    ("大模型 ²", r"d\.txt:2: .*frequency"),
    ("大模型 ١٢٣ n", r"d\.txt:2: .*frequency"),
    ("大模型 " + "1" + "0" * 30 + " n", r"d\.txt:2: .*frequency"),
])
def test_a_user_dictionary_frequency_that_is_not_a_plain_number_is_a_line_numbered_format_error(
        tmp_path: Path, line: str, message: str) -> None:
    from toolkit.errors import ModelFormatError
    from toolkit.resources import read_user_dict

    p = tmp_path / "d.txt"
    p.write_text(f"人工智能 n\n{line}\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match=message):
        read_user_dict(p)


def test_add_word_refuses_a_frequency_the_segmenter_cannot_hold() -> None:
    from toolkit import InvalidParameterError, Tokenizer

    with pytest.raises(InvalidParameterError, match="freq"):
        Tokenizer().add_word("大模型", 10**30)


def _bad_config(tmp_path: Path) -> dict[str, list[str]]:
    bad_dict = tmp_path / "bad_dict.txt"
    bad_dict.write_text("大模型 ²\n", encoding="utf-8")
    bad_gaz = tmp_path / "bad_gaz.tsv"
    bad_gaz.write_text("华为\tNOT_A_LABEL\n", encoding="utf-8")
    return {"user-dict": ["--user-dict", str(bad_dict)], "missing-user-dict": ["--user-dict", str(tmp_path / "no")],
            "model-dir": ["--model-dir", str(tmp_path / "empty_models")], "gazetteer": ["--gazetteer", str(bad_gaz)]}


@pytest.mark.parametrize("case", ["user-dict", "missing-user-dict", "model-dir", "gazetteer"])
def test_a_bad_configuration_stops_the_report_before_any_analysis_with_one_message(
        tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import Analyzer

    (tmp_path / "empty_models").mkdir()
    (tmp_path / "a.txt").write_text("华为发布新手机。", encoding="utf-8")

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis started")

    monkeypatch.setattr(Analyzer, "pipe", never)
    out = tmp_path / "out"
    assert main(["report", str(tmp_path / "a.txt"), "-o", str(out), "-q", *_bad_config(tmp_path)[case]]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("toolkit: "), err
    assert not out.exists()


def test_a_run_where_every_article_failed_exits_1_with_the_counts(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "t.jsonl"  # a text field in every row, but no text (a table without the column
    p.write_text('{"id": 1, "text": null}\n{"id": 2, "text": 3}\n', encoding="utf-8")  # stops earlier)
    assert main(["report", str(p), "-o", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "2 articles, 2 failed" in err and "every article failed" in err and "missing text" in err


def test_an_empty_input_exits_1_saying_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    assert main(["report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "0 articles" in capsys.readouterr().err


def test_an_input_file_of_an_unsupported_format_is_a_usage_error(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "a.docx"
    p.write_bytes(b"PK\x03\x04")
    assert main(["report", str(p), "-o", str(tmp_path / "out"), "-q"]) == 2
    assert "unsupported" in capsys.readouterr().err and not (tmp_path / "out").exists()


def test_a_partly_failed_run_exits_0_with_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("华为发布新手机。", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    assert main(["report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert "2 articles, 1 failed" in capsys.readouterr().err
