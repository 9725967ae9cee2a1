"""Names read from their context: list heads, media outlets, Latin names of people, quoted
product names, run-on spans (issue #26)."""
from __future__ import annotations

from types import MappingProxyType

import pytest

from toolkit.ner.context import (
    ListHeads,
    context_companies,
    latin_people,
    list_labels,
    media_outlets,
    quoted_products,
    split_runons,
)
from toolkit.ner.extractor import EntityExtractor
from toolkit.ner.rules import rule_entities
from toolkit.resources import resolve_model_dir
from toolkit.results import Entity

HEADS = ListHeads.from_file(resolve_model_dir(None) / "gazetteer" / "list_heads.tsv")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor().load()


def _ents(text: str, *spans: tuple[str, str]) -> list[Entity]:
    out, pos = [], 0
    for name, label in spans:
        start = text.index(name, pos)
        out.append(Entity(name, label, start, start + len(name), name, "model"))  # type: ignore[arg-type]
        pos = start + len(name)
    return out


def _labels(ents: list[Entity]) -> list[tuple[str, str]]:
    return [(e.text, e.label) for e in ents]


# ---------------------------------------------------------------------------------- lists

@pytest.mark.parametrize("text, spans, label", [
    ("蓝鲸数科、北辰智算和云梯网络等多家科技公司宣布合作。", [("蓝鲸数科", "ORG"), ("北辰智算", "PRODUCT"), ("云梯网络", "LOC")],
     "COMPANY"),
    ("星图、云笺等爆款应用的下载量翻倍。", [("星图", "LOC"), ("云笺", "COMPANY")], "PRODUCT"),
    ("灵犀3、天衡等国产大模型参加了评测。", [("灵犀3", "COMPANY"), ("天衡", "PERSON")], "PRODUCT"),
    ("东岳大学、南湖医院等单位联合发布了指南。", [("东岳大学", "ORG"), ("南湖医院", "COMPANY")], "ORG"),
    ("西江师范学院与北川理工等高校签署协议。", [("西江师范学院", "COMPANY"), ("北川理工", "LOC")], "ORG"),
    ("华鼎、嘉禾两家券商同日发布研报。", [("华鼎", "PERSON"), ("嘉禾", "LOC")], "COMPANY"),
    ("青禾、远帆等通信设备商的订单回暖。", [("青禾", "PRODUCT"), ("远帆", "PRODUCT")], "COMPANY"),
    ("周晓川、林默等公司高管出席了发布会。", [("周晓川", "COMPANY"), ("林默", "ORG")], "PERSON"),
    ("包括星链快讯、蓝海日报在内的多家媒体转载了此文。", [("星链快讯", "ORG"), ("蓝海日报", "ORG")], "COMPANY"),
])
def test_a_lists_head_noun_decides_its_members_label(text: str, spans: list[tuple[str, str]], label: str) -> None:
    out = list_labels(text, _ents(text, *spans), HEADS)
    assert _labels(out) == [(name, label) for name, _ in spans]


def test_a_member_the_model_missed_between_list_marks_is_added() -> None:
    text = "蓝鲸数科、雾灵、北辰智算等初创公司获得融资。"
    out = list_labels(text, _ents(text, ("蓝鲸数科", "ORG"), ("北辰智算", "ORG")), HEADS)
    assert _labels(out) == [("蓝鲸数科", "COMPANY"), ("雾灵", "COMPANY"), ("北辰智算", "COMPANY")]
    assert out[1].source == "rule"


def test_the_list_label_holds_for_every_mention_of_the_member() -> None:
    text = "云笺、星图等热门应用持续走红。云笺的用户已过亿。"
    spans = [("云笺", "COMPANY"), ("星图", "COMPANY"), ("云笺", "COMPANY")]
    assert [e.label for e in list_labels(text, _ents(text, *spans), HEADS)] == ["PRODUCT"] * 3


@pytest.mark.parametrize("text, spans", [
    ("蓝鲸数科、北辰智算等待审批结果。", [("蓝鲸数科", "ORG"), ("北辰智算", "ORG")]),   # 等待 is no list end
    ("蓝鲸数科和北辰智算的代表在会上发言。", [("蓝鲸数科", "ORG"), ("北辰智算", "ORG")]),  # no 等, no count
    ("去年有三家公司退出，蓝鲸数科仍在。", [("蓝鲸数科", "ORG")]),                 # a count with no list before it
    ("蓝鲸数科、北辰智算等，都在观望。", [("蓝鲸数科", "ORG"), ("北辰智算", "ORG")]),   # no head noun
])
def test_no_head_noun_no_change(text: str, spans: list[tuple[str, str]]) -> None:
    assert _labels(list_labels(text, _ents(text, *spans), HEADS)) == spans


