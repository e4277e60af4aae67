"""分别 lists: each figure of `A、B、C分别增长6%、8%、20%` gets its own metric."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from compare.lexicon import ACTION_VERBS, MEASURE_VERBS
from compare.metric_phrase import GENERIC_HEAD, PREV_HEAD, strip_leading
from compare.model import Target


class Placed(Protocol):
    """A target with the position of its figure in the paragraph."""

    target: Target
    start: int


RESPECTIVELY = re.compile(r"(?P<metrics>[^，,；;。：:]{2,80}?)分别(?P<rest>[^，,；;。]*)")


SHARED_HEAD = re.compile(GENERIC_HEAD.pattern + r"|标准|比重|占比|增速|产量|补助标准|收入|"
                         r"普及率|覆盖率|利用率|达标率|治理率|处理率")


# Scope words a list varies in front of one shared noun: 城镇、农村居民人均可支配收入, 省级、市级财政资金.
SCOPE_WORD = re.compile(r"城镇|农村|城市|乡村|城乡|全省|全市|省级|市级|县级|乡镇|国家级|省")


ORDINALS = "一二三"


def _share_last_word(names: list[str]) -> list[str]:
    """`刑事、治安案件分别下降12%、3%`, `厦门、福州机场旅客吞吐量`: two-character names before the last item
    stand for its first word and share the rest."""
    import rjieba

    last = names[-1]
    first = next(iter(rjieba.cut(last)), "")
    first = first if len(first) < len(last) else last[:2]  # 治安案件: one word
    rest = last[len(first):]
    if len(first) > 2 or len(rest) < 2 or any(len(n) > 2 for n in names[:-1]):
        return names
    return [n + rest for n in names[:-1]] + names[-1:]


def _share_head(names: list[str]) -> list[str]:
    """`高技术制造业、装备制造业增加值`: the last item's head noun (增加值) belongs to every item; a head that
    runs on to the end (`旅游及相关产业增加值占地区生产总值比重`) is taken whole."""
    if len(names) < 2:
        return names
    last = names[-1]
    scoped = SCOPE_WORD.match(last)
    if scoped and all(SCOPE_WORD.fullmatch(n) for n in names[:-1]):
        return [n + last[scoped.end():] for n in names[:-1]] + [last]  # 城镇、农村居民人均可支配收入
    if last[:1] in ORDINALS and all(n in ORDINALS for n in names[:-1]):  # 一、二、三产业增加值
        first = "第" if last[1:3] == "产业" else ""
        return [first + n + last[1:] for n in names[:-1]] + [first + last]
    heads = [h for h in SHARED_HEAD.finditer(last) if h.start() > 0]
    if not heads or heads[-1].end() != len(last):
        return _share_last_word(names)
    head = last[heads[0].start():]
    return [n if SHARED_HEAD.search(n) else n + head for n in names[:-1]] + names[-1:]


QUALIFIED = re.compile(r"以上|左右|以内|以下")


def _share_list_words(items: Sequence[Placed]) -> None:
    """`分别突破7万亿和1.6万亿元`: the verb before the list and the unit at its end belong to every figure;
    so does a qualifier after the last figure (`分别增长4.5%、5.5%左右`)."""
    first, last = items[0].target, items[-1].target
    tail = QUALIFIED.search(last.written)
    for x in items:
        t = x.target
        if not t.unit and last.unit and t.value:
            t.unit = last.unit
        if t is not last and tail and t.comparator == "=" and not QUALIFIED.search(t.written):
            t.comparator = last.comparator
        if t is not first and t.comparator == "=" and not QUALIFIED.search(t.written):
            t.comparator = first.comparator
            t.basis, t.direction, t.stretch = first.basis, first.direction, first.stretch or t.stretch


LIST_TAIL = re.compile(r"(?:年均|同比|环比|预计|将|均|都)$")
# ordinals that share the rest of one name: 一、二、三产增加值 (一产, 二产, 三产), 二三产业
ORDINAL = "一二三四五六七八九"
ORDINAL_RUN = re.compile(rf"(?P<run>[{ORDINAL}](?:[、和及与]?[{ORDINAL}])+)(?P<rest>[^{ORDINAL}十].*)")


# Items of one character each, glued before the head they share: 粮肉奶产量 (粮, 肉, 奶), 水电气价格.
# The names a statistical yearbook gives them.
STAPLE_NAMES = {"粮": "粮食", "棉": "棉花", "油": "油料", "糖": "糖料", "肉": "肉类", "蛋": "禽蛋",
                "奶": "奶类", "菜": "蔬菜", "果": "水果", "茶": "茶叶"}
# Only staples and utilities are written so; a word (民间投资, 服务业) is never split.
GLUED_ITEMS = re.compile(r"(?P<items>[粮棉油糖肉蛋奶菜果茶水电气热]{1,5})"
                         r"(?P<head>产量|价格|供应量|产值|消费量)")


def _listed_names(metrics: str, count: int) -> list[str]:
    """The names of a 分别 list split at 、/和/及/与, or at 、 alone when a name holds 和 itself
    (`信息传输软件和信息技术服务业、租赁和商务服务业增加值`)."""
    text = strip_leading(metrics)
    while (tail := LIST_TAIL.search(text)) and tail.start() > 0:  # 增加值年均分别…, 收入预计分别…
        text = text[: tail.start()]
    if count == 2 and text.startswith("城乡") and "、" not in text:  # 城乡居民收入分别增长5%、7%
        text = f"城镇{text[2:]}、农村{text[2:]}"
    ordinals = ORDINAL_RUN.match(text.removeprefix("其中"))
    if ordinals and len(found := re.findall(f"[{ORDINAL}]", ordinals["run"])) == count:
        first = "第" if ordinals["rest"].startswith("产业") else ""  # 第一产业增加值, but 一产增加值
        return [first + n + ordinals["rest"] for n in found]  # 一、二、三产增加值 / 一二三产增加值
    glued = GLUED_ITEMS.fullmatch(text.removeprefix("其中"))
    if glued and len(glued["items"]) == count:  # 粮肉奶产量分别…: one character per item before one head
        return [item + glued["head"] for item in glued["items"]]
    names: list[str] = []
    for sep in (r"、|和|及|与", r"、"):
        names = [n.strip() for n in re.split(sep, text) if n.strip()]
        if len(names) == count:
            break
    return _share_head(names)


def _yearbook_name(name: str) -> str:
    """A staple written as one character (粮产量, 肉产量) named as a yearbook names it (粮食产量)."""
    m = GLUED_ITEMS.fullmatch(name)
    return STAPLE_NAMES.get(m["items"], name[:1]) + m["head"] if m and len(m["items"]) == 1 else name


def _sizes_a_class(body: str, x: Placed) -> bool:
    """`年收益超10万元`, `30户以上自然村`: a threshold that names a class of the things listed."""
    end = x.start + len(x.target.written)
    return bool(re.search(r"(?:超过|超|高于|低于|不足)$", body[max(0, x.start - 2):x.start])
                or re.search(r"以[上下]", x.target.written) or body.startswith(("以上", "以下"), end))


def apply_respectively(body: str, found: Sequence[Placed]) -> list[Placed]:
    """`服务贸易、数字贸易、跨境电商出口分别增长6%、8%、20%`: give each figure its own metric; returns the
    figures that are part of the listed names (`年收益超10万元、超30万元村集体占比分别达55%、20%`)."""
    in_names: list[Placed] = []
    for m in RESPECTIVELY.finditer(body):
        inside = [x for x in found if m.start("rest") <= x.start < m.end("rest")]
        names = _listed_names(m.group("metrics"), len(inside))
        if inside:
            names = _with_object(names, body[m.start("rest"):inside[0].start])
        if len(names) >= 2 and len(inside) == len(names):
            in_names += [x for x in found if m.start("metrics") <= x.start < m.end("metrics")
                         and _sizes_a_class(body, x)]
            _share_list_words(inside)
            for x, name in zip(inside, names, strict=True):
                x.target.metric = _yearbook_name(name.strip())
                x.target.notes = [n for n in x.target.notes if n.get("code") != "metric_carried"]
                x.target.quote = body[m.start():m.end()].strip()
        elif len(inside) >= 2 and NAMES_NOTHING.match(strip_leading(m.group("metrics"))):
            _named_by_previous_clauses(body, m.start(), found, inside)
    _apply_paired_lists(body, found)
    return in_names


def _figure_runs(body: str, found: Sequence[Placed]) -> list[list[Placed]]:
    """Runs of two or more figures written one after another, joined only by 、 or 和 (800公里、600公里)."""
    ordered = sorted(found, key=lambda x: x.start)
    runs: list[list[Placed]] = []
    for x in ordered:
        prev = runs[-1][-1] if runs else None
        if prev is not None and body[prev.start + len(prev.target.written):x.start] in ("、", "和", "及"):
            runs[-1].append(x)
        else:
            runs.append([x])
    return [r for r in runs if len(r) >= 2]


CLAUSE_START = re.compile(r"[，,；;。：:！？\n]")


def _names_before_figures(text: str) -> str:
    """The listed names alone: without the scope words and the verb that open the clause (改造) and the
    verb before the figures (达到, 增长)."""
    text = ACTION_VERBS.sub("", strip_leading(text))
    verb = MEASURE_VERBS.search(text)
    return text[:verb.start()] if verb and verb.start() > 0 else text


def _shared_tail(names: list[str]) -> list[str]:
    """`燃气、排水管网`: short names before the last take the rest of the last one, past its first word or
    past as many characters as the name before it has (排水|管网 beside 燃气)."""
    import rjieba

    last = names[-1] if len(names) >= 2 else ""
    first = next(iter(rjieba.cut(last)), "")
    rest = last[len(first):] if len(first) < len(last) - 1 else last[len(names[-2]):]
    if len(rest) < 2 or any(len(n) > 4 or n.endswith(rest) for n in names[:-1]):
        return names
    return [n + rest for n in names[:-1]] + names[-1:]


def _apply_paired_lists(body: str, found: Sequence[Placed]) -> None:
    """`改造供热、燃气、排水管网800公里、600公里、300公里`: names listed before as many figures listed
    right after them pair up in order, as a 分别 list does without the word."""
    for run in _figure_runs(body, found):
        first = run[0].start
        starts = [m.end() for m in CLAUSE_START.finditer(body, 0, first)]
        begin = starts[-1] if starts else 0
        clause = body[begin:first]
        if "分别" in clause:
            continue  # a 分别 list, named above
        metrics = _names_before_figures(clause)
        names = _shared_tail(_listed_names(metrics, len(run))) if re.search("[、和及]", metrics) else []
        if len(names) != len(run) or any(len(n.strip()) < 2 or re.search(r"\d", n) for n in names):
            continue
        _share_list_words(run)
        for x, name in zip(run, names, strict=True):
            x.target.metric = _yearbook_name(name.strip())
            x.target.notes = [n for n in x.target.notes if n.get("code") != "metric_carried"]
            x.target.quote = body[begin:run[-1].start + len(run[-1].target.written)].strip()


# The verb and its object between 分别 and the figures: 交通、水利分别完成投资2500亿元、800亿元.
VERB_OBJECT = re.compile(rf"^(?:完成|实现|达到|力争)?(?P<object>{PREV_HEAD})"
                         r"(?:分别)?(?:达到|达|超过|突破|为)?$")


def _with_object(names: list[str], between: str) -> list[str]:
    """Names that are only the fields of a list (交通、水利) take the object named after 分别 (投资)."""
    obj = VERB_OBJECT.match(between)
    if not obj or any(GENERIC_HEAD.search(n) for n in names):
        return names
    return [n + obj["object"] for n in names]


# The words before 分别 name no metrics: a comparison base (较“十三五”时期), a running total (累计), nothing.
NAMES_NOTHING = re.compile(r"$|(?:较|比|与)|(?:累计|年均|同比)$")


def _named_by_previous_clauses(body: str, start: int, found: Sequence[Placed], inside: list[Placed]) -> None:
    """`改造道路4767公里，更新管网1.8万公里，较“十三五”时期分别增长4.8%、50%`: a 分别 list that names no
    metrics takes, in order, the metrics of the figures stated in the clauses before it in its sentence."""
    sentence = max(body.rfind(c, 0, start) for c in "。！？\n") + 1
    before = sorted((x for x in found if sentence <= x.start < start), key=lambda x: x.start)
    if len(before) < len(inside):
        return
    for x, source in zip(inside, before[-len(inside):], strict=True):
        x.target.metric = source.target.metric


# Indicators listed before one figure they all share: 社会消费品零售总额、固定资产投资增长4%左右.
SHARED_FIGURE = re.compile(rf"^(?P<names>(?:[\u4e00-\u9fff]{{2,16}}?(?:{GENERIC_HEAD.pattern})、)+)"
                           r"(?P<last>[\u4e00-\u9fff]{2,16}?)(?:均|都)?(?:增长|增速|提高|提升|下降)$")


# Things listed before one figure each of them reaches, said with 均/都 (粮食、蔬菜产量均稳定在百万吨以上), or
# with 分别 before a single figure (规上加工企业、精深加工项目分别达到200个以上).
EACH_REACHES = re.compile(r"^(?P<names>[\u4e00-\u9fff]{1,12}(?:[、和][\u4e00-\u9fff]{1,12})+?)(?:均|都|分别)"
                         r"(?:稳定在|保持在|控制在|达到|超过|不低于|增长|提高|下降)?(?:到|至)?$")


EACH_OF = re.compile(r"^(?P<items>(?:[\u4e00-\u9fff]{1,6}、)+)(?P<rest>[\u4e00-\u9fff]{3,18})各$")


def _each_named(before: str) -> list[str]:
    """`开工、投产新能源项目各`, `省级、市级示范区各`: each item listed with the thing they share; the last
    item is as long as the first (开工、投产) and the rest is the thing; [] for no such list."""
    each_of = EACH_OF.match(before)
    if not each_of:
        return []
    items = [i for i in each_of["items"].split("、") if i]
    cut = len(items[0])
    items, thing = [*items, each_of["rest"][:cut]], each_of["rest"][cut:]
    return [item + thing for item in items] if len(thing) >= 2 else []


def shared_figure_names(t: Target) -> list[str]:
    """The other indicators sharing a figure with the one named last before it: 社会消费品零售总额 in
    `社会消费品零售总额、固定资产投资增长4%左右` (each named in full), 粮食产量 in `粮食、蔬菜产量均稳定在
    百万吨以上` (sharing the last one's head noun, said with 均); else none."""
    k = t.quote.find(t.written) if t.written else -1
    before = strip_leading(t.quote[:k]) if k > 0 else ""
    m = SHARED_FIGURE.match(before)
    if m and m["last"] == t.metric:
        return [n for n in m["names"].split("、") if n]
    named = _each_named(before) or _each_named(ACTION_VERBS.sub("", before))
    if named:
        return [n for n in named[:-1] if n != t.metric] if named[-1] == t.metric else []
    each = EACH_REACHES.match(before)
    if not each or ("分别" in before[len(each["names"]):] and re.search(r"\d", t.quote[k + len(t.written):])):
        return []  # 分别 before several figures is a list of them (apply_respectively), not one shared
    names = _share_head([n for n in re.split(r"[、和]", ACTION_VERBS.sub("", each["names"])) if n])
    return [n for n in names[:-1] if n != t.metric] if names[-1] == t.metric else []

