"""Vocabularies of the entity and quote layers, as data: role titles, words that are never
names alone, units after a count, edition words, short forms of places.

One list serves every layer that needs it (the role titles of :mod:`toolkit.quotes` and of the
entity rules are :data:`TITLES`).

>>> "董事长" in TITLES, PLACE_ABBREVIATIONS["港"]
(True, '香港')
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Role titles, longest first (roles, quotes and the words before a person's name).
TITLES = tuple(sorted(set("""
创始人 联合创始人 董事长 董事会主席 总裁 首席执行官 首席技术官 首席财务官 首席运营官 首席科学家 首席经济学家
首席预报员 首席分析师 首席医学官 首席信息官 首席营销官 首席战略官 首席投资官 首席风险官 首席产品官
首席商务官 首席数据官 首席人才官 首席品牌官 首席法务官 CEO CTO CFO COO 创办人 共同创办人 共同创始人
总经理 经理 主席 院长 校长 教授 副教授 研究员 主任 部长 市长 省长 局长 厅长
行长 秘书长 总干事 书记 负责人 发言人 新闻发言人 总监 财务总监 主编 总编辑 院士 主教练 教练 队长 分析师 项目主任
合伙人 董事 理事长 会长 所长 总工程师 检察长 法官 律师 医生 主任医师 总设计师 研究所所长 党委书记 委员 主任委员
执行长 行政总裁 财务长 营运长 技术长 策略长 董事总经理 执行董事 独立董事 监事长 总会计师
导演 总导演 编剧 制片人 制作人 出品人 监制 主持人 社长 会长 法务总监 创始合伙人 管理合伙人
总统 总理 首相 国务卿 外长 外交部长 国防部长 财政部长 商务部长 大使 特首 行政长官 议长 州长 国务委员 议员
董事会秘书 董秘 首席策略师 策略师 首席代表 监事 监事会主席 执行总裁 轮值董事长 轮值总裁 名誉董事长 荣誉董事长
首席顾问 顾问 首席架构师 首席设计师 首席律师 总编 副总编辑 署长 司长 处长 科长 总督 大臣 财长 防长 外相 主委
政委 庭长 审判长 讲师 特聘教授 博士生导师 主治医师 护士长 县长 区长 镇长 乡长 村支书 厂长 店长 馆长 团长 领队
""".split()), key=len, reverse=True))
#: Titles of a state's office: the organisation of such a role is the country written before it,
#: and a ministry's field between them belongs to the title (日本经济产业大臣 → 经济产业大臣 of 日本).
STATE_TITLES = frozenset("大臣 部长 总统 总理 首相 外长 防长 财长 外相 国务卿 大使 议长 国务委员 议员".split())

#: Verbs that introduce a new product or company by its category (推出首款AI眼镜远望, 发布语音助手回声):
#: after them, a rare verb after the category noun is a name too (远望, 回声 are verbs to jieba).
LAUNCH_VERBS = frozenset("""
推出 发布 上线 首发 发售 开售 亮相 官宣 公布 研发 开发 打造 搭载 接入 引入 带来 展示 迭代
名为 叫做 取名 成立 创办 创立 注册 收购 投资 入股 孵化
""".split())
#: What happens to a product or a company, never its name, even when rare (系统宕机, 新车开售, 平台停摆).
EVENT_WORDS = frozenset("""
开售 上市 亮相 发布 上线 下线 停售 停产 停摆 停运 宕机 崩溃 降价 涨价 召回 升级 更新 问世 落地 热销 售罄
断供 量产 交付 出海 扩容 闭店 跑路 暴雷 爆雷 破产 裁员 融资 上涨 下跌 涨停 跌停 复牌 停牌 退市 违约
发帖 发文 留言 评论 吐槽 投诉 维权 直播 带货 曝光 爆料
马拉松 比赛 大赛 联赛 锦标赛 峰会 论坛 博览会 展会 发布会 研讨会 挑战赛
""".split())
#: Characters that are grammar, not part of a short unknown name cut into single characters
#: (饮品时要留意: not 时要).
NOT_IN_SHORT_NAME = frozenset("时要会将被把让在是也都就还又再才已曾并且而的了着过")
#: A version number is not one before a unit, a date or a count (iPhone 3年前, ChatGPT 3月, iPhone 2亿部).
COUNTED = "年月日号时点分秒亿万千百十个家款台辆元%％倍位名人次季期届条项只部多余周岁度"
#: The number ending a model span that stands before a unit, a date or a count.
#: Edition words after a model number (iPhone 16 Pro, 小米14 Ultra).
EDITIONS = "Pro|Max|Plus|Ultra|mini|Mini|Air|SE|Lite|Turbo|Flash|Nano|Omni|Fold|Flip"
#: Acronyms of the trade, never a name alone (the model sometimes tags them: ``AI手机``, ``5G网络``);
#: NBA, WTO … are names and not listed.
GENERIC_LATIN = frozenset(
    "AI AIGC AGI API APP App app CEO CTO CFO COO GDP CPI PPI PMI IPO ETF VR AR MR XR PC IT 5G 4G 6G "
    "LLM GPU CPU NPU TV OK PK VIP ESG B2B B2C O2O KOL MCN SaaS IoT".split()
)
#: Latin tokens the context rules never take for a name: the trade acronyms, abbreviations that
#: are names the model finds by itself, single letters.
COMMON_LATIN = GENERIC_LATIN | frozenset(
    "NBA CBA WTO IMF UN EU US USA UK A B C D E F G H I J K L M N O P Q R S T U V W X Y Z".split()
)


#: One-character short forms of countries, regions and Chinese provinces, as they stand in
#: compounds (中美, 中俄, 美方, 港股, 台海, 欧方, 京津冀, 川渝): the place they stand for. A short
#: form that stands for several places (巴: 巴西, 巴基斯坦, 巴勒斯坦; 阿, 伊, 澳, 马, 南) is not
#: listed, and any one-character name not listed is not an entity: its canonical name would be
#: one character.
PLACE_ABBREVIATIONS: Mapping[str, str] = MappingProxyType({
    # countries and unions
    "中": "中国", "华": "中国", "美": "美国", "俄": "俄罗斯", "苏": "苏联", "日": "日本", "韩": "韩国",
    "朝": "朝鲜", "英": "英国", "法": "法国", "德": "德国", "意": "意大利", "印": "印度", "越": "越南",
    "乌": "乌克兰", "以": "以色列", "加": "加拿大", "欧": "欧盟", "埃": "埃及", "叙": "叙利亚",
    "墨": "墨西哥", "葡": "葡萄牙", "菲": "菲律宾", "泰": "泰国", "缅": "缅甸", "老": "老挝",
    "柬": "柬埔寨", "蒙": "蒙古", "土": "土耳其", "希": "希腊", "荷": "荷兰", "比": "比利时",
    "波": "波兰", "匈": "匈牙利", "捷": "捷克", "厄": "厄瓜多尔", "古": "古巴", "秘": "秘鲁",
    "智": "智利", "非": "非洲", "亚": "亚洲",
    # Chinese regions and provinces
    "港": "香港", "台": "台湾", "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北",
    "晋": "山西", "辽": "辽宁", "吉": "吉林", "黑": "黑龙江", "浙": "浙江", "皖": "安徽", "闽": "福建",
    "赣": "江西", "鲁": "山东", "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西",
    "琼": "海南", "川": "四川", "蜀": "四川", "黔": "贵州", "滇": "云南", "藏": "西藏", "陕": "陕西",
    "甘": "甘肃", "陇": "甘肃", "青": "青海", "宁": "宁夏", "疆": "新疆", "淮": "淮河",
})

#: Short names that stand for any company of a filing, not a name (以下简称“公司”), besides the
#: bare heads of organization names (NOMINAL_ORG).
NOT_DEFINED_NAME = frozenset(
    "本公司 该公司 发行人 标的公司 上市公司 本行 本集团 本所 甲方 乙方 本市 本省 本区 本县 本镇 本村 本院 本会 本中心 "
    "本协会 本网 本报 本台 本刊 该市 该省 我市 我省 我区 我县 我国 我院 我司 我行".split())


#: Titles and occupations before a person's name (分析师Dan Ives): the role titles and a few more.
PERSON_WORDS = (*TITLES, "投资人", "投资者", "记者", "作者", "主持人", "专家", "学者", "演员", "歌手", "导演", "球员",
                 "选手", "经济学家", "科学家", "作家", "议员", "参议员", "众议员", "博士", "先生", "女士")


#: Heads of organization names that name no one by themselves (组委会负责人说, 警方称, 该院); with a
#: name before them (北京马拉松组委会, 上海警方) they are part of the name.
NOMINAL_ORG = frozenset(
    "组委会 委员会 董事会 监事会 理事会 执委会 党委 主办方 承办方 组织方 校方 院方 警方 官方 政府 法院 "
    "检察院 公安局 派出所 医院 学校 大学 球队 主队 客队 俱乐部 协会 中心 研究所 研究院 实验室 公司 集团 银行 "
    "企业 厂商 交易所".split())


#: Kinds of unnamed sources, as a report names them (一位不愿具名的欧方外交官 → 外交官): the
#: longest of these ending a source's phrase is its bare name.
SOURCE_NOUNS = frozenset("""
分析师 外交官 投资者 投资人 业内人士 知情人士 内部人士 市场人士 行业人士 相关人士 人士 专家 学者 律师 议员
立法会议员 立委 官员 消费者 网友 市民 居民 村民 家长 学生 车主 乘客 员工 工作人员 负责人 创投业者 业者 加盟商
经销商 店主 商户 商家 医生 患者 股民 基金经理 交易员 经济学家 观察人士 研究员 从业者 开发商 房东 租客 游客
老板 店员 保安 司机 会员 用户 村干部 工程师 教师 老师 护士 球迷 观众 选手
消息人士 权威人士 分析人士 法律人士 高管 业主 住户 摊主 菜农 果农 农户 养殖户 快递员 骑手 旅客 粉丝 考生
医护人员 志愿者 买家 卖家 玩家 散户 基民 知情者 目击者 当事人 受访者 民警 交警 策略师 测量师 建筑师 设计师
""".split())
#: Where an unnamed source is from, which a report leaves off its name (香港分析师 → 分析师); a
#: side such as 欧方, 美方 counts too.
SOURCE_PLACES = frozenset(
    "香港 台湾 澳门 内地 大陆 海外 国内 国外 境外 欧洲 美国 日本 韩国 当地 本地 外地 外国 中国 "
    "门店 店内 店铺 现场 景区 园区 医院 学校 小区 工地 车间 工厂 网点 营业厅 公司 单位".split())
#: Titles a company gives (a title of these with no organization before it, opening a clause,
#: is held at the company the article is about: ……法人说明会，执行长宋某表示).
CORPORATE_TITLES = frozenset("""
创始人 联合创始人 创办人 共同创办人 共同创始人 董事长 董事会主席 总裁 首席执行官 首席技术官 首席财务官 首席运营官
首席医学官 首席信息官 首席营销官 首席战略官 首席产品官 首席商务官 首席数据官 CEO CTO CFO COO
总经理 执行长 行政总裁 财务长 营运长 技术长
策略长 董事总经理 执行董事 总会计师
""".split())
