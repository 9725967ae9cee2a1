"""A generated demonstration corpus: 240 articles over six months, recombined from the samples.

**Not real news.** Every article is stitched together from sentences of the 13 bundled sample
articles (``corpora/samples``) so that the quickstart notebook has a corpus large enough for
timelines, keyword trends and tone over time to show a shape. Dates, sources and topic shares
are invented.

How an article is made (deterministic for a given ``seed``; no network):

1. Each sample is cleaned with :func:`toolkit.clean` (byline, dateline, HTML, Traditional
   characters handled) and split with :func:`toolkit.split_sentences`; its headline and its
   sentences form one *topic*, published by the topic's channel (科技频道, 财经频道 …).
2. Each month gets ``per_month`` articles; the topic of each is drawn with month-dependent
   weights (:data:`TOPICS`): AI video rises over the months, electric cars peak mid-period, the
   stock market fades, the other topics stay flat.
3. The article's title is the topic's headline or one of its sentences; its body is a run of
   4–8 consecutive sentences of the topic, and now and then (``mix``) a sentence of a related
   topic is slipped in, so entities of neighbouring topics co-occur.

>>> df = make_corpus()
>>> len(df), list(df.columns)
(240, ['id', 'date', 'source', 'title', 'text'])
>>> df['date'].str[:7].value_counts().sort_index().tolist()
[40, 40, 40, 40, 40, 40]

Run as a script to write the corpus: ``python examples/make_corpus.py out.csv``.
"""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import toolkit

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
MONTHS = ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06")


@dataclass(frozen=True)
class Topic:
    """One sample file as a topic: its channel, its weight per month and its related topics."""

    file: str
    source: str
    weights: tuple[float, ...]  # one per month in MONTHS
    related: tuple[str, ...] = ()


RISING = (1.0, 2.0, 3.0, 4.5, 6.0, 7.5)
PEAK = (1.0, 2.5, 5.5, 6.0, 2.5, 1.0)
FALLING = (6.0, 5.0, 3.5, 2.0, 1.2, 0.8)
FLAT = (1.5,) * 6

#: The topics, their month weights and which topics lend them a sentence now and then.
TOPICS: tuple[Topic, ...] = (
    Topic("01_sora_ai_video", "科技频道", RISING, ("08_education", "06_chips_tech", "13_fullwidth_web_copy")),
    Topic("02_stock_market", "财经频道", FALLING, ("05_ev_autos", "10_consumer_messy")),
    Topic("03_football", "体育频道", FLAT, ("12_robot_marathon_gbk",)),
    Topic("04_film_culture", "文化频道", FLAT, ("01_sora_ai_video",)),
    Topic("05_ev_autos", "汽车频道", PEAK, ("02_stock_market", "06_chips_tech")),
    Topic("06_chips_tech", "科技频道", FLAT, ("11_computex_traditional_big5", "01_sora_ai_video")),
    Topic("07_health", "健康频道", FLAT, ("09_environment",)),
    Topic("08_education", "教育频道", FLAT, ("01_sora_ai_video",)),
    Topic("09_environment", "环境频道", FLAT, ("07_health",)),
    Topic("10_consumer_messy", "财经频道", FALLING, ("02_stock_market",)),
    Topic("11_computex_traditional_big5", "科技频道", RISING, ("06_chips_tech", "01_sora_ai_video")),
    Topic("12_robot_marathon_gbk", "科技频道", PEAK, ("01_sora_ai_video", "03_football")),
    Topic("13_fullwidth_web_copy", "科技频道", FLAT, ("01_sora_ai_video", "06_chips_tech")),
)


def topic_sentences(path: Path) -> tuple[str, list[str]]:
    """The cleaned headline and body sentences of one sample article."""
    cleaned = toolkit.clean(toolkit.read_text_file(path))
    title = cleaned.title or ""
    body = cleaned.text
    if title and body.startswith(title):
        body = body[len(title):]
    sentences = [body[s:e] for s, e in toolkit.split_sentences(body)]
    return title, [s for s in sentences if len(s) >= 8 and s != title and not s.startswith("—")]


def make_corpus(*, per_month: int = 40, seed: int = 7, mix: float = 0.3,
                samples: Path = SAMPLES) -> pd.DataFrame:
    """``per_month`` generated articles for each month of :data:`MONTHS` (see the module docstring)."""
    rng = random.Random(seed)
    material = {t.file: topic_sentences(samples / f"{t.file}.txt") for t in TOPICS}
    rows = []
    for m, month in enumerate(MONTHS):
        chosen = rng.choices(TOPICS, weights=[t.weights[m] for t in TOPICS], k=per_month)
        days = sorted(rng.randint(1, 28) for _ in chosen)
        for topic, day in zip(chosen, days, strict=True):
            title, sentences = material[topic.file]
            n = min(len(sentences), rng.randint(4, 8))
            start = rng.randint(0, len(sentences) - n)
            body = sentences[start:start + n]
            if topic.related and rng.random() < mix:
                _, other = material[rng.choice(topic.related)]
                body.insert(rng.randint(1, len(body)), rng.choice(other))
            if rng.random() < 0.5 and len(body[0]) <= 40:
                title = body[0].rstrip("。！？")
            rows.append({"id": f"{month}-{len(rows) + 1:03d}", "date": f"{month}-{day:02d}",
                         "source": topic.source, "title": title,
                         "text": title + "\n\n" + "".join(body)})
    return pd.DataFrame(rows, columns=["id", "date", "source", "title", "text"])


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("generated_corpus.csv")
    make_corpus().to_csv(target, index=False)
    print(f"wrote {target}")
