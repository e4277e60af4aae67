"""Metric phrases: the words left of a figure split into action, metric and verb, and made readable."""

from __future__ import annotations

import re

from compare.figures import word_boundaries
from compare.lexicon import ACTION_VERBS, LEADING_NOISE, MEASURE_VERBS, YEAR


def strip_leading(s: str) -> str:
    """The text without the scope, time and modal words that open a clause (全省, 今年, 确保…); a word is
    stripped only whole: the 对 of 对口支援, the 等 of 等级民宿 and the 并 of 并网 stay."""
    prev = None
    while prev != s:
        prev = s
        m = LEADING_NOISE.match(s)
        if m and m.end() and not _splits_a_word(s, m.end(), m.group(0)) and not _modifies_a_noun(s, m):
            s = s[m.end():]
        s = s.lstrip("，,、 ")
    return s


def _splits_a_word(s: str, end: int, noise: str) -> bool:
    """True when cutting s at end leaves one character of a word that starts with the noise behind it
    (对|口支援, 等|级民宿, 并|网, 全市|性): the noise was part of that word. A year (到2030年) never is."""
    if end == len(s) or end in word_boundaries(s) or any(c.isdigit() for c in noise):
        return False
    cuts = word_boundaries(s)
    before, after = max(c for c in cuts if c < end), min(c for c in cuts if c > end)
    return before == 0 and after - end == 1  # 我|区外: a word that starts inside the noise is no part of it


def _modifies_a_noun(s: str, m: re.Match[str]) -> bool:
    """True when 重点 opens a noun phrase (重点项目, 重点企业) rather than an adverbial (重点支持)."""
    if m.group(0) != "重点":
        return False
    import rjieba

    tags = rjieba.tag(s)
    if tags and tags[0][0] != "重点":
        return True  # 重点项目: one word
    return len(tags) > 1 and tags[1][1].startswith("n")


# 等 inside a word (等级, 一等奖, 高等教育, 平等) lists nothing.
LIST_DENG = re.compile(r"(?<![平同对相均优高中初上次特一二三头何])等(?![级待同次候于额量效])")


def list_word_at(text: str) -> bool:
    """True when the text holds 等 as a list word (科研、工业等领域), not inside 等级 or 同等."""
    return bool(LIST_DENG.search(text))


# Verbs that may open the metric after a short scope phrase (`数字经济领域培育百亿元企业25家`). 新增 is not
# among them: it forms compounds such as 城镇新增就业.
MID_ACTION = re.compile(r"(?:新认定|新培育|培育|组织实施|组织开展|开展|引进|认定|确定|组建|创建|"
                        r"推广|打造|累计|推介)")
TRAILING_NOISE = re.compile(r"(?:预计|首次|将|要|可|已|已经|共|合计|总数|数量|拟|再|又|继续|分别|年均|每年|"
                            r"(?<!平)均|都|仍|整体|历史性|连续(?:\d{1,2}年)?|"  # 连续12年…: a streak
                            r"(?:压缩|缩减|延长|拓展|扩展)(?:至|到))+$")  # 时限压缩至: a verb left behind


YEAR_OF = re.compile(rf"{YEAR}年(?:底|末)?的?$")
# What a base or a span leaves once its year is read as a time: 托位数较(2020年)翻两番,
# 人均地区生产总值比(2020年), 营业收入较“十三五”末期翻一番, 高新技术企业数3年翻一番.
BASE_LEFT_OVER = re.compile(r"(?:较|(?<=[值额量数])比)$|(?:较|比)“?十[三四五六]五”?(?:末期?|时期|期末)$|"
                            r"(?<=[\u4e00-\u9fff]{2})(?:连续)?(?:\d+|[一二三四五六七八九十两]+)年(?:内|来|间)?$")
BASE_YEAR = re.compile(rf"(?:比|较|与)?{YEAR}年(?:底|末)?(?:相比)?的?$")  # 能耗较2020年下降…: a base year
PER_HEAD = r"(?:每[人户生]?(?:每)?[年月]?|人均|年均)"  # 每人每年, 每生每年, 每月: the figure's per-unit
PER_DENOMINATOR = re.compile(r"每[\d.]+[万千百]?(?:人口|人|户)$")
BASELINE_FROM = re.compile(rf"(?:从|由)(?:平均)?{PER_HEAD}?$")
# What is left of a metric when the clause names no object: 增加超350个, 惠及超50万名. Not a metric.
VERB_ONLY = re.compile(r"^(?:新\(改\)建|新改建|改扩建|新建|改建|"
                       r"增加|提高|提升|实现|完成|达到|建成|新增|开展|惠及|储备|改造|带动|吸引|覆盖|服务|支持|"
                       r"帮助|扶持|培训|发放|安排|投入|拉动|减少|降低|节约|节省|其中|合计|共计|累计|包括|净增)+$")


