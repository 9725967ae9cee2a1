"""Page layout of real copies: headings, broken lines, the foot of the page, web copy."""
from __future__ import annotations

import pytest

from toolkit import clean


def body(raw: str, **kw: object) -> list[str]:
    """The cleaned paragraphs after the headline."""
    c = clean(raw, **kw)  # type: ignore[arg-type]
    lines = c.text.split("\n")
    return lines[2:] if c.title is not None and kw.get("title") is None else lines


# ---------------------------------------------------------------- headings are lines of their own

@pytest.mark.parametrize(("raw", "expected"), [
    # markdown marks in web copy; the paragraph before the heading lacks its full stop
    ("锂电池回收迎来风口\n\n今年以来，多家电池企业加码回收业务\n### 行业影响\n回收价格随之上涨，小作坊加速出清。",
     ["今年以来，多家电池企业加码回收业务", "行业影响", "回收价格随之上涨，小作坊加速出清。"]),
    ("社区食堂调查\n\n## 下一步怎么走\n多个街道计划扩大试点范围，并引入社会资本。",
     ["下一步怎么走", "多个街道计划扩大试点范围，并引入社会资本。"]),
    # a 【】 label between two paragraphs
    ("边境口岸通关提速\n\n口岸日均通关车辆突破五千辆次。\n【记者手记】\n凌晨四点，货车司机已经排起长队",
     ["口岸日均通关车辆突破五千辆次。", "【记者手记】", "凌晨四点，货车司机已经排起长队"]),
    # numbered headings after a paragraph that ends without a full stop
    ("半导体设备国产化报告\n\n设备企业一季度营收普遍增长\n一、产能持续扩张\n多条产线进入量产阶段。\n（二）订单结构变化\n海外订单占比下降。",
     ["设备企业一季度营收普遍增长", "一、产能持续扩张", "多条产线进入量产阶段。", "（二）订单结构变化", "海外订单占比下降。"]),
    ("医保新规解读\n\n**报销比例提高**\n自今年7月起，门诊报销比例上调五个百分点。",
     ["报销比例提高", "自今年7月起，门诊报销比例上调五个百分点。"]),
])
def test_marked_headings_are_never_joined_to_the_paragraph_before_or_after(raw: str, expected: list[str]) -> None:
    assert body(raw) == expected


def test_short_headings_stand_alone_in_a_copy_whose_paragraphs_are_set_apart_by_blank_lines() -> None:
    raw = ("春节文旅消费观察\n\n"
           "文旅消费全面回暖\n\n春节假期，全国国内旅游出游人次同比增长一成以上，各地景区人气旺盛。\n\n"
           "冰雪游成为新热点\n\n哈尔滨、长春等地的冰雪景区接待游客数量创下新高，带动周边酒店预订量上涨。")
    assert body(raw) == ["文旅消费全面回暖", "春节假期，全国国内旅游出游人次同比增长一成以上，各地景区人气旺盛。",
                         "冰雪游成为新热点", "哈尔滨、长春等地的冰雪景区接待游客数量创下新高，带动周边酒店预订量上涨。"]


def test_a_heading_set_apart_by_blank_lines_is_not_joined_to_a_paragraph_that_lacks_its_closing_mark() -> None:
    raw = ("个税汇算指南\n\n一年一度的个税汇算开始了，哪些人需要办理\n\n办理条件\n\n"
           "年度收入超过12万元且需要补税超过400元的纳税人，需要办理汇算。\n\n办理渠道\n\n"
           "纳税人可以通过手机应用自行办理，也可以委托单位代为办理。")
    assert body(raw) == ["一年一度的个税汇算开始了，哪些人需要办理", "办理条件",
                         "年度收入超过12万元且需要补税超过400元的纳税人，需要办理汇算。", "办理渠道",
                         "纳税人可以通过手机应用自行办理，也可以委托单位代为办理。"]


