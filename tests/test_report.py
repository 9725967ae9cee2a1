"""Report tables built from articles, and saving them."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import Article, Entity, Keyword, Quote, Sentence, Sentiment
from toolkit.report.tables import ARTICLE_COLUMNS, ENTITY_COLUMNS, ReportBuilder


def _article() -> Article:
    text = "周鸿祎说，OpenAI发布了Sora。周鸿祎很兴奋。"
    ents = (
        Entity("周鸿祎", "PERSON", 0, 3, "周鸿祎"),
        Entity("OpenAI", "COMPANY", 5, 11, "OpenAI"),
        Entity("Sora", "PRODUCT", 14, 18, "Sora"),
        Entity("周鸿祎", "PERSON", 19, 22, "周鸿祎"),
    )
    return Article(
        raw=text, text=text, doc_id="d1",
        sentences=(Sentence(text[:19], 0, 19, Sentiment("neutral", 0.0)), Sentence(text[19:], 19, 26)),
        entities=ents, keywords=(Keyword("Sora", 0.9), Keyword("OpenAI", 0.5)),
        sentiment=Sentiment("positive", 0.4),
        quotes=(Quote("周鸿祎", "周鸿祎", "OpenAI发布了Sora", 5, 18, "indirect"),),
        meta={"source": "测试网", "n_chars": "collides"},
    )


def test_article_row_counts_entities_per_label_and_lists_top_names() -> None:
    row = _article().to_frame().iloc[0]
    assert (row["n_person"], row["n_company"], row["n_product"], row["n_org"]) == (2, 1, 1, 0)
    assert row["top_entities"] == "周鸿祎、OpenAI、Sora"
    assert row["top_keywords"] == "Sora、OpenAI"
    assert (row["sentiment"], row["sentiment_score"], row["n_quotes"]) == ("positive", 0.4, 1)
    assert row["source"] == "测试网" and row["meta_n_chars"] == "collides" and row["n_chars"] == 26


def test_long_tables_are_keyed_by_doc_id_and_sorted() -> None:
    b = ReportBuilder()
    b.add(_article())
    rep = b.build()
    assert list(rep.entities.columns) == list(ENTITY_COLUMNS)
    assert list(rep.entities["start"]) == [0, 5, 14, 19]
    assert list(rep.keywords["rank"]) == [1, 2]
    assert list(rep.sentences["sentiment"]) == ["neutral", None]
    assert rep.quotes.iloc[0]["kind"] == "indirect"
    assert set(ARTICLE_COLUMNS) <= set(rep.articles.columns)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_save_writes_every_table_and_params(tmp_path: Path, fmt: str) -> None:
    rep = toolkit.Analyzer().analyze_corpus(["第一篇。", ("x", "第二篇：人工智能。"), ""])
    written = rep.save(tmp_path, format=fmt)
    assert (tmp_path / "params.json") in written
    meta = json.loads((tmp_path / "params.json").read_text(encoding="utf-8"))
    assert meta["n_articles"] == 3 and meta["n_failed"] == 1
    if fmt == "csv":
        back = pd.read_csv(tmp_path / "articles.csv")
        assert len(back) == 3 and back["error"].notna().sum() == 1
    elif fmt == "parquet":
        back = pd.read_parquet(tmp_path / "sentences.parquet")
        assert list(back["doc_id"]) == ["0", "x"]
    else:
        sheets = pd.read_excel(tmp_path / "report.xlsx", sheet_name=None)
        assert set(sheets) == {"articles", "entities", "keywords", "sentences", "quotes", "entity_tones", "roles"}


def test_save_rejects_unknown_format(tmp_path: Path) -> None:
    rep = toolkit.Analyzer().analyze_corpus(["一。"])
    with pytest.raises(toolkit.InvalidParameterError, match="did you mean 'csv'"):
        rep.save(tmp_path, format="cvs")


def test_xlsx_cuts_cells_over_excels_limit_with_a_warning(tmp_path: Path) -> None:
    rep = toolkit.Analyzer().analyze_corpus(["长" * 40000 + "。"])
    with pytest.warns(UserWarning, match="32767"):
        rep.save(tmp_path, format="xlsx")
    assert len(rep.articles.iloc[0]["text"]) == 40001  # the report itself keeps everything


def test_summary_is_a_readable_table() -> None:
    rep = toolkit.Analyzer().analyze_corpus([("a", "# 标题甲\n\n正文。"), ("b", "")])
    out = rep.summary()
    assert "标题甲" in out and "2 articles, 1 failed" in out


def _grouped_report() -> toolkit.CorpusReport:
    df = pd.DataFrame({
        "text": ["人工智能大模型发布。大模型很强。", "芯片出口管制加强，芯片企业承压。", "足球比赛主场获胜。球队领跑积分榜。",
                 "大模型训练需要芯片。大模型算力紧张。", "篮球联赛开赛，球队阵容调整。", "大模型应用落地。"],
        "source": ["科技", "科技", "体育", "科技", "体育", "科技"],
        "date": ["2025-01-02", "2025-01-20", "2025-02-03", "2025-02-10", "2025-02-11", "不是日期"],
    })
    return toolkit.Analyzer(components=("keywords",)).analyze_corpus(df)


def test_distinctive_terms_by_a_column_and_by_month() -> None:
    rep = _grouped_report()
    by_source = rep.distinctive_terms("source", top_k=2, min_count=1)
    assert list(by_source.columns) == ["group", "term", "count", "count_other", "log_odds", "z"]
    first = by_source.groupby("group").first()
    assert first.loc["科技", "term"] == "大模型" and first.loc["科技", "count"] == 3
    assert first.loc["体育", "count_other"] == 0  # the sports group's top term never occurs in tech articles
    assert (by_source["z"] > 0).all()
    by_month = rep.distinctive_terms("month", min_count=1)
    assert set(by_month["group"]) == {"2025-01", "2025-02"}  # the undated article belongs to no month
    with pytest.raises(toolkit.InvalidParameterError):
        rep.distinctive_terms("channel")


def test_keyword_trends_share_of_articles_per_month() -> None:
    trends = _grouped_report().keyword_trends(top_k=3)
    assert list(trends.index) == ["2025-01", "2025-02"]
    assert trends.loc["2025-01", "大模型"] == 0.5 and trends.loc["2025-02", "芯片"] == pytest.approx(1 / 3)


def test_notebook_views_highlight_entities_and_escape_text() -> None:
    raw = toolkit.Analyzer(clean=False).analyze("周鸿祎说<script>alert(1)</script>")._repr_html_()
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    a = toolkit.Analyzer()
    art = a.analyze("# 标题\n\n360公司创始人周鸿祎谈Sora。")
    page = art._repr_html_()
    assert '<mark style="background:#f9d9a6' in page and ">周鸿祎<sub" in page  # PERSON colour
    assert "PRODUCT" in page and "keywords" in page
    rep = a.analyze_corpus([art.raw, ""])
    view = rep._repr_html_()
    assert "2 articles, 1 failed" in view and "周鸿祎 (1)" in view
    assert "<b>tone</b>" in view
    quoted = a.analyze_corpus(["李明认为，教育应当普及。", "李明说：“越早越好。”"], progress=False)._repr_html_()
    assert "<b>most quoted</b> 李明 (2)" in quoted
