"""The word tables of the plan grammar, each defined once: years, verbs, qualifiers and stop words."""

from __future__ import annotations

import re

# --- years ---
YEAR = r"(?:19|20)\d{2}"  # a four-digit year of a modern plan
YEAR_RE = re.compile(YEAR)

# --- words that carry no content when two tasks are compared ---
ALIGN_STOP_WORDS = frozenset(
    ["的", "和", "与", "及", "等", "在", "对", "为", "把", "以", "了", "是", "将", "要", "并", "加快", "推进", "推动", "加强", "深化", "实施", "开展", "建设", "发展", "持续", "全面", "进一步", "积极", "着力", "大力", "强化", "提升", "完善", "打造", "构建", "促进", "支持", "实现", "培育", "组织", "做好", "坚持", "全省", "全市", "我省", "我市", "一批", "工作", "重点", "新", "更", "其中", "力争", "确保", "全年", "今年", "个", "家", "项", "年"]
)

# Verbs that open a task heading and say nothing about its theme: 推进产业链提升 → 产业链提升.
HEAD_VERBS = re.compile(
    r"^(?:推进|加快|推动|深化|加强|积极|着力|大力|强化|完善|构建|打造|实施|开展|建设|培育|促进|提升|"
    r"发展|做强|做优|做大|全面|持续|深入|进一步|扎实|[一二三四五六七八九十]是)+"
)

# Verbs that sit between a metric and its figure: `增加值增长13%`, `企业达5000家`.
MEASURE_VERBS = re.compile(
    r"(?:要|将|拟|预计|力争|争取|确保|可|能|再|继续|进一步)?"
    r"(?:按|同比|比上年|较上年|年均|平均)?"
    r"(?P<verb>安排|增长|增加到|增加至|增加|提高到|提高至|提高|提升到|提升至|提升|上升|下降到|下降至|下降|"
    r"降低到|降低至|降低|减少到|减少|压减|削减|降至|降到|缩短至|缩短到|缩短|缩小到|缩小|增至|扩大到|扩大至|扩大|"
    r"达到|达|突破|超过|超|不少于|不低于|不高于|不超过|低于|高于|至少|控制在|稳定在|保持在|保持|维持在|"
    r"涨幅|增幅|增速|按|实现|完成|跃上|迈上|跨上|站上|登上|为|在|有|占)"
    r"(?:到|至|在)?了?(?:约|近|力争|争取)?$"
)

# Verbs that open a clause and take the metric after them: `建成5G基站5万个`, `新增云上企业100家`.
ACTION_VERBS = re.compile(
    r"^(?:(?:新增上线试运行|新增|新建|新认定|新入选|新培育|新开工|新引进|累计建成|累计创建|累计谋划建设|累计培育|"
    r"累计|培育建设|培育|建成|建设|打造|组织实施|组织开展|实施|开展|引进|招引|认定|确定|组建|开发|创建|完成|"
    r"拟安排|拟发行|安排|发行|推广应用|推广|拓展|布局|落地|入选|新落地|谋划建设|谋划|上线|改造|推动|推进|支持|"
    r"服务|连接|吸引|带动|惠及|全面推进|联动抓好|抓好|着力推进|着力拓展|试点推广|制\(修\)订|制修订|制定|发布|"
    r"举办|办好|开通|新开通|建立|设立|认证|评选|遴选|扶持|发展|形成|集聚|实现|达到|新建成|建好|布局|应用)"
    r"(?:和|、)?)+"
)

# Scope, time and modal words that open a clause before its metric: 全省, 今年, 到2025年底, 确保.
LEADING_NOISE = re.compile(
    r"^(?:其中|全省|全市|全区|全国|全县|全年|今年|明年|年内|到年底|年底前|确保|力争|争取|努力|进一步|着力|加快|"
    r"积极|全面|大力|持续|深入|扎实|稳步|有序|重点|同时|并|且|以及|和|及|与|再|还|总共|使|让|推动|推进|拟|"
    rf"到{YEAR}年(?:底|末)?|{YEAR}年(?:底|末)?|在全省|在全市|对|向|为|将|要|把|通过|围绕|"
    r"其中|等|主要预期目标是|预期目标是|主要目标是|目标是|是)"
)

STRETCH_WORDS = re.compile(r"力争|争取|冲击|冲刺")  # an aspirational figure
DOWN_WORDS = re.compile(r"下降|降低|减少|压减|削减|降至|降到|缩短|缩小")  # a figure stated as a fall

# Measure verbs by the basis they give a figure.
GROWTH_VERBS = frozenset(["增长", "提高", "提升", "下降", "降低", "减少", "压减", "削减", "上升", "增加", "涨幅", "增幅", "增速", "扩大", "缩小", "缩短"])
LEVEL_VERBS = frozenset(
    ["安排", "达到", "达", "突破", "跃上", "迈上", "跨上", "站上", "登上", "超过", "超", "提高到", "提高至", "提升至", "提升到", "增至", "降至", "降到", "稳定在", "保持在", "控制在", "为", "实现", "有", "增加到", "增加至", "扩大到", "扩大至", "下降到", "下降至"]
)
# Action verbs that make a count a flow of this period (新认定 N家, 培育 N个), not a stock.
INCREMENT_ACTIONS = re.compile(
    r"新|培育|建设|组织实施|组织开展|实施|开展|引进|招引|认定|确定|组建|开发|创建|推广|"
    r"拓展|制|打造|谋划|举办|办好|落地|入选|发布|遴选|评选"
)
SHARE_WORDS = re.compile(r"占|比重|比例|率|强度|覆盖|占比|水平")  # a percentage that is a share, not a growth
