"""Two plans' figures ranked through a plan's own review: where a rise starts, the year before a level."""

from __future__ import annotations

from dataclasses import replace

from compare.metrics import canonical, metric_similarity, unit_key
from compare.model import Target
from compare.reasons import reason

LEVEL_NAME_MIN = 0.8  # a review figure names the same indicator as the rise this closely
LARGE_STEP = 5.0  # an addition implied by a review lies within this factor of the other plan's addition
LEVEL_NEAR = 0.2  # …and the level it implies lies within this share of the other plan's
GROWTH_NAME_MIN = 0.5  # a review level names the growing indicator this closely (接待游客 / 接待国内外游客)…
RATES = ("%", "个百分点", "‰")  # units that rise in points, not by a percentage of themselves


def through_reviews(x: Target, y: Target, why: list[dict],
                    reviews: list[Target]) -> tuple[Target, Target, list[dict]]:
    """The pair made comparable where a plan's review gives what one figure needs: the basis the review
    reports it on, the level a rise or a growth rate starts from, the level of the year before a level."""
    pair = _basis_from_review(x, y, reviews, why)
    pair = _level_from_review(*pair, reviews)
    pair = _level_from_growth(*pair, reviews)
    return _increment_from_review(*pair, reviews)


def chinese_amount(v: float) -> str:
    """A figure as plans write it: 1260万, 2.52亿, 850."""
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(v) >= size:
            return f"{round(v / size, 4):g}{word}"
    return f"{round(v, 4):g}"


def _level_from_growth(x: Target, y: Target, why: list[dict],
                       reviews: list[Target]) -> tuple[Target, Target, list[dict]]:
    """A growth rate (游客增长8%) against the other plan's level (游客1亿人次以上) compares once the growing
    plan's own review gives the level of the year before (接待游客突破1亿人次): about 1.08亿人次; against the
    other plan's addition (新增储能60万千瓦), a doubling (储能规模翻番) of the review's 760万千瓦 adds 760."""
    for other, growth in ((x, y), (y, x)):
        if not (other.basis in ("level", "increment") and growth.basis == "growth"
                and growth.unit in ("%", "倍") and other.kind == growth.kind == "target"
                and other.unit not in RATES and other.value > 0):
            continue
        side = growth.id.split("-")[0] + "-"
        bases = [t for t in reviews if t.id.startswith(side) and unit_key(t.unit) == unit_key(other.unit)
                 and t.basis == "level" and t.value > 0 and (not growth.year or t.year == growth.year - 1)
                 and _names_the_growing(t.metric, growth.metric, other.metric)]
        if len({t.value for t in bases}) != 1:
            continue  # no level of the year before, or several that disagree
        base = bases[0]
        rate = growth.value / 100 if growth.unit == "%" else growth.value
        added = other.basis == "increment"
        implied = base.value * rate if added else base.value * (1 + rate)
        if not added and abs(implied - other.value) > LEVEL_NEAR * other.value:
            continue  # not the level the other plan speaks of
        figure = chinese_amount(implied) + other.unit
        said = [*why, reason("increment_from_growth" if added else "level_from_growth", quote=base.quote,
                             figure=figure)]
        grown = replace(growth, value=implied, unit=other.unit, basis=other.basis, low=None, high=None)
        return (grown, y, said) if growth is x else (x, grown, said)
    return x, y, why


def _names_the_growing(name: str, growing: str, other: str) -> bool:
    """A review figure's name that names the growing indicator: alike (接待游客 / 接待国内外游客), or
    ending on its canonical form (新型储能 / 储能规模)."""
    core = canonical(growing)
    return max(metric_similarity(name, growing), metric_similarity(name, other)) >= GROWTH_NAME_MIN or (
        len(core) >= 2 and canonical(name).endswith(core))