# Verbs a plan puts before a count that the segmenter's dictionary tags as nouns or places (选派, 落户).
COUNT_VERBS = frozenset(["选派", "选聘", "选调", "派驻", "落户", "深化", "串联", "加密", "新建", "惠及",
                         "遴选",
                         "招募", "征集", "签约", "新开", "复航"])
# Words that only say which batch or period a count belongs to (首批8个试点县, 年度12件实事): no thing named.
DETERMINER = re.compile(r"(?:首批|首个|首期|首届|首家|新一批|第[0-9一二三四五六七八九十]+(?:批|期|届)|"
                        r"年度|当年|每年|今年|全年)")


def is_bare_verb(phrase: str) -> bool:
    """True when a phrase is a verb with no object (选派, 开行, 完工, 累计压降): it names no thing counted."""
    if not phrase:
        return False
    if VERB_ONLY.match(phrase) or ACTION_VERBS.fullmatch(phrase) or phrase in COUNT_VERBS:
        return True
    if re.fullmatch(_STAGE, phrase):
        return True  # 投产, 竣工: a stage reached, said of a thing named before
    if phrase.startswith("新") and len(phrase) > 2 and is_bare_verb(phrase[1:]):
        return True  # 新创建13个国家临床重点专科: newly create
    if len(phrase) == 4 and VERB_ONLY.fullmatch(phrase[:2]) and re.fullmatch(_STAGE, phrase[2:]):
        return True  # 建成投产260个亿元以上产业项目: two verbs, the work and the stage it reaches
    import rjieba

    tags = rjieba.tag(phrase)
    verbal = all(t in ("v", "d") or w in COUNT_VERBS for w, t in tags)
    return len(phrase) <= 4 and verbal and tags[-1][1] == "v"


# Adverbs of manner before a verb: 超前谋划, 全力争取, 大力培育.
MANNER = re.compile(r"(?:超前|提前|全力|积极|大力|加快|深入|持续|扎实|全面|着力|统筹|有序|高效|精准|集中|"
                    r"重点)+")


def names_nothing(metric: str) -> bool:
    """True when a metric names no thing: a bare verb, a batch word (首批) or a list of examples that ends in
    等 (白鹤滩电站等40个重点项目): the thing counted is written after the figure."""
    grouped = DETERMINER.fullmatch(metric) or COUNTED_GROUP.fullmatch(metric)
    batch = re.search(f"(?:{DETERMINER.pattern})$", metric)  # 筹建首批10个省级先导区: a verb and its batch
    if batch and batch.start() > 0 and is_bare_verb(metric[:batch.start()]):
        return True
    manner = MANNER.match(metric)  # 超前谋划50个重大事项: a verb and how it is done
    if manner and manner.end() < len(metric) and is_bare_verb(metric[manner.end():]):
        return True
    return is_bare_verb(metric) or bool(grouped) or bool(re.search(LIST_DENG.pattern + "$", metric))


# A count of groups before the count of things in them (15个方面30项任务, 6.1万户14.2万名群众): the groups
# name no thing counted by the second figure.
COUNTED_GROUP = re.compile(r"[\d.]+[万亿]?(?:[个项家条组批户名所座处]|大)[\u4e00-\u9fff]{0,4}")
LEADING_COUNT = re.compile(r"^[\d.]+[万亿]?[个项家条组批户名所座处](?=[\u4e00-\u9fff“])")
SET_SIZE = re.compile(r"^\d+[个条所座处](?!及?以[上下])(?=[\u4e00-\u9fff“])")  # not 30户以上自然村: a class


# verb, verbal noun, adjective, adverb, particle, conjunction, preposition
NO_THING_TAGS = ("v", "vn", "a", "ad", "d", "u", "c", "p")