def test_short_headings_stand_alone_in_web_copy_of_one_paragraph_per_line() -> None:
    raw = ("<p>个人养老金制度全面推开</p><p>政策要点</p><p>参加人每年缴纳上限为12000元，可享受税收优惠。</p>"
           "<p>如何选择产品</p><p>专家建议，投资者应根据自身风险承受能力，选择储蓄、基金或保险类产品。</p>")
    assert body(raw) == ["政策要点", "参加人每年缴纳上限为12000元，可享受税收优惠。", "如何选择产品",
                         "专家建议，投资者应根据自身风险承受能力，选择储蓄、基金或保险类产品。"]


def test_in_an_indented_copy_an_unindented_line_continues_and_an_indented_one_starts_anew() -> None:
    raw = ("茶叶出口稳中有升\n\n"
           "　　今年前三季度福建茶叶\n出口额同比增长百分之八，创历史同期新高。\n"
           "　　品牌建设成效明显\n"
           "　　安溪、武夷山等产区加大品牌推广力度，海外订单持续增加。")
    assert body(raw) == ["今年前三季度福建茶叶出口额同比增长百分之八，创历史同期新高。", "品牌建设成效明显",
                         "安溪、武夷山等产区加大品牌推广力度，海外订单持续增加。"]


def test_lines_cut_at_a_narrow_column_width_are_joined_even_when_they_look_like_headings() -> None:
    raw = ("山区公路改造完工\n\n"
           "记者从省交通运输厅获悉\n"
           "全省最后一批山区公路改\n"
           "造项目日前全部完工通车\n"
           "沿线村民出行时间平均缩\n"
           "短一半以上。\n\n"
           "下一步将推进养护工作。")
    assert body(raw) == ["记者从省交通运输厅获悉全省最后一批山区公路改造项目日前全部完工通车沿线村民出行时间平均缩短一半以上。",
                         "下一步将推进养护工作。"]


@pytest.mark.parametrize(("raw", "expected"), [
    # a line ending on a particle goes on, across a blank line
    ("高温天气持续\n\n气象台发布了今年首个\n\n高温橙色预警，提醒市民做好防暑。\n\n下周气温将有所回落。",
     ["气象台发布了今年首个高温橙色预警，提醒市民做好防暑。", "下周气温将有所回落。"]),
    # the next line starts with a mark that cannot start a sentence
    ("快递业务量创新高\n\n国家邮政局数据显示\n，上半年快递业务量同比增长两成。",
     ["国家邮政局数据显示，上半年快递业务量同比增长两成。"]),
    # the next line starts with a word that carries a sentence on, in a copy set apart by blank lines
    ("旧改新闻\n\n老旧小区改造是今年的民生实事之一。\n\n城区二十个老旧小区\n\n已经全部开工，预计年底完工。\n\n居民普遍表示欢迎。",
     ["老旧小区改造是今年的民生实事之一。", "城区二十个老旧小区已经全部开工，预计年底完工。", "居民普遍表示欢迎。"]),
    # a Latin word broken at the margin
    ("新款平板发布\n\n该公司当天发布了MatePad\nPro平板电脑，售价三千元起。", ["该公司当天发布了MatePad Pro平板电脑，售价三千元起。"]),
    # one short clause ending the sentence is the sentence's tail, not a paragraph under a heading
    ("港口吞吐量增长\n\n宁波舟山港集装箱吞吐量\n再创新高。", ["宁波舟山港集装箱吞吐量再创新高。"]),
])
def test_text_broken_mid_sentence_is_still_joined(raw: str, expected: list[str]) -> None:
    assert body(raw) == expected


# ---------------------------------------------------------------- the foot of the page

@pytest.mark.parametrize("foot", [
    "讲文明 树新风",
    "创建全国文明城市 共建美好幸福家园",
    "光盘行动 从我做起",
    "楚天都市报 2025年4月8日 星期二 第A06版",
    "2024.12.03 | B2版 | 城事",
    "民生热线",
    "财经观察",
    "新民晚报",
    "版面：周婷 校对：马超",
    "本版编辑：何佳",
])
def test_what_the_page_prints_below_the_article_is_furniture_not_the_last_paragraph(foot: str) -> None:
    last = "市民可通过政务服务平台查询办理进度。"
    c = clean(f"社区办事更便捷\n\n今年起，多个街道试点“一窗通办”。\n{last}\n\n{foot}")
    assert c.text.endswith("\n" + last)
    assert foot in c.furniture


