"""``make eval-ner --profile``: the time of each part of the entity pipeline, as a table."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.train.eval_ner import profile


@pytest.mark.parametrize(("fast", "parts"), [(False, 5), (True, 4)])
def test_profile_times_every_part_of_the_pipeline(tmp_path: Path, fast: bool, parts: int) -> None:
    d = tmp_path / "ner" / "msra"
    d.mkdir(parents=True)
    rows = [{"text": "张伟在北京工作。", "entities": [[0, 2, "PER"], [3, 5, "LOC"]]},
            {"text": "华为公司发布了新手机。", "entities": [[0, 4, "ORG"]]}]
    (d / "dev.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    lines = profile(tmp_path, fast=fast, repeat=1)
    body = lines[2:]
    assert len(body) == parts
    assert ("network scores" in "".join(body)) is not fast
    assert body[-1].startswith("| whole `EntityExtractor.pipe`")
    for line in body:
        micro, per_second = (float(x.replace(",", "")) for x in line.strip("| ").split(" | ")[1:])
        assert micro > 0 and per_second > 0