def test_a_one_character_head_counts_only_right_after_the_list() -> None:
    heads = ListHeads(MappingProxyType({"地": "LOC", "公司": "COMPANY"}))
    text = "临川、丰城等地的公司"
    assert [e.label for e in list_labels(text, _ents(text, ("临川", "ORG"), ("丰城", "ORG")), heads)] == ["LOC"] * 2


def test_the_shipped_extractor_follows_the_head_over_the_gazetteer(extractor: EntityExtractor) -> None:
    # 快手 is a COMPANY in the gazetteer; listed among platforms it is the product
    found = _labels(extractor("抖音、快手等短视频平台都上线了这项功能。"))
    assert ("快手", "PRODUCT") in found and ("抖音", "PRODUCT") in found
    found = _labels(extractor("哔哩哔哩、知乎、小红书等多家互联网公司发布了财报。"))
    assert {lab for _, lab in found} == {"COMPANY"} and len(found) == 3


# ---------------------------------------------------------------------------------- media

@pytest.mark.parametrize("text, name", [
    ("据江南晚报报道，当地将新建两座大桥。", "江南晚报"),
    ("东海卫视报道称，节目下月回归。", "东海卫视"),
    ("记者从南岭新闻网获悉，展会将延期。", "南岭新闻网"),
    ("（来源：西川都市报）", "西川都市报"),
    ("责任编辑：陈晨 来源：北原在线", "北原在线"),
    ("据《南华经济日报》报道，港口吞吐量创新高。", "南华经济日报"),
])
def test_newspapers_broadcasters_and_news_sites_are_companies(extractor: EntityExtractor, text: str,
                                                              name: str) -> None:
    assert (name, "COMPANY") in _labels(extractor(text))


def test_a_place_before_a_paper_is_part_of_the_outlets_name() -> None:
    text = "临江商报记者昨日获悉，新码头开工。"
    assert _labels(media_outlets(text, _ents(text, ("临江", "LOC")))) == [("临江商报", "COMPANY")]


def test_a_curated_label_and_words_that_name_no_outlet_stay() -> None:
    text = "据东方时报报道，公司年报显示，工业互联网发展迅速。"
    ents = _ents(text, ("东方时报", "ORG"), ("工业互联网", "ORG"))
    assert _labels(media_outlets(text, ents, {"东方时报": "ORG"})) == [("东方时报", "ORG"), ("工业互联网", "ORG")]


def test_a_periodical_in_title_marks_is_a_company() -> None:
    assert _labels(rule_entities("据《东岭日报》报道，《读者》杂志转载。", [])) == [("东岭日报", "COMPANY"), ("读者", "WORK")]


# ---------------------------------------------------------------------------------- Latin names

@pytest.mark.parametrize("text, latin, chinese", [
    ("分析师Mark Newman（马克·纽曼）表示，需求依然强劲。", "Mark Newman", "马克·纽曼"),
    ("投资人Sarah Ellison（莎拉·埃里森）在社交媒体上写道，估值过高。", "Sarah Ellison", "莎拉·埃里森"),
    ("首席经济学家Paul van Houten（保罗·范·豪滕）认为，降息还要等。", "Paul van Houten", "保罗·范·豪滕"),
    ("研究员丽莎·卡特（Lisa Carter）指出，样本仍然不足。", "Lisa Carter", "丽莎·卡特"),
])
def test_a_latin_name_with_its_chinese_rendering_is_one_person(extractor: EntityExtractor, text: str, latin: str,
                                                               chinese: str) -> None:
    people = [(e.text, e.canonical) for e in extractor(text) if e.label == "PERSON"]
    assert (latin, chinese) in people and (chinese, chinese) in people  # the rendering whole, never cut
    assert {c for _, c in people} == {chinese}


def test_a_latin_name_after_a_title_is_a_person_and_a_company_is_not(extractor: EntityExtractor) -> None:
    assert ("Mark Newman", "PERSON") in _labels(extractor("伯恩斯坦分析师Mark Newman表示，需求强劲。"))
    assert ("Morgan Stanley", "COMPANY") in _labels(extractor("Morgan Stanley（摩根士丹利）表示，维持评级。"))
    assert latin_people("Blue Harbor Capital（蓝港资本）表示", ["分析师"]) == []


