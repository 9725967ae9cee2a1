"""Who said what: quotes, speakers and roles."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import Analyzer
from toolkit.evaluate.quotes import read_blocks, score
from toolkit.quotes import find_quotes, find_roles
from toolkit.results import Entity

ROOT = Path(__file__).resolve().parent.parent


def E(text: str, whole: str, label: str = "PERSON", canonical: str | None = None) -> Entity:
    start = whole.index(text)
    return Entity(text, label, start, start + len(text), canonical or text)  # type: ignore[arg-type]


def test_a_direct_quote_after_a_speech_verb_and_colon() -> None:
    t = "英伟达创始人黄仁勋感慨：“人工智能的时刻已经到来。”"
    qs, _ = find_quotes(t, [E("黄仁勋", t)])
    assert [(q.speaker, q.kind, q.text) for q in qs] == [("黄仁勋", "direct", "人工智能的时刻已经到来。")]
    assert t[qs[0].start:qs[0].end] == qs[0].text


def test_a_direct_quote_attributed_after_it() -> None:
    t = "“价格战不可持续。”一位车企高管私下对记者说。"
    qs, _ = find_quotes(t, [])
    assert [(q.speaker, q.text) for q in qs] == [("车企高管", "价格战不可持续。")]  # no 一位 filler


def test_a_quote_split_by_its_attribution_gives_two_direct_quotes() -> None:
    t = "“只靠回收是不够的，”孙悦补充道，“企业必须减少包装。”"
    qs, _ = find_quotes(t, [E("孙悦", t)])
    assert [q.text for q in qs] == ["只靠回收是不够的，", "企业必须减少包装。"]
    assert {q.speaker for q in qs} == {"孙悦"}


def test_a_multi_sentence_direct_quote_is_one_quote() -> None:
    t = "雷军说：“这是最骄傲的时刻。我们会继续努力。”"
    qs, _ = find_quotes(t, [E("雷军", t)])
    assert [q.text for q in qs] == ["这是最骄傲的时刻。我们会继续努力。"]


def test_indirect_statements_run_to_the_end_of_the_sentence() -> None:
    t = "国家统计局新闻发言人付凌晖指出，经济延续恢复态势，但外部环境依然复杂。"
    qs, _ = find_quotes(t, [E("国家统计局", t, "ORG"), E("付凌晖", t)])
    assert [(q.speaker, q.kind, q.text) for q in qs] == [("付凌晖", "indirect", "经济延续恢复态势，但外部环境依然复杂")]


def test_a_pronoun_in_the_next_sentence_takes_the_previous_speaker() -> None:
    t = "谭德塞警告说，全球仍需警惕传染病。他呼吁各国加强公共卫生体系建设。她说，要有耐心。"
    qs, _ = find_quotes(t, [E("谭德塞", t)])
    assert [q.speaker for q in qs] == ["谭德塞"] * 3
    assert qs[1].text == "各国加强公共卫生体系建设"


def test_a_pronoun_with_no_speaker_before_is_not_guessed() -> None:
    assert find_quotes("他表示，明天会更好。", [])[0] == []


def test_scare_quotes_and_speech_verbs_without_a_clause_are_not_quotes() -> None:
    for t in ["网友把这次发布会调侃为“翻车现场”，相关话题登上热搜。", "多名分析师对此表示怀疑。",
              "这部电影改编自同名小说，将于明年上映。", ""]:
        assert find_quotes(t, [])[0] == []


def test_an_unnamed_source_keeps_its_phrase_and_honorifics_are_names() -> None:
    assert find_quotes("业内人士认为，竞争将进一步加剧。", [])[0][0].speaker == "业内人士"
    assert find_quotes("小区居民张先生说，停车难已经好几年了。", [])[0][0].speaker == "张先生"


def test_an_organization_can_speak() -> None:
    t = "对于外界的质疑，华为回应称，相关产品均符合国际安全标准。"
    qs, _ = find_quotes(t, [E("华为", t, "COMPANY")])
    assert [(q.speaker, q.text) for q in qs] == [("华为", "相关产品均符合国际安全标准")]


def test_roles_from_appositions() -> None:
    t = "360公司创始人、董事长周鸿祎表示，很好。主教练王涛说，还行。"
    ents = [E("360公司", t, "COMPANY", "360"), E("周鸿祎", t), E("王涛", t)]
    roles = [(r.person, r.title, r.organization, r.organization_canonical) for r in find_roles(t, ents)]
    assert roles == [("周鸿祎", "创始人", "360公司", "360"), ("周鸿祎", "董事长", "360公司", "360"),
                     ("王涛", "主教练", None, None)]


def test_role_after_the_name() -> None:
    t = "周鸿祎，360公司董事长，昨天发表演讲。"
    roles = find_roles(t, [E("周鸿祎", t), E("360公司", t, "COMPANY", "360")])
    assert [(r.title, r.organization, r.organization_canonical) for r in roles] == [("董事长", "360公司", "360")]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer().load()


def test_quotes_carry_their_tone_and_fill_the_report(analyzer: Analyzer) -> None:
    texts = [("a", "小米集团创始人雷军表示，小米汽车的交付量已经超过预期，团队非常自豪。"),
             ("b", "雷军说：“我们过去犯了一些严重错误，用户十分失望。”"), ("c", "今天多云。")]
    rep = analyzer.analyze_corpus(texts, progress=False)
    assert list(rep.quotes["doc_id"]) == ["a", "b"]
    assert list(rep.quotes["kind"]) == ["indirect", "direct"]
    assert list(rep.quotes["tone"]) == ["positive", "negative"]
    assert rep.articles.set_index("doc_id")["n_quotes"].to_dict() == {"a": 1, "b": 1, "c": 0}
    assert rep.roles[["person", "title", "organization"]].values.tolist() == [["雷军", "创始人", "小米集团"]]
    people = rep.people().set_index("person")
    assert people.loc["雷军", "quotes"] == 2 and people.loc["雷军", "articles"] == 2
    assert people.loc["雷军", "roles"] == "创始人@小米"  # the canonical name drops 集团


def test_analyzer_quotes_on_raw_text(analyzer: Analyzer) -> None:
    qs = analyzer.quotes("李明认为，教育应当普及。他说：“越早越好。”")
    assert [(q.speaker, q.kind) for q in qs] == [("李明", "indirect"), ("李明", "direct")]


def test_regression_floor_on_the_annotated_paragraphs(analyzer: Analyzer) -> None:
    for name in ("quotes_dev.txt", "quotes_test.txt"):
        s = score(read_blocks(ROOT / "corpora" / "annotated" / name), analyzer)
        assert s["overlap_f1"] >= 0.9 and s["speaker_lenient"] >= 0.9, (name, s)


def test_the_notebook_view_lists_quotes_and_roles(analyzer: Analyzer) -> None:
    html = analyzer.analyze("小米集团创始人雷军表示，交付量<超过>预期。")._repr_html_()
    assert "<b>roles</b> 雷军：创始人@小米集团" in html and "<b>雷军</b>" in html and "&lt;超过&gt;" in html


@pytest.mark.parametrize("text, roles", [
    ("联发科执行长蔡力行表示，公司营收创新高。", [("蔡力行", "执行长", "联发科")]),
    ("台积电财务长黄仁昭指出，毛利率将回升。", [("黄仁昭", "财务长", "台积电")]),
    ("港铁公司行政总裁金泽培说，票价不变。", [("金泽培", "行政总裁", "港铁公司")]),
    ("腾讯公司董事会主席兼首席执行官马化腾在会上发言。",
     [("马化腾", "董事会主席", "腾讯公司"), ("马化腾", "首席执行官", "腾讯公司")]),
    ("星辰科技董事长兼总裁林海波表示，公司将扩产。", [("林海波", "董事长", "星辰科技"), ("林海波", "总裁", "星辰科技")]),
    ("鸿海前董事长郭台铭昨天出席活动。", [("郭台铭", "前董事长", "鸿海")]),
    ("商务部新闻发言人何亚东表示，中方将采取措施。", [("何亚东", "新闻发言人", "商务部")]),
    ("日本首相石破茂在记者会上表示，将加强合作。", [("石破茂", "首相", "日本")]),
])
def test_compound_regional_and_state_titles_name_the_organization_only(text: str, roles: list[tuple[str, str, str]]
                                                                      ) -> None:
    art = Analyzer(components=("entities", "quotes")).analyze(text)
    assert [(r.person, r.title, r.organization) for r in art.roles] == roles


@pytest.mark.parametrize("text", [
    "星辰动力科技有限公司（以下简称“星辰动力”）今日宣布完成融资。",
    "北岸生物医药股份有限公司（下称“北岸生物”）成立于2015年。",
    "业内把这类产品统称为“智能终端”。",
])
def test_a_definition_in_quotation_marks_is_not_a_quote(text: str) -> None:
    assert Analyzer(components=("entities", "quotes")).analyze(text).quotes == ()


def test_the_speaker_is_read_through_a_bracket_after_the_name() -> None:
    art = Analyzer(components=("entities", "quotes")).analyze("蓝海新材料股份有限公司（下称“蓝海新材”）发布公告称，公司将回购股份。")
    [q] = art.quotes
    assert not q.speaker.startswith(("）", ")")) and "蓝海新材" in q.speaker


@pytest.mark.parametrize("text", ["分析人士预计，明年需求将逐步回暖。", "机构预测，全年销量将增长一成。", "据估计，损失超过百万元。"])
def test_a_forecast_is_not_speech(text: str) -> None:
    assert Analyzer(components=("entities", "quotes")).analyze(text).quotes == ()


@pytest.mark.parametrize("text, speaker", [
    ("有立法会议员批评，政府应对迟缓。", "立法会议员"),
    ("一位不愿具名的投资者坦言，市场信心不足。", "投资者"),
    ("多位业内人士表示，行业将迎来洗牌。", "业内人士"),
])
def test_an_unnamed_source_gets_a_clean_name(text: str, speaker: str) -> None:
    [q] = Analyzer(components=("entities", "quotes")).analyze(text).quotes
    assert q.speaker == speaker


@pytest.mark.parametrize("text, speakers", [
    ("张伟表示，公司业绩稳定。同时他强调，明年将扩产。此外还指出，成本将下降。", ["张伟", "张伟", "张伟"]),
    ("李娜坦言，压力很大。并且表示，会继续努力。", ["李娜", "李娜"]),
])
def test_a_continued_statement_keeps_its_speaker_and_a_conjunction_never_speaks(text: str, speakers: list[str]
                                                                               ) -> None:
    assert [q.speaker for q in Analyzer(components=("entities", "quotes")).analyze(text).quotes] == speakers


@pytest.mark.parametrize("text, speaker", [
    ("还有专家认为，房价将企稳。", "专家"), ("也有网友表示，支持这一做法。", "网友"), ("有些学者指出，改革仍需深化。", "学者"),
    ("有关部门表示，将加强监管。", "有关部门"),  # 有关 is a word, not a filler
])
def test_fillers_before_an_unnamed_source_go_but_words_stay(text: str, speaker: str) -> None:
    [q] = Analyzer(components=("entities", "quotes")).analyze(text).quotes
    assert q.speaker == speaker


def _kinds(qs: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(q.speaker, q.speaker_kind) for q in qs]


@pytest.mark.parametrize("text, ents, speaker", [
    ("歌手周晓婷在微博上写道：“感谢大家一路陪伴。”", [("周晓婷", "PERSON"), ("微博", "COMPANY")], "周晓婷"),
    ("演员林思远在社交媒体发文称，网传消息纯属谣言。", [("林思远", "PERSON")], "林思远"),
    ("博主王澜在个人抖音账号发布视频说，新机的续航令人失望。", [("王澜", "PERSON"), ("抖音", "PRODUCT")], "王澜"),
    ("星海科技通过官方微博发文称，相关传闻不实。", [("星海科技", "COMPANY"), ("微博", "COMPANY")], "星海科技"),
    ("青禾乳业在其微信公众号上发布声明称，产品质量合格。", [("青禾乳业", "COMPANY"), ("微信", "PRODUCT")], "青禾乳业"),
])
def test_a_statement_posted_online_is_its_authors(text: str, ents: list[tuple[str, str]], speaker: str) -> None:
    qs, _ = find_quotes(text, [E(n, text, lab) for n, lab in ents])
    assert [q.speaker for q in qs] == [speaker]


@pytest.mark.parametrize("text, ents, speaker", [
    ("交通运输部新闻发言人李华在例行新闻发布会上回答记者提问时表示，春运客流将创新高。",
     [("交通运输部", "ORG"), ("李华", "PERSON")], "李华"),
    ("李华在回应王明的质疑时表示，数据经过了第三方核实。", [("李华", "PERSON"), ("王明", "PERSON")], "李华"),
    ("据市卫健委副主任张敏介绍，全市已建成社区医院四十家。", [("卫健委", "ORG"), ("张敏", "PERSON")], "张敏"),
    ("星海科技董事长陈卫东在接受本报记者专访时坦言，今年的市场环境非常艰难。",
     [("星海科技", "COMPANY"), ("陈卫东", "PERSON")], "陈卫东"),
    ("周立群在谈到行业前景时直言，洗牌才刚刚开始。", [("周立群", "PERSON")], "周立群"),
    ("南岭证券首席分析师赵一鸣在研报中透露，机构已经开始加仓。", [("南岭证券", "COMPANY"), ("赵一鸣", "PERSON")], "赵一鸣"),
])
def test_long_attributions_find_the_speaker(text: str, ents: list[tuple[str, str]], speaker: str) -> None:
    qs, _ = find_quotes(text, [E(n, text, lab) for n, lab in ents])
    assert [q.speaker for q in qs] == [speaker]


@pytest.mark.parametrize("text, ents, expected", [
    ("星海科技董事长陈卫东表示，订单饱满。", [("星海科技", "COMPANY"), ("陈卫东", "PERSON")], ("陈卫东", "person")),
    ("蓝鲸汽车回应称，相关车辆均已召回。", [("蓝鲸汽车", "COMPANY")], ("蓝鲸汽车", "organization")),
    ("市教育局表示，新学期将增加课后服务。", [("市教育局", "ORG")], ("市教育局", "organization")),
    ("有业内人士直言，价格战难以持续。", [], ("业内人士", "unnamed")),
    ("外交部发言人表示，中方对此坚决反对。", [("外交部", "ORG")], ("外交部发言人", "unnamed")),
    ("市民刘女士说，公交班次太少。", [], ("刘女士", "unnamed")),
    ("导演陈思远说：“这部电影拍了整整五年。”", [], ("陈思远", "person")),  # the name, not 导演陈思远
    ("编剧许晴川坦言，剧本改了十几稿。", [], ("许晴川", "person")),
    ("😂网友小王表示，这次活动太精彩了。", [], ("网友小王", "unnamed")),  # no emoji in a speaker
    ("🔥🔥业内人士透露，新品下月发布。", [], ("业内人士", "unnamed")),
])
def test_every_quote_says_what_kind_of_speaker_made_it(text: str, ents: list[tuple[str, str]],
                                                     expected: tuple[str, str]) -> None:
    qs, _ = find_quotes(text, [E(n, text, lab) for n, lab in ents])
    assert _kinds(qs) == [expected]


def test_a_pronoun_keeps_the_kind_of_its_speaker() -> None:
    t = "蓝鲸汽车回应称，车辆均已召回。该公司还表示，将承担全部费用。业内人士认为，影响有限。"
    qs, _ = find_quotes(t, [E("蓝鲸汽车", t, "COMPANY")])
    assert [q.speaker_kind for q in qs] == ["organization", "organization", "unnamed"]


def test_people_lists_named_persons_and_sources_lists_the_rest(analyzer: Analyzer) -> None:
    texts = [("a", "星海科技董事长陈卫东表示，订单饱满。业内人士认为，竞争将加剧。"),
             ("b", "蔚来汽车回应称，相关车辆均已召回。有业内人士直言，价格战难以持续。"),
             ("c", "陈卫东说：“我们不会降价。”蔚来汽车还表示，将承担全部费用。")]
    rep = analyzer.analyze_corpus(texts, progress=False)
    assert list(rep.quotes["speaker_kind"]) == ["person", "unnamed", "organization", "unnamed", "person",
                                                "organization"]
    assert list(rep.people()["person"]) == ["陈卫东"]
    sources = rep.sources()
    assert list(sources.columns) == ["source", "kind", "articles", "quotes", "mean_quote_tone"]
    assert sources[["source", "kind", "articles", "quotes"]].values.tolist() == [
        ["业内人士", "unnamed", 2, 2], ["蔚来", "organization", 2, 2]]


def test_sources_of_a_report_without_quotes_is_an_empty_table(analyzer: Analyzer) -> None:
    rep = analyzer.analyze_corpus(["今天多云。"], progress=False)
    assert rep.sources().empty and list(rep.sources().columns) == ["source", "kind", "articles", "quotes",
                                                                   "mean_quote_tone"]


def test_a_latin_named_speaker_is_counted_under_the_chinese_rendering(analyzer: Analyzer) -> None:
    qs = analyzer.quotes("分析师Mark Newman（马克·纽曼）表示，需求依然强劲。纽曼还说，价格会继续上涨。")
    assert [(q.speaker_canonical, q.speaker_kind) for q in qs] == [("马克·纽曼", "person")] * 2


@pytest.mark.parametrize("text, ents, role", [
    # 公司 right before the title stands for the company the article is about
    ("青松软件发布了年报。公司董事长兼总裁陈默表示，明年继续扩张。",
     [("青松软件", "COMPANY"), ("陈默", "PERSON")], ("陈默", "总裁", "青松软件")),
    ("青松软件与白鹭地产签约。青松软件称，该公司首席信息官陈默将牵头。",
     [("青松软件", "COMPANY"), ("白鹭地产", "COMPANY"), ("青松软件", "COMPANY"), ("陈默", "PERSON")],
     ("陈默", "首席信息官", "青松软件")),
    # an organization that runs into the title gives its part before it
    ("澄湖物流董事会主席孙涛说，转型已完成。", [("澄湖物流董事会", "ORG"), ("孙涛", "PERSON")],
     ("孙涛", "董事会主席", "澄湖物流")),
])
def test_the_organization_of_a_role_is_read_through_公司_and_overlaps(text: str, ents: list[tuple[str, str]],
                                                                       role: tuple[str, str, str]) -> None:
    entities = []
    pos = 0
    for name, label in ents:
        start = text.index(name, pos)
        entities.append(Entity(name, label, start, start + len(name), name))  # type: ignore[arg-type]
        pos = start + len(name)
    assert role in {(r.person, r.title, r.organization) for r in find_roles(text, entities)}


def test_公司_with_no_company_named_before_gives_no_organization() -> None:
    text = "公司董事长陈默表示，明年继续扩张。"
    roles = find_roles(text, [Entity("陈默", "PERSON", 5, 7, "陈默")])
    assert [(r.title, r.organization) for r in roles] == [("董事长", None)]


def test_a_pronoun_with_no_speaker_before_it_is_the_person_named_just_before() -> None:
    text = "澄湖书院院长陆明远今年四十岁，毕业于南湖大学。他告诉记者：“我们只招二十个学生。”"
    start = text.index("陆明远")
    qs, _ = find_quotes(text, [Entity("陆明远", "PERSON", start, start + 3, "陆明远")])
    assert [(q.speaker, q.kind) for q in qs] == [("陆明远", "direct")]


def test_a_pronoun_after_a_mister_of_the_same_sentence_is_that_mister() -> None:
    text = "市民赵先生在这里住了二十年，她说的不算，他告诉记者：“路修好了，出门方便多了。”"
    qs, _ = find_quotes(text, [])
    assert [(q.speaker, q.speaker_kind) for q in qs if q.kind == "direct"] == [("赵先生", "unnamed")]


def test_a_pronoun_far_from_any_name_has_no_speaker() -> None:
    text = "会议持续了三个小时。与会者讨论了很多问题。大家各抒己见。他说：“明天继续。”"
    assert find_quotes(text, [])[0] == []


@pytest.mark.parametrize("phrase, name", [
    ("一位长期跟踪房地产行业的香港分析师", "分析师"),  # the clause before 的 and the place go
    ("不愿具名的美方外交官", "外交官"),              # a side goes
    ("券商分析师", "券商分析师"),                    # a field stays
    ("这位三十五岁的老将", "这位三十五岁的老将"),    # points back to someone: left whole
])
def test_an_unnamed_source_is_named_by_its_kind(phrase: str, name: str) -> None:
    from toolkit.quotes import bare_source

    assert bare_source(phrase) == name


def test_a_company_title_opening_a_clause_is_held_at_the_company_of_the_article() -> None:
    text = "澄湖物流今天举行业绩说明会，首席执行官孙涛表示，转型已完成。清华大学教授李明认为，前景向好。"
    ents = [Entity(n, lab, text.index(n), text.index(n) + len(n), n)  # type: ignore[arg-type]
            for n, lab in (("澄湖物流", "COMPANY"), ("孙涛", "PERSON"), ("清华大学", "ORG"), ("李明", "PERSON"))]
    roles = {(r.person, r.title, r.organization) for r in find_roles(text, ents)}
    assert ("孙涛", "首席执行官", "澄湖物流") in roles and ("李明", "教授", "清华大学") in roles


def test_a_title_that_is_not_a_companys_gets_no_company_by_position() -> None:
    text = "澄湖物流今天举行业绩说明会，教授李明表示，转型已完成。"
    roles = find_roles(text, [Entity("澄湖物流", "COMPANY", 0, 4, "澄湖物流"), Entity("李明", "PERSON", 16, 18, "李明")])
    assert [(r.title, r.organization) for r in roles] == [("教授", None)]


def test_taiwan_founders_titles_are_titles() -> None:
    text = "知微科技共同创办人暨执行长林志豪表示，订单饱满。"
    roles = find_roles(text, [Entity("知微科技", "COMPANY", 0, 4, "知微科技"), Entity("林志豪", "PERSON", 13, 16, "林志豪")])
    assert {(r.title, r.organization) for r in roles} == {("共同创办人", "知微科技"), ("执行长", "知微科技")}


def test_an_organisation_answering_another_is_the_speaker_not_the_one_it_answers() -> None:
    text = "港湾运输局回应本报查询时表示，会按既定机制审视申请。"
    ents = [Entity("港湾运输局", "ORG", 0, 5, "港湾运输局"), Entity("本报", "COMPANY", 7, 9, "本报")]
    qs, _ = find_quotes(text, ents)
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("港湾运输局", "organization")]


@pytest.mark.parametrize("title", ["社长", "制作人", "法务总监", "创始合伙人", "董事会秘书", "首席策略师", "监事会主席"])
def test_more_titles_make_roles(title: str) -> None:
    text = f"澄湖物流{title}孙涛表示，转型已完成。"
    ents = [Entity("澄湖物流", "COMPANY", 0, 4, "澄湖物流"),
            Entity("孙涛", "PERSON", 4 + len(title), 6 + len(title), "孙涛")]
    assert [(r.title, r.organization) for r in find_roles(text, ents)] == [(title, "澄湖物流")]


def test_a_speaker_named_like_a_name_found_elsewhere_in_the_article_keeps_its_kind() -> None:
    text = "开发商鸣泉互娱创始人许若川表示感谢。不过，也有玩家吐槽掉线。鸣泉互娱回应称，已紧急扩容服务器。"
    ents = [Entity("鸣泉互娱", "COMPANY", 3, 7, "鸣泉互娱"), Entity("许若川", "PERSON", 10, 13, "许若川")]
    qs, _ = find_quotes(text, ents)  # the second 鸣泉互娱 is no entity: only its first mention was found
    assert ("鸣泉互娱", "organization") in [(q.speaker, q.speaker_kind) for q in qs]


@pytest.mark.parametrize(("text", "speaker"), [
    ("周立群在接受采访时说，新赛季球队的目标是进入前四。", "周立群"),  # 时说 is one word to the segmenter
    ("副总裁韩冰告诉记者，新工厂下月投产，产能将翻倍。", "韩冰"),  # whom the speaker tells comes between
    ("庭审中，被告人冯某辩称，涉案代码来自开源社区。", "冯某"),
    ("王涛承诺，今年内完成全部整改。", "王涛"),
    ("赵敏反驳，现有数据并不支持这一结论。", "赵敏"),
])
def test_more_forms_of_attribution_name_the_speaker(text: str, speaker: str) -> None:
    ents = [Entity(speaker, "PERSON", text.index(speaker), text.index(speaker) + len(speaker), speaker)]
    qs, _ = find_quotes(text, ents)
    assert [q.speaker for q in qs] == [speaker]


def test_the_outlet_a_source_talks_to_is_not_the_speaker() -> None:
    text = "一位不愿具名的券商分析师对新京报记者表示，下半年行业景气度有望回升。"
    ents = [Entity("新京报", "COMPANY", 12, 15, "新京报")]
    qs, _ = find_quotes(text, ents)
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("券商分析师", "unnamed")]


def test_where_an_unnamed_source_works_is_left_off_its_name() -> None:
    qs, _ = find_quotes("超市店内工作人员称，货架上的商品已全部下架。", [])
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("工作人员", "unnamed")]


def test_he_or_she_is_the_subject_of_the_nearest_sentence_that_names_a_person() -> None:
    text = "主教练韩东对队长林涛赞不绝口，称他“是球队的核心”。他还表示，球队的防守仍有问题。"
    ents = [Entity("韩东", "PERSON", 3, 5, "韩东"), Entity("林涛", "PERSON", 8, 10, "林涛")]
    qs, _ = find_quotes(text, ents)
    assert [q.speaker for q in qs if "防守" in q.text] == ["韩东"]  # not 林涛, whom he praised
    text = "专家李文认为，政策效果明显。读者周女士专程赶来。她说，这本书写出了她的童年。"
    qs, _ = find_quotes(text, [Entity("李文", "PERSON", 2, 4, "李文")])
    assert [q.speaker for q in qs if "童年" in q.text] == ["周女士"]  # not the last speaker 李文


def test_an_honorific_name_before_what_the_speaker_does_is_the_speaker() -> None:
    qs, _ = find_quotes("会员许女士指着门上的告示说：“上周还在卖课。”", [])
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("许女士", "unnamed")]


def test_an_organisation_speaking_through_its_account_is_the_speaker() -> None:
    text = "星禾互娱官方微博随后发文称，已紧急扩容服务器。"
    ents = [Entity("星禾互娱", "COMPANY", 0, 4, "星禾互娱"), Entity("微博", "COMPANY", 6, 8, "微博")]
    qs, _ = find_quotes(text, ents)
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("星禾互娱", "organization")]


def test_a_ministers_field_belongs_to_the_title_and_the_country_is_the_organisation() -> None:
    text = "法国经济与财政部长勒梅表示，将继续推动改革。"
    ents = [Entity("法国", "LOC", 0, 2, "法国"), Entity("勒梅", "PERSON", 9, 11, "勒梅")]
    assert [(r.title, r.organization) for r in find_roles(text, ents)] == [("经济与财政部长", "法国")]
    text = "日本国土交通大臣中野一郎出席了会议。"
    ents = [Entity("日本", "LOC", 0, 2, "日本"), Entity("中野一郎", "PERSON", 8, 12, "中野一郎")]
    assert [(r.title, r.organization) for r in find_roles(text, ents)] == [("国土交通大臣", "日本")]
    text = "苏州市环保局局长周明表示，将加强监管。"  # not a state title: the organisation stays whole
    ents = [Entity("苏州市环保局", "ORG", 0, 6, "苏州市环保局"), Entity("周明", "PERSON", 8, 10, "周明")]
    assert [(r.title, r.organization) for r in find_roles(text, ents)] == [("局长", "苏州市环保局")]


def test_more_kinds_of_unnamed_sources_keep_a_clean_name() -> None:
    qs, _ = find_quotes("一位不愿具名的消息人士透露，交易将在下月完成。", [])
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("消息人士", "unnamed")]


@pytest.mark.parametrize(("text", "people", "speaker"), [
    # the reviewer's sentences: a continuing speaker, a possessor, the object of a preposition
    ("张华表示，今年订单增长明显。据悉，公司曾与李军的团队合作。他强调，明年将继续扩产。", ["张华", "李军"], "张华"),
    ("在王明的带领下，李强完成了任务。他说：“大家都很努力。”", ["王明", "李强"], "李强"),
    ("王女士的丈夫李先生在工厂上班。他说，工厂效益不错。", [], "李先生"),
])
def test_he_or_she_is_not_a_possessor_nor_after_a_preposition_and_a_speaker_continues(
        text: str, people: list[str], speaker: str) -> None:
    ents = [Entity(p, "PERSON", text.index(p), text.index(p) + len(p), p) for p in people]
    qs, _ = find_quotes(text, ents)
    assert qs and qs[-1].speaker == speaker


def test_a_person_named_as_a_possessor_is_not_the_unnamed_speaker() -> None:
    qs, _ = find_quotes("负责接待李先生的工作人员说，手续已经办完。", [])
    assert [q.speaker for q in qs] == ["工作人员"]


def test_also_known_as_is_no_speech() -> None:
    text = "李白与杜甫并称“李杜”，影响深远。"
    ents = [Entity("李白", "PERSON", 0, 2, "李白"), Entity("杜甫", "PERSON", 3, 5, "杜甫")]
    assert find_quotes(text, ents)[0] == []