def names_no_thing(left: str) -> bool:
    """True when the words before a figure end in a verb, adverb or particle, not a noun: the counted thing is
    written after the figure (`加快壮大40个省级县域特色产业集群`, `荆门石化特种油基地等5500个重大项目`)."""
    if not left:
        return False
    import rjieba

    tags = rjieba.tag(left)
    return bool(tags) and tags[-1][1] in NO_THING_TAGS


def split_metric(left: str) -> tuple[str, str, str]:
    """Split the text left of a figure into (action verb, metric, measure verb)."""
    verb = ""
    left = YEAR_OF.sub("", left)  # 从2015年的225亿元, 增加到2023年的506.9亿元
    left = BASELINE_FROM.sub("", left)
    left = PER_DENOMINATOR.sub("", left)  # AED达每10万人45台: the rate's denominator is no part of the name
    core = left
    m = MEASURE_VERBS.search(left)
    if m:
        verb = m.group("verb")
        inside = left[m.start()] in "能可要将再" and m.start() not in word_boundaries(left)
        core = left[: m.start() + (1 if inside else 0)]  # 总产能达: 能 ends the word 产能, it is no modal
    core = strip_leading(core.strip())
    action = ""
    am = ACTION_VERBS.match(core)
    cuts = word_boundaries(core)
    if am and am.end() not in cuts:  # 服务业 is a noun, not the verb 服务 + 业
        am = next((x for x in (ACTION_VERBS.match(core[:c]) for c in sorted(cuts, reverse=True)
                               if c < am.end()) if x and x.end() in cuts), None)
    if am:
        action = am.group(0)
        core = strip_leading(core[am.end():])
    else:
        hits = [h for h in MID_ACTION.finditer(core) if h.start() in cuts and h.end() in cuts]
        if hits and hits[-1].end() < len(core):
            action = hits[-1].group(0)
            core = _after_mid_action(core, hits[-1])
    core = TRAILING_NOISE.sub("", BASE_YEAR.sub("", core.strip("的之 ")))  # 技术合同成交额2030年达到…
    return action, BASE_LEFT_OVER.sub("", core), verb


def _after_mid_action(core: str, hit: re.Match[str]) -> str:
    """The metric after a verb inside the words (`数字经济领域培育百亿元企业`): what follows it, unless that
    is a bare verb whose subject came before (中欧班列累计开行 → 中欧班列开行)."""
    subject, rest = core[: hit.start()], core[hit.end():]
    if is_bare_verb(rest) and len(rest) >= 2 and len(subject) >= 2 and not TIME_SPAN.match(subject):
        return subject + rest
    return rest


TIME_SPAN = re.compile(r"^(?:\d+|[一二两三四五六七八九十]+)年|^(?:今年|去年|全年|五年来|近年来)")
PREV_HEAD = (r"增加值|营业收入|业务收入|主营业务收入|收入|利润总额|利润|税收|产值|总产值|投资|出口|进口|"
             r"零售额|产量|规模|营收|进出口|出口额|交易额|销售额|播种面积|面积|总产量|总产|增产|单产")
GENERIC_HEAD = re.compile(PREV_HEAD + r"|总量|总额|总数|总规模")
PREVIOUS_HEAD = re.compile(PREV_HEAD)
# What makes a count this period's new things; a total (总量) is of all of them: 新增上市公司48家、总量122家.
NEW_PREFIX = re.compile(r"^(?:新增|新登记|新认定|新培育|新设立|新设|新建|净增|新开工|新引进|新注册)")
STOCK_HEADS = ("规模", "总额", "总量", "总数", "总规模")


def complete_ellipsis(metric: str, previous: str, unit: str = "") -> str:
    """`数字经济核心产业增加值增长13%，营业收入突破2万亿元`: the second metric shares the first's subject."""
    if re.match(r"高于|低于|快于|慢于|好于", previous):
        return metric  # 高于全国0.2个百分点: a comparison, no subject to share
    m = PREVIOUS_HEAD.search(previous)
    if metric == "投资" and unit == "元" and re.search(r"(?:项目|工程)$", previous):  # 项目900个、投资800亿元
        return previous + metric
    if metric in STOCK_HEADS:  # 转移支付增加1.5万亿元、规模近9.8万亿元; 收入增长4.6%，总量突破1900亿元
        stock = re.search(r"(?:" + "|".join(STOCK_HEADS) + ")$", previous)
        return NEW_PREFIX.sub("", previous[: stock.start()] if stock else previous) + metric
    if m and m.start() > 0 and m.end() == len(previous) and previous[m.start():] != metric:
        return previous[: m.start()] + metric
    return metric


