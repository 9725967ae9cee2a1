"""Recipe for the shipped NER pipeline: ``python -m toolkit.train.ner`` (``make train-ner``).

Steps: ``prepare`` converts the NER data sets (``ner/msra``, ``ner/cluener``, ``ner/weibo``
under ``--data``, default ``../shared/data``) to spaCy DocBins with the toolkit's labels;
``train`` runs ``spacy train`` with ``ner.cfg``; ``package`` copies the best model into
``models/ner`` with its model card. Only train and dev splits are read.

Label mapping (see docs/ENTITIES.md):

- MSRA: PER → PERSON, LOC → LOC, ORG → COMPANY when the name ends in a business suffix
  (公司, 集团, 银行 except central/policy banks, 厂, 商场, 酒店 ...), else ORG.
- CLUENER2020: name → PERSON, company → COMPANY, organization/government → ORG,
  address/scene → LOC, book/movie/game → WORK (without the 《》 most CLUENER spans include),
  position → not an entity.
- Weibo: PER.NAM → PERSON, LOC.NAM/GPE.NAM → LOC, ORG.NAM → as MSRA's ORG; nominal
  mentions (.NOM) are not entities.
- The project's annotated sentences (``corpora/annotated/entities_train.txt``) use the
  toolkit's labels directly, PRODUCT included.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

__all__ = ["map_label", "read_ner_jsonl", "prepare", "main"]

HERE = Path(__file__).resolve().parent
_COMPANY = re.compile(
    r"(公司|集团|(?<!人民|中央|世界|开发|储备|亚洲)银行|厂|商场|商店|商厦|百货|超市|酒店|宾馆|饭店|药店|书店|企业)$"
)
_CLUENER = {"name": "PERSON", "company": "COMPANY", "organization": "ORG", "government": "ORG",
            "address": "LOC", "scene": "LOC", "book": "WORK", "movie": "WORK", "game": "WORK"}
_WEIBO = {"PER.NAM": "PERSON", "LOC.NAM": "LOC", "GPE.NAM": "LOC", "ORG.NAM": "ORG"}


def map_label(dataset: str, label: str, text: str, *, relabel_org: bool = True) -> str | None:
    """The toolkit label of a data set's span, or None when it is not an entity for us.

    >>> map_label("msra", "ORG", "中国银行"), map_label("msra", "ORG", "中国人民银行")
    ('COMPANY', 'ORG')
    """
    if dataset == "cluener":
        return _CLUENER.get(label)
    if dataset == "weibo":
        label = _WEIBO.get(label, "")
        if not label:
            return None
    if label == "PER":
        return "PERSON"
    if label == "ORG":
        return "COMPANY" if relabel_org and _COMPANY.search(text) else "ORG"
    if label in ("LOC", "PERSON"):
        return label
    return None


def read_ner_jsonl(path: Path, dataset: str, *, relabel_org: bool = True
                   ) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """(text, [(start, end, toolkit label)]) per line of a shared-data NER file."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            text = row["text"]
            ents = []
            for start, end, label in row["entities"]:
                mapped = map_label(dataset, label, text[start:end], relabel_org=relabel_org)
                if mapped == "WORK":  # titles without their 《》 (CLUENER includes them in most spans)
                    if text[start] == "《" and end - start > 1:
                        start += 1
                    if text[end - 1] == "》" and end - start > 1:
                        end -= 1
                if mapped is not None:
                    ents.append((start, end, mapped))
            yield text, ents


def _docbin(items: list[tuple[str, list[tuple[int, int, str]]]], out: Path, stats: Counter[str]) -> int:
    import spacy
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    nlp = spacy.blank("zh")
    db = DocBin(store_user_data=False)
    n = 0
    for text, ents in items:
        doc = nlp.make_doc(text)
        spans = []
        for start, end, label in ents:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None or not span.text.strip():
                stats["unaligned"] += 1
                continue
            spans.append(span)
            stats[label] += 1
        doc.ents = filter_spans(spans)
        db.add(doc)
        n += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out)
    return n