def test_a_whole_foot_of_slogans_strips_and_credits_goes_and_the_credits_are_read() -> None:
    raw = ("跨江大桥合龙\n\n本报讯（记者 钟原）历时三年建设，跨江大桥昨日顺利合龙。\n\n"
           "值班主任：丁锐\n版式设计：程雯\n讲文明 树新风\n江城日报 2025年6月21日 星期六 第03版 要闻")
    c = clean(raw)
    assert c.text == "跨江大桥合龙\n\n历时三年建设，跨江大桥昨日顺利合龙。"
    assert set(c.byline.editors) == {"丁锐", "程雯"}
    assert c.date == "2025-06-21"


@pytest.mark.parametrize("text", ["财经观察", "新民晚报", "讲文明树新风"])
def test_a_text_that_is_only_such_a_line_is_read_as_text(text: str) -> None:
    assert clean(text).text == text


@pytest.mark.parametrize("last", [
    "全市生活垃圾分类覆盖率已达到95%。",     # a slogan word in a sentence
    "据《南方日报》报道，该项目已进入招标阶段。",  # a paper's name in a sentence
    "这是一场双赢的合作",                  # a closing line without a full stop
])
def test_content_at_the_end_of_an_article_stays(last: str) -> None:
    c = clean(f"标题行\n\n第一段内容在这里，介绍了基本情况。\n\n{last}")
    assert c.text.endswith(last)
    assert last not in c.furniture


# ---------------------------------------------------------------- web copy

def test_an_original_title_line_is_furniture() -> None:
    raw = "沿海城市迎战台风\n\n原标题：台风“海燕”逼近 多地停课停工\n今天上午，气象部门将台风预警升级为橙色。"
    c = clean(raw)
    assert c.text == "沿海城市迎战台风\n\n今天上午，气象部门将台风预警升级为橙色。"
    assert "原标题：台风“海燕”逼近 多地停课停工" in c.furniture


def test_an_original_title_that_exclaims_is_furniture_and_the_repeated_headline_after_it_leaves() -> None:
    raw = ("原标题：新能源车又降价了！这次轮到谁？\n【快讯】\n作者：小编 来源：车圈观察\n"
           "多家车企宣布降价 价格战升级\n本周，三家车企先后宣布下调售价。")
    c = clean(raw, title="多家车企宣布降价 价格战升级")
    assert c.text == "本周，三家车企先后宣布下调售价。"
    assert "原标题：新能源车又降价了！这次轮到谁？" in c.furniture


def test_an_editors_credit_closing_the_last_paragraph_is_furniture() -> None:
    c = clean("（中央社记者林佳新竹3日电）公司今天举行法说会。\n股价收涨1.2%。（编辑：周文）1150302", title="法说会")
    assert c.text == "公司今天举行法说会。\n股价收涨1.2%。"
    assert c.byline.editors == ("周文",) and "（编辑：周文）1150302" in c.furniture


def test_a_papers_name_ending_in_report_before_its_reporter_is_the_source() -> None:
    c = clean("标题\n\n华夏经济报道记者 林一 上海报道\n本周，市场情绪回暖。")
    assert c.byline.source == "华夏经济报道" and c.byline.reporters == ("林一",)


@pytest.mark.parametrize(("glued", "old"), [
    ("原标题：暴雨突袭多地启动应急响应 中新社广州6月3日电（记者 林涛）广东多地遭遇强降雨。",
     "原标题：暴雨突袭多地启动应急响应"),
    ("原标题：暴雨突袭多地启动应急响应中新社广州6月3日电（记者 林涛）广东多地遭遇强降雨。",
     "原标题：暴雨突袭多地启动应急响应"),
])
def test_an_original_title_glued_to_the_start_of_the_body_is_taken_off_before_the_dateline(glued: str, old: str) -> None:
    c = clean(glued, title="广东强降雨")
    assert c.text == "广东多地遭遇强降雨。"
    assert old in c.furniture
    assert c.byline.source == "中新社" and c.byline.reporters == ("林涛",)