# A total named alone (总产达到557亿斤): the subject is the clause before it in the sentence.
BARE_TOTAL = re.compile(r"总产量|总产|总量|总规模|产量")


def clause_subject(before: str) -> str:
    """The nouns that open the last clause of `before` (`粮食生产再获丰收，` → 粮食), or ""."""
    import rjieba

    clause = re.split(r"[，,；;：:]", before.rstrip("，,；;：: "))[-1]
    tags = rjieba.tag(clause)
    n = next((i for i, (_, t) in enumerate(tags) if not t.startswith("n")), len(tags))
    subject = "".join(w for w, _ in tags[:n])
    rest = [t for _, t in tags[n:n + 2]]
    # the nouns must be followed by the clause's predicate: 粮食|生产再获丰收, not 市场|经营主体增量提质
    said = rest[:1] == ["v"] or (rest[:1] == ["vn"] and rest[1:] in (["v"], ["d"]))
    return subject if len(subject) >= 2 and said else ""


def parallel_verb(previous: str, verb: str) -> str:
    """`老旧小区改造开工742个、完工548个`: a bare verb listed after a metric that ends in a verb of its own
    names the same subject; "" when the previous metric ends in no verb."""
    own = re.search(rf"新?(?:{_STAGE}|退出|完成)$", previous)
    subject = previous[: own.start()] if own else ""
    return subject + verb if len(subject) >= 2 else ""


# Words that cling to a metric's edges but name nothing: 规模近…, 支出规模比去年…, 失业率全年…, 或改造…,
# 第4批…
METRIC_TAIL = re.compile(r"(?:近|约|超|(?<![通直送到抵])达|为|共|总计|全年|今年|年内|首次|全部|累计|"
                         r"或|和|与|并|各|"
                         r"(?<![惠涉普以危触])及|(?<![平同对相均优高中初上次特一二三头何])等|"
                         r"(?:比|较)(?:去年|上年|上一年)(?:同期|年初预算|预算|年初|实际)?|"
                         r"(?:提高|提升|增加|增长|上调|下降|降低|减少|压减|扩大|缩小)(?:到|至)|降至|增至|升至)+$")
METRIC_HEAD = re.compile(r"^(?:或|和(?!美(?!丽))|及|并(?![网购联轨])|且|预计(?:全年)?|"
                         r"第[0-9一二三四五六七八九十]+(?:批|次|届)|"
                         r"(?:较|比)(?:“十[三四五]五”(?:末|时期|期末|期间)?|\d+年前|上次|上年|去年|同期)(?:的)?)+")
# A span of time alone names nothing (5年增长18.7%): the figure belongs to the previous metric.
PERIOD_ONLY = re.compile(r"(?:近|这|过去)?(?:\d+|[一二两三四五六七八九十]+)年(?:来|间|内)?|"
                         r"(?:今年|全年|明年)?(?:年底|年末|年中|上半年|下半年|\d{1,2}月(?:底|末)?)")


def readable_metric(metric: str) -> str:
    """A metric without clinging qualifiers, time words and half a bracket: what an analyst would write."""
    prev = None
    while prev != metric:
        prev = metric
        metric = METRIC_HEAD.sub("", METRIC_TAIL.sub("", metric.strip()))
        metric = SET_SIZE.sub("", metric)  # 74个国控断面水质优良比例: the set's size is no part of the name
    for op, cl in (("(", ")"), ("（", "）")):
        if metric.count(op) > metric.count(cl):  # 县(市 → 县
            metric = metric[: metric.rindex(op)]
        elif metric.count(cl) > metric.count(op):  # 市)重点项目 → 重点项目
            metric = metric[metric.index(cl) + 1:]
    if metric.count("“") != metric.count("”"):  # 专精特新“小巨人企业: the quote lost its pair
        metric = _unpaired_quotes_dropped(metric)
    examples = EXAMPLES_FIRST.match(metric)  # 大数据、集成电路等数字经济核心产业: the kind, not its examples
    if examples:
        metric = examples.group("kind")
    return metric.strip("的之、， ")