def test_a_short_form_of_the_rendering_later_is_the_same_person(extractor: EntityExtractor) -> None:
    found = extractor("分析师Mark Newman（马克·纽曼）表示，需求强劲。纽曼还说，价格会涨。")
    assert [(e.text, e.label, e.canonical) for e in found if e.text == "纽曼"] == [("纽曼", "PERSON", "马克·纽曼")]


@pytest.mark.parametrize("text, name", [
    ("中国移动推出的“和家e点”服务已覆盖千万家庭。", "和家e点"),
    ("海尔发布了“智家e站”服务平台。", "智家e站"),
    ("市民可在“云上e办”小程序中预约。", "云上e办"),
    ("车企发布“天眼X”智驾系统。", "天眼X"),
])
def test_a_quoted_name_with_a_latin_letter_is_one_product(extractor: EntityExtractor, text: str, name: str) -> None:
    found = _labels(extractor(text))
    assert (name, "PRODUCT") in found
    assert not any(t != name and t in name for t, _ in found)  # never the letter or a part alone


def test_a_quoted_mixed_name_without_a_cue_is_left_alone() -> None:
    text = "他把这次失误叫作“Plan B”。"
    assert quoted_products(text, []) == []
    text = "她说这是“A计划”的一部分。"
    assert quoted_products(text, []) == []


def test_a_companys_quoted_mixed_name_is_its_product() -> None:
    text = "北辰电信的“天翼e家”和南岭移动的“和家e点”均已接入大模型。"
    ents = _ents(text, ("北辰电信", "COMPANY"), ("南岭移动", "COMPANY"))
    assert _labels(quoted_products(text, ents)) == [("北辰电信", "COMPANY"), ("天翼e家", "PRODUCT"),
                                                  ("南岭移动", "COMPANY"), ("和家e点", "PRODUCT")]


# ---------------------------------------------------------------------------------- run-on spans

@pytest.fixture(scope="module")
def tags() -> object:
    return EntityExtractor(use_model=False)._tags


@pytest.mark.parametrize("text, span, name", [
    ("债务压力未解远洋置业集团再陷困境", "债务压力未解远洋置业集团", "远洋置业集团"),
    ("销量持续下滑蓝鲸汽车宣布裁员", "销量持续下滑蓝鲸汽车", "蓝鲸汽车"),
    ("利润已经翻倍星海科技股价创新高", "利润已经翻倍星海科技", "星海科技"),
    ("海运价格仍然上涨东洋航运公司", "海运价格仍然上涨东洋航运公司", "东洋航运公司"),
    ("行业需求仍未见底华芯半导体股价下跌", "需求仍未见底华芯半导体", "华芯半导体"),
])
def test_a_span_that_swallowed_a_headline_keeps_only_the_name(tags: object, text: str, span: str, name: str) -> None:
    start = text.index(span)
    e = Entity(span, "COMPANY", start, start + len(span), span, "model")
    out = split_runons(text, [e], tags)  # type: ignore[arg-type]
    assert [(x.text, x.start, x.canonical) for x in out] == [(name, text.index(name), name)]


def test_a_span_that_is_only_a_phrase_is_dropped(tags: object) -> None:
    text = "科技股价再度大涨"
    e = Entity("股价再度大涨", "ORG", 2, 8, "股价再度大涨", "model")
    assert split_runons(text, [e], tags) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("text, span, label", [
    ("西南财经大学信托与理财研究所发布报告。", "西南财经大学信托与理财研究所", "ORG"),
    ("市再就业服务中心成立。", "市再就业服务中心", "ORG"),
    ("英国必发公司开出赔率。", "英国必发公司", "COMPANY"),
    ("那不勒本赛季有望夺冠。", "那不勒", "ORG"),
    ("他用尽全力将游若旭托到船上。", "游若旭", "PERSON"),
    ("电视剧《人生若只如初见》热播。", "人生若只如初见", "WORK"),
])
def test_names_with_verbs_or_adverbs_in_them_stay(tags: object, text: str, span: str, label: str) -> None:
    start = text.index(span)
    e = Entity(span, label, start, start + len(span), span, "model")  # type: ignore[arg-type]
    assert split_runons(text, [e], tags) == [e]  # type: ignore[arg-type]


def test_the_shipped_extractor_never_tags_the_headline_with_the_name(extractor: EntityExtractor) -> None:
    names = [e.text for e in extractor("恒大债务压力未解碧桂园集团再陷困境。")]
    assert "碧桂园集团" in names and not any("解" in n for n in names)


# ---------------------------------------------------------------------------------- companies by context

