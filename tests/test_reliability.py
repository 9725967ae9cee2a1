"""Hostile and broken input: every article comes back (a result or a recorded error), the run goes on."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from toolkit import Analyzer
from toolkit.cli import main
from toolkit.errors import ModelFormatError

ROOT = Path(__file__).resolve().parent.parent

HOSTILE = {
    "empty": "",
    "whitespace": " \n\t　",
    "none": None,
    "number": 123,
    "bytes": "华为".encode(),
    "control": "华为\x00公司\x07发布\x1b新品。",
    "html": "<p>华为&nbsp;发布<br/>新品</p><script>alert(1)</script>",
    "fullwidth": "ＡＩ公司ＯｐｅｎＡＩ发布Ｓｏｒａ，周鸿祎表示：“很震撼。”",
    "emoji_ext": "𠀀𪚥😀👍🏽 华为手机销量大增，用户非常满意！😀",
    "lone_surrogate": "华为\ud800发布",
    "mixed_scripts": "臺灣的電腦廠商與大陆的电脑厂商合作。",
    "no_punctuation": "华为" * 20000,
    "only_punctuation": "。。。！！？？……",
    "rtl_and_zero_width": "华为\u200b\u200e\u202e发布新品\ufeff。",
}
MUST_FAIL = {"empty", "whitespace", "none", "number", "bytes"}


def test_every_hostile_value_gives_a_row_and_only_invalid_ones_fail() -> None:
    df = pd.DataFrame({"id": list(HOSTILE), "text": list(HOSTILE.values())})
    rep = Analyzer().analyze_corpus(df, progress=False)
    assert list(rep.articles["doc_id"]) == list(HOSTILE)  # counts in = counts out, same order
    failed = set(rep.failed["doc_id"])
    assert failed == MUST_FAIL, rep.failed
    ok = rep.articles.set_index("doc_id").drop(index=list(MUST_FAIL))
    assert (ok["n_chars"] > 0).all()
    for name, row in rep.failed.set_index("doc_id").iterrows():
        assert row["error"], name


def test_the_cli_survives_a_directory_of_broken_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "utf8.txt").write_text("华为发布新手机，销量大增。", encoding="utf-8")
    (src / "gbk.txt").write_bytes("比亚迪公布了前十个月的销量数据，同比增长三成。".encode("gbk"))
    (src / "big5.txt").write_bytes("臺北國際電腦展今天開幕，人工智慧成為焦點。".encode("big5"))
    (src / "utf16.txt").write_bytes("宁德时代发布新电池。".encode("utf-16"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (src / "bad_utf8.txt").write_bytes(b"\xff\xfe\xfa" + "半截".encode()[:-1] * 50)
    (src / "table.csv").write_text('id,text\n1,"第一行\n第二行"\n2,正文二。,多余的列\n3,正文三。\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(src), "-o", str(out), "-q"]) == 0
    arts = pd.read_csv(out / "articles.csv")
    assert len(arts) == 7 + 3  # seven files and three CSV rows, each one row
    errors = arts.set_index("doc_id")["error"].dropna()
    assert {"empty.txt", "binary.txt"} <= set(errors.index)
    assert "failed" in capsys.readouterr().err


def test_a_hundred_thousand_one_line_articles_all_come_back() -> None:
    texts = [f"第{i}条快讯：华为今天发布了新产品。" if i % 1000 else "" for i in range(100_000)]
    a = Analyzer(components=("keywords", "sentiment", "quotes"))
    n = failed = 0
    for i, art in enumerate(a.pipe(texts, batch_size=512)):
        assert art.doc_id == i
        n += 1
        failed += art.error is not None
    assert n == 100_000 and failed == 100


def test_a_ten_megabyte_article_is_analysed_in_one_piece() -> None:
    line = "华为今天发布了新款手机，销量大增，用户非常满意。周鸿祎表示：“这很重要。”\n"
    text = line * (10_000_000 // len(line) + 1)
    art = Analyzer(components=()).analyze(text[:10_000_000])
    assert len(art.text) > 9_000_000 and art.sentences[-1].end <= len(art.text)


def test_a_truncated_model_file_is_an_error_naming_it(tmp_path: Path) -> None:
    mdir = tmp_path / "models"
    shutil.copytree(ROOT / "models", mdir)
    for part in ("net", "crf"):  # either half of the shipped ensemble
        model = mdir / "ner" / "ner" / part / "weights.npz"
        good = model.read_bytes()
        model.write_bytes(good[:1000])
        with pytest.raises(ModelFormatError, match=str(mdir / "ner")):
            Analyzer(model_dir=mdir).entities("华为发布新手机。")
        model.write_bytes(good)
