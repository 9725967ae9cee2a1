"""Properties that hold for any text (hypothesis)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit import InvalidInputError, clean, split_sentences
from toolkit.text.normalize import collapse_whitespace, strip_invisible, to_halfwidth

# Chinese-heavy text with punctuation, Latin, digits, full-width forms, spaces, line breaks, emoji.
CHARS = st.sampled_from(
    list("人工智能公司发布了新模型周鸿祎说。，！？：；“”（）《》、…—·")
    + list("OpenAI Sora 2024 ＡＢＣ１２３") + ["\n", "\n\n", " ", "\u3000", "\u200b", "😀", "𠀀", "\t", "\r\n"]
)
TEXT = st.lists(CHARS, max_size=120).map("".join)
# derandomize: CI runs the same examples every time (a random run once found 人\r\n2, kept below)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
ANALYZER = toolkit.Analyzer()


@SETTINGS
@given(TEXT)
def test_sentences_are_trimmed_ordered_spans_of_the_text(text: str) -> None:
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing but whitespace is left out


@SETTINGS
@given(TEXT)
def test_character_cleaning_is_idempotent(text: str) -> None:
    for fn in (strip_invisible, to_halfwidth, collapse_whitespace):
        assert fn(fn(text)) == fn(text)


@SETTINGS
@given(TEXT)
@example("人\r\n2")  # a headline and a page number: the body was left as "人\n"
def test_cleaning_twice_changes_nothing_more(text: str) -> None:
    once = clean(text).text
    assert clean(once).text == once


@SETTINGS
@given(TEXT)
def test_every_offset_of_an_article_points_into_its_text(text: str) -> None:
    if not clean(text).text.strip():  # nothing left to analyse: refused like empty input
        with pytest.raises(InvalidInputError, match="empty"):
            ANALYZER.analyze(text)
        return
    art = ANALYZER.analyze(text)
    for item in (*art.sentences, *art.tokens, *art.entities, *art.quotes):
        assert art.text[item.start:item.end] == item.text
    assert all(-1 <= s.sentiment.score <= 1 for s in art.sentences if s.sentiment is not None)
    tokens = [(t.start, t.end) for t in art.tokens]
    assert tokens == sorted(tokens) and all(a[1] <= b[0] for a, b in zip(tokens, tokens[1:], strict=False))


def test_reports_are_identical_across_processes_with_different_hash_seeds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code = (
        "import toolkit, sys; r = toolkit.Analyzer().analyze_corpus(sys.argv[1], progress=False); "
        "print(r.articles.drop(columns=['path']).to_json(force_ascii=False)); "
        "print(r.entities.to_json(force_ascii=False)); print(r.keywords.to_json(force_ascii=False)); "
        "print(r.sentences.to_json(force_ascii=False)); print(r.quotes.to_json(force_ascii=False)); "
        "print(r.entity_tones.to_json(force_ascii=False)); print(r.roles.to_json(force_ascii=False))"
    )
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run([sys.executable, "-c", code, os.path.join(root, "corpora", "samples")],
                             capture_output=True, text=True, env=env, check=True)
        outs.append(res.stdout)
    assert outs[0] == outs[1]