def _basis_from_review(x: Target, y: Target, reviews: list[Target],
                       why: list[dict]) -> tuple[Target, Target, list[dict]]:
    """A figure read as a level (新能源装机600万千瓦以上) against the other plan's addition (新增开发装机
    1000万千瓦) is an addition too when a review reports its year as one, at about its figure (新增开发装机
    超过600万千瓦)."""
    if {x.basis, y.basis} != {"level", "increment"}:
        return x, y, why
    level = x if x.basis == "level" else y
    for t in reviews:
        names = metric_similarity(t.metric, level.metric) >= 0.5 or (
            len(t.metric) >= 2 and (level.metric.endswith(t.metric) or t.metric.endswith(level.metric)))
        if (t.basis == "increment" and unit_key(t.unit) == unit_key(level.unit) and names and level.value
                and abs(t.value - level.value) <= 0.1 * level.value):
            said = [*why, reason("basis_from_review", quote=t.quote)]
            added = replace(level, basis="increment")
            return (added, y, said) if level is x else (x, added, said)
    return x, y, why


def _level_from_review(x: Target, y: Target, why: list[dict],
                       reviews: list[Target]) -> tuple[Target, Target, list[dict]]:
    """A rise in points (城镇化率提升1个百分点以上) against the other plan's level (城镇化率达到58.1%)
    compares once the rising plan's own review gives the level it rises from (由52.23%提高到58.08%): about
    59.08 %."""
    for level, rise in ((x, y), (y, x)):
        if not (level.unit == "%" and rise.unit == "个百分点" and rise.basis in ("growth", "increment")
                and level.basis in ("share", "level")):
            continue
        side = rise.id.split("-")[0] + "-"
        bases = [t for t in reviews if t.id.startswith(side) and t.unit == "%"
                 and metric_similarity(t.metric, rise.metric) >= LEVEL_NAME_MIN]
        if not bases:
            continue
        base = max(bases, key=lambda t: (t.year or 0, t.offset))  # the latest level the review gives
        implied = round(base.value + rise.value, 4)
        if abs(implied - level.value) > LEVEL_NEAR * level.value:
            continue  # not the level the other plan speaks of
        said = [*why, reason("level_from_review", quote=base.quote, figure=f"{implied:g}%")]
        raised = replace(rise, value=implied, unit="%", basis=level.basis, low=None, high=None)
        return (x, raised, said) if rise is y else (raised, y, said)
    return x, y, why


def _increment_from_review(x: Target, y: Target, why: list[dict],
                           reviews: list[Target]) -> tuple[Target, Target, list[dict]]:
    """A level to reach (高新技术企业达到2600家) against the other plan's addition (新增高新技术企业150家)
    compares once the level's own review gives where it stood the year before (高新技术企业2463家): an
    addition of about 137."""
    for level, added in ((x, y), (y, x)):
        if not (level.basis == "level" and added.basis == "increment" and level.kind == added.kind == "target"
                and unit_key(level.unit) == unit_key(added.unit) and level.unit not in ("%", "个百分点", "‰")
                and level.year):
            continue
        side = level.id.split("-")[0] + "-"
        bases = [t for t in reviews if t.id.startswith(side) and unit_key(t.unit) == unit_key(level.unit)
                 and t.basis == "level" and t.year == level.year - 1
                 and metric_similarity(t.metric, level.metric) >= LEVEL_NAME_MIN]
        if len(bases) != 1 or not 0 < bases[0].value < level.value:
            continue  # no single level of the year before, or none below the goal
        implied = round(level.value - bases[0].value, 6)
        if not 1 / LARGE_STEP <= implied / added.value <= LARGE_STEP:
            continue  # an addition far from the other plan's: the pair is doubtful, leave it rebased
        figure = chinese_amount(implied) + level.unit
        said = [*why, reason("increment_from_review", quote=bases[0].quote, figure=figure)]
        grown = replace(level, value=implied, basis="increment", low=None, high=None)
        return (grown, y, said) if level is x else (x, grown, said)
    return x, y, why
