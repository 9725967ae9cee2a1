"""``make eval-ner --profile``: the time of each part of the entity pipeline, as a table."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.evaluate.ner import profile


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


def test_the_dev_sets_are_also_scored_as_articles(tmp_path: Path) -> None:
    import re

    from toolkit import Entity
    from toolkit.evaluate.ner import evaluate

    names = {"张伟": "PERSON", "北京": "LOC", "华为公司": "COMPANY"}
    rows = [{"text": "张伟在北京工作。", "entities": [[0, 2, "PER"], [3, 5, "LOC"]]},
            {"text": "华为公司发布了新手机。", "entities": [[0, 4, "ORG"]]},
            {"text": "北京下雨了，张三没来。", "entities": [[0, 2, "LOC"], [6, 8, "PER"]]}] * 15
    for name, label_of in (("msra", {"PERSON": "PER", "LOC": "LOC", "COMPANY": "ORG"}),
                           ("cluener", {"PERSON": "name", "LOC": "address", "COMPANY": "company"})):
        d = tmp_path / "ner" / name
        d.mkdir(parents=True)
        data = [{"text": r["text"], "entities": [[s, e, label_of[{"PER": "PERSON", "ORG": "COMPANY"}.get(lab, lab)]]
                                                 for s, e, lab in r["entities"]]} for r in rows]
        (d / "dev.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in data), encoding="utf-8")

    def predict(text: str) -> list[Entity]:  # knows each name alone, so articles score as sentences
        return [Entity(m.group(), names[m.group()], m.start(), m.end(), m.group())  # type: ignore[arg-type]
                for m in re.finditer("|".join(names), text)]

    lines = evaluate(tmp_path, predict, posseg=False)
    f1 = {line.split(" | ")[0].strip("| "): line.split(" | ")[4] for line in lines if "| ALL |" in line}
    assert f1["MSRA, as articles of 20 sentences"] == f1["MSRA"] == "0.889"
    assert f1["CLUENER, as articles of 20 sentences"] == f1["CLUENER"]
    assert any("one article (20 sentences) per call" in line for line in lines)

    lines = evaluate(tmp_path, predict, posseg=False, own_style={"own": lambda text: [], "msra": predict})
    f1 = {line.split(" | ")[0].strip("| "): line.split(" | ")[4] for line in lines if "| ALL |" in line}
    assert f1["MSRA, msra style"] == "0.889" and f1["own news set, own style"] == "0.000"
    assert "CLUENER, cluener style" not in f1


def test_a_marked_file_is_read_by_parts_and_a_part_without_rows_is_left_out(tmp_path: Path) -> None:
    from toolkit.evaluate.annotated import read_marked, read_marked_parts

    f = tmp_path / "set.txt"
    f.write_text("# a comment\n#: part 1\n[华为](COMPANY)发布了[Mate 70](PRODUCT)。\n\n"
                 "#: part 2: nothing yet\n#: part 3: harder\n[燧原科技](COMPANY)融资。\n[张伟](PERSON)来了。\n",
                 encoding="utf-8")
    parts = read_marked_parts(f)
    assert [(name, len(rows)) for name, rows in parts] == [("part 1", 1), ("part 3: harder", 2)]
    assert [row for _, rows in parts for row in rows] == read_marked(f)
