"""``make eval-ner``: P/R/F1 per label per data set, speed, and the jieba.posseg baseline.

Data sets (dev splits only; test splits are held out):

- MSRA dev (PERSON/LOC/ORG; COMPANY predictions count as ORG),
- CLUENER2020 dev mapped to PERSON/COMPANY/ORG/LOC/WORK,
- the project's own annotated news sentences (``corpora/annotated/entities_dev.txt``),
  PERSON/COMPANY/ORG/PRODUCT/LOC/WORK, also scored on names the gazetteer does not list.

Predictions of labels a data set does not annotate (PRODUCT on MSRA) are left out of its score.
MSRA and CLUENER are also scored as articles (20 consecutive dev sentences to a text), the way
the toolkit is called on news.
"""
from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from ..ner.tagging.crf import WordSegmenter
from ..pipeline.analyzer import Analyzer
from ..results import Entity
from .annotated import read_marked_parts
from .datasets import Span, read_ner_jsonl, read_raw_ner_jsonl
from .scoring import PRF, micro, score_by_label, score_sets

__all__ = ["score_spans", "prf_table", "entity_spans", "as_articles", "copied_as", "COPIES", "evaluate", "profile",
           "main"]

Example = tuple[str, list[Span]]


def score_spans(gold: Sequence[Example], pred: Sequence[list[Span]], labels: Sequence[str],
                merge: Mapping[str, str] | None = None) -> dict[str, PRF]:
    """Exact-span counts per label of ``labels`` and over all of them (``"ALL"``, micro), each
    sentence's spans compared as sets; ``merge`` renames labels before comparing (``{"COMPANY":
    "ORG"}`` on MSRA), and spans of other labels are left out (PRODUCT on MSRA).

    >>> s = score_spans([("张伟在北京。", [(0, 2, "PERSON"), (3, 5, "LOC")])], [[(0, 2, "PERSON")]],
    ...                 ["PERSON", "LOC"])
    >>> s["PERSON"].f1, s["LOC"].recall, s["ALL"]
    (1.0, 0.0, PRF(tp=1, fp=0, fn=1))
    """
    merge = merge or {}

    def relabel(spans: Iterable[Span]) -> list[Span]:
        return [(s, e, merge.get(lab, lab)) for s, e, lab in spans]

    out = {lab: PRF() for lab in labels}
    for (_, g), p in zip(gold, pred, strict=True):
        for lab, counts in score_by_label(relabel(g), relabel(p), labels, label=_label).items():
            out[lab] += counts
    out["ALL"] = micro(out.values())
    return out


def _label(span: Span) -> str:
    return span[2]


def prf_table(name: str, scores: Mapping[str, PRF]) -> list[str]:
    """Markdown rows ``| name | label | P | R | F1 | gold |``, one per label of ``scores``."""
    return [f"| {name} | {lab} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.n_gold} |"
            for lab, s in scores.items()]


def _unseen_recall(gold: Sequence[Example], pred: Sequence[list[Span]], name: str = "own news set") -> list[str]:
    """Recall on gold COMPANY/PRODUCT names the bundled gazetteer does not list."""
    from ..ner.gazetteer import Gazetteer
    from ..resources import resolve_model_dir

    gaz = Gazetteer.from_file(resolve_model_dir() / "gazetteer" / "entities.tsv")
    out = []
    for label in ("COMPANY", "PRODUCT"):
        counts = PRF()
        for (text, spans), p in zip(gold, pred, strict=True):
            unseen = [(s, e, lab) for s, e, lab in spans if lab == label and gaz.lookup(text[s:e]) is None]
            counts += score_sets(unseen, p)
        out.append(f"| {name}, names in no list (recall only) | {label} | – | "
                   f"{counts.recall:.3f} | – | {counts.n_gold} |")
    return out


def entity_spans(ents: Iterable[Entity]) -> list[Span]:
    """The (start, end, label) of each entity, as the gold spans are given."""
    return [(e.start, e.end, e.label) for e in ents]


