"""Places the model missed come from a list of China's divisions and the world's places."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import Analyzer
from toolkit.errors import ModelFormatError
from toolkit.keywords import IdfTable
from toolkit.ner.places import Places, place_mentions, read_places
from toolkit.results import Entity
from toolkit.train.places import china_places, world_places

PLACES = Places({"泸州市": ("泸州", "city"), "泸州": ("泸州", "city"), "顺德": ("顺德", "county"),
                 "张江镇": ("张江镇", "town"), "张江": ("张江", "town")})


def everywhere(_: int) -> bool:
    return True


def test_a_listed_place_no_entity_covers_is_a_place() -> None:
    got = place_mentions("大桥位于泸州市江阳区。", [], PLACES, everywhere, everywhere, add=True)
    assert place_mentions("大桥位于泸州市江阳区。", [], PLACES, everywhere, everywhere) == []  # off by default
    assert [(e.text, e.label, e.canonical, e.source) for e in got] == [("泸州市", "LOC", "泸州", "place")]


def test_a_place_inside_a_found_organisation_stays_part_of_it() -> None:
    hospital = Entity("泸州市人民医院", "ORG", 0, 7, "泸州市人民医院", "model")
    assert place_mentions("泸州市人民医院开业。", [hospital], PLACES, everywhere, everywhere, add=True) == [hospital]


def test_a_place_must_be_whole_words() -> None:
    # words 泸州 / 市长 / 说: 泸州市 does not end where a word ends, 泸州 does
    got = place_mentions("泸州市长说", [], PLACES, lambda i: i in (0, 2, 4), lambda i: i in (1, 3, 4), add=True)
    assert [e.text for e in got] == ["泸州"]


def test_a_model_person_named_exactly_like_a_county_is_the_county_but_not_like_a_town() -> None:
    shunde = Entity("顺德", "PERSON", 0, 2, "顺德", "model")
    zhang = Entity("张江", "PERSON", 5, 7, "张江", "model")
    got = place_mentions("顺德的老板和张江说", [shunde, zhang], PLACES, everywhere, everywhere)
    assert [(e.text, e.label) for e in got] == [("顺德", "LOC"), ("张江", "PERSON")]
    named = Entity("顺德", "PERSON", 0, 2, "顺德", "gazetteer")  # a curated name is never overridden
    assert place_mentions("顺德来了", [named], PLACES, everywhere, everywhere) == [named]
    speaker = Entity("顺德", "PERSON", 0, 2, "顺德", "model")  # one who speaks, or has a title, is a person
    assert place_mentions("顺德告诉记者", [speaker], PLACES, everywhere, everywhere) == [speaker]
    titled = Entity("顺德", "PERSON", 2, 4, "顺德", "model")
    assert place_mentions("总统顺德来访", [titled], PLACES, everywhere, everywhere) == [titled]


def test_the_recipe_keeps_short_forms_only_when_rare_and_unique() -> None:
    text = ("天津市\t120000\t天津\n\t和平区\t120101\t和平\n\t南开区\t1\t南开\n广东省\t440000\t广东\n"
            "\t佛山市\t440600\t佛山\n\t\t顺德区\t440606\t顺德\n\t\t\t勒流街道\n\t\t\t\t某某村\n")
    rows = {r[0]: r for r in china_places(text, IdfTable({"和平": 5.0, "顺德": 11.0}, 9.0))}
    assert "顺德" in rows and "和平区" in rows and "和平" not in rows  # 和平 is a common word
    assert rows["勒流街道"][2] == "town" and "勒流" not in rows and "某某村" not in rows
    assert ("日本国", "日本", "country") in world_places("亚洲:\n日本\t日本国\t东京\t大阪\n")
    assert ("东京", "东京", "world_city") in world_places("亚洲:\n日本\t日本国\t东京\t大阪\n")


def test_the_shipped_list_reads_and_a_bad_line_is_a_clear_error(tmp_path: Path) -> None:
    shipped = Places.load()
    assert shipped.names.get("泸州市") == ("泸州", "city") and shipped.names.get("华盛顿") == ("华盛顿", "world_city")
    bad = tmp_path / "places.tsv"
    bad.write_text("泸州市\t泸州\tplanet\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="places.tsv:1"):
        read_places(bad)


def test_an_article_names_the_county_the_model_took_for_a_person() -> None:
    ents = Analyzer(components=("entities",)).entities("顺德一家小家电配件厂的老板坦言，成本压力很大。")
    assert ("顺德", "LOC") in {(e.text, e.label) for e in ents}
