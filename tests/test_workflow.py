"""The researcher's workflow: a report saved by the CLI or by ``save`` is loaded back with the
same tables, then filtered, read in context, and turned into networks and timelines."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.cli import main
from toolkit.report.tables import LIST_COLUMNS

FORMATS = ["csv", "parquet", "xlsx"]


@pytest.fixture(scope="module")
def dated(analyzer: toolkit.Analyzer, samples: Path) -> pd.DataFrame:
    """The sample articles as a table with a source and dates over three months."""
    texts = [toolkit.read_text_file(p) for p in sorted(samples.glob("*.txt"))]
    dates = ["2025-01-05", "2025-01-20", "2025年3月2日", "2025-03-09", "2025-03-15T08:30:00", None,
             "2025-03-28", "2025-01-11", "2025/03/30", "2025-03-03", "2025-01-28", "2025-03-21", "2025-03-25"]
    return pd.DataFrame({"id": [f"n{i:02d}" for i in range(len(texts))], "text": texts,
                         "source": ["科技日报", "财经网"] * 6 + ["科技日报"], "date": dates[:len(texts)]})


@pytest.fixture(scope="module")
def report(analyzer: toolkit.Analyzer, dated: pd.DataFrame) -> toolkit.CorpusReport:
    return analyzer.analyze_corpus(dated, progress=False)


def assert_same_tables(a: toolkit.CorpusReport, b: toolkit.CorpusReport) -> None:
    for name, df in a.tables().items():
        pd.testing.assert_frame_equal(b.tables()[name], df, check_dtype=True, obj=name)


# --- loading a saved report ------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_a_saved_report_loads_back_with_the_same_tables_and_dtypes(report: toolkit.CorpusReport,
                                                                   tmp_path: Path, fmt: str) -> None:
    report.save(tmp_path, format=fmt)
    back = toolkit.load_report(tmp_path)
    assert_same_tables(report, back)
    assert back.params == report.params
    assert toolkit.CorpusReport.load(tmp_path / ("report.xlsx" if fmt == "xlsx" else f"entities.{fmt}")).n_articles \
        == report.n_articles


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_cli_run_loads_back_and_every_method_works(analyzer: toolkit.Analyzer, dated: pd.DataFrame,
                                                     report: toolkit.CorpusReport, tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in dated.to_dict("records")), encoding="utf-8")
    assert main(["report", str(src), "-o", str(tmp_path / "out"), "--format", fmt, "-q", "--shard-size", "5"]) == 0
    back = toolkit.CorpusReport.load(tmp_path / "out")
    assert_same_tables(report, back)  # sharded, streamed and merged: still the same tables
    pd.testing.assert_frame_equal(back.people(), report.people())
    pd.testing.assert_frame_equal(back.entity_tone(by="source"), report.entity_tone(by="source"))
    pd.testing.assert_frame_equal(back.keyword_trends(), report.keyword_trends())


def test_an_interrupted_run_loads_its_finished_shards(analyzer: toolkit.Analyzer, samples: Path,
                                                      tmp_path: Path) -> None:
    from toolkit.pipeline.shards import SHARD_DIR

    assert main(["report", str(samples), "-o", str(tmp_path / "full"), "-q", "--shard-size", "4"]) == 0
    full = toolkit.load_report(tmp_path / "full")
    shard_dir = tmp_path / "cut" / SHARD_DIR
    shard_dir.mkdir(parents=True)
    builder = toolkit.report.tables.ReportBuilder()
    for art in analyzer.pipe(sorted(samples.glob("*.txt"))[:4]):
        builder.add(art)
    (shard_dir / "part-00000.jsonl").write_text(builder.to_jsonl(), encoding="utf-8")
    part = toolkit.load_report(tmp_path / "cut")
    assert part.n_articles == 4
    pd.testing.assert_frame_equal(part.entities, full.entities[full.entities["doc_id"].isin(part.articles["doc_id"])])


def test_loading_says_what_is_missing_or_ambiguous(report: toolkit.CorpusReport, tmp_path: Path) -> None:
    with pytest.raises(toolkit.InvalidInputError, match="no report in"):
        toolkit.load_report(tmp_path)
    report.save(tmp_path, format="csv")
    report.save(tmp_path, format="parquet")
    with pytest.raises(toolkit.InvalidParameterError, match="several formats"):
        toolkit.load_report(tmp_path)
    assert toolkit.load_report(tmp_path, format="parquet").n_articles == report.n_articles
    (tmp_path / "quotes.csv").unlink()
    with pytest.raises(toolkit.InvalidInputError, match="quotes.csv is missing"):
        toolkit.load_report(tmp_path, format="csv")


# --- dtypes: dates and lists -----------------------------------------------------------------

def test_the_date_column_is_a_datetime_read_from_common_forms(report: toolkit.CorpusReport) -> None:
    dates = report.articles.set_index("doc_id")["date"]
    assert str(dates.dtype) == "datetime64[ns]"
    assert dates["n02"] == pd.Timestamp("2025-03-02") and dates["n08"] == pd.Timestamp("2025-03-30")
    assert dates["n04"] == pd.Timestamp("2025-03-15 08:30") and pd.isna(dates["n05"])


def test_dates_are_read_one_by_one_and_unreadable_ones_are_missing_with_a_warning() -> None:
    from toolkit.report.tables import parse_dates

    values = pd.Series([20250301, "2025-03-01T23:30:00+08:00", "2025-03-01T10:00:00Z", " 2025 年 3 月 1 日 ",
                        pd.Timestamp("2025-03-01"), None, float("nan"), "", "昨天", ["2025-03-01"]], dtype=object)
    with pytest.warns(UserWarning, match="2 'date' values"):
        out = parse_dates(values)
    assert str(out.dtype) == "datetime64[ns]"
    assert (out[:5].dt.date == pd.Timestamp("2025-03-01").date()).all()  # local clock time: still the 1st
    assert out[5:].isna().all()
    # the same value gives the same date whatever shares its chunk
    assert parse_dates(values[1:2]).iloc[0] == out.iloc[1]


def test_parquet_keeps_the_date_type_and_lists(report: toolkit.CorpusReport, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    report.save(tmp_path, format="parquet")
    schema = pq.read_schema(tmp_path / "articles.parquet")
    assert str(schema.field("date").type).startswith("timestamp")
    assert str(schema.field("reporters").type) == "list<element: string>"
    assert str(pq.read_schema(tmp_path / "sentences.parquet").field("tone_terms").type) == "list<element: string>"


def test_list_fields_are_lists_and_joined_only_in_csv(report: toolkit.CorpusReport, tmp_path: Path) -> None:
    sora = report.articles.set_index("doc_id").loc["n00"]
    assert sora["reporters"] == ["李明", "王芳"]
    terms = report.sentences["tone_terms"].dropna()
    assert len(terms) and all(isinstance(t, list) and t for t in terms)
    report.save(tmp_path, format="csv")
    raw = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    assert raw.loc["n00", "reporters"] == "李明" + LIST_COLUMNS["reporters"] + "王芳"


def test_sentence_ids_point_at_the_sentence_holding_each_span(report: toolkit.CorpusReport) -> None:
    sents = report.sentences.set_index(["doc_id", "sentence_id"])
    for name in ("entities", "quotes", "roles"):
        table = getattr(report, name)
        assert len(table) and "sentence_id" in table.columns
        for row in table.itertuples(index=False):
            s = sents.loc[(row.doc_id, row.sentence_id)]
            assert s["start"] <= row.start < s["end"], (name, row)


# --- selecting and reading -------------------------------------------------------------------

def test_filter_gives_a_consistent_sub_report(report: toolkit.CorpusReport) -> None:
    march = report.filter(start="2025-03-01", end="2025-03-31")
    assert set(march.articles["doc_id"]) == {"n02", "n03", "n04", "n06", "n08", "n09", "n11", "n12"}
    for name, df in march.tables().items():
        assert set(df["doc_id"]) <= set(march.articles["doc_id"]), name
        assert df.index.equals(pd.RangeIndex(len(df))), name
    # every row of the chosen articles is kept, in order
    pd.testing.assert_frame_equal(
        march.entities, report.entities[report.entities["doc_id"].isin(march.articles["doc_id"])].reset_index(drop=True))
    assert march.filter(end="2025-03-15").articles["doc_id"].tolist() == ["n02", "n03", "n04", "n09"]  # all of the 15th


def test_filter_by_source_entity_keyword_tone_and_text(report: toolkit.CorpusReport) -> None:
    assert set(report.filter(source="财经网").articles["source"]) == {"财经网"}
    name = report.entities["canonical"].value_counts().index[0]
    by_entity = report.filter(entity=name)
    assert by_entity.n_articles == report.entities.loc[report.entities["canonical"] == name, "doc_id"].nunique()
    term = report.keywords["term"].iloc[0]
    assert report.keywords.iloc[0]["doc_id"] in set(report.filter(keyword=term).articles["doc_id"])
    neg = report.filter(tone="negative")
    assert neg.n_articles and set(neg.articles["sentiment"]) == {"negative"}
    both = report.filter(tone=["negative", "positive"], source="科技日报")
    assert set(both.articles["sentiment"]) <= {"negative", "positive"} and set(both.articles["source"]) == {"科技日报"}
    assert report.filter(contains="马拉松").n_articles == 1
    with pytest.raises(toolkit.InvalidParameterError, match="tone"):
        report.filter(tone="angry")


def test_a_boolean_mask_selects_like_a_dataframe(report: toolkit.CorpusReport) -> None:
    many = report[report.articles["n_quotes"] >= 2]
    assert list(many.articles["doc_id"]) == list(report.articles.loc[report.articles["n_quotes"] >= 2, "doc_id"])
    assert set(many.quotes["doc_id"]) == set(many.articles["doc_id"])
    with pytest.raises(toolkit.InvalidParameterError, match="boolean mask"):
        report[[1, 2]]


def test_show_renders_one_article_from_the_tables(report: toolkit.CorpusReport, tmp_path: Path) -> None:
    report.save(tmp_path, format="csv")
    back = toolkit.load_report(tmp_path)
    view = back.show("n00")
    page = view._repr_html_()
    assert "<mark" in page and "<b>tone</b>" in page and "李明" in page
    text = str(view)
    assert text.startswith("doc_id:     n00") and "quote:" in text and "sentences:" in text
    art = back.article("n00")
    assert [e.text for e in art.entities] == back.entities.loc[back.entities["doc_id"] == "n00", "text"].tolist()
    assert art.sentiment is not None and art.sentiment.evidence  # tone words came back as (term, weight)
    assert all(art.text[e.start:e.end] == e.text for e in art.entities)
    with pytest.raises(toolkit.InvalidParameterError, match="no article"):
        back.show("nope")


# --- keyword in context ----------------------------------------------------------------------

def test_kwic_finds_every_occurrence_with_its_context_and_sentence(report: toolkit.CorpusReport) -> None:
    lines = report.kwic("人工智能", window=6)
    texts = report.articles.set_index("doc_id")["text"]
    assert len(lines) == sum(t.count("人工智能") for t in texts)
    for r in lines.itertuples(index=False):
        text = texts[r.doc_id]
        assert text[r.start:r.end] == r.match == "人工智能"
        assert r.left == text[max(0, r.start - 6):r.start].replace("\n", " ") and len(r.right) <= 6
        sent = report.sentences[(report.sentences["doc_id"] == r.doc_id) & (report.sentences["sentence_id"]
                                                                            == r.sentence_id)].iloc[0]
        assert sent["start"] <= r.start < sent["end"]


def test_kwic_of_an_entity_finds_its_mentions_however_written(report: toolkit.CorpusReport) -> None:
    ents = report.entities
    forms = ents.groupby("canonical")["text"].nunique()
    name = forms[forms > 1].index[0]  # an entity written in more than one way
    lines = report.kwic(name)
    assert len(lines) == (ents["canonical"] == name).sum()
    assert set(lines["match"]) == set(ents.loc[ents["canonical"] == name, "text"]) and set(lines["canonical"]) == {name}
    assert report.kwic(name, by="text")["match"].eq(name).all()


def test_kwic_html_view_escapes_text() -> None:
    rep = toolkit.Analyzer(clean=False, components=()).analyze_corpus([("x", "<b>芯片</b>出口<script>x</script>")])
    page = rep.show_kwic("芯片")._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert "<mark><b>芯片</b></mark>" in page
    assert "[芯片]" in str(rep.show_kwic("芯片"))


def test_kwic_text_view_lines_up_the_matches_in_a_terminal(report: toolkit.CorpusReport) -> None:
    import unicodedata

    lines = str(report.show_kwic("人工智能", window=8)).splitlines()[:-1]
    assert len(lines) > 2
    columns = {sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:line.index("[")])
               for line in lines}
    assert len(columns) == 1  # wide characters count twice, so every match starts in the same column


# --- networks --------------------------------------------------------------------------------

def test_cooccurrence_edges_count_shared_sentences_and_articles(report: toolkit.CorpusReport) -> None:
    ents = report.entities
    edges = report.cooccurrence(min_count=1)
    assert list(edges.columns) == ["source", "target", "weight", "articles", "source_label", "target_label"]
    assert edges["weight"].is_monotonic_decreasing and len(edges)
    top = edges.iloc[0]
    both = ents[ents["canonical"].isin([top["source"], top["target"]])]
    per_sentence = both.groupby(["doc_id", "sentence_id"])["canonical"].nunique()
    assert top["weight"] == (per_sentence == 2).sum()
    assert top["articles"] == per_sentence[per_sentence == 2].index.get_level_values(0).nunique()
    assert not ((edges["source"] == edges["target"]).any())
    by_article = report.cooccurrence(level="article", min_count=1)
    assert len(by_article) >= len(edges)  # a sentence is inside an article
    assert (report.cooccurrence(min_count=2)["weight"] >= 2).all()
    with pytest.raises(toolkit.InvalidParameterError, match="level"):
        report.cooccurrence(level="paragraph")


def test_the_network_goes_to_networkx_and_gephi(report: toolkit.CorpusReport, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    g = report.to_networkx(min_count=1, labels=["PERSON", "COMPANY"])
    edges = report.cooccurrence(min_count=1, labels=["PERSON", "COMPANY"])
    assert g.number_of_edges() == len(edges)
    a, b, w = edges.iloc[0][["source", "target", "weight"]]
    assert g[a][b]["weight"] == w and g.nodes[a]["label"] in ("PERSON", "COMPANY") and g.nodes[a]["mentions"] >= 1
    path = report.write_gexf(tmp_path / "net.gexf", min_count=1)
    back = nx.read_gexf(path)
    assert back.number_of_edges() == len(report.cooccurrence(min_count=1))
    assert a in back.nodes or a in {d.get("label") for _, d in back.nodes(data=True)}


def test_the_plot_keeps_the_strongest_ties_within_top_entities() -> None:
    from toolkit.report.network import strongest

    edges = pd.DataFrame({"source": ["a", "a", "b", "c", "e"], "target": ["b", "c", "c", "d", "f"],
                          "weight": [5, 3, 3, 1, 1]})
    assert len(strongest(edges, 6)) == 5              # everything fits
    assert strongest(edges, 3)["weight"].tolist() == [5, 3, 3]   # a, b, c
    assert strongest(edges, 2)["weight"].tolist() == [5]         # the strongest tie alone
    assert strongest(edges, 1).empty                  # no entity without an edge


# --- timelines -------------------------------------------------------------------------------

def test_entity_timeline_counts_per_period_with_gaps_for_empty_ones(report: toolkit.CorpusReport) -> None:
    tl = report.entity_timeline(freq="M", top_k=3)
    assert list(tl.columns) == ["period", "canonical", "label", "articles", "mentions", "mean_tone"]
    months = sorted(set(tl["period"]))
    assert months == list(pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]))  # February: no article
    feb = tl[tl["period"] == pd.Timestamp("2025-02-01")]
    assert feb[["articles", "mentions", "mean_tone"]].isna().all().all()
    dated = report.articles.dropna(subset=["date"])["doc_id"]
    for name, rows in tl.groupby("canonical"):
        ents = report.entities[(report.entities["canonical"] == name) & report.entities["doc_id"].isin(dated)]
        assert rows["mentions"].sum() == len(ents)
        march = rows[rows["period"] == pd.Timestamp("2025-03-01")].iloc[0]
        et = report.entity_tones
        march_ids = report.articles.loc[report.articles["date"].dt.month == 3, "doc_id"]
        scores = et.loc[(et["canonical"] == name) & et["doc_id"].isin(march_ids), "sentiment_score"]
        assert march["mean_tone"] == pytest.approx(scores.mean()) if len(scores) else pd.isna(march["mean_tone"])


def test_weekly_timeline_per_group_has_every_week(report: toolkit.CorpusReport) -> None:
    tl = report.entity_timeline(freq="W", by="source", entities=[report.entities["canonical"].iloc[0]])
    assert set(tl["group"]) == {"科技日报", "财经网"}
    for _, rows in tl.groupby("group"):
        steps = rows["period"].diff().dropna().unique()
        assert list(steps) == [pd.Timedelta(days=7)]
    with pytest.raises(toolkit.InvalidParameterError, match="freq"):
        report.entity_timeline(freq="fortnight")


def test_keyword_trends_break_ties_by_first_appearance_and_leave_gaps() -> None:
    df = pd.DataFrame({"text": ["足球很好。", "芯片很好。", "今天的足球。新的芯片。"],
                       "date": ["2025-01-03", "2025-01-09", "2025-03-01"]})
    rep = toolkit.Analyzer(components=("keywords",)).analyze_corpus(df)
    counts = rep.keywords.drop_duplicates(["doc_id", "term"])["term"].value_counts()
    assert counts["足球"] == counts["芯片"] == 2
    trends = rep.keyword_trends(top_k=2)
    assert list(trends.columns) == ["足球", "芯片"]  # 足球 is seen first (alphabetically 芯片 < 足球 would win)
    assert list(trends.index) == ["2025-01", "2025-02", "2025-03"] and trends.loc["2025-02"].isna().all()
    assert trends.loc["2025-01", "足球"] == 0.5


def test_keyword_and_timeline_plots_by_group_leave_gaps(report: toolkit.CorpusReport) -> None:
    pytest.importorskip("matplotlib")
    pytest.importorskip("mplfonts")
    fig = report.plot("keywords", by="source", top_k=3)  # was a TypeError
    assert [ax.get_title().split(" · ")[-1] for ax in fig.axes] == ["科技日报", "财经网"]
    fig = report.plot("timeline", top_k=3)
    ys = fig.axes[0].lines[0].get_ydata()
    assert len(ys) == 3 and pd.isna(ys[1])  # February has no article: a gap, not a line across it


# --- spaCy -----------------------------------------------------------------------------------

def test_an_article_becomes_a_spacy_doc_with_the_full_systems_entities(analyzer: toolkit.Analyzer,
                                                                       samples: Path) -> None:
    from spacy import displacy

    art = analyzer.analyze_file(samples / "01_sora_ai_video.txt")
    doc = art.to_spacy()
    assert doc.text == art.text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(e.start, e.end, e.label) for e in art.entities]
    assert [e._.canonical for e in doc.ents] == [e.canonical for e in art.entities]
    assert {e._.source for e in doc.ents} == {e.source for e in art.entities}
    assert {e._.source for e in doc.ents} - {"model"}  # not only the network's: the gazetteer's, the rules'
    assert [s.start_char for s in doc.sents] == sorted({0} | {s.start for s in art.sentences})
    tagged = {(t.idx, t.idx + len(t)): t.tag_ for t in doc if t.tag_}
    assert sum((t.start, t.end) in tagged for t in art.tokens) >= 0.9 * len(art.tokens)
    page = displacy.render(doc, style="ent", jupyter=False)
    assert "Sora" in page and "PRODUCT" in page


def test_spacy_extensions_never_replace_another_librarys() -> None:
    from spacy.tokens import Span

    art = toolkit.Analyzer().analyze("华为发布新手机。")
    Span.set_extension("other_canonical", getter=lambda span: "theirs")
    try:
        with pytest.raises(toolkit.InvalidParameterError, match="another library"):
            art.to_spacy(prefix="other_")
        assert Span.get_extension("other_canonical")[2] is not None  # their getter is still there
        doc = art.to_spacy(prefix="mine_")
        assert [e._.mine_canonical for e in doc.ents] == ["华为"]
        assert art.to_spacy(prefix="mine_").ents[0]._.mine_source == art.entities[0].source  # registered once, reused
    finally:
        for name in ("other_canonical", "mine_canonical", "mine_source", "mine_score"):
            if Span.has_extension(name):
                Span.remove_extension(name)