EXAMPLES_FIRST = re.compile(r"^[^等，,；;]+、[^等，,；;]+等(?P<kind>[\u4e00-\u9fff“”]{5,})$")


def _unpaired_quotes_dropped(text: str) -> str:
    """The text without quotation marks that have no partner (the words they held stay)."""
    keep: list[str] = []
    opened: int | None = None
    for c in text:
        if c == "“":
            if opened is not None:
                keep[opened] = ""
            opened = len(keep)
        elif c == "”":
            if opened is None:
                continue
            opened = None
        keep.append(c)
    if opened is not None:
        keep[opened] = ""
    return "".join(keep)


# What a plan says after the thing counted, not part of it: 2000万户家庭的能力, 6600多万纳税人受益,
# 1万亿元国债支持灾后重建, 55项民生实事全部完成.
RIGHT_TAIL = re.compile(r"的(?:能力|需求|水平|目标|任务|要求)|受益(?![人者])|受惠|获益|"
                        r"(?:全部|如期|按期|顺利|超额|保质保量|均已|已经)")  # 民生实事全部完成: a predicate
GOAL_WORD = re.compile(r"的?(?:预期|发展|主要)?(?:目标|目标任务|任务|要求)")
MONEY_PURPOSE = re.compile(r"(?:专项)?用于|支持|投向")  # 1万亿元国债支持灾后重建: what money is for
# The step a figure climbs onto (迈上3万亿元台阶) is no thing counted.
PREDICATE_START = re.compile(r"(?:提高|提升|增长|增加|下降|降低|减少|达到|突破|超过|扩大|缩小|降至|增至)")
STEP_NOUN = re.compile(r"^(?:新|历史性|重要)?台阶")


def counted_noun(right: str, unit: str, modified: bool = False) -> str:
    """The thing counted, read from the words right after a figure: no work word (建设, 工作), nothing said
    of it (受益, 的能力, 全部完成), no step climbed onto (台阶), no purpose of an amount of money (用于), no
    verb of the sentence (`从5元提高至10元`) unless the figure modifies it (`4.5%左右的增长目标`)."""
    if STEP_NOUN.match(right) or (PREDICATE_START.match(right) and "的" not in right and not modified):
        return ""  # 5元提高至10元: what follows is the sentence's verb, not the thing counted
    right = re.sub(r"(?:的)?(?:建设|创建|工作)$", "", right) or right
    if GOAL_WORD.fullmatch(right):
        return ""  # 城镇新增就业45万人以上的目标: the goal is the figure's, named before it
    purpose = MONEY_PURPOSE.search(right) if unit in ("元", "%") else None
    if purpose and purpose.start() == 0:  # 9.8亿元用于援企稳岗: money named by its use
        use = right[purpose.end():]
        if unit == "%":
            return ""  # 74%用于民生: a share of the amount named before
        named = 2 <= len(use) <= 8 and not re.search(r"[的以为]", use)
        return use + "资金" if named else right
    for tail in (RIGHT_TAIL.search(right), purpose):
        if tail and tail.start() >= 2:
            right = right[: tail.start()]
    right = _without_predicate(LEADING_COUNT.sub("", right[:24]))  # 12项及第二批14项重点改革: 重点改革
    return "" if PREDICATE_START.match(right) and "的" not in right and not modified else right


# What a sentence goes on to say of the things counted after a figure (40个重点项目加快推进, 23项改革事项落地
# 见效, 5个实验室揭牌运行): how it proceeds is dropped; the stage reached (开工, 建成, 投产) is kept.
_ADVERB = r"(?:加快|加速|加力|有序|稳步|扎实|全面|高效|基本|率先|正式|顺利|深入|相继|如期|持续|梯次|平稳|已)"
_STAGE = r"(?:开工|启动|建成|投产|投运|投用|完工|竣工|获批|启用|揭牌|落地|上线|入驻|挂牌|投入|开诊|开通|通车)"
PROCEEDING = re.compile(rf"(?:(?<!投入)(?<!开诊)(?:建设|运行|运营)|推进|实施|见效|达效|{_ADVERB})$")
ADVERB_BEFORE_STAGE = re.compile(rf"{_ADVERB}+(?={_STAGE}+$)")
DESTINATION = ("到", "赴", "在", "向", "进", "为")  # 800名特派员到乡村, 1000名专家在我省开展服务
# A figure that a measure verb introduces, or that ends the words (项目完成投资超800亿元, 企业发行债券1193只).
FIGURE_AFTER = re.compile(r"(?:分别|均)?(?:超过|达到|突破|超|达|过|近|约|增长|下降|为)$")