def prepare(data: Path, work: Path, *, cluener_copies: int = 2, own_copies: int = 5,
            relabel_org: bool = True) -> dict[str, object]:
    """Write train.spacy, dev.spacy (all dev sets) and one dev file per data set into ``work``.

    The project's own annotated news sentences (``corpora/annotated/entities_train.txt``, the
    only PRODUCT training data) are added ``own_copies`` times; their dev split is not used here.
    """
    ner = data / "ner"
    sets = {"msra": ner / "msra", "cluener": ner / "cluener", "weibo": ner / "weibo"}
    for d in sets.values():
        for split in ("train", "dev"):
            if not (d / f"{split}.jsonl").is_file():
                raise FileNotFoundError(f"{d / f'{split}.jsonl'} not found; pass --data DIR")
    train: list[tuple[str, list[tuple[int, int, str]]]] = []
    dev_all: list[tuple[str, list[tuple[int, int, str]]]] = []
    report: dict[str, object] = {}
    for name, d in sets.items():
        tr = list(read_ner_jsonl(d / "train.jsonl", name, relabel_org=relabel_org))
        dv = list(read_ner_jsonl(d / "dev.jsonl", name))
        copies = cluener_copies if name == "cluener" else 1
        train += tr * copies
        dev_all += dv
        stats: Counter[str] = Counter()
        _docbin(dv, work / f"dev_{name}.spacy", stats)
        report[name] = {"train": len(tr), "copies": copies, "dev": len(dv)}
    own = Path(__file__).resolve().parents[2] / "corpora" / "annotated" / "entities_train.txt"
    if own.is_file():
        from .annotated import read_marked

        own_rows = read_marked(own)
        train += own_rows * own_copies
        report["own_news_train"] = {"train": len(own_rows), "copies": own_copies}
    stats_train: Counter[str] = Counter()
    _docbin(train, work / "train.spacy", stats_train)
    _docbin(dev_all, work / "dev.spacy", Counter())
    report["train_spans"] = dict(stats_train)
    (work / "prepare.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def train(work: Path, *, max_steps: int | None = None, extra: list[str] | None = None,
          config: Path | None = None) -> Path:
    """Run ``spacy train`` on the prepared data; returns the model-best directory."""
    cmd = [sys.executable, "-m", "spacy", "train", str(config or HERE / "ner.cfg"), "--output", str(work / "output"),
           "--paths.train", str(work / "train.spacy"), "--paths.dev", str(work / "dev.spacy"),
           "--code", str(HERE / "register.py")]
    if max_steps is not None:
        cmd += ["--training.max_steps", str(max_steps)]
    cmd += list(extra or [])
    subprocess.run(cmd, check=True)
    return work / "output" / "model-best"


def resume_config(base: Path, source: Path, out: Path, *, steps: int, rate: float) -> Path:
    """Write a config that continues training ``source`` (a trained pipeline) with a decaying rate.

    Every component is sourced from ``source``; the learning rate warms up over 250 steps to
    ``rate`` and falls linearly to zero at ``steps``. Returns ``out``.
    """
    from spacy.util import load_config

    cfg = load_config(base, interpolate=False)
    for name in cfg["nlp"]["pipeline"]:
        cfg["components"][name] = {"source": str(source.resolve())}
    cfg["training"]["max_steps"] = steps
    cfg["training"]["patience"] = steps
    cfg["training"]["optimizer"]["learn_rate"] = {
        "@schedules": "warmup_linear.v1", "warmup_steps": 250, "total_steps": steps, "initial_rate": rate}
    out.parent.mkdir(parents=True, exist_ok=True)
    cfg.to_disk(out)
    return out


def package(best: Path, dest: Path, meta_extra: dict[str, object]) -> None:
    """Copy the trained pipeline to ``dest`` (replacing what was there) and extend its meta.json."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(best, dest)
    meta_path = dest / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(meta_extra)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.train.ner", description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--work", type=Path, default=Path("build/ner"), help="working directory (not committed)")
    ap.add_argument("--dest", type=Path, default=Path("models/ner"))
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--step", choices=["all", "prepare", "train", "package"], default="all")
    ap.add_argument("--msra-org", choices=["suffix", "org"], default="suffix",
                    help="MSRA/Weibo ORG spans: relabel business names to COMPANY by suffix, or keep all as ORG")
    ap.add_argument("--resume", type=Path, default=None,
                    help="continue training this pipeline (e.g. models/ner) with a linearly decaying rate")
    ap.add_argument("--resume-rate", type=float, default=0.0008)
    ns, extra = ap.parse_known_args(argv)
    if ns.step in ("all", "prepare"):
        report = prepare(ns.data, ns.work, relabel_org=ns.msra_org == "suffix")
        print(json.dumps(report, ensure_ascii=False, indent=2))
    if ns.step in ("all", "train"):
        config = None
        if ns.resume is not None:
            config = resume_config(HERE / "ner.cfg", ns.resume, ns.work / "resume.cfg",
                                   steps=ns.max_steps or 12000, rate=ns.resume_rate)
        train(ns.work, max_steps=ns.max_steps, extra=extra, config=config)
    if ns.step in ("all", "package"):
        package(ns.work / "output" / "model-best", ns.dest,
                {"toolkit_recipe": "make train-ner", "toolkit_config": "toolkit/train/ner.cfg"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