@pytest.mark.parametrize(("raw", "title", "tag"), [
    ("【重磅】央行宣布全面降准0.5个百分点\n\n中国人民银行今日宣布下调存款准备金率。", "央行宣布全面降准0.5个百分点", "【重磅】"),
    ("[独家]某车企高管变动内幕\n\n知情人士透露，该公司近期将调整管理层。", "某车企高管变动内幕", "[独家]"),
    ("突发！西部某地发生4.5级地震\n\n据中国地震台网测定，震源深度十公里。", "西部某地发生4.5级地震", "突发！"),
])
def test_a_headline_loses_its_leading_tag_to_the_furniture(raw: str, title: str, tag: str) -> None:
    c = clean(raw)
    assert c.title == title and tag in c.furniture
    assert tag not in c.text


def test_a_markdown_headline_loses_its_tag_too() -> None:
    c = clean("# 【快讯】沪指收复3400点\n\n今日沪指放量上涨。")
    assert c.title == "沪指收复3400点" and "【快讯】" in c.furniture


def test_a_title_column_loses_its_tag_and_the_repeated_headline_still_leaves_the_body() -> None:
    c = clean("【独家】外卖骑手社保试点扩围\n多个城市将骑手纳入职业伤害保障。", title="【独家】外卖骑手社保试点扩围")
    assert c.title == "外卖骑手社保试点扩围"
    assert c.text == "多个城市将骑手纳入职业伤害保障。"


@pytest.mark.parametrize("lead", ["【快讯】", "【独家】", "【独家报道】", "【最新】"])
def test_a_tag_at_the_start_of_the_first_line_is_never_the_source(lead: str) -> None:
    c = clean(f"{lead}今日，沪深两市成交额突破万亿元。", detect_title=False)
    assert c.byline.source is None
    assert c.text == "今日，沪深两市成交额突破万亿元。"
    assert lead in c.furniture


@pytest.mark.parametrize(("lead", "source"), [
    ("【央视新闻客户端报道】", "央视新闻客户端"), ("【财联社快讯】", "财联社"), ("【第一财经】", "第一财经"), ("【潇湘晨报】", "潇湘晨报"),
])
def test_a_real_source_in_brackets_is_still_read(lead: str, source: str) -> None:
    c = clean(f"{lead}今日，神舟飞船成功发射。", detect_title=False)
    assert c.byline.source == source and c.text == "今日，神舟飞船成功发射。"


@pytest.mark.parametrize(("raw", "reporters", "source"), [
    ("記者林志明／台北報導\n聯發科今天發表新一代手機晶片。", ("林志明",), None),
    ("〔記者陳怡君／高雄報導〕高雄捷運今天起延長營運時間。", ("陈怡君",), None),
    ("【明報專訊】港府今日宣佈新一輪消費券計劃。", (), "明报"),
])
def test_taiwan_and_hong_kong_credits(raw: str, reporters: tuple[str, ...], source: str | None) -> None:
    c = clean(raw, detect_title=False)
    assert (c.byline.reporters, c.byline.source) == (reporters, source)
    assert "报导" not in c.text and "专讯" not in c.text


@pytest.mark.parametrize("label", ["【编者按】", "【核心提示】", "【记者观察】"])
def test_an_editorial_label_in_brackets_is_no_source_and_stays_in_the_text(label: str) -> None:
    c = clean(f"{label}近年来，城市更新成为热词。", detect_title=False)
    assert c.byline.source is None and c.text == f"{label}近年来，城市更新成为热词。"


def test_a_reporters_label_is_a_heading_not_a_credit() -> None:
    c = clean("冬季供暖保障有力\n\n全市供暖面积达到三亿平方米。\n\n记者手记\n\n凌晨的换热站里，检修工人仍在忙碌。")
    assert c.byline.reporters == () and c.text.split("\n")[3] == "记者手记"


