"""Kinds listed around one count: `10个省级联合体、行业共同体` after the figure, `独角兽、小巨人企业300家`
before it. Every kind is counted; a clause (居全国第一, 新建厂房…) is not a kind."""

from __future__ import annotations

import re

from compare.lexicon import ACTION_VERBS
from compare.metric_phrase import strip_leading

# The end of the clause that may hold a list of kinds after a figure.
CLAUSE_END = re.compile(r"[，,；;。：:！!？?\n\t]")
# A clause item that opens with a verb is the next action, not another kind counted (建设10个园区、打造…).
ITEM_OPENS_WITH_VERB = re.compile(r"(?:推动|推进|加快|加强|深化|实施|开展|建设|建成|打造|培育|创建|争创|"
                                  r"新增|新建|完成|实现|引进|落地|提升|提高|带动|力争|确保|支持)")


# A verb that ends the last listed kind and says what is done with them all (…、乡镇卫生院配备刷脸终端).
ITEM_PREDICATE = re.compile(r"配备|配置|安装|接入|提供|开展|进行|成功")
BRACKETED = re.compile(r"[(（][^()（）]{0,12}[)）]")


def listed_kinds(after: str, stop: re.Match[str] | None) -> str:
    """`10个省级联合体、行业共同体`: the kinds a figure counts, listed with 、 after it up to the clause's
    end, when no item holds a figure or opens with a verb; "" when the words after it are no such list."""
    if not stop or stop.group() != "、":
        return ""
    end = CLAUSE_END.search(after)
    masked = BRACKETED.sub(lambda m: m.group().replace("、", "\0"), after[: end.start()] if end else after)
    items = [k.replace("\0", "、") for k in masked.split("、")]  # 县(市、区): one name
    if len(items) == 1:  # the 、 stood in brackets: 县(市、区)建成美丽乡村 is one name, at least to their end
        bracket = BRACKETED.search(items[0])
        if not bracket or bracket.start() < 1:
            return ""
        return items[0] if len(items[0]) <= 16 else items[0][: bracket.end()]
    if len(items) > 4 or any(not 2 <= len(k) <= 16 or re.search(r"[\d等]", k) for k in items):
        return ""
    said = ITEM_PREDICATE.search(items[-1], 2) if len(items) >= 2 else None
    items[-1] = items[-1][: said.start()] if said else items[-1]  # 乡镇卫生院配备终端: said of all the kinds
    if any(ACTION_VERBS.match(k) or ITEM_OPENS_WITH_VERB.match(k) for k in items[1:]):
        return ""
    return "、".join(items) if all(_names_a_kind(k, k is not items[0]) for k in items) else ""


# jieba's tags of nouns (n, nz, ns, nt, nr), verbs used as nouns, set phrases, abbreviations, unknown words
NOUN_TAGS = ("n", "vn", "l", "j", "x")
# a verb, an adverb, a particle or a number (若干) opens no further kind
NOT_OPENING_A_KIND = ("v", "d", "zg", "ul", "p", "c", "uj", "m")


def _names_a_kind(item: str, listed: bool) -> bool:
    """`行业产教融合共同体`, `智能工厂`: a noun phrase, not a clause (`居全国第一`, `搬进了幸福`)."""
    import rjieba

    words = [(w, t) for w, t in rjieba.tag(item) if not re.fullmatch(r"[^\w]+", w)]  # punctuation aside
    if not words or "了" in item or "的" in item or not words[-1][1].startswith(NOUN_TAGS):
        return False
    return not listed or words[0][1] not in NOT_OPENING_A_KIND


def kinds_before(text: str, unit: str) -> bool:
    """`新培育独角兽、小巨人、单项冠军企业`: kinds listed before one count of them all, each a noun phrase;
    `改造供水、排水、燃气管网`: short modifiers listed before the noun they share, one measure of them all."""
    if "、" not in text or re.search(r"[\d，,；;：:]", text):
        return False
    items = ACTION_VERBS.sub("", strip_leading(text)).split("、")
    if _modifiers_of_one_noun(items):
        return True
    if unit not in COUNT_UNITS:
        return False
    if any(ACTION_VERBS.match(k) or ITEM_OPENS_WITH_VERB.match(k) for k in items[1:]):
        return False  # 推进产业升级、新建厂房300家: the last clause has a verb of its own
    return all(2 <= len(k) <= 12 and _names_a_kind(k, k is not items[0]) for k in items)


COUNT_UNITS = frozenset("个家所项座条处户名人台辆套张床支批只部场")
# The nouns a list of short modifiers shares: networks, routes and a programme's projects
# (供水、排水、燃气管网; 城市、农村公路; 邻县高速通、乡镇便捷通项目).
SHARED_NOUN = re.compile(r"(?:管网|管道|管线|管廊|公路|道路|线路|电网|航道|绿道|项目|工程)$")


def _modifiers_of_one_noun(items: list[str]) -> bool:
    """`供排水、供热管网`: every item but the last a modifier of up to five characters, the last ending in the
    network, route or kind of project they share."""
    *mods, last = items
    return bool(mods and SHARED_NOUN.search(last) and len(last) <= 10
                and all(2 <= len(m) <= 5 and not ITEM_OPENS_WITH_VERB.match(m) for m in mods))