@pytest.mark.parametrize("text, spans, name", [
    ("中国星网旗下的卫星公司完成融资。", [("中国", "LOC")], "中国星网"),
    ("星云科技董事长王海表示，订单饱满。", [("王海", "PERSON")], "星云科技"),
    ("华瑞电气股价今日涨停。", [], "华瑞电气"),
    ("远航重工总裁李强已辞职。", [("远航重工", "ORG"), ("李强", "PERSON")], "远航重工"),
    ("东岭药业净利润同比翻番。", [("东岭药业", "LOC")], "东岭药业"),
    # a title further down the hierarchy, a spokesman, a unit between the name and the title
    ("北辰能源副总裁周蕾在会上发言。", [("周蕾", "PERSON")], "北辰能源"),
    ("记者致电后，澄湖物流新闻发言人回应称将彻查。", [], "澄湖物流"),
    ("青松软件首席信息官陈默透露，系统已上线。", [("陈默", "PERSON")], "青松软件"),
    ("白鹭地产营业部总经理孙涛介绍了销售情况。", [("孙涛", "PERSON")], "白鹭地产"),
])
def test_a_company_without_a_legal_suffix_is_known_by_its_context(tags: object, text: str,
                                                                  spans: list[tuple[str, str]], name: str) -> None:
    out = context_companies(text, _ents(text, *spans), tags)  # type: ignore[arg-type]
    assert (name, "COMPANY") in _labels(out)


@pytest.mark.parametrize("text, spans", [
    ("该公司旗下有三个品牌。", []),
    ("头部平台旗下的子公司纷纷上市。", []),
    ("北京市政府旗下的投资平台完成改组。", [("北京市", "LOC")]),
    ("国资委旗下企业发布公告。", [("国资委", "ORG")]),
    ("马云董事长出席了会议。", [("马云", "PERSON")]),
    ("南湖大学附属医院总经理一职空缺。", [("南湖大学附属医院", "ORG")]),
    # a spokesman or a founder of a public body does not make it a business
    ("外交部发言人毛宁表示，中方欢迎。", [("外交部", "ORG"), ("毛宁", "PERSON")]),
    ("红星合唱团创始人李娟接受了采访。", [("红星合唱团", "ORG"), ("李娟", "PERSON")]),
])
def test_public_bodies_people_and_generic_nouns_before_the_cue_stay(tags: object, text: str,
                                                                    spans: list[tuple[str, str]]) -> None:
    ents = _ents(text, *spans)
    assert _labels(context_companies(text, ents, tags)) == spans  # type: ignore[arg-type]


def test_the_shipped_extractor_knows_a_state_firm_by_its_context(extractor: EntityExtractor) -> None:
    assert ("中国星网", "COMPANY") in _labels(extractor("中国星网旗下的卫星公司完成新一轮融资。"))


def test_a_one_character_head_must_be_a_word_of_its_own(tags: object) -> None:
    text = "云笺、星图等人气很高。"
    ents = _ents(text, ("云笺", "PRODUCT"), ("星图", "PRODUCT"))
    assert _labels(list_labels(text, ents, HEADS, tags)) == [("云笺", "PRODUCT"), ("星图", "PRODUCT")]  # type: ignore[arg-type]
    text = "周晓川、林默等人出席了发布会。"
    ents = _ents(text, ("周晓川", "COMPANY"), ("林默", "ORG"))
    assert [e.label for e in list_labels(text, ents, HEADS, tags)] == ["PERSON", "PERSON"]  # type: ignore[arg-type]


@pytest.mark.parametrize("text, names, label", [
    ("同期，澜启、驭光、极岸等新势力车企也相继公布数据。", ["澜启", "驭光", "极岸"], "COMPANY"),
    ("今年，青芽、木槿、回声等热门应用相继上线。", ["青芽", "木槿", "回声"], "PRODUCT"),
])
def test_three_listed_names_and_a_head_need_no_found_member(extractor: EntityExtractor, text: str,
                                                            names: list[str], label: str) -> None:
    found = _labels(extractor(text))
    assert all((n, label) in found for n in names)


@pytest.mark.parametrize("text", [
    "研发、生产、销售等环节都要加强。",     # no head noun of a kind of name
    "苹果、香蕉、橙子等水果价格上涨。",
    "北京、上海等两个城市。",               # two members, none found: not enough
])
def test_a_list_without_a_head_of_names_adds_nothing(extractor: EntityExtractor, text: str) -> None:
    assert all(label == "LOC" for _, label in _labels(extractor(text)))