def test_a_month_and_day_heading_a_timeline_entry_is_no_page_strip() -> None:
    c = clean("城市大事记\n\n3月1日\n市政府召开发布会，介绍了情况。\n4月2日\n新馆开工建设，预计明年完工。")
    assert c.text.split("\n")[2:] == ["3月1日", "市政府召开发布会，介绍了情况。", "4月2日", "新馆开工建设，预计明年完工。"]


@pytest.mark.parametrize("line", ["作者：小编", "来源：网络", "来源：互联网", "文/佚名", "来源：综合整理"])
def test_placeholder_authors_and_sources_are_furniture_not_a_byline(line: str) -> None:
    c = clean(f"夏季饮食小贴士\n\n{line}\n\n天气炎热，饮食宜清淡，多喝温水。")
    assert c.byline.reporters == () and c.byline.source is None
    assert line in c.furniture and line not in c.text


@pytest.mark.parametrize("line", ["👇👇👇", "点击上方蓝字关注我们", "长按识别二维码，获取更多资讯", "喜欢就点个在看吧",
                                  "▼", "关注我们，了解更多"])
def test_web_prompts_and_emoji_lines_are_furniture(line: str) -> None:
    c = clean(f"新能源车下乡活动启动\n\n{line}\n首批活动覆盖十个省份，参展车型超过百款。\n{line}")
    assert c.text == "新能源车下乡活动启动\n\n首批活动覆盖十个省份，参展车型超过百款。"


def test_decorative_emoji_go_to_the_furniture_and_a_single_one_inside_a_sentence_stays() -> None:
    c = clean("🔥🔥好消息！城市图书馆新馆今天开放👏，市民可免费入馆。👍\n📣据馆方介绍，首日预约已满。", detect_title=False)
    assert c.text == "好消息！城市图书馆新馆今天开放👏，市民可免费入馆。\n据馆方介绍，首日预约已满。"
    assert {"🔥🔥", "👍", "📣"} <= set(c.furniture)


@pytest.mark.parametrize(("raw", "expected"), [
    ("预计销量将增长两成。🧐业内人士认为，价格战仍将持续。", "预计销量将增长两成。业内人士认为，价格战仍将持续。"),
    ("视频播放量破亿，😂不少网友表示，笑到停不下来。", "视频播放量破亿，不少网友表示，笑到停不下来。"),
])
def test_an_emoji_before_a_speaker_does_not_stay_glued_to_it(raw: str, expected: str) -> None:
    assert clean(raw, detect_title=False).text == expected


# ---------------------------------------------------------------- the date a copy prints

@pytest.mark.parametrize(("raw", "date"), [
    ("滨海日报 2025年3月1日 星期六 第5版\n\n标题一则\n\n本报讯（记者 金河）全市春耕生产全面展开。", "2025-03-01"),
    ("2024-11-18 08:05 来源：潇湘晨报网\n今天，长沙地铁新线开通运营。", "2024-11-18"),
    ("发布时间：2023/07/09 21:40:12 来源：网络 作者：小编\n暑期档电影票房突破百亿元。", "2023-07-09"),
    ("本报讯 2025年3月1日 （记者 顾岚）全省高速公路春运车流量创新高。", "2025-03-01"),
    ("标题行\n\n正文第一句，介绍了情况。\n\n责任编辑：卢宁\n晋中晚报｜2022.09.30｜A4版", "2022-09-30"),
])
def test_the_date_the_page_or_web_header_prints_is_the_articles_date(raw: str, date: str) -> None:
    c = clean(raw)
    assert c.date == date
    assert date[:4] not in c.text  # the header left the body


def test_a_web_header_gives_its_source_but_not_a_placeholder() -> None:
    assert clean("2024-11-18 08:05 来源：潇湘晨报网\n今天，长沙地铁新线开通运营。").byline.source == "潇湘晨报网"
    c = clean("发布时间：2023/07/09 21:40:12 来源：网络 作者：小编\n暑期档电影票房突破百亿元。")
    assert c.byline.source is None and c.byline.reporters == ()