def _before_next_figure(right: str) -> str:
    """The words right of a figure up to the next figure that states an amount of them: 300个重点项目完成
    投资5200亿元 counts 重点项目, not the investment."""
    from compare.figures import parse_figures

    for f in parse_figures(right):
        if not f.unit or f.start < 2 or right[f.start - 1] in "“+/.":
            continue
        if re.match(r"(?:以上|及以上)?的", right[f.end:]):
            continue  # 10个营业收入超千亿元的先进制造业集群: a size class of the thing counted
        lead = FIGURE_AFTER.search(right, 0, f.start)
        if f.end == len(right) or lead:
            cut = lead.start() if lead else f.start
            return right[:cut] if cut >= 2 else right
    return right


def _without_predicate(right: str) -> str:
    """The counted noun without what the sentence goes on to say of it: a destination (800名特派员到乡村), a
    closing verb (40个重点项目开工, 8个试点县启动建设) or an amount of it, while two characters remain."""
    import rjieba

    right = _before_next_figure(right)
    pos = 0
    for i, (w, _) in enumerate(rjieba.tag(right) if right else []):
        if i and w in DESTINATION and pos >= 3:
            right = right[:pos]
            break
        pos += len(w)
    while (tail := PROCEEDING.search(right)) and tail.start() >= 2:
        right = right[: tail.start()]
    stage = ADVERB_BEFORE_STAGE.search(right)
    return right[: stage.start()] + right[stage.end():] if stage and stage.start() >= 2 else right


def echoed_object(sentence: str, phrase: str) -> str:
    """`发行超长期特别国债，…，今年先发行1万亿元`: a phrase of a verb and its adverbs (先发行), with no object
    of its own, takes the object the verb had earlier in the sentence; "" when it had none."""
    import rjieba

    tags = rjieba.tag(phrase) if phrase else []
    if not tags or tags[-1][1] != "v" or len(tags[-1][0]) < 2:
        return ""
    if any(t not in ("d", "ad", "v") for _, t in tags):
        return ""
    verb = tags[-1][0]
    objects = re.findall(re.escape(verb) + r"([\u4e00-\u9fff“”]{2,16})(?=[，,；;。]|$)", sentence)
    return objects[-1] if objects else ""


def has_own_verb(left: str) -> bool:
    """True when the text before a figure has a verb of its own, so an earlier 力争 does not reach it."""
    return bool(re.search(r"增长|提高|下降|达到|突破|超过|实现|完成|建设|培育|新增|推动|推进", left))


# The people a service is for (为1万名困境、留守儿童提供…): they end where the service is named.
FOR_WHOM = re.compile(r"为(?:超|近|约|逾)?$")
SERVICE_VERB = re.compile(r"免费|提供|进行|开展|发放|实施|给予|办理|安装|配备|减免|落实|组织|开通|建立|适配")
SERVICE_END = re.compile(r"[，,。；;：:、\d（(“]|$")


def served_people(before: str, after: str) -> tuple[str, int]:
    """`为超2万名视力、听力等残疾儿童免费提供康复训练`: the people a figure counts (a list of kinds
    included) and what they are given when that is one short thing (残疾儿童康复训练), with how many
    characters of `after` that reads; ("", 0) when the figure counts no one served."""
    service = SERVICE_VERB.search(after, 0, 30) if FOR_WHOM.search(before) else None
    whom = after[: service.start()] if service else ""
    if not service or len(whom) < 2 or re.search(r"[，,。；;：:\d]", whom):
        return "", 0
    start = service.end()
    while (more := SERVICE_VERB.match(after, start)) is not None:  # 免费提供
        start = more.end()
    stop = SERVICE_END.search(after, start)
    assert stop is not None  # the pattern matches at the end
    what = after[start: stop.start()]
    # 人工耳蜗、助听器…: what they are given is a list, so the people alone
    one_thing = not re.match(r"[、\d（(“]", after[stop.start():])
    if one_thing and 2 <= len(what) <= 10 and len(whom + what) <= 20:
        return whom + what, stop.start()
    return whom, len(whom)
