"""Metric names: canonical forms, synonyms and a similarity score for pairing targets across documents."""

from __future__ import annotations

import re
from functools import lru_cache

# Written variants of the same indicator (plan-grammar.md §8); left side is rewritten to the right.
SYNONYMS = [
    (r"规模以上", "规上"),
    (r"规模工业", "规上工业"),
    (r"^(?:国内|地区|全省|全市|全区)?(?:生产总值|GDP)$|^经济增长$|^经济增速$", "地区生产总值"),
    (r"国内生产总值|全省生产总值|全市生产总值|全区生产总值|全省地区生产总值|全市地区生产总值", "地区生产总值"),
    (r"单位(?:国内|地区)?生产总值", "单位GDP"),
    (r"居民消费价格(?:指数)?(?:总水平)?(?:涨幅|上涨幅度|上涨)?|^CPI$", "居民消费价格涨幅"),
    (r"城镇新增就业(?:人数)?|新增城镇就业(?:人数)?", "城镇新增就业"),
    (r"地方一般公共预算收入|一般公共预算收入同口径", "一般公共预算收入"),
    (r"全社会固定资产投资", "固定资产投资"),
    (r"粮食总产量", "粮食产量"),
    (r"外贸进出口总额|外贸进出口总值|进出口总值|进出口贸易总额|货物进出口总额", "进出口总额"),
    (r"全社会研发(?:经费)?投入强度|研究与试验发展经费投入强度|研发经费投入强度", "研发投入强度"),
    (r"上云企业", "云上企业"),
    (r"“|”|\"|'", ""),
]
PREFIX = re.compile(r"^(?:全省|全市|全区|全国|全县|全年|今年|新增|累计|培育|建成|建设|在役|我省|我市|本市|本省)+")
SUFFIX = re.compile(r"(?:数量|规模|总量|总规模|的)$")


@lru_cache(maxsize=4096)
def canonical(metric: str) -> str:
    """A metric rewritten to one spelling: synonyms folded, filler prefixes and suffixes dropped."""
    m = metric.strip()
    for pat, rep in SYNONYMS:
        m = re.sub(pat, rep, m)
    m = PREFIX.sub("", m)
    m = SUFFIX.sub("", m)
    return m or metric


@lru_cache(maxsize=65536)
def metric_similarity(x: str, y: str) -> float:
    """0..1: how likely two metric phrases name the same indicator.

    Chinese puts the head noun last (数字经济核心产业**增加值**), so the tails must agree as well as the whole:
    a shared prefix such as 数字经济核心产业 alone does not make two metrics the same.
    """
    from rapidfuzz import fuzz

    a, b = canonical(x), canonical(y)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.endswith(short):
        return 0.6 + 0.4 * len(short) / len(long_)
    if len(short) >= 3 and short in long_:
        return 0.5 + 0.4 * len(short) / len(long_)
    whole = fuzz.ratio(a, b) / 100
    tail = fuzz.ratio(a[-4:], b[-4:]) / 100
    return 0.5 * whole + 0.5 * tail