@pytest.mark.parametrize(("line", "source", "date", "reporters"), [
    ("来源：新华网 2025-03-01 10:20", "新华网", "2025-03-01", ()),
    ("来源：澎湃新闻 作者：褚洁", "澎湃新闻", None, ("褚洁",)),
    ("来源：大河网｜2024年9月5日", "大河网", "2024-09-05", ()),
])
def test_a_source_line_with_more_fields_gives_the_source_alone(line: str, source: str, date: str | None,
                                                               reporters: tuple[str, ...]) -> None:
    c = clean(f"秋粮收购启动\n\n{line}\n\n多地粮库开始收购新粮。")
    assert (c.byline.source, c.date, c.byline.reporters) == (source, date, reporters)
    assert c.text.endswith("\n多地粮库开始收购新粮。")


@pytest.mark.parametrize("lead", ["新华社北京5月7日电（记者 柯然）", "中新网成都10月2日电 ", "本报杭州12月30日讯（记者 沈一鸣）"])
def test_a_dateline_without_a_year_gives_no_date_unless_the_year_is_known(lead: str) -> None:
    raw = f"{lead}国庆假期，多地景区迎来客流高峰。"
    assert clean(raw, detect_title=False).date is None
    month_day = clean(raw, detect_title=False, year=2024).date
    assert month_day is not None and month_day.startswith("2024-")


@pytest.mark.parametrize(("lead", "source", "reporters", "date"), [
    ("新华社拉萨2024年8月9日电（记者 扎西 白玛）", "新华社", ("扎西", "白玛"), "2024-08-09"),
    ("中新社南宁2025年1月3日电（记者黄秋蓉）", "中新社", ("黄秋蓉",), "2025-01-03"),
    ("本报西安2023年11月20日讯 （记者 贺文斌）", "本报", ("贺文斌",), "2023-11-20"),
])
def test_a_dateline_with_a_year_gives_source_credit_and_date(lead: str, source: str, reporters: tuple[str, ...],
                                                             date: str) -> None:
    c = clean(f"果园迎来丰收季\n{lead}连日来，当地果农忙着采摘。\n第二段。")
    assert (c.byline.source, c.byline.reporters, c.date) == (source, reporters, date)
    assert "电" not in c.text.split("\n")[-2] and c.text.endswith("连日来，当地果农忙着采摘。\n第二段。")


def test_an_impossible_date_is_no_date() -> None:
    assert clean("海东日报 2025年2月30日 星期日 第2版\n\n正文。").date is None
    assert clean("新华社西宁2月30日电 正文在这里。", year=2025).date is None


def test_the_analyzer_gives_an_article_without_a_date_the_printed_one_and_keeps_a_given_one() -> None:
    from toolkit import Analyzer

    an = Analyzer(components=())
    raw = "2024-11-18 08:05 来源：潇湘晨报网\n今天，长沙地铁新线开通运营。"
    assert an.analyze(raw).meta["date"] == "2024-11-18"
    assert an.analyze(raw, meta={"date": "2024-11-19"}).meta["date"] == "2024-11-19"
    assert an.analyze(raw, meta={"date": float("nan")}).meta["date"] == "2024-11-18"
    assert an.analyze("今天，长沙地铁新线开通运营。").meta["date"] is None  # every article has the key


# ---------------------------------------------------------------- the head of a page copy

@pytest.mark.parametrize(("kicker", "subtitle"), [
    ("■财经观察", None), ("体育·足球", None), ("健康在线", None), ("民生周刊", "全市新增托育位三千个"),
])
def test_a_column_kicker_above_the_dateline_is_furniture_and_the_dateline_is_still_read(kicker: str,
                                                                                          subtitle: str | None) -> None:
    head = f"{kicker}\n{subtitle}\n" if subtitle else f"{kicker}\n"
    c = clean(f"{head}本报讯（记者 童欣 通讯员 季安）今年以来，全市新建普惠托育机构四十家。", title="托育服务扩容")
    assert c.byline.reporters == ("童欣",) and c.byline.correspondents == ("季安",) and c.byline.source == "本报"
    assert kicker.lstrip("■") in "".join(c.furniture)
    assert c.text == (f"{subtitle}\n" if subtitle else "") + "今年以来，全市新建普惠托育机构四十家。"