def _posseg_predict(texts: Sequence[str]) -> tuple[list[list[Span]], float]:
    import jieba
    import jieba.posseg

    tok = jieba.Tokenizer()
    tok.initialize()
    pos = jieba.posseg.POSTokenizer(tok)
    tags = {"nr": "PERSON", "ns": "LOC", "nt": "ORG"}
    preds = []
    t0 = time.perf_counter()
    for text in texts:
        spans, i = [], 0
        for p in pos.lcut(text):
            if p.flag in tags:
                spans.append((i, i + len(p.word), tags[p.flag]))
            i += len(p.word)
        preds.append(spans)
    return preds, time.perf_counter() - t0


ARTICLE_SENTENCES = 20


def as_articles(examples: Sequence[Example], size: int = ARTICLE_SENTENCES, sep: str = "") -> list[Example]:
    """Consecutive ``size`` sentences joined into one text (with ``sep`` after each), gold spans
    shifted: the dev sets read as articles, the way the toolkit is called on news.

    >>> as_articles([("甲在北京。", [(2, 4, "LOC")]), ("乙。", [])], sep="\\n")
    [('甲在北京。\\n乙。\\n', [(2, 4, 'LOC')])]
    """
    out: list[Example] = []
    for i in range(0, len(examples), size):
        text, gold = "", []
        for t, g in examples[i:i + size]:
            gold += [(s + len(text), e + len(text), lab) for s, e, lab in g]
            text += t + sep
        out.append((text, gold))
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
#: The ways copies of news come, that :func:`copied_as` makes of a dev set.
COPIES = ("web spacing", "word spacing", "traditional", "full-width")


def copied_as(examples: Sequence[Example], kind: str) -> list[Example]:
    """The sentences as other copies of news come, gold spans following their characters:

    - ``"web spacing"``: a space between Chinese and Latin letters or digits (``OpenAI 发布了
      Sora 2``, the web's typographic habit);
    - ``"word spacing"``: a space between every two jieba words (a pre-segmented corpus; a
      space inserted inside a name is inside its span);
    - ``"traditional"``: Traditional characters (OpenCC s2t; a sentence whose length the
      conversion would change is left as it is);
    - ``"full-width"``: ASCII letters, digits, symbols and spaces full-width (old GB text, print).

    >>> copied_as([("周鸿祎谈Sora。", [(0, 3, "PERSON"), (4, 8, "PRODUCT")])], "web spacing")
    [('周鸿祎谈 Sora。', [(0, 3, 'PERSON'), (5, 9, 'PRODUCT')])]
    >>> copied_as([("周鸿祎谈Sora。", [(0, 3, "PERSON")])], "full-width")[0][0]
    '周鸿祎谈Ｓｏｒａ。'
    """
    if kind not in COPIES:
        raise ValueError(f"kind={kind!r}: expected one of {COPIES}")
    if kind == "traditional":
        import opencc

        cc = opencc.OpenCC("s2t")
        return [(t2, gold) if len(t2 := cc.convert(text)) == len(text) else (text, gold) for text, gold in examples]
    if kind == "full-width":
        table = {c: c + 0xFEE0 for c in range(0x21, 0x7F)} | {0x20: 0x3000}
        return [(text.translate(table), gold) for text, gold in examples]
    segment = WordSegmenter() if kind == "word spacing" else None
    out: list[Example] = []
    for text, gold in examples:
        cuts: set[int] = set()
        if segment is None:
            cuts = {i for i in range(1, len(text))
                    if (_HAN.match(text[i - 1]) and _ASCII_ALNUM.match(text[i]))
                    or (_ASCII_ALNUM.match(text[i - 1]) and _HAN.match(text[i]))}
        else:
            i = 0
            for word, _ in segment(text):
                i += len(word)
                if 0 < i < len(text) and not text[i - 1].isspace() and not text[i].isspace():
                    cuts.add(i)
        chars: list[str] = []
        pos: list[int] = []
        for i, c in enumerate(text):
            if i in cuts:
                chars.append(" ")
            pos.append(len(chars))
            chars.append(c)
        out.append(("".join(chars), [(pos[s], pos[e - 1] + 1, lab) for s, e, lab in gold]))
    return out


