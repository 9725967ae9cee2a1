"""``make eval-quotes``: quote spans, speakers and roles on the project's annotated paragraphs.

Reads ``corpora/annotated/quotes_dev.txt`` (format in its header), analyses each paragraph with
the default ``Analyzer`` and reports:

- quote spans: precision/recall/F1, exact (same start and end) and overlap (predicted and gold
  spans share a character; each gold quote matched at most once);
- speaker accuracy over the gold quotes found (overlap): strict (canonical name or text equals
  the gold speaker) and lenient (one contains the other: 当地应急管理局 / 应急管理局);
- roles: P/R/F1 of (person, title) and of (person, title, organization), the organization
  matching when either of text or canonical name contains the gold one or the reverse.
"""
from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..pipeline.analyzer import Analyzer
from .scoring import PRF

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["Block", "read_blocks", "score", "main"]


@dataclass
class Block:
    text: str
    quotes: list[tuple[str, str, int, int]] = field(default_factory=list)  # speaker, kind, start, end
    roles: list[tuple[str, str, str]] = field(default_factory=list)  # person, title, organization


def read_blocks(path: Path) -> list[Block]:
    """Parse the annotated file; a content that is not in its paragraph is an error naming the line."""
    blocks: list[Block] = []
    cur: Block | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            cur = None
            continue
        if cur is None:
            cur = Block(line)
            blocks.append(cur)
            continue
        parts = line.split("\t")
        if parts[0] == "Q" and len(parts) == 4:
            start = cur.text.find(parts[3])
            if start < 0 or parts[2] not in ("direct", "indirect"):
                raise ValueError(f"{path}:{n}: quote not in its paragraph or bad kind: {line!r}")
            cur.quotes.append((parts[1], parts[2], start, start + len(parts[3])))
        elif parts[0] == "R" and len(parts) == 4:
            cur.roles.append((parts[1], parts[2], parts[3]))
        else:
            raise ValueError(f"{path}:{n}: expected Q<TAB>speaker<TAB>kind<TAB>content "
                             "or R<TAB>person<TAB>title<TAB>org")
    return blocks


def _same(a: str | None, b: str | None, lenient: bool) -> bool:
    if not a or not b:
        return False
    return a == b or (lenient and (a in b or b in a))


def score(blocks: Sequence[Block], analyzer: Analyzer) -> dict[str, float | int]:
    tp_exact = tp_overlap = n_pred = n_gold = 0
    spk_strict = spk_lenient = spk_n = 0
    r_tp2 = r_tp3 = r_pred = r_gold = 0
    for b in blocks:
        art = analyzer.analyze(b.text, title="")
        offset = art.text.find(b.text[:10]) if art.text != b.text else 0
        pred = [(q, q.start - offset, q.end - offset) for q in art.quotes]
        n_pred += len(pred)
        n_gold += len(b.quotes)
        used: set[int] = set()
        for speaker, _, gs, ge in b.quotes:
            tp_exact += any(ps == gs and pend == ge for _, ps, pend in pred)
            best, best_ov = None, 0
            for i, (_, ps, pend) in enumerate(pred):
                ov = min(ge, pend) - max(gs, ps)
                if i not in used and ov > best_ov:
                    best, best_ov = i, ov
            if best is None:
                continue
            used.add(best)
            tp_overlap += 1
            q = pred[best][0]
            spk_n += 1
            spk_strict += _same(q.speaker_canonical, speaker, False) or _same(q.speaker, speaker, False)
            spk_lenient += _same(q.speaker_canonical, speaker, True) or _same(q.speaker, speaker, True)
        got = [(r.person_canonical, r.person, r.title, r.organization, r.organization_canonical) for r in art.roles]
        r_pred += len(got)
        r_gold += len(b.roles)
        for person, title, org in b.roles:
            hits = [g for g in got if title == g[2] and (person in (g[0], g[1]))]
            r_tp2 += bool(hits)
            r_tp3 += any((not org and not g[3]) or _same(g[3], org, True) or _same(g[4], org, True) for g in hits)
    out: dict[str, float | int] = {"paragraphs": len(blocks), "gold_quotes": n_gold, "predicted_quotes": n_pred}
    for name, counts in (("exact", PRF.from_counts(tp_exact, n_pred=n_pred, n_gold=n_gold)),
                         ("overlap", PRF.from_counts(tp_overlap, n_pred=n_pred, n_gold=n_gold)),
                         ("role", PRF.from_counts(r_tp2, n_pred=r_pred, n_gold=r_gold)),
                         ("role_org", PRF.from_counts(r_tp3, n_pred=r_pred, n_gold=r_gold))):
        out |= {f"{name}_p": counts.precision, f"{name}_r": counts.recall, f"{name}_f1": counts.f1}
    return out | {"speaker_strict": spk_strict / spk_n if spk_n else 0.0,
                  "speaker_lenient": spk_lenient / spk_n if spk_n else 0.0, "speaker_n": spk_n,
                  "gold_roles": r_gold, "predicted_roles": r_pred}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m toolkit.evaluate.quotes", description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=ROOT / "corpora" / "annotated" / "quotes_dev.txt")
    ap.add_argument("--model-dir", default=None)
    ns = ap.parse_args(argv)
    blocks = read_blocks(ns.file)
    a = Analyzer(model_dir=ns.model_dir).load()
    t0 = time.perf_counter()
    s = score(blocks, a)
    dt = time.perf_counter() - t0
    print(f"## Quotes and roles ({s['paragraphs']} paragraphs, {s['gold_quotes']} gold quotes, "
          f"{s['gold_roles']} gold roles; {ns.file.name})\n")
    print("| measure | P | R | F1 |\n|---|---:|---:|---:|")
    print(f"| quote span, exact | {s['exact_p']:.3f} | {s['exact_r']:.3f} | {s['exact_f1']:.3f} |")
    print(f"| quote span, overlap | {s['overlap_p']:.3f} | {s['overlap_r']:.3f} | {s['overlap_f1']:.3f} |")
    print(f"| role (person, title) | {s['role_p']:.3f} | {s['role_r']:.3f} | {s['role_f1']:.3f} |")
    print(f"| role (person, title, organization) | {s['role_org_p']:.3f} | {s['role_org_r']:.3f} "
          f"| {s['role_org_f1']:.3f} |")
    print(f"\nSpeaker accuracy over the {s['speaker_n']} gold quotes found: strict "
          f"**{s['speaker_strict']:.3f}**, lenient {s['speaker_lenient']:.3f}. "
          f"Full pipeline time: {dt:.1f} s ({s['paragraphs'] / dt:.1f} paragraphs/s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