@pytest.mark.parametrize(("line", "reporters", "source"), [
    ("■本报记者 孔令宜", ("孔令宜",), None),
    ("南方财经报记者 钟离 广州报道", ("钟离",), "南方财经报"),
    ("证券时报记者 乔木", ("乔木",), "证券时报"),
    ("2025年6月3日 記者張雅婷／台中報導", ("张雅婷",), None),
    ("【本报记者 苏映雪】", ("苏映雪",), None),
])
def test_credit_lines_of_many_outlets(line: str, reporters: tuple[str, ...], source: str | None) -> None:
    c = clean(f"粮食收购进度过半\n{line}\n今年秋粮收购工作进展顺利，收购量同比增加。", title="粮食收购进度过半")
    assert (c.byline.reporters, c.byline.source) == (reporters, source)
    assert c.text == "今年秋粮收购工作进展顺利，收购量同比增加。"


@pytest.mark.parametrize(("line", "source", "date"), [
    ("作者：小编  2025-01-05 08:00  来源：星河科技网", "星河科技网", "2025-01-05"),
    ("2024-08-08 14:22 发布于上海", None, "2024-08-08"),
    ("发布时间：2023年12月1日 09:30 | 来源：江淮晨报 | 阅读：1024", "江淮晨报", "2023-12-01"),
])
def test_a_web_header_of_fields_dates_and_counters_is_furniture(line: str, source: str | None, date: str) -> None:
    c = clean(f"{line}\n新能源公交车全面替换燃油车。", title="公交电动化")
    assert (c.byline.source, c.date, c.byline.reporters) == (source, date, ())
    assert c.text == "新能源公交车全面替换燃油车。"


def test_a_full_date_opening_the_lead_after_a_dateline_dates_the_article_and_stays() -> None:
    c = clean("【本报讯】2025年4月3日，区法院公开审理一宗电信诈骗案。", detect_title=False)
    assert c.date == "2025-04-03" and c.text == "2025年4月3日，区法院公开审理一宗电信诈骗案。"
    assert clean("2025年4月3日，区法院公开审理一宗电信诈骗案。", detect_title=False).date is None


def test_a_tag_alone_on_a_line_and_a_prompt_with_quotes_are_furniture() -> None:
    c = clean("宠物经济升温\n【推荐】\n宠物食品销售额同比增长两成。\n喜欢就点个“赞”吧！", title="宠物经济升温")
    assert c.text == "宠物食品销售额同比增长两成。"


def test_a_page_editor_credit_with_ben_ban_is_furniture() -> None:
    c = clean("标题\n\n正文第一句，介绍了情况。\n\n本版责任编辑：侯一鸣")
    assert c.byline.editors == ("侯一鸣",) and "侯一鸣" not in c.text


# ---------------------------------------------------------------------------------- credits of many outlets

BODY = "\n全市新建学校十二所，新增学位两万个。"


@pytest.mark.parametrize("credit, reporters, source", [
    # an outlet's name or short name before each role, the place it was filed from after
    ("每财记者 齐远航    每财编辑 白露", ("齐远航",), None),
    ("东海商报记者 陆知秋 宁波报道", ("陆知秋",), "东海商报"),
    ("36氪财经记者 梅若雪", ("梅若雪",), "36氪财经"),
    # a Hong Kong paper's bracketed credit whose name is followed by 报道
    ("（本报记者 何嘉欣报道）", ("何嘉欣",), None),
    # two names glued together
    ("记者 王立新赵小川", ("王立新", "赵小川"), None),
])
def test_the_credits_of_many_outlets_give_reporters_and_source(credit: str, reporters: tuple[str, ...],
                                                              source: str | None) -> None:
    c = clean("教育投入持续加大\n" + credit + BODY)
    assert c.byline.reporters == reporters and c.byline.source == source
    assert " ".join(credit.split()) in c.furniture and "记者" not in c.text


