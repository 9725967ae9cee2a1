"""The public contract: names, types, offsets, empty and bad input."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import toolkit
from toolkit import Analyzer, Article, Byline, Sentence, Token
from toolkit.results import SENTIMENT_LABELS

SORA = (
    "# Sora发布引发热议\n\n本报北京2月18日电（记者 李明）美国人工智能公司OpenAI日前发布了文生视频模型Sora。"
    "360公司创始人周鸿祎表示：“Sora意味着通用人工智能的实现可能从10年缩短到1年。”\n编辑：孙悦"
)


def test_public_names_exist() -> None:
    for name in ["Analyzer", "Article", "Byline", "Sentence", "Token", "Entity", "Keyword", "Sentiment", "Quote",
                 "CorpusReport", "Tokenizer", "clean", "split_sentences", "__version__"]:
        assert hasattr(toolkit, name), name
    for method in ["analyze", "analyze_file", "pipe", "analyze_corpus", "tokenize", "load", "get_params"]:
        assert callable(getattr(Analyzer, method)), method


def test_constructing_an_analyzer_loads_nothing() -> None:
    a = Analyzer()
    assert a._tokenizer is None and a._entities is None
    assert repr(a) == "Analyzer()"
    assert repr(Analyzer(hmm=True, simplify=False)) == "Analyzer(simplify=False, hmm=True)"


def test_analyze_returns_a_frozen_article_with_consistent_offsets(analyzer: Analyzer) -> None:
    art = analyzer.analyze(SORA, doc_id="n1")
    assert isinstance(art, Article) and art.ok
    with pytest.raises(dataclasses.FrozenInstanceError):
        art.text = "x"  # type: ignore[misc]
    assert art.raw == SORA
    assert art.title == "Sora发布引发热议"
    assert art.byline == Byline(reporters=("李明",), editors=("孙悦",), source="本报")
    assert "编辑" not in art.text and "记者" not in art.text
    assert all(isinstance(s, Sentence) and art.text[s.start:s.end] == s.text for s in art.sentences)
    assert all(isinstance(t, Token) and art.text[t.start:t.end] == t.text for t in art.tokens)
    assert [s.text for s in art.sentences][1:] == [
        "美国人工智能公司OpenAI日前发布了文生视频模型Sora。",
        "360公司创始人周鸿祎表示：“Sora意味着通用人工智能的实现可能从10年缩短到1年。”",
    ]
    assert "周鸿祎" in [t.text for t in art.tokens]
    assert {"OpenAI", "Sora", "周鸿祎"} <= {e.canonical for e in art.entities}
    assert art.keywords[0].term == "Sora"
    assert art.sentiment is not None and art.sentiment.label in SENTIMENT_LABELS
    assert all(s.sentiment is not None for s in art.sentences)
    assert {t.canonical for t in art.entity_tones} == {e.canonical for e in art.entities}
    assert ("周鸿祎", "direct") in {(q.speaker_canonical, q.kind) for q in art.quotes}
    assert all(art.text[q.start:q.end] == q.text for q in art.quotes)


def test_to_frame_is_one_row_with_the_article_columns(analyzer: Analyzer) -> None:
    df = analyzer.analyze(SORA, doc_id="n1").to_frame()
    assert isinstance(df, pd.DataFrame) and len(df) == 1
    row = df.iloc[0]
    assert row["doc_id"] == "n1" and row["title"] == "Sora发布引发热议" and row["reporters"] == ["李明"]
    assert row["n_sentences"] == 3 and row["n_chars"] == len(analyzer.analyze(SORA).text)


def test_without_cleaning_offsets_refer_to_exactly_the_input() -> None:
    raw = "ＡＩ 公司\n\n发布了新\n模型。"
    art = Analyzer(clean=False).analyze(raw)
    assert art.text == raw and art.title is None
    assert all(raw[t.start:t.end] == t.text for t in art.tokens)


def test_single_layer_calls_take_the_text_as_given(analyzer: Analyzer) -> None:
    assert analyzer.tokenize("ＡＩ大模型") == ["Ａ", "Ｉ", "大模型"]  # no cleaning: full-width stays
    assert analyzer.tokenize("") == []


def test_entities_many_equals_entities_on_each_text(analyzer: Analyzer) -> None:
    texts = ["360公司创始人周鸿祎谈Sora。", "", "华为发布了Mate 70。", "今天天气很好。", "OpenAI的ChatGPT" * 50]
    assert analyzer.entities_many(texts) == [analyzer.entities(t) for t in texts]
    assert analyzer.entities_many(iter(texts[:1])) == [analyzer.entities(texts[0])]


def test_entities_many_checks_every_text_before_any_work(analyzer: Analyzer) -> None:
    with pytest.raises(TypeError):
        analyzer.entities_many(["周鸿祎", None])  # type: ignore[list-item]


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["list"]])
def test_analyze_rejects_non_strings(analyzer: Analyzer, bad: object) -> None:
    with pytest.raises(TypeError):
        analyzer.analyze(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("empty", ["", "   ", "\n\t\u3000\n"])
def test_analyze_rejects_empty_text_clearly(analyzer: Analyzer, empty: str) -> None:
    with pytest.raises(toolkit.InvalidInputError, match="empty"):
        analyzer.analyze(empty)


def test_text_over_max_chars_is_refused_not_hung() -> None:
    with pytest.raises(toolkit.InvalidInputError, match="max_chars"):
        Analyzer(max_chars=10).analyze("一" * 11)
    with pytest.raises(toolkit.InvalidParameterError):
        Analyzer(max_chars=0).tokenize("一")


def test_emoji_rare_characters_and_fullwidth_survive(analyzer: Analyzer) -> None:
    art = analyzer.analyze("ＡＩ手机火了😀，𠀀字也在。")
    assert art.text == "AI手机火了😀，𠀀字也在。"
    assert "".join(t.text for t in art.tokens) == art.text


def test_a_known_title_keeps_the_first_line_in_the_body(analyzer: Analyzer) -> None:
    art = analyzer.analyze("短第一行\n正文继续。", title="外部标题")
    assert art.title == "外部标题" and art.text == "短第一行正文继续。"


def test_pipe_yields_articles_in_input_order_with_failures_in_place(analyzer: Analyzer) -> None:
    arts = list(analyzer.pipe(["第一篇。", "", None, ("x", "第四篇。")]))
    assert [a.doc_id for a in arts] == [0, 1, 2, "x"]
    assert [a.ok for a in arts] == [True, False, False, True]


def test_pipe_with_two_processes_equals_one_process(analyzer: Analyzer) -> None:
    texts = [f"第{i}篇文章。人工智能公司发布了新模型。" if i % 7 else "" for i in range(40)]
    one = list(analyzer.pipe(texts))
    two = list(analyzer.pipe(texts, n_process=2, batch_size=3))
    assert one == two


def test_analyze_corpus_report_tables(analyzer: Analyzer, samples) -> None:  # type: ignore[no-untyped-def]
    report = analyzer.analyze_corpus(samples)
    n_files = len(list(samples.glob("*.txt")))
    assert report.n_articles == n_files >= 12 and report.n_failed == 0
    arts = report.articles
    # metadata columns follow doc_id: the path, and the date one sample's page strip prints
    assert list(arts.columns[:5]) == ["doc_id", "path", "date", "title", "byline_source"]
    dates = arts.set_index("doc_id")["date"].dropna()
    assert {k: str(v)[:10] for k, v in dates.items()} == {"10_consumer_messy.txt": "2025-11-12"}
    assert arts["n_sentences"].dtype == "int64" and arts["sentiment_score"].dtype == "float64"
    assert set(report.sentences["doc_id"]) == set(arts["doc_id"])
    for name in ["entities", "keywords", "sentences", "quotes"]:
        assert "doc_id" in getattr(report, name).columns
    big5 = arts.set_index("doc_id").loc["11_computex_traditional_big5.txt"]
    assert big5["title"] == "台北国际电脑展开幕 人工智能成焦点" and big5["reporters"] == ["陈建宏"]
    assert report.params["analyzer"] == analyzer.get_params()


def test_analyze_corpus_keeps_dataframe_metadata_and_order() -> None:
    df = pd.DataFrame({"id": [3, 1, 2], "text": ["三。", "一。", None], "date": ["2025-01-03", "2025-01-01", "x"],
                       "title": ["标题三", "标题一", "标题二"]})
    with pytest.warns(UserWarning, match="1 'date' values could not be read"):
        rep = Analyzer().analyze_corpus(df)
    assert list(rep.articles["doc_id"]) == [3, 1, 2]
    assert list(rep.articles["date"][:2]) == [pd.Timestamp("2025-01-03"), pd.Timestamp("2025-01-01")]
    assert pd.isna(rep.articles["date"][2])  # not a date: missing, and a warning says so
    assert list(rep.articles["title"]) == ["标题三", "标题一", None]
    assert rep.n_failed == 1 and rep.failed.iloc[0]["doc_id"] == 2


def test_empty_corpus_gives_empty_frames_with_columns() -> None:
    rep = Analyzer().analyze_corpus([])
    assert rep.n_articles == 0 and "doc_id" in rep.articles.columns and "error" in rep.articles.columns
    assert rep.articles["n_chars"].dtype == "int64"


def test_analyze_file_reads_any_encoding(analyzer: Analyzer, samples) -> None:  # type: ignore[no-untyped-def]
    art = analyzer.analyze_file(samples / "12_robot_marathon_gbk.txt")
    assert art.title == "机器人马拉松在北京举行" and art.byline.reporters == ("刘畅",)


def test_a_failure_inside_a_batch_fails_only_its_own_article(monkeypatch: pytest.MonkeyPatch) -> None:
    a = Analyzer()
    ext = a.entity_extractor
    real_pipe = ext.pipe

    def picky_pipe(texts, outlets=None, headlines=None):  # type: ignore[no-untyped-def]
        if any("坏" in t for t in texts):
            raise RuntimeError("this one is bad")
        return real_pipe(texts, outlets, headlines)

    monkeypatch.setattr(ext, "pipe", picky_pipe)
    arts = list(a.pipe(["周鸿祎谈Sora。", "坏文章。", "OpenAI发布新模型。"]))
    assert [x.ok for x in arts] == [True, False, True]
    assert arts[1].error == "RuntimeError: this one is bad"
    assert "周鸿祎" in {e.canonical for e in arts[0].entities}
