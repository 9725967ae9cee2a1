"""``make eval-sentiment``: tone on data others labelled first, then the project's own sentences.

Sets (``--split dev`` by default; ``--split test`` reads BDCI's held-out tenth and the
project's test sentences, the only test splits here):

- FinNE (financial-news sentences), BDCI-2019 (internet news: headline as ``title=``, lead as
  text), the project's news sentences: per-class P/R/F1 and macro-F1 of ``Analyzer.sentiment``'s
  label;
- ChnSentiCorp (reviews): accuracy of the label (neutral counts as wrong) and of the score's sign;
- FinNSP (financial news items): document accuracy (label ``negative`` ⇔ the item is negative) and
  negative-entity P/R/F1 of ``Analyzer.tone_towards(text, listed entities)``.

Beside the toolkit: SnowNLP (``p > 0.6`` positive, ``< 0.4`` negative, else neutral; a review is
positive when ``p > 0.5``) and a plain TF-IDF (character 1–3-grams) + logistic regression trained on
the same train splits as the shipped model, without weights. Speed: ``Analyzer.sentiment`` over
ChnSentiCorp dev, one process.
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..pipeline.analyzer import Analyzer
from ..text.sentences import split_sentences
from .datasets import (
    DEFAULT_SETS,
    LABELS,
    Example,
    TargetItem,
    read_bdci,
    read_finnsp,
    read_heldout_sentences,
    read_heldout_targets,
    read_set,
)
from .scoring import PRF, macro_f1, micro, score_classes, score_sets

__all__ = ["tone_macro_f1", "document_scores", "target_prf", "main"]


def tone_macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the three tone classes (:data:`LABELS`), ``gold[i]`` and ``pred[i]`` the
    labels of text ``i``.

    >>> round(tone_macro_f1(["negative", "neutral", "positive"], ["negative", "neutral", "neutral"]), 4)
    0.5556
    """
    return macro_f1(score_classes(gold, pred, LABELS).values())


def target_prf(items: Sequence[TargetItem], predicted: Sequence[set[str]]) -> PRF:
    """Counts of (item, negative entity) pairs: the entities predicted negative in each item
    against its negative entities, summed over the items (micro)."""
    return micro(score_sets(it.negative_entities, p) for it, p in zip(items, predicted, strict=True))


def document_scores(a: Analyzer, csc: Sequence[Example], bdci: Sequence[tuple[str, str, str]],
                    nsp: Sequence[TargetItem]) -> dict[str, float]:
    """The document-level figures the article blend is chosen on: ChnSentiCorp label accuracy,
    BDCI macro-F1 (title + lead), FinNSP document accuracy."""
    csc_acc = sum(a.sentiment(e.text).label == e.label for e in csc) / max(1, len(csc))
    pred = [a.sentiment(lead, title=title).label if lead.strip() else a.sentiment(title).label
            for title, lead, _ in bdci]
    nsp_acc = sum((a.sentiment(it.text).label == "negative") == it.negative for it in nsp) / max(1, len(nsp))
    return {"chnsenticorp": csc_acc, "bdci": tone_macro_f1([r[2] for r in bdci], pred), "finnsp": nsp_acc}


def _snownlp() -> Callable[[str], float] | None:
    try:
        from snownlp import SnowNLP
    except ImportError:
        return None
    return lambda text: float(SnowNLP(text).sentiments) if text.strip() else 0.5


def _band(p: float) -> str:
    return "positive" if p > 0.6 else "negative" if p < 0.4 else "neutral"


def _table(title: str, gold: Sequence[str], preds: dict[str, list[str]]) -> list[str]:
    counts = ", ".join(f"{list(gold).count(lab)} {lab}" for lab in LABELS)
    out = [f"\n## {title} ({len(gold)}: {counts})\n",
           "| method | " + " | ".join(f"{lab} P/R/F1" for lab in LABELS) + " | macro F1 |",
           "|---|" + "---|" * len(LABELS) + "---:|"]
    for name, pred in preds.items():
        scores = score_classes(gold, pred, LABELS)
        cells = [f"{s.precision:.2f}/{s.recall:.2f}/{s.f1:.3f}" for s in scores.values()]
        out.append(f"| {name} | " + " | ".join(cells) + f" | **{macro_f1(scores.values()):.4f}** |")
    return out


