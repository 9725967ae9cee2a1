"""Corpus input: encodings, text files, tables, and bad input that must not be lost."""
from __future__ import annotations

import glob
import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import DecodingError, iter_records, read_text_file
from toolkit.corpus import decode_bytes

ARTICLE = "记者李明报道，人工智能公司今天发布了新的视频生成模型，引发业内广泛关注和讨论。"
TRAD = "記者李明報導，人工智慧公司今天發佈了新的影片生成模型，引發業內廣泛關注和討論。"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (ARTICLE, "utf-8"),
        (ARTICLE, "utf-8-sig"),
        (ARTICLE, "gbk"),
        (ARTICLE, "gb18030"),
        (TRAD, "big5"),
        (ARTICLE, "utf-16"),
        (ARTICLE + "😀𠀀", "gb18030"),
    ],
)
def test_files_decode_in_every_common_chinese_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    assert read_text_file(p) == text


def test_binary_bytes_are_an_error_naming_the_file(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(DecodingError, match="image.txt"):
        read_text_file(p)


def test_invalid_bom_is_an_error_not_garbage() -> None:
    with pytest.raises(DecodingError, match="byte-order mark"):
        decode_bytes(b"\xef\xbb\xbf\xff\xfe\xfd", name="x.txt")


def test_a_bare_string_that_is_not_a_path_is_rejected() -> None:
    with pytest.raises(TypeError, match="wrap it"):
        list(iter_records("这是一篇文章，不是文件路径"))


def test_texts_pairs_and_non_strings(tmp_path: Path) -> None:
    recs = list(iter_records(["第一篇", ("b", "第二篇"), None, 42, float("nan")]))
    assert [r.doc_id for r in recs] == [0, "b", 2, 3, 4]
    assert [r.error is None for r in recs] == [True, True, False, False, False]
    assert "None/NaN" in recs[2].error and "int" in recs[3].error  # type: ignore[operator]


def test_a_list_of_path_strings_from_glob_reads_the_files_not_the_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("华为发布新手机。", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("台積電營收創新高。".encode("big5"))
    paths = sorted(glob.glob(str(tmp_path / "*.txt")))
    recs = list(iter_records([*paths, "missing/c.txt", "一篇文章.txt"]))
    assert [r.text for r in recs] == ["华为发布新手机。", "台積電營收創新高。", "missing/c.txt", "一篇文章.txt"]
    assert [r.doc_id for r in recs][:2] == ["a.txt", "b.txt"]


def test_dataframe_with_id_text_and_metadata_columns() -> None:
    df = pd.DataFrame({"id": ["x1", "x2"], "text": ["甲文。", None], "source": ["新华社", "人民网"]})
    recs = list(iter_records(df))
    assert [(r.doc_id, r.text, r.meta) for r in recs] == [
        ("x1", "甲文。", {"source": "新华社"}),
        ("x2", None, {"source": "人民网"}),
    ]
    assert recs[1].error is not None
    with pytest.raises(toolkit.CorpusFormatError, match="content"):
        list(iter_records(df, text_col="content"))


def test_csv_with_embedded_newline_and_a_malformed_row_keeps_every_row(tmp_path: Path) -> None:
    p = tmp_path / "news.csv"
    p.write_text(
        'id,title,date,text\n'
        'a,标题一,2025-01-01,"第一段。\n第二段。"\n'
        'b,标题二,2025-01-02,正文二。,多余字段\n'
        'c,标题三,2025-01-03,正文三。\n',
        encoding="gbk",
    )
    recs = list(iter_records(p))
    assert [r.doc_id for r in recs] == ["a", "news.csv:1", "c"]
    assert recs[0].text == "第一段。\n第二段。" and recs[0].meta["title"] == "标题一"
    assert recs[1].error is not None and "news.csv:4" in recs[1].error and "malformed" in recs[1].error
    assert recs[2].text == "正文三。"


def test_tsv_jsonl_and_parquet(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("doc_id\ttext\nt1\t正文。\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": "正文一。", "source": "网"}, ensure_ascii=False) + "\n"
        "{not json}\n"
        + json.dumps({"id": "j3", "body": "没有 text 字段"}, ensure_ascii=False) + "\n"
        "[1, 2]\n",
        encoding="utf-8",
    )
    pd.DataFrame({"text": ["正文P。"], "date": ["2025-03-01"]}).to_parquet(tmp_path / "c.parquet")
    recs = list(iter_records(tmp_path))
    assert [(r.doc_id, r.error is None) for r in recs] == [
        ("t1", True), ("j1", True), ("b.jsonl:1", False), ("j3", False), ("b.jsonl:3", False), ("c.parquet:0", True)
    ]
    assert "b.jsonl:2" in recs[2].error  # type: ignore[operator]
    assert recs[5].meta == {"date": "2025-03-01"}


def test_directory_with_broken_files_reports_them_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "ok_utf8.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ok_gbk.txt").write_bytes(ARTICLE.encode("gbk"))
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG....")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_text(ARTICLE, encoding="utf-16")
    report = toolkit.Analyzer().analyze_corpus(tmp_path)
    arts = report.articles.set_index("doc_id")
    assert list(arts.index) == ["binary.txt", "empty.txt", "ok_gbk.txt", "ok_utf8.txt", "picture.png", "sub/nested.txt"]
    assert arts.loc["ok_gbk.txt", "error"] is None and arts.loc["sub/nested.txt", "error"] is None
    assert "DecodingError" in arts.loc["binary.txt", "error"]
    assert "empty" in arts.loc["empty.txt", "error"]
    assert "unsupported file type" in arts.loc["picture.png", "error"]
    assert report.n_failed == 3