def evaluate(data: Path, predict: Callable[[str], list[Entity]], *, posseg: bool = True,
             limit: int | None = None,
             predict_many: Callable[[list[str]], list[list[Entity]]] | None = None,
             own_style: Mapping[str, Callable[[str], list[Entity]]] | None = None) -> list[str]:
    """The P/R/F1 table of ``predict`` on each dev set and the speed table; ``own_style`` adds
    rows for a data set (``msra``, ``cluener``, ``own``) scored with another predictor (a model
    with styles following that data set's conventions)."""
    own_style = own_style or {}
    lines = ["| data (dev) | label | P | R | F1 | gold |", "|---|---|---:|---:|---:|---:|"]

    def copy_rows(name: str, examples: Sequence[Example], labels: list[str], merge: dict[str, str] | None = None,
                  keep: Sequence[str] = ("ALL",)) -> list[str]:
        rows = []
        for kind in COPIES:
            ex = copied_as(examples, kind)
            texts = [t for t, _ in ex]
            found = predict_many(texts) if predict_many is not None else [predict(t) for t in texts]
            scores = score_spans(ex, [entity_spans(e) for e in found], labels, merge)
            rows += prf_table(f"{name}, copied with {kind}", {k: scores[k] for k in keep})
        return rows

    speed = []
    msra = list(read_ner_jsonl(data / "ner" / "msra" / "dev.jsonl", "msra"))[:limit]
    t0 = time.perf_counter()
    pred = [entity_spans(predict(t)) for t, _ in msra]
    secs = time.perf_counter() - t0
    n_chars = sum(len(t) for t, _ in msra)
    speed.append(f"| toolkit `Analyzer.entities`, one sentence per call | MSRA dev | {n_chars / secs:,.0f} |")
    if predict_many is not None:
        t0 = time.perf_counter()
        predict_many([t for t, _ in msra])
        secs = time.perf_counter() - t0
        name = "toolkit `Analyzer.entities_many`, batched (as in corpus runs)"
        speed.append(f"| {name} | MSRA dev | {n_chars / secs:,.0f} |")
    lines += prf_table("MSRA", score_spans(msra, pred, ["PERSON", "LOC", "ORG"], {"COMPANY": "ORG"}))
    arts = as_articles(msra)
    t0 = time.perf_counter()
    pred = [entity_spans(predict(t)) for t, _ in arts]
    secs = time.perf_counter() - t0
    name = f"toolkit `Analyzer.entities`, one article ({ARTICLE_SENTENCES} sentences) per call"
    speed.append(f"| {name} | MSRA dev | {n_chars / secs:,.0f} |")
    lines += prf_table(f"MSRA, as articles of {ARTICLE_SENTENCES} sentences",
                       score_spans(arts, pred, ["PERSON", "LOC", "ORG"], {"COMPANY": "ORG"}))[-1:]
    if "msra" in own_style:
        pred = [entity_spans(own_style["msra"](t)) for t, _ in msra]
        lines += prf_table("MSRA, msra style", score_spans(msra, pred, ["PERSON", "LOC", "ORG"], {"COMPANY": "ORG"}))
    lines += copy_rows("MSRA", msra, ["PERSON", "LOC", "ORG"], {"COMPANY": "ORG"})
    if posseg:
        ppred, psecs = _posseg_predict([t for t, _ in msra])
        lines += prf_table("MSRA, jieba.posseg nr/ns/nt", score_spans(msra, ppred, ["PERSON", "LOC", "ORG"]))
        speed.append(f"| jieba.posseg (nr/ns/nt) | MSRA dev | {n_chars / psecs:,.0f} |")
    clue = list(read_ner_jsonl(data / "ner" / "cluener" / "dev.jsonl", "cluener"))[:limit]
    pred = [entity_spans(predict(t)) for t, _ in clue]
    lines += prf_table("CLUENER", score_spans(clue, pred, ["PERSON", "COMPANY", "ORG", "LOC", "WORK"]))
    arts = as_articles(clue, sep="\n")
    pred = [entity_spans(predict(t)) for t, _ in arts]
    lines += prf_table(f"CLUENER, as articles of {ARTICLE_SENTENCES} sentences",
                       score_spans(arts, pred, ["PERSON", "COMPANY", "ORG", "LOC", "WORK"]))[-1:]
    if "cluener" in own_style:
        pred = [entity_spans(own_style["cluener"](t)) for t, _ in clue]
        lines += prf_table("CLUENER, cluener style",
                           score_spans(clue, pred, ["PERSON", "COMPANY", "ORG", "LOC", "WORK"]))
    lines += copy_rows("CLUENER", clue, ["PERSON", "COMPANY", "ORG", "LOC", "WORK"])
    weibo_path = data / "ner" / "weibo" / "dev.jsonl"
    if weibo_path.is_file():  # named mentions only (PER/LOC/GPE/ORG .NAM); COMPANY counts as ORG
        weibo = list(read_ner_jsonl(weibo_path, "weibo"))[:limit]
        pred = [entity_spans(predict(t)) for t, _ in weibo]
        lines += prf_table("Weibo (names)", score_spans(weibo, pred, ["PERSON", "LOC", "ORG"], {"COMPANY": "ORG"}))
    resume_path = data / "ner" / "resume" / "dev.jsonl"
    if resume_path.is_file():  # NAME and ORG only (TITLE, EDU ... are not entities for us)
        resume = [(t, [(s, e, "PERSON" if lab == "NAME" else "ORG") for s, e, lab in ents if lab in ("NAME", "ORG")])
                  for t, ents in read_raw_ner_jsonl(resume_path)][:limit]
        pred = [entity_spans(predict(t)) for t, _ in resume]
        lines += prf_table("Resume (NAME, ORG)", score_spans(resume, pred, ["PERSON", "ORG"], {"COMPANY": "ORG"}))
    heldout_path = Path(__file__).resolve().parents[2] / "corpora" / "heldout" / "entities_dev.txt"
    if heldout_path.is_file():  # written by an independent helper from docs/ENTITIES.md alone
        held = [row for _, rows in read_marked_parts(heldout_path) for row in rows][:limit]
        pred = [entity_spans(predict(t)) for t, _ in held]
        lines += prf_table("independent held-out news sentences (corpora/heldout)",
                           score_spans(held, pred, ["PERSON", "COMPANY", "ORG", "PRODUCT", "LOC", "WORK"]))
        lines += _unseen_recall(held, pred, "independent held-out sentences")
    own_path = Path(__file__).resolve().parents[2] / "corpora" / "annotated" / "entities_dev.txt"
    if own_path.is_file():
        parts = read_marked_parts(own_path)
        own = [row for _, rows in parts for row in rows]
        pred = [entity_spans(predict(t)) for t, _ in own]
        labels = ["PERSON", "COMPANY", "ORG", "PRODUCT", "LOC", "WORK"]
        lines += prf_table("own news set", score_spans(own, pred, labels))
        lines += _unseen_recall(own, pred)
        if len(parts) > 1:
            i = 0
            for name, rows in parts:
                scores = score_spans(rows, pred[i:i + len(rows)], labels)
                lines += prf_table(f"own news set, {name.split(':')[0]}, {len(rows)} sentences",
                                   {k: scores[k] for k in ("COMPANY", "PRODUCT", "ALL")})
                i += len(rows)
        if "own" in own_style:
            pred = [entity_spans(own_style["own"](t)) for t, _ in own]
            scores = score_spans(own, pred, labels)
            lines += prf_table("own news set, own style", {k: scores[k] for k in ("COMPANY", "PRODUCT", "ALL")})
        lines += copy_rows("own news set", own, labels, keep=("COMPANY", "PRODUCT", "ALL"))
    speed_lines = ["| system | data | chars/s |", "|---|---|---:|", *speed]
    return [*lines, "", *speed_lines]