def test_credits_on_the_line_after_a_dateline_are_read_spaces_or_not() -> None:
    for line in ("记者 贺文山 通讯员 罗雨", "记者贺文山通讯员罗雨"):
        c = clean("教育投入持续加大\n本报讯 " + line + BODY)
        assert (c.byline.reporters, c.byline.correspondents) == (("贺文山",), ("罗雨",))
        assert "记者" not in c.text and "全市新建学校" in c.text


def test_a_taiwan_wires_bracketed_dateline_gives_the_agency_and_the_reporter() -> None:
    c = clean("晶片出口再创新高\n（中央社記者林韋辰台中3日電）經濟部今天公布出口統計，晶片出口再創新高。")
    assert c.byline.source == "中央社" and c.byline.reporters == ("林韦辰",)
    assert "中央社" not in c.text and "经济部今天公布" in c.text


def test_本报_is_the_paper_the_page_strip_names() -> None:
    c = clean("教育投入持续加大\n本报讯（记者 贺文山）全市新建学校十二所。\n南川晚报 2026年3月4日 星期三 第5版")
    assert c.byline.source == "南川晚报"


@pytest.mark.parametrize("run, names", [
    ("王磊赵敏", ["王磊", "赵敏"]),
    ("欧阳娜娜", ["欧阳娜娜"]),  # a two-character surname: one name
    ("司马南", ["司马南"]),
    ("张三丰", ["张三丰"]),
    ("李明王", ["李明王"]),  # no second name in it
])
def test_glued_names_split_only_where_two_names_are_plain(run: str, names: list[str]) -> None:
    from toolkit.text.furniture import split_glued_names

    assert split_glued_names(run) == names


@pytest.mark.parametrize("credit, reporters, source", [
    ("新华社成都6月2日电（记者韩雪松罗文）", ("韩雪松", "罗文"), "新华社"),       # glued, 5 characters
    ("东江观察报 记者 袁书宁", ("袁书宁",), "东江观察报"),                         # outlet, a space, the role
    ("来源：南岭都市报　记者：龙思雨", ("龙思雨",), "南岭都市报"),                 # 记者 as a header field
    ("自由時報／記者林佳慧／台北報導", ("林佳慧",), "自由时报"),                   # a Taiwan paper's credit line
    ("2025-03-14 21:30　經濟日報／記者陳冠宇／新竹即時報導", ("陈冠宇",), "经济日报"),
    ("本报讯 2025年8月3日（记者 房东明）", ("房东明",), "本报"),                    # a dateline line of its own
])
def test_more_credit_styles(credit: str, reporters: tuple[str, ...], source: str) -> None:
    c = clean("教育投入持续加大\n" + credit + "\n全市新建学校十二所，新增学位两万个。")
    assert (c.byline.reporters, c.byline.source) == (reporters, source)
    assert "记者" not in c.text


def test_a_title_columns_halves_keep_the_space_between_them() -> None:
    c = clean("正文第一段。", title="港口吞吐量创新高  集装箱航线再扩容")
    assert c.title == "港口吞吐量创新高 集装箱航线再扩容"


def test_a_text_that_is_only_its_headline_keeps_it_as_the_text() -> None:
    c = clean("明天有没有一起去的", title="明天有没有一起去的")
    assert c.text == "明天有没有一起去的" and c.title == "明天有没有一起去的"
    c = clean("【快讯】央行宣布降准\n责任编辑：王某", title="央行宣布降准")
    assert c.text == "央行宣布降准" and c.byline.editors == ("王某",)


def test_a_call_to_follow_the_page_glued_before_the_text_leaves_and_the_text_stays() -> None:
    c = clean("点击蓝字关注我们简介：李某，女，参加工作三十年，现任县文化馆馆长。", title="文化馆馆长李某")
    assert c.text == "简介：李某，女，参加工作三十年，现任县文化馆馆长。"
    assert "点击蓝字关注我们" in c.furniture
