"""Names that only their context reveals: a category noun right before an unknown word."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import Analyzer
from toolkit.errors import ModelFormatError
from toolkit.ner.cues import AppositiveCues, appositive_entities, read_heads
from toolkit.results import Entity


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(components=("entities",)).load()


def names(analyzer: Analyzer, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in analyzer.entities(text)}


@pytest.mark.parametrize(("text", "name", "label"), [
    ("新创企业岚舟上周推出了一款面向外卖骑手的导航应用青禾，目前已覆盖十座城市。", "青禾", "PRODUCT"),
    ("数家银行测试了金融大模型松涛，结果将于下月公布。", "松涛", "PRODUCT"),
    ("这款搭载了自研处理器赤霄的笔记本电脑起售价为五千元。", "赤霄", "PRODUCT"),
    ("创业公司墨鲤完成了新一轮融资，投资方未披露金额。", "墨鲤", "COMPANY"),
    ("这家车企随后发布了旗舰车型砚山 X9，续航超过七百公里。", "砚山 X9", "PRODUCT"),
    ("新能源车企鹭岭动力周二在厦门交付了首批车辆。", "鹭岭动力", "COMPANY"),  # head cut 车/企, trade word kept
    ("储能企业沐川能源宣布完成新一轮融资。", "沐川能源", "COMPANY"),
    ("教育平台推出的写作助手知遥上线三天，用户已破百万。", "知遥", "PRODUCT"),  # an unknown word before 上线
    # a rare verb after the category noun is a name when a launch verb introduced it and nothing continues it
    ("这家公司昨天发布了新款智能手表翱翔，售价一千元。", "翱翔", "PRODUCT"),
    ("团队同时推出了翻译助手破晓2.0以及一款耳机。", "破晓2.0", "PRODUCT"),
    ("造车新势力启航汽车宣布下月开启预售。", "启航汽车", "COMPANY"),  # a verb and a trade word after a company head
    ("连锁茶饮品牌暖山在南京新开了五家门店。", "暖山", "COMPANY"),
])
def test_a_word_introduced_by_its_category_is_a_name(analyzer: Analyzer, text: str, name: str, label: str) -> None:
    assert (name, label) in names(analyzer, text)


@pytest.mark.parametrize(("text", "word"), [
    ("今年手机市场竞争激烈，多家厂商下调了价格。", "市场"),  # a common word after the head
    ("该公司今年的利润有所增长。", "今年"),  # a determined head and a time word
    ("公司董事长在会上作了报告。", "董事长"),  # a role after the head
    ("用户可以应用主控开关切断电源。", "主控"),  # the word modifies the noun after it
    ("一家中外合资企业招聘了三百名员工。", "招聘"),  # a counted head: a class, not a name
    ("多家企业裁员以应对成本上升。", "裁员"),  # a verb
    ("昨夜支付系统宕机，数万用户无法付款。", "宕机"),  # what happens to a product, however rare the word
    ("这款新车开售，首日订单破万。", "开售"),
    ("不少车主在社交平台发帖，抱怨续航缩水。", "发帖"),
    ("消费者购买现制饮品时要看清日期。", "时要"),  # grammar characters are no short name
    ("全市的机器人马拉松吸引了两万名观众。", "马拉松"),  # an event, not a product
    ("我们在平台上线了新的功能。", "上线"),  # a rare verb with no launch before the head
    ("也有观众在社交平台吐槽剧情拖沓。", "吐槽"),  # an act, also when the segmenter cuts it into characters
])
def test_a_common_word_after_a_category_noun_stays_a_word(analyzer: Analyzer, text: str, word: str) -> None:
    assert all(word not in n for n, _ in names(analyzer, text))


def test_a_known_name_is_never_overridden_and_the_model_is() -> None:
    cues = AppositiveCues({"助手": "PRODUCT"}, {})
    words = [(0, "学习", "v"), (2, "助手", "n"), (4, "禾", "n"), (5, "苗", "n"), (6, "。", "x")]
    known = Entity("禾苗", "PERSON", 4, 6, "禾苗", "gazetteer")
    assert appositive_entities("学习助手禾苗。", words, [known], cues) == []
    guessed = Entity("禾苗", "PERSON", 4, 6, "禾苗", "model")
    assert [(e.text, e.label, e.source) for e in appositive_entities("学习助手禾苗。", words, [guessed], cues)] \
        == [("禾苗", "PRODUCT", "rule")]


def test_the_heads_are_data_and_a_bad_line_is_a_clear_error(tmp_path: Path) -> None:
    good = tmp_path / "heads.tsv"
    good.write_text("# comment\n芯片\tPRODUCT\n车企\tCOMPANY\n", encoding="utf-8")
    assert read_heads(good) == {"芯片": "PRODUCT", "车企": "COMPANY"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("芯片\tGADGET\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="bad.tsv:1"):
        read_heads(bad)
    assert AppositiveCues.load(tmp_path).heads == {}  # a model directory without the file: no cues


@pytest.mark.parametrize(("text", "name"), [
    ("岳川微电子（688712.SH）周二晚间公告称，拟回购不超过五千万元的股份。", "岳川微电子"),
    ("港股上市的明澄健康（02617.HK）股价盘中大涨一成。", "明澄健康"),  # not the person 明澄
    ("公司控股股东远衡集团（600743）计划在半年内增持。", "远衡集团"),  # not 公司控股股东远衡集团
    ("据悉，华屹药业(600893)昨日发布了业绩预告。", "华屹药业"),
    ("青桐传媒（300911）与一家影视公司签署了合作协议。", "青桐传媒"),
    ("港股上市公司和悦生物-B（02190.HK）今日发布年报。", "和悦生物"),  # share class, a name opening with 和
    ("上市公司同源智能-W（09812.HK）公告称收入增长。", "同源智能"),
])
def test_a_name_followed_by_its_stock_code_is_a_company(analyzer: Analyzer, text: str, name: str) -> None:
    assert (name, "COMPANY") in names(analyzer, text)


def test_a_stock_code_after_no_name_makes_no_company(analyzer: Analyzer) -> None:
    assert not any(label == "COMPANY" for _, label in names(analyzer, "截至收盘，指数（000001）下跌了两个百分点。"))


@pytest.mark.parametrize("text, name, label", [
    ("研究团队推出了有声书平台“灯塔”。", "灯塔", "PRODUCT"),
    ("该公司研发的降压药物“安和宁”获批上市。", "安和宁", "PRODUCT"),
    ("发布粤语大语言模型「港语通2.0」。", "港语通2.0", "PRODUCT"),
    ("一款名为“书房”的阅读应用上线。", "书房", "PRODUCT"),
    ("推出企业用人工智能助理「阿福」。", "阿福", "PRODUCT"),
])
def test_a_quoted_name_a_category_noun_introduces_takes_its_label(text: str, name: str, label: str) -> None:
    from toolkit.ner.extractor import EntityExtractor

    found = [(e.text, e.label) for e in EntityExtractor()(text)]
    assert (name, label) in found


@pytest.mark.parametrize("text", [
    "他把这种状态称为“躺平”。",          # no category noun: a word in scare quotes
    "这款应用的口号是“读你想读”。",       # the head does not introduce the quote
])
def test_a_quoted_word_without_a_category_noun_before_it_is_no_name(text: str) -> None:
    from toolkit.ner.cues import quoted_names

    cues = AppositiveCues({"应用": "PRODUCT", "平台": "PRODUCT"}, {})
    assert quoted_names(text, [], cues) == []


@pytest.mark.parametrize(("text", "name"), [
    ("公司旗下“星屿”系列扫地机器人销量翻番。", "星屿"),  # a quoted name before 系列: a product line
    ("这款名为“稻香”的智能助教已在二十所学校试用。", "稻香"),  # a quoted name introduced by 名为 … 的 + head
])
def test_a_quoted_name_of_a_product_line_is_a_product(analyzer: Analyzer, text: str, name: str) -> None:
    assert (name, "PRODUCT") in names(analyzer, text)


@pytest.mark.parametrize(("text", "name"), [
    ("张某原为汀图微电子（苏州）有限公司的工程师。", "汀图微电子（苏州）有限公司"),
    ("合同由青岩数据（北京）股份有限公司签署。", "青岩数据（北京）股份有限公司"),
])
def test_a_registered_name_with_its_seat_in_brackets_is_one_company(analyzer: Analyzer, text: str, name: str) -> None:
    assert (name, "COMPANY") in names(analyzer, text)


@pytest.mark.parametrize(("text", "name"), [
    ("影片由星河影业出品，讲述了两代人的故事。", "星河影业"),
    ("木禾精机社长山口直树出席了签约仪式。", "木禾精机"),
    ("该书由青藤文艺出版社出版。", "青藤文艺出版社"),  # a publisher is a business, as a newspaper is
])
def test_businesses_named_by_what_follows_or_ends_them_are_companies(analyzer: Analyzer, text: str, name: str) -> None:
    assert (name, "COMPANY") in names(analyzer, text)


def test_a_crop_variety_introduced_by_its_category_is_a_product(analyzer: Analyzer) -> None:
    assert ("丰禾3号", "PRODUCT") in names(analyzer, "当地推广的小麦新品种“丰禾3号”亩产超过六百公斤。")


@pytest.mark.parametrize(("text", "name", "descriptor"), [
    ("晶圆代工厂岳衡科技今天举行法人说明会。", "岳衡科技", "晶圆代工厂岳衡科技"),
    ("这款应用由杭州本土企业青梧教育科技有限公司开发。", "青梧教育科技有限公司", "杭州本土企业青梧教育科技有限公司"),
])
def test_a_description_before_a_company_name_is_not_part_of_it(analyzer: Analyzer, text: str, name: str,
                                                                 descriptor: str) -> None:
    found = names(analyzer, text)
    assert (name, "COMPANY") in found and (descriptor, "COMPANY") not in found


@pytest.mark.parametrize(("text", "name"), [
    ("华润万家连锁超市有限公司今日公告。", "华润万家连锁超市有限公司"),  # reviewer's cases: no cut inside a name
    ("中国企业家俱乐部今天举办年会。", "中国企业家俱乐部"),
])
def test_a_category_noun_inside_a_name_does_not_cut_it(analyzer: Analyzer, text: str, name: str) -> None:
    assert any(n == name for n, _ in names(analyzer, text))


@pytest.mark.parametrize(("text", "person"), [
    ("市长助理周强出席了发布会。", "周强"),  # 助理 and 助教 are job titles, not categories of products
    ("课程助教陈晨说，学生们进步很快。", "陈晨"),
])
def test_a_person_after_a_job_title_stays_a_person(analyzer: Analyzer, text: str, person: str) -> None:
    assert (person, "PERSON") in names(analyzer, text)


@pytest.mark.parametrize(("text", "word"), [
    ("政府推进新能源车企承压，效果明显。", "承压"),  # 推进 is no launch: 推 alone is not a launch verb
    ("假期结束，门店冷清，生意难做。", "冷清"),  # a clause of a noun and its predicate
    ("鼓励企业出海、品牌焕新，扩大消费。", "焕新"),
    ("品牌代言人现身发布会。", "代言人"),  # a word for a person is never a company's name
])
def test_a_predicate_or_a_person_after_a_category_noun_is_no_name(analyzer: Analyzer, text: str, word: str) -> None:
    assert all(word not in n for n, _ in names(analyzer, text))