def profile(data: Path, *, fast: bool = False, repeat: int = 3) -> list[str]:
    """Microseconds per character of each part of the batched entity pipeline on MSRA dev (best
    of ``repeat``, after a warm-up call): jieba words, model scores, Viterbi, the whole ``pipe``."""
    import numpy as np

    from ..ner.extractor import EntityExtractor
    from ..ner.tagging.charnet import CharNet, Ensemble
    from ..ner.tagging.crf import Tagger, WordSegmenter, length_groups, viterbi

    ex = EntityExtractor(use_model="fast" if fast else True).load()
    texts = [t for t, _ in read_ner_jsonl(data / "ner" / "msra" / "dev.jsonl", "msra")]
    n_chars = sum(len(t) for t in texts)
    seg = WordSegmenter()
    tagger = ex.tagger
    ex.pipe(texts[:50])
    lines = ["| part (MSRA dev, batched) | µs / char | chars/s |", "|---|---:|---:|"]

    def timed(name: str, run: Callable[[], object]) -> object:
        best, result = float("inf"), None
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = run()
            best = min(best, time.perf_counter() - t0)
        lines.append(f"| {name} | {best / n_chars * 1e6:.1f} | {n_chars / best:,.0f} |")
        return result

    words = timed("jieba words (rjieba, HMM off)", lambda: [seg(t) for t in texts])
    assert isinstance(words, list)
    groups = length_groups([len(t) for t in texts], 64)
    net_name = "network scores (inputs + forward)"
    parts: list[tuple[str, Tagger]] = (
        [(net_name, tagger.net), ("CRF scores", tagger.crf)] if isinstance(tagger, Ensemble)
        else [(net_name if isinstance(tagger, CharNet) else "CRF scores", tagger)])
    emits: list[list[np.ndarray]] = []
    for name, part in parts:
        def score(part: Tagger = part) -> list[list[np.ndarray]]:
            return [part.emissions_many([texts[i] for i in g], [words[i] for i in g]) for g in groups]
        emits = timed(name, score)  # type: ignore[assignment]
    timed("Viterbi", lambda: [viterbi(batch, tagger.transition) for batch in emits])
    timed("whole `EntityExtractor.pipe` (+ gazetteer, rules, merging)", lambda: ex.pipe(texts))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.evaluate.ner", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model-dir", default=None, help="model directory (default: models/)")
    ap.add_argument("--no-posseg", action="store_true", help="skip the jieba.posseg baseline")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of each set (quick look)")
    ap.add_argument("--fast", action="store_true", help='score Analyzer(ner_model="fast"): the CRF part alone')
    ap.add_argument("--pipeline-only", metavar="PATH", default=None,
                    help="score a trained spaCy pipeline alone (no gazetteer or rules), e.g. a training checkpoint")
    ap.add_argument("--profile", action="store_true",
                    help="time each part of the batched pipeline on MSRA dev instead (best of 3)")
    ns = ap.parse_args(argv)
    if ns.profile:
        print("\n".join(profile(ns.data, fast=ns.fast)))
        return 0
    if ns.pipeline_only:
        from ..ner.tagging.load import load_pipeline

        nlp = load_pipeline(Path(ns.pipeline_only))

        def predict(text: str) -> list[Entity]:
            out = []
            for e in nlp(text).ents:
                s, t = e.start_char, e.end_char
                if text[s] == "《" and text[t - 1] == "》" and t - s > 2:  # as the extractor does
                    s, t = s + 1, t - 1
                out.append(Entity(text[s:t], e.label_, s, t, text[s:t], "model"))  # type: ignore[arg-type]
            return out
        print("\n".join(evaluate(ns.data, predict, posseg=not ns.no_posseg, limit=ns.limit)))
        return 0
    an = Analyzer(model_dir=ns.model_dir, ner_model="fast" if ns.fast else True).load()
    styles = an.entity_extractor.styles
    own_style = {name: Analyzer(model_dir=ns.model_dir, ner_style=name).entities
                 for name in ("msra", "cluener", "own") if name in styles}
    if styles:
        print(f"model styles: {', '.join(styles)}; default {an.entity_extractor.tagger.style!r}")
    print("\n".join(evaluate(ns.data, an.entities, posseg=not ns.no_posseg, limit=ns.limit,
                             predict_many=an.entities_many, own_style=own_style)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