def _plain_baseline(data: Path, sets: Sequence[str]) -> Callable[[Sequence[str]], list[str]]:
    """Char 1–3-gram TF-IDF + logistic regression on the same train splits, unweighted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    ex = [e for name in sets for e in read_set(data, name, "train")]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
    lr = LogisticRegression(C=4.0, max_iter=3000).fit(vec.fit_transform([e.text for e in ex]), [e.label for e in ex])
    return lambda texts: [str(v) for v in lr.predict(vec.transform(list(texts)))]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.evaluate.sentiment", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--no-baselines", action="store_true", help="skip SnowNLP and the plain TF-IDF + LR")
    ns = ap.parse_args(argv)

    a = Analyzer(components=("sentiment",), model_dir=ns.model_dir).load()
    snow = None if ns.no_baselines else _snownlp()
    plain = None if ns.no_baselines else _plain_baseline(ns.data, DEFAULT_SETS)
    split = ns.split
    lines: list[str] = [f"# Tone, {split} splits (model: {a.model_dir or 'models'})"]
    summary: list[tuple[str, float]] = []

    def three_class(name: str, texts: list[str], gold: list[str], titles: list[str] | None = None) -> None:
        if titles is None:
            mine: list[str] = [a.sentiment(t).label for t in texts]
        else:
            mine = [a.sentiment(t, title=h).label if t.strip() else a.sentiment(h).label
                    for t, h in zip(texts, titles, strict=True)]
        preds: dict[str, list[str]] = {"toolkit `Analyzer.sentiment`": list(mine)}
        joined = texts if titles is None else [f"{h}。{t}" for t, h in zip(texts, titles, strict=True)]
        if plain is not None:
            preds["TF-IDF char 1–3 + LR (same train sets)"] = plain(joined)
        if snow is not None:
            preds["SnowNLP (neutral 0.4–0.6)"] = [_band(snow(t)) for t in joined]
        lines.extend(_table(name, gold, preds))
        summary.append((name + " macro-F1", tone_macro_f1(gold, mine)))

    if split == "dev":
        fin = read_set(ns.data, "finne", "dev")
        three_class("FinNE dev (financial-news sentences, labelled by others)", [e.text for e in fin],
                    [e.label for e in fin])
    bd = read_bdci(ns.data, split)
    three_class(f"BDCI-2019 news {split} (headline + lead, labelled by others)", [r[1] for r in bd],
                [r[2] for r in bd], titles=[r[0] for r in bd])

    if split == "dev":
        csc = read_set(ns.data, "chnsenticorp", "dev")
        gold = [e.label for e in csc]
        tones = [a.sentiment(e.text) for e in csc]
        rows = [("toolkit `Analyzer.sentiment` label", sum(t.label == g for t, g in zip(tones, gold, strict=True))),
                ("toolkit `Analyzer.sentiment` sign of score",
                 sum((t.score > 0) == (g == "positive") for t, g in zip(tones, gold, strict=True)))]
        if plain is not None:
            rows.append(("TF-IDF char 1–3 + LR (same train sets)",
                         sum(p == g for p, g in zip(plain([e.text for e in csc]), gold, strict=True))))
        if snow is not None:
            rows.append(("SnowNLP (p > 0.5)", sum((snow(e.text) > 0.5) == (g == "positive")
                                                   for e, g in zip(csc, gold, strict=True))))
        lines += [f"\n## ChnSentiCorp dev ({len(csc)} hotel reviews, labelled by others): accuracy\n",
                  "| method | accuracy |", "|---|---:|"]
        lines += [f"| {name} | **{n / len(csc):.4f}** |" for name, n in rows]
        summary.append(("ChnSentiCorp dev accuracy (label)", rows[0][1] / len(csc)))

        nsp = read_finnsp(ns.data, "dev")
        t0 = time.perf_counter()
        doc = [a.sentiment(it.text) for it in nsp]
        towards = [a.tone_towards(it.text, it.entities) for it in nsp]
        dt = time.perf_counter() - t0
        predicted = [{t.target for t in tw if t.label == "negative"} for tw in towards]
        acc = sum((d.label == "negative") == it.negative for d, it in zip(doc, nsp, strict=True)) / len(nsp)
        towards_counts = target_prf(nsp, predicted)
        p, r, f = towards_counts.precision, towards_counts.recall, towards_counts.f1
        doc_counts = target_prf(nsp, [{e for e in it.entities if d.label == "negative"}
                                      for it, d in zip(nsp, doc, strict=True)])
        sent_p, sent_r, sent_f = doc_counts.precision, doc_counts.recall, doc_counts.f1
        lines += [f"\n## FinNSP dev ({len(nsp)} financial news items, {sum(it.negative for it in nsp)} negative; "
                  "labelled by others)\n", "| method | document accuracy | negative-entity P/R/F1 |", "|---|---:|---|",
                  f"| toolkit (`sentiment` label; `tone_towards`) | **{acc:.4f}** | {p:.3f}/{r:.3f}/**{f:.4f}** |",
                  f"| every listed entity takes the document's tone | {acc:.4f} | "
                  f"{sent_p:.3f}/{sent_r:.3f}/{sent_f:.4f} |",
                  f"\n({len(nsp)} items scored in {dt:.1f} s)"]
        summary += [("FinNSP dev document accuracy", acc), ("FinNSP dev negative-entity F1", f)]

    held = read_heldout_sentences()
    three_class("Held-out news sentences (written and labelled by an independent helper, never trained on)",
                [e.text for e in held], [e.label for e in held])
    items = read_heldout_targets()
    gold_t: list[str] = []
    pred_t: list[str] = []
    sent_t: list[str] = []
    for text, pairs in items:
        got = {t.target: t.label for t in a.tone_towards(text, list(pairs))}
        whole = a.sentiment(text).label
        for name, lab in pairs.items():
            gold_t.append(lab)
            pred_t.append(got[name])
            sent_t.append(whole)
    lines.extend(_table(f"Held-out tone towards targets ({len(items)} texts by the independent helper; "
                        "one row per target)", gold_t, {"toolkit `Analyzer.tone_towards`": pred_t,
                                                         "every target takes the text's tone": sent_t}))
    summary.append(("Held-out targets macro-F1", tone_macro_f1(gold_t, pred_t)))

    own = read_set(ns.data, "own", split)
    three_class(f"Project news sentences, {split} (written by the project: optimistic)", [e.text for e in own],
                [e.label for e in own])

    if split == "dev":
        texts = [e.text for e in read_set(ns.data, "chnsenticorp", "dev")]
        sents = [t[s:e] for t in texts for s, e in split_sentences(t)]
        for s in sents[:50]:
            a.sentiment(s)
        t0 = time.perf_counter()
        for s in sents:
            a.sentiment(s)
        dt = time.perf_counter() - t0
        n_chars = sum(len(s) for s in sents)
        lines.append(f"\n## Speed: `Analyzer.sentiment` one sentence at a time, one process\n\n"
                     f"{len(sents):,} sentences ({n_chars:,} chars) of ChnSentiCorp dev in {dt:.1f} s: "
                     f"**{len(sents) / dt:,.0f} sentences/s** ({n_chars / dt:,.0f} chars/s)")
    lines += ["\n## Summary\n", "| figure | value |", "|---|---:|"] + [f"| {k} | {v:.4f} |" for k, v in summary]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
