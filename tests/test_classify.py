"""Issue 14: how a change between two plans is classified, on short work reports written for these tests.

Each test writes two small plans (A for 2025, B for 2026) to tmp_path and compares them as a user would. The
sentences are invented; they follow the grammar of provincial work reports (主要预期目标, `分别达` lists,
`全年完成…投资`, `改造…个`, a 十五五 goal next to this year's figure).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from compare import compare_files
from compare.model import Brief, Change, Target

HEAD_A = ("东江省2025年政府工作报告\n\n一、2024年工作回顾\n"
          "过去一年，全省地区生产总值增长5.1%，城镇新增就业52万人。\n\n二、2025年主要目标和重点任务\n")
HEAD_B = ("东江省2026年政府工作报告\n\n一、2025年工作回顾\n"
          "过去一年，全省地区生产总值增长5.2%，城镇新增就业53万人。\n\n二、2026年主要目标和重点任务\n")


def compare_plans(tmp_path: Path, body_a: str, body_b: str) -> Brief:
    """Compare two plans whose forward parts are body_a and body_b."""
    a, b = tmp_path / "2025_plan.txt", tmp_path / "2026_plan.txt"
    a.write_text(HEAD_A + body_a, encoding="utf-8")
    b.write_text(HEAD_B + body_b, encoding="utf-8")
    return compare_files(a, b)


def compare_with_b_review(tmp_path: Path, body_a: str, review: str, body_b: str) -> tuple[Brief, Brief]:
    """Both directions of a pair whose B review also reports `review` (after its employment figure)."""
    a, b = tmp_path / "2025_plan.txt", tmp_path / "2026_plan.txt"
    a.write_text(HEAD_A + body_a, encoding="utf-8")
    b.write_text(HEAD_B.replace("城镇新增就业53万人。", f"城镇新增就业53万人，{review}。") + body_b, encoding="utf-8")
    return compare_files(a, b), compare_files(b, a)


def figure(brief: Brief, side: str, written: str) -> Target:
    """The target of side a or b whose figure is written so (exactly one must exist)."""
    found = [t for t in (brief.targets_a if side == "a" else brief.targets_b)
             if t.written == written and t.kind == "target"]
    assert len(found) == 1, (written, [(t.metric, t.written) for t in found])
    return found[0]


def change_of(brief: Brief, side: str, written: str) -> Change:
    """The one change that involves the figure written so on side a or b."""
    t = figure(brief, side, written)
    found = [c for c in brief.changes if (c.a if side == "a" else c.b) == t.id]
    assert len(found) == 1, found
    return found[0]


def assert_paired(brief: Brief, a_written: str, b_written: str, kind: str) -> Change:
    """A's figure and B's figure form one change of the given kind."""
    c = change_of(brief, "a", a_written)
    assert (c.type, c.b) == (kind, figure(brief, "b", b_written).id), c
    return c


# --- class 1: one change reported as a dropped plus a new ---

def test_an_investment_total_renamed_with_a_qualifier_is_one_change(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大有效投资。全年完成投资1800亿元，带动社会投资稳定增长。\n",
                          "（一）扩大有效投资。全年完成重大工程投资1950亿元，带动社会投资稳定增长。\n")
    assert_paired(brief, "1800亿元", "1950亿元", "escalated")
    assert not [c for c in brief.changes if c.type in ("new", "dropped")]


def test_a_ceiling_restated_as_about_is_the_same_indicator(tmp_path):
    brief = compare_plans(tmp_path, "主要预期目标是：城镇调查失业率全年控制在5.5%以内。\n",
                          "主要预期目标是：城镇调查失业率5.5%左右。\n")
    # a firm ceiling became an approximate figure: looser, so lowered
    c = assert_paired(brief, "5.5%以内", "5.5%左右", "deescalated")
    assert {q["code"] for q in c.qualifiers} == {"comparator_changed"}


@pytest.mark.parametrize("a_text, b_text, a_fig, b_fig, kind", [
    ("居民消费价格涨幅2%左右", "居民消费价格涨幅控制在2%以内", "2%左右", "2%以内", "unchanged"),
    ("居民消费价格涨幅控制在3%以内", "居民消费价格涨幅3%左右", "3%以内", "3%左右", "unchanged"),
    ("居民消费价格涨幅2%左右", "居民消费价格涨幅控制在3%以内", "2%左右", "3%以内", "deescalated"),
    ("居民消费价格涨幅3%左右", "居民消费价格涨幅2%左右", "3%左右", "2%左右", "deescalated"),
])
def test_a_price_rise_of_about_a_figure_is_a_cap_already(tmp_path, a_text, b_text, a_fig, b_fig, kind):
    # 价格涨幅2%左右 is read, and met, as a cap: 以内 at the same figure asks the same; a lower expected rise
    # (3% → 2%, both 左右) stays lowered, as ../shared/gold types it
    brief = compare_plans(tmp_path, f"主要预期目标是：{a_text}。\n", f"主要预期目标是：{b_text}。\n")
    c = assert_paired(brief, a_fig, b_fig, kind)
    if kind == "unchanged":
        assert "same_ceiling" in {r["code"] for r in c.reasons}


def test_figures_of_a_respectively_list_pair_by_place(tmp_path):
    brief = compare_plans(
        tmp_path, "（一）扩大有效投资。全年交通、水利、能源领域投资分别达900亿元、300亿元、500亿元。\n",
        "（一）扩大有效投资。力争全年交通、水利、能源领域投资额分别达950亿元、250亿元、500亿元。\n")
    assert_paired(brief, "900亿元", "950亿元", "escalated")
    assert_paired(brief, "300亿元", "250亿元", "deescalated")
    assert_paired(brief, "500亿元", "500亿元", "deescalated")  # the same figure, now only an aim (力争)


def test_the_change_stated_after_a_level_pairs_with_the_other_years_change(tmp_path):
    brief = compare_plans(tmp_path, "（一）加强财政保障。赤字规模800亿元，比上年年初预算增加50亿元。\n",
                          "（一）加强财政保障。赤字规模1000亿元、比上年增加200亿元。\n")
    assert_paired(brief, "800亿元", "1000亿元", "escalated")
    assert_paired(brief, "50亿元", "200亿元", "escalated")


def test_leading_action_verbs_do_not_split_one_indicator(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设宜居乡村。新改建农村公路3000公里，乡村面貌持续改善。\n",
                          "（一）建设宜居乡村。完成农村公路提升工程3000公里，乡村面貌持续改善。\n")
    assert_paired(brief, "3000公里", "3000公里", "unchanged")


def test_a_figure_whose_sentence_names_the_indicator_pairs_with_it(tmp_path):
    brief = compare_plans(tmp_path, "（一）加强财政保障。拟连续发行超长期特别国债，今年先发行800亿元。\n",
                          "（一）加强财政保障。拟发行超长期特别国债1000亿元。\n")
    assert_paired(brief, "800亿元", "1000亿元", "escalated")


def test_a_list_ending_in_deng_is_read_with_the_noun_after_the_figure(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大有效投资。全年实施亿元以上项目1600个。\n",
                          "（一）扩大有效投资。推进沿江高铁、算力枢纽等1300个亿元以上项目。\n")
    assert_paired(brief, "1600个", "1300个", "deescalated")


def test_a_change_is_named_after_the_figure_that_names_the_indicator(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设宜居乡村。新改建农村公路3000公里。\n",
                          "（一）建设宜居乡村。推进农村公路提质增效，新(改)建2000公里。\n")
    c = assert_paired(brief, "3000公里", "2000公里", "deescalated")
    assert "农村公路" in c.metric


@pytest.mark.parametrize("a_text, b_text", [
    pytest.param("培育专精特新企业300家。", "新增上云企业400家。", id="two firm counts"),
    pytest.param("加快100个城市更新项目建设。", "推进5个城市更新重点片区建设。", id="figures far apart"),
    pytest.param("滚动推进城乡融合示范工程重点项目100个以上。", "实施好先进制造业集群培育重点项目120个以上。",
                 id="two programmes sharing only a head noun"),
    pytest.param("外购电量800亿千瓦时。", "净外购电量增长8%。", id="net is not gross"),
    pytest.param("资助困难学生超8万名。", "新建校舍惠及超3万名学生。", id="a group is not the whole on a two-character head"),
    pytest.param("发展3万亩茶园林下经济。", "推动林下经济面积达200万亩。", id="alike names whose figures lie far apart"),
    pytest.param("开工新型储能项目30个。", "建成新型储能项目600万千瓦。", id="a count of projects is not their capacity"),
    pytest.param("争创8个国家临床重点专科建设项目。", "加快建设6个国家区域医疗中心项目。",
                 id="two programmes sharing only a scope word and a head noun"),
    pytest.param("外贸企业出口额占营业收入比重达30%。", "外贸企业出口额占全省出口总额比重达32%。",
                 id="shares of two different wholes"),
])
def test_different_indicators_stay_apart(tmp_path, a_text, b_text):
    brief = compare_plans(tmp_path, f"（一）抓好重点工作。{a_text}\n", f"（一）抓好重点工作。{b_text}\n")
    assert Counter(c.type for c in brief.changes) == Counter(dropped=1, new=1)



def test_a_shared_word_at_one_list_place_does_not_pair_figures_far_apart(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定就业。高校毕业生就业率保持95%以上、省外就业率10%以上。\n",
                          "（一）稳定就业。高校毕业生就业率保持95%以上、灵活就业率65%以上。\n")
    assert_paired(brief, "95%以上", "95%以上", "unchanged")
    assert (change_of(brief, "a", "10%以上").type, change_of(brief, "b", "65%以上").type) == ("dropped", "new")

@pytest.mark.parametrize("a_text, b_text", [
    ("生物医药营业收入达到2000亿元。", "生物医药重点企业营收达到2200亿元。"),  # the shared words lead
    ("高质量实施年度十大类民生实事。确保完成十大类60项。", "切实抓好2026年十大类民生实事。完成十大类65项。"),
])
def test_one_indicator_worded_differently_around_a_shared_name_still_pairs(tmp_path, a_text, b_text):
    brief = compare_plans(tmp_path, f"（一）办好实事。{a_text}\n", f"（一）办好实事。{b_text}\n")
    assert sum(1 for c in brief.changes if c.a and c.b) >= 1, brief.changes


# --- class 2: rebased only for a real change of basis ---

def test_this_years_renovation_count_compares_as_level_or_increment(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设宜居城市。改造老旧小区1200个以上，更新改造燃气管道800公里。\n",
                          "（一）建设宜居城市。实施900个老旧小区改造，更新改造燃气管道800公里。\n")
    assert_paired(brief, "1200个以上", "900个", "deescalated")


@pytest.mark.parametrize(("a_text", "b_text", "a_fig", "b_fig", "kind"), [
    ("加快建设300个省重大项目", "抓好330个省重大项目", "300个", "330个", "escalated"),
    ("共建社区口袋公园40个", "新增社区口袋公园40个", "40个", "40个", "unchanged"),
    ("在400个社区开展睦邻驿站试点", "建设250个睦邻驿站试点", "400个", "250个", "deescalated"),
    ("综合治理荒漠化土地面积500平方公里", "完成荒漠化土地综合治理500平方公里", "500平方公里", "500平方公里",
     "unchanged"),
    ("新增规模以上服务业企业300家", "新入统规模以上服务业企业350家", "300家", "350家", "escalated"),  # a size class
    ("招募乡村振兴协理员2000名", "选聘乡村振兴协理员2000名", "2000名", "2000名", "unchanged"),
    ("完成甲路、乙街等20处易涝点改造", "消除丙路、丁街等12处易涝点", "20处", "12处", "deescalated"),
    ("实施住宅自主加装电梯500部", "为既有住宅加装电梯500部", "500部", "500部", "unchanged"),
    ("引进转化科技成果300项以上", "转化成果300项以上", "300项以上", "300项以上", "unchanged"),
])
def test_action_counts_rank_across_level_and_increment(tmp_path, a_text, b_text, a_fig, b_fig, kind):
    brief = compare_plans(tmp_path, f"（一）抓好重点工作。{a_text}，确保按期见效。\n",
                          f"（一）抓好重点工作。{b_text}，确保按期见效。\n")
    assert_paired(brief, a_fig.lstrip("超"), b_fig, kind)


def test_each_of_a_respectively_list_at_one_figure_pairs_with_its_own_indicator(tmp_path):
    # 分别达到180个 gives 180 to both listed things; A's 150 processing projects pair with B's, raised
    brief = compare_plans(tmp_path, "（一）抓好重点工作。引进农产品加工项目150个，确保按期见效。\n",
                          "（一）抓好重点工作。培育引进农业龙头企业、农产品加工项目分别达到180个，确保按期见效。\n")
    c = change_of(brief, "a", "150个")
    b = next(t for t in brief.targets_b if t.id == c.b)
    assert (c.type, b.metric, b.written) == ("escalated", "农产品加工项目", "180个")


def test_money_lent_this_year_compares_whether_or_not_it_is_called_new(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定就业。新增发放小微企业贴息贷款80亿元。\n",
                          "（一）稳定就业。发放小微企业贴息贷款95亿元。\n")
    assert_paired(brief, "80亿元", "95亿元", "escalated")


def test_money_arranged_is_a_level_and_a_new_amount_is_not_ranked_against_it(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定投资。安排市级预算内投资60亿元。\n",
                          "（一）稳定投资。新增市级预算内投资10亿元。\n")
    assert change_of(brief, "a", "60亿元").type in ("rebased", "dropped")


def test_a_count_of_people_written_without_a_classifier_compares_with_one_written_with_it(tmp_path):
    brief = compare_plans(tmp_path, "（一）关爱学生。为150万中小学生开展视力筛查。\n",
                          "（一）关爱学生。为150万名以上中小学生开展视力筛查。\n")
    c = assert_paired(brief, "150万", "150万名以上", "unchanged")  # a count to reach is a floor already
    assert "same_floor" in {r["code"] for r in c.reasons}


def test_a_stock_against_this_years_addition_is_rebased(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设算力设施。智能算力规模达2万P。\n",
                          "（一）建设算力设施。新增智能算力1.5万P。\n")
    c = assert_paired(brief, "2万P", "1.5万P", "rebased")
    assert "basis_changed" in {r["code"] for r in c.reasons}


def test_housing_counted_in_sets_or_sets_and_rooms_is_one_unit(tmp_path):
    brief = compare_plans(tmp_path, "（一）完善住房保障。筹集保障性租赁住房2万套。\n",
                          "（一）完善住房保障。筹集保障性租赁住房2.4万套(间)。\n")
    c = assert_paired(brief, "2万套", "2.4万套(间)", "escalated")
    assert c.ratio == pytest.approx(1.2)


def test_short_and_full_names_of_a_unit_compare(tmp_path):
    task = "（一）保障能源供应。外调绿电规模达到{}，港口集装箱吞吐量达到{}。\n"
    brief = compare_plans(tmp_path, task.format("300亿度", "500万标箱"),
                          task.format("350亿千瓦时", "520万标准箱"))
    assert_paired(brief, "300亿度", "350亿千瓦时", "escalated")
    assert_paired(brief, "500万标箱", "520万标准箱", "escalated")


# --- class 3: figures for different horizons are not a change ---

def test_an_annual_figure_and_a_2030_goal_are_dropped_and_new_with_a_link(tmp_path):
    brief = compare_plans(tmp_path, "主要预期目标是：常住人口城镇化率超过60%。\n",
                          "“十五五”时期，到2030年常住人口城镇化率达到65%左右。\n")
    dropped, new = change_of(brief, "a", "60%"), change_of(brief, "b", "65%左右")
    assert (dropped.type, new.type) == ("dropped", "new")
    links = [r for r in dropped.reasons if r["code"] == "other_horizon"]
    assert links and links[0]["args"]["id"] == new.b
    assert any(r["code"] == "other_horizon" and r["args"]["id"] == dropped.a for r in new.reasons)


def test_a_2030_goal_pairs_with_the_same_years_goal(tmp_path):
    brief = compare_plans(tmp_path, "到2030年，全省常住人口城镇化率达到64%。\n",
                          "到2030年，全省常住人口城镇化率达到65%左右。\n")
    assert_paired(brief, "64%", "65%左右", "escalated")


def test_goals_for_different_later_years_are_not_paired(tmp_path):
    brief = compare_plans(tmp_path, "到2027年，全省数字经济核心产业增加值达到1.2万亿元。\n",
                          "到2030年，全省数字经济核心产业增加值达到1.6万亿元。\n")
    types = (change_of(brief, "a", "1.2万亿元").type, change_of(brief, "b", "1.6万亿元").type)
    assert types == ("dropped", "new")


# --- class 4: a goal stated twice, one statement changed ---

def test_a_changed_restatement_is_a_change_not_new(tmp_path):
    goals, task = "主要预期目标是：地区生产总值增长5%左右。", "（一）稳住经济大盘。经济增长预期目标为"
    brief = compare_plans(tmp_path, f"{goals}\n{task}5%左右，兼顾需要与可能。\n",
                          f"{goals}\n{task}4.5%左右，兼顾需要与可能。\n")
    assert not [c for c in brief.changes if c.type == "new"], brief.changes
    c = change_of(brief, "b", "4.5%左右")
    assert c.type == "deescalated" and c.a is not None


def test_a_goal_restated_in_words_is_not_a_new_target(tmp_path):
    goals = "主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。\n"
    restated = "（一）稳住经济大盘。5%左右的预期增长目标与中长期规划相衔接。\n"
    brief = compare_plans(tmp_path, goals, goals + restated)
    assert {c.type for c in brief.changes} == {"unchanged"}, brief.changes


# --- properties on these texts ---

BODY_A = ("主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内，常住人口城镇化率超过60%。\n"
          "（一）扩大有效投资。全年完成投资1800亿元，交通、水利、能源领域投资分别达900亿元、300亿元、500亿元。\n"
          "（二）建设宜居城市。改造老旧小区1200个以上，新改建农村公路3000公里，筹集保障性租赁住房2万套。\n")
BODY_B = ("“十五五”时期，到2030年常住人口城镇化率达到65%左右。\n"
          "主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%左右。\n"
          "（一）扩大有效投资。全年完成重大工程投资1950亿元，交通、水利、能源领域投资额分别达950亿元、250亿元、500亿元。\n"
          "（二）建设宜居城市。实施900个老旧小区改造，完成农村公路提升工程3000公里，筹集保障性租赁住房2.4万套(间)。\n")


def test_swapping_the_plans_mirrors_every_change(tmp_path):
    (tmp_path / "ab").mkdir()
    (tmp_path / "ba").mkdir()
    ab = compare_plans(tmp_path / "ab", BODY_A, BODY_B)
    a, b = tmp_path / "ab" / "2025_plan.txt", tmp_path / "ab" / "2026_plan.txt"
    ba = compare_files(b, a)
    mirror = {"new": "dropped", "dropped": "new", "escalated": "deescalated", "deescalated": "escalated",
              "unchanged": "unchanged", "rebased": "rebased"}
    fwd = {(c.type, c.a, c.b) for c in ab.changes}
    back = {(mirror[c.type], c.b and "a" + c.b[1:], c.a and "b" + c.a[1:]) for c in ba.changes}
    assert fwd == back
    assert Counter(c.type for c in ab.changes)["new"] == 1  # only the 2030 goal


@pytest.mark.parametrize("text", [HEAD_A + BODY_A, HEAD_B + BODY_B])
def test_each_plan_compared_with_itself_is_all_unchanged(tmp_path, text):
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    brief = compare_files(p, p)
    assert {c.type for c in brief.changes} == {"unchanged"}
    assert len(brief.changes) == sum(1 for t in brief.targets_a if t.kind == "target" and not t.restates)


def test_the_json_is_byte_identical_across_runs(tmp_path):
    from compare.render.json import dumps

    first = dumps(compare_plans(tmp_path, BODY_A, BODY_B).to_json())
    assert dumps(compare_plans(tmp_path, BODY_A, BODY_B).to_json()) == first


def test_people_counted_as_ming_or_ren_are_one_unit(tmp_path):
    brief = compare_plans(tmp_path, "（一）强化基层医疗。培训乡村医生3000名。\n",
                          "（一）强化基层医疗。培训乡村医生3000人。\n")
    assert_paired(brief, "3000名", "3000人", "unchanged")


def test_a_goal_kept_in_words_without_a_figure_is_reported_as_such(tmp_path):
    from compare.render.labels import load_labels
    from compare.render.verdict import verdict

    brief = compare_plans(tmp_path, "（一）稳定农业。粮食总产量稳定在1200万吨以上。\n",
                          "（一）稳定农业。确保粮食总产量只增不减，加快建设高标准农田。\n")
    c = change_of(brief, "a", "1200万吨以上")
    assert c.type == "dropped"
    words = [r for r in c.reasons if r["code"] == "named_without_figure"]
    assert words and "只增不减" in words[0]["args"]["quote"]
    items, _ = verdict(brief.to_json(), load_labels("zh"), lambda t: str(t.get("written")),
                       {"weight": {"default": 1.0}, "verdict": {"show_new_dropped_at": 0}})
    said = " ".join(str(getattr(i, "text", i)) for i in items)
    assert "不再给出数值" in said and "只增不减" in said


def test_a_growth_rate_that_becomes_positive_growth_is_lowered_not_dropped(tmp_path):
    brief = compare_plans(tmp_path, "主要预期目标是：全社会固定资产投资增长5%。\n",
                          "主要预期目标是：全社会固定资产投资实现正增长。\n")
    c = change_of(brief, "a", "5%")
    assert c.type == "deescalated", c.type


@pytest.mark.parametrize(("a_text", "b_text", "a_fig", "said"), [
    ("主要预期目标是：粮食产量1200万吨以上。", "主要预期目标是：粮食产量只增不减。", "1200万吨以上", "只增不减"),
    ("（一）推进城市更新。改造城镇老旧小区600个。", "（一）推进城市更新。完成城镇老旧小区改造年度任务。", "600个", "年度任务"),
])
def test_a_goal_kept_only_in_words_is_named_beside_the_dropped_figure(tmp_path, a_text, b_text, a_fig, said):
    brief = compare_plans(tmp_path, a_text + "\n", b_text + "\n")
    c = change_of(brief, "a", a_fig)
    words = [r for r in c.reasons if r["code"] == "named_without_figure"]
    assert words and said in words[0]["args"]["quote"]


def test_a_task_named_in_passing_is_not_a_goal_kept_in_words(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定农业。建设高标准农田80万亩。\n",
                          "（一）稳定农业。持续加强高标准农田建设，提升耕地质量。\n")
    c = change_of(brief, "a", "80万亩")
    assert c.type == "dropped" and not [r for r in c.reasons if r["code"] == "named_without_figure"]


def test_grain_in_jin_and_in_tonnes_is_ranked_after_converting(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定农业。粮食产量稳定在250亿斤以上。\n",
                          "（一）稳定农业。粮食产量稳定在1300万吨以上。\n")
    c = assert_paired(brief, "250亿斤以上", "1300万吨以上", "escalated")  # 250亿斤 = 1250万吨
    assert c.ratio == 1.04
    assert {"code": "unit_converted", "args": {"a": "斤", "b": "吨", "figure": "1250万吨"}} in c.reasons


def test_units_of_different_quantities_never_convert(tmp_path):
    brief = compare_plans(tmp_path, "（一）改善生态。完成国土绿化80万亩。\n",
                          "（一）改善生态。完成国土绿化800公里。\n")
    assert not [c for c in brief.changes if c.a and c.b and c.type != "rebased"]


def test_converted_figures_far_apart_are_not_ranked(tmp_path):
    # 800亿斤 is 4000万吨: against 75万吨 the pair is misread, not a fall to a fiftieth
    brief = compare_plans(tmp_path, "（一）稳定农业。粮食产量稳定在800亿斤。\n",
                          "（一）稳定农业。粮食产量稳定在75万吨。\n")
    assert all(c.type in ("rebased", "dropped", "new") for c in brief.changes)


def test_an_area_named_with_or_without_the_word_area_is_one_indicator(tmp_path):
    brief = compare_plans(tmp_path, "（一）修复生态。“双百”工程建设面积70万亩。\n",
                          "（一）修复生态。推进“双百”工程建设10万亩。\n")
    assert_paired(brief, "70万亩", "10万亩", "deescalated")


def test_this_years_additions_against_a_total_reached_are_not_ranked(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设新型基础设施。建成5G基站3万个。\n",
                          "（一）建设新型基础设施。5G基站总数达12万个。\n")
    c = change_of(brief, "a", "3万个")
    assert c.type in ("rebased", "dropped"), c


def test_one_name_written_in_another_word_order_pairs(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设美丽乡村。实现垃圾分类的行政村达到80%。\n",
                          "（一）建设美丽乡村。推动85%的行政村实现垃圾分类。\n")
    assert_paired(brief, "80%", "85%", "escalated")


def test_rd_spending_over_gdp_is_rd_intensity(tmp_path):
    brief = compare_plans(tmp_path, "（一）强化科技创新。力争R&D经费支出占GDP比重突破2%。\n",
                          "（一）强化科技创新。力争全社会研发投入强度达2.2%左右。\n")
    assert_paired(brief, "2%", "2.2%左右", "escalated")


@pytest.mark.parametrize(("a_text", "b_text", "a_fig", "b_fig", "kind"), [
    ("更新改造燃气、集中供热等老化管道3000公里以上", "新(改)建燃气、集中供热等管网2500公里", "3000公里以上", "2500公里",
     "deescalated"),  # a pipe network counts pipes
    ("修建乡村便道800公里", "再建800公里山区乡村便道", "800公里", "800公里", "unchanged"),
    ("提升30个乡村旅游重点村服务水平", "提质升级30个乡村旅游重点村", "30个", "30个", "unchanged"),
    ("完成坡耕地综合治理40万亩以上", "治理坡耕地50万亩", "40万亩以上", "50万亩", "escalated"),
])
def test_one_work_named_with_other_verbs_or_words_pairs(tmp_path, a_text, b_text, a_fig, b_fig, kind):
    brief = compare_plans(tmp_path, f"（一）补齐基础设施短板。{a_text}。\n", f"（三）推进乡村振兴。{b_text}。\n")
    assert_paired(brief, a_fig, b_fig, kind)


@pytest.mark.parametrize("a_text, b_text", [
    ("粮食总产稳定在480亿斤以上", "粮食产量稳定在480亿斤以上"),
    ("油料总产量达到30万吨", "油料产量达到30万吨"),
])
def test_total_output_and_output_are_one_indicator(tmp_path, a_text, b_text):
    brief = compare_plans(tmp_path, f"（一）保障粮食安全。{a_text}。\n", f"（一）保障粮食安全。{b_text}。\n")
    assert Counter(c.type for c in brief.changes) == Counter(unchanged=1)


@pytest.mark.parametrize("a_fig, b_fig, kind", [
    ("200家以上", "200家", "unchanged"),  # a count to reach is met at it or above: a floor either way
    ("超200家", "200家", "unchanged"),
    ("200家", "200家以上", "unchanged"),
    ("200家左右", "200家以上", "escalated"),  # about → at least: firmer words
    ("200家以上", "200家左右", "deescalated"),
    ("200家", "200家左右", "deescalated"),
])
def test_the_same_figure_in_other_words(tmp_path, a_fig, b_fig, kind):
    brief = compare_plans(tmp_path, f"（一）壮大市场主体。培育外贸企业{a_fig}。\n",
                          f"（一）壮大市场主体。培育外贸企业{b_fig}。\n")
    assert_paired(brief, a_fig.lstrip("超"), b_fig, kind)


@pytest.mark.parametrize("a_text, b_text, kind, said", [
    ("全年培育外贸企业200家左右", "力争培育外贸企业200家左右", "deescalated", "stretch_added"),  # made an aim
    ("力争培育外贸企业200家以上", "确保培育外贸企业200家以上", "escalated", "stretch_dropped"),  # made a commitment
])
def test_the_same_figure_as_an_aim_or_as_a_commitment(tmp_path, a_text, b_text, kind, said):
    brief = compare_plans(tmp_path, f"（一）壮大市场主体。{a_text}。\n", f"（一）壮大市场主体。{b_text}。\n")
    c = assert_paired(brief, a_text[-6:].lstrip("业"), b_text[-6:].lstrip("业"), kind)
    assert [q["code"] for q in c.qualifiers] == [said]

@pytest.mark.parametrize("a_text, b_text, kind", [
    ("外贸企业占比达30%左右", "力争外贸企业占比30%以上", "escalated"),  # a floor set, though only as an aim
    ("力争外贸企业占比30%以上", "外贸企业占比30%左右", "deescalated"),
])
def test_a_changed_comparator_ranks_before_a_changed_aim(tmp_path, a_text, b_text, kind):
    brief = compare_plans(tmp_path, f"（一）壮大市场主体。{a_text}。\n", f"（一）壮大市场主体。{b_text}。\n")
    assert_paired(brief, a_text[-5:], b_text[-5:], kind)



def test_a_stretch_figure_reached_after_a_growth_floor_is_a_growth_and_pairs_too(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大投资。全社会固定资产投资增长10%以上、力争达到12%。\n",
                          "（一）扩大投资。全社会固定资产投资增长8%左右。\n")
    assert figure(brief, "a", "12%").basis == "growth"
    assert not [c for c in brief.changes if c.type == "dropped"]


@pytest.mark.parametrize("a_text, b_text, a_fig, b_fig, kind", [
    ("培育专精特新企业100户以上", "新增专精特新企业150家以上", "100户以上", "150家以上", "escalated"),  # firms in 户 or 家
    ("新增80个以上项目纳入国家重点项目库", "争取80个以上项目纳入国家重点项目库", "80个以上", "80个以上", "deescalated"),  # compared; 争取 makes it an aim
])
def test_this_years_counts_in_other_words_or_classifiers_compare(tmp_path, a_text, b_text, a_fig, b_fig, kind):
    brief = compare_plans(tmp_path, f"（一）壮大产业。{a_text}。\n", f"（一）壮大产业。{b_text}。\n")
    assert_paired(brief, a_fig, b_fig, kind)


def test_ordinals_sharing_one_name_give_each_figure_its_own_indicator(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳住经济。地区生产总值增长5%，其中一、二、三产增加值分别增长4%、6%左右、5.5%。\n",
                          "（一）稳住经济。地区生产总值增长5%，其中一二三产增加值分别增长4.5%左右、5%左右、6%左右。\n")
    assert figure(brief, "a", "6%左右").metric == figure(brief, "b", "5%左右").metric == "二产增加值"
    assert_paired(brief, "4%", "4.5%左右", "escalated")
    assert_paired(brief, "6%左右", "5%左右", "deescalated")
    assert_paired(brief, "5.5%", "6%左右", "escalated")


def test_a_part_of_this_years_total_compares_with_the_same_part_next_year(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大有效投资。实施省重点项目2000个以上，其中亿元以上项目1200个以上。\n",
                          "（一）扩大有效投资。实施亿元以上项目1300个以上。\n")
    assert_paired(brief, "1200个以上", "1300个以上", "escalated")


@pytest.mark.parametrize(("a_text", "b_text", "kind"), [
    ("新改建农村公路3000公里", "新改建普通省道和农村公路3500公里以上", "rebased"),
    ("建设社区食堂40个", "建设社区食堂和乡镇养老服务中心40个", "unchanged"),  # the same figure, scope said
])
def test_a_list_of_kinds_against_one_kind_of_it_is_not_ranked(tmp_path, a_text, b_text, kind):
    brief = compare_plans(tmp_path, f"（一）补齐民生短板。{a_text}。\n", f"（一）补齐民生短板。{b_text}。\n")
    paired = [c for c in brief.changes if c.a and c.b]
    assert paired and all(c.type == kind for c in paired), paired
    assert any(r["code"] == "scope_changed" for r in paired[0].reasons)


def test_things_run_well_are_a_stock_and_new_ones_this_years_work(tmp_path):
    brief = compare_plans(tmp_path, "（一）提升医疗水平。建好30个省级区域医疗中心。\n",
                          "（一）提升医疗水平。新建6个省级区域医疗中心。\n")
    assert change_of(brief, "a", "30个").type == "rebased"


def test_a_change_of_scope_alone_gives_no_false_change_of_basis(tmp_path):
    brief = compare_plans(tmp_path, "（一）补齐民生短板。新建改造社区食堂60个。\n",
                          "（一）补齐民生短板。改扩建60个社区食堂和乡镇养老服务中心。\n")
    c = next(c for c in brief.changes if c.a and c.b)
    codes = [r["code"] for r in c.reasons]
    assert c.type == "unchanged" and "scope_changed" in codes and "basis_changed" not in codes, c


def test_indicators_listed_before_one_figure_each_take_it(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大内需。社会消费品零售总额增长5%左右，固定资产投资增长4%左右。\n",
                          "（一）扩大内需。社会消费品零售总额、固定资产投资增长3.5%左右。\n")
    paired = sorted((c.metric, c.type) for c in brief.changes if c.a and c.b)
    assert paired == [("固定资产投资", "deescalated"), ("社会消费品零售总额", "deescalated")], brief.changes


def test_a_count_of_more_kinds_against_one_of_them_far_below_is_rebased_not_split(tmp_path):
    brief = compare_plans(tmp_path, "（一）培育企业。培育专精特新中小企业12家。\n",
                          "（一）培育企业。培育认定创新型、专精特新中小企业130家。\n")
    assert [c.type for c in brief.changes] == ["rebased"], brief.changes


def test_two_lists_sharing_their_kinds_pair(tmp_path):
    brief = compare_plans(tmp_path, "（一）培育企业。新培育雏鹰企业和瞪羚企业200家左右。\n",
                          "（一）培育企业。新培育瞪羚企业、雏鹰企业、独角兽企业200家以上。\n")
    assert len([c for c in brief.changes if c.a and c.b]) == 1, brief.changes


def test_the_same_kinds_listed_with_another_conjunction_compare(tmp_path):
    brief = compare_plans(tmp_path, "（一）深化医改。新建12个县域医疗共同体、城市医疗集团。\n",
                          "（一）深化医改。新建10个左右县域医疗共同体和城市医疗集团。\n")
    assert [c.type for c in brief.changes if c.a and c.b] == ["deescalated"], brief.changes


def test_one_kind_against_a_list_of_kinds_is_paired_and_rebased(tmp_path):
    brief = compare_plans(tmp_path, "（一）强化科技攻关。实施30个重大技术攻关项目。\n",
                          "（一）强化科技攻关。实施90个省级重大技术攻关项目、重点研发项目。\n")
    paired = [c for c in brief.changes if c.a and c.b]
    assert [c.type for c in paired] == ["rebased"], brief.changes
    assert "scope_changed" in [r["code"] for r in paired[0].reasons]


def test_stages_named_before_or_after_their_projects_pair(tmp_path):
    brief = compare_plans(tmp_path, "（一）发展新能源。开工、投产海上风电项目各900万千瓦以上。\n",
                          "（一）发展新能源。海上风电开工900万千瓦、投产600万千瓦以上。\n")
    paired = sorted((c.type, c.metric) for c in brief.changes if c.a and c.b)
    # 开工 900以上 → 900 keeps its floor (a capacity to reach); 投产 900以上 → 600以上 falls
    assert [t for t, _ in paired] == ["deescalated", "unchanged"] and len(brief.changes) == 2, brief.changes


def test_a_place_in_a_reordered_list_pairs_nothing(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设韧性城市。改造燃气管网500公里、供热管网700公里、供水管网90公里，"
                                    "完成管道疏通150公里、河道清淤160公里。\n",
                          "（一）建设韧性城市。改造供热、燃气、雨水管网700公里、450公里、260公里。\n")
    lone = sorted((c.type, c.metric) for c in brief.changes if not (c.a and c.b))
    assert ("new", "雨水管网") in lone and ("dropped", "管道疏通") in lone, brief.changes


def test_a_longer_name_of_the_same_indicator_is_not_a_merge(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定农业生产。粮食总产稳定在300亿斤以上，粮食产量增长1%。\n",
                          "（一）稳定农业生产。粮食总产量达到320亿斤以上。\n")
    paired = [(c.type, c.metric) for c in brief.changes if c.a and c.b]
    assert ("escalated", "粮食总产量") in paired or ("escalated", "粮食总产") in paired, brief.changes


@pytest.mark.parametrize("swap", [False, True])
def test_one_indicator_merging_two_of_the_other_plan_compares_with_their_sum(tmp_path, swap):
    parts, whole = "（一）建设韧性城市。改造供水管网300公里、排水管网800公里。\n", "（一）建设韧性城市。改造供排水管网1000公里。\n"
    brief = compare_plans(tmp_path, *((whole, parts) if swap else (parts, whole)))
    assert [c.type for c in brief.changes] == ["escalated" if swap else "deescalated"], brief.changes
    change = brief.changes[0]
    summed = next(t for t in (brief.targets_b if swap else brief.targets_a) if t.id == (change.b if swap else change.a))
    assert summed.value == 1100 and "300公里" in summed.quote and "800公里" in summed.quote
    assert "summed" in [r["code"] for r in change.reasons]
    source = (tmp_path / ("2026_plan.txt" if swap else "2025_plan.txt")).read_text(encoding="utf-8")
    assert summed.quote in source


def test_a_listed_whole_compares_with_the_sum_of_its_parts(tmp_path):
    brief = compare_plans(tmp_path, "（一）发展养老服务。新建改造40个社区养老工程、40个区域养老服务中心。\n",
                          "（一）发展养老服务。改扩建40个社区养老工程和乡镇区域养老服务中心。\n")
    assert [(c.type, c.ratio) for c in brief.changes] == [("deescalated", 0.5)], brief.changes
    assert "summed" in [r["code"] for r in brief.changes[0].reasons]


def test_parts_that_cannot_be_summed_are_not_ranked_against_their_merge(tmp_path):
    brief = compare_plans(tmp_path, "（一）建设韧性城市。改造供水管网300公里。到2027年，改造排水管网2000公里。\n",
                          "（一）建设韧性城市。改造供排水管网1000公里。\n")
    paired = [c for c in brief.changes if c.a and c.b]
    assert paired and all(c.type == "rebased" for c in paired), brief.changes
    assert any(r["code"] == "scope_changed" for r in paired[0].reasons)


def test_a_bare_capacity_named_by_its_passage_pairs_with_that_industrys(tmp_path):
    # B says 装机 alone, in a passage about wind power; A names 风电装机 and, elsewhere, 光伏装机
    brief = compare_plans(tmp_path, "（一）壮大风电产业。新增风电装机500万千瓦，新增光伏装机700万千瓦。\n",
                          "（一）发展清洁能源。风电产业拓展海上应用场景。力争新增装机突破800万千瓦。\n")
    assert_paired(brief, "500万千瓦", "800万千瓦", "escalated")


def test_counts_of_projects_of_different_size_classes_are_different_indicators(tmp_path):
    brief = compare_plans(tmp_path, "（一）推进技术改造。实施500万元以上技改项目8000个左右。\n",
                          "（一）推进技术改造。实施投资2000万元以上的技改项目2500个。\n")
    assert Counter(c.type for c in brief.changes) == Counter(dropped=1, new=1)


def test_projects_counted_in_one_unit_are_not_what_they_achieve_counted_in_another(tmp_path):
    brief = compare_plans(tmp_path, "（一）强化科技攻关。实施120个以上关键技术攻关项目。\n",
                          "（一）强化科技攻关。力争攻克关键技术130项以上。\n")
    assert Counter(c.type for c in brief.changes) == Counter(dropped=1, new=1)


def test_kinds_sharing_the_last_ones_noun_against_one_of_them_are_rebased(tmp_path):
    # 高新技术和科技型中小企业 counts two kinds of firm; 高新技术企业 one of them: the figures cover different things
    brief = compare_plans(tmp_path, "（一）壮大创新主体。新增高新技术企业160家。\n",
                          "（一）壮大创新主体。新增高新技术和科技型中小企业200家。\n")
    c = assert_paired(brief, "160家", "200家", "rebased")
    assert "scope_changed" in {r["code"] for r in c.reasons}


def test_the_same_kinds_written_with_and_without_a_separator_still_rank(tmp_path):
    brief = compare_plans(tmp_path, "（一）壮大创新主体。培育“独角兽”“瞪羚”企业100家。\n",
                          "（一）壮大创新主体。培育“独角兽”、“瞪羚”企业120家。\n")
    assert_paired(brief, "100家", "120家", "escalated")


def test_an_indicator_renamed_beside_one_that_kept_its_name_pairs_with_its_successor(tmp_path):
    # the visitors kept their name and pair; the imported drugs were renamed in the same sentence
    brief = compare_plans(tmp_path, "（一）发展健康产业。某园区新引进特许药械产品30种，接待医疗旅游20万人次。\n",
                          "（一）发展健康产业。新引进国际创新药械80种，打造康养品牌，接待医疗旅游40万人次以上。\n")
    assert_paired(brief, "20万人次", "40万人次以上", "escalated")
    assert_paired(brief, "30种", "80种", "escalated")


def test_one_of_several_renamed_figures_beside_a_pair_is_not_guessed(tmp_path):
    brief = compare_plans(tmp_path, "（一）更新管网。改造燃气管网650公里、供水管网100公里，完成投资50亿元。\n",
                          "（一）更新管网。改造老旧供热、燃气、排水管网800公里、600公里、300公里，完成投资60亿元。\n")
    assert not any(c.a and c.b and "供水" in c.metric for c in brief.changes), brief.changes


def test_a_figure_the_next_review_reports_as_an_addition_ranks_against_an_addition(tmp_path):
    # A's 500万千瓦 reads as a level on its own; B's review says 2025 added about that much, so it was an addition
    forward, swapped = compare_with_b_review(tmp_path, "（一）发展新能源。新能源装机500万千瓦以上。\n",
                                             "新增新能源装机超过500万千瓦", "（一）发展新能源。新增新能源装机800万千瓦。\n")
    c = assert_paired(forward, "500万千瓦以上", "800万千瓦", "escalated")
    assert "basis_from_review" in {r["code"] for r in c.reasons}
    assert [x.type for x in swapped.changes if x.a and x.b] == ["deescalated"]


def test_without_such_a_review_a_level_against_an_addition_is_rebased(tmp_path):
    brief = compare_plans(tmp_path, "（一）发展新能源。新能源装机500万千瓦以上。\n",
                          "（一）发展新能源。新增新能源装机800万千瓦。\n")
    assert_paired(brief, "500万千瓦以上", "800万千瓦", "rebased")


def test_projects_at_one_stage_pair_whether_the_stage_is_named_before_or_after_them(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大有效投资。推动2600多个项目投产达效。\n",
                          "（一）扩大有效投资。抓好2400多个拟竣工投产项目。\n")
    assert_paired(brief, "2600多个", "2400多个", "deescalated")


def test_projects_at_different_stages_stay_apart(tmp_path):
    brief = compare_plans(tmp_path, "（一）扩大有效投资。推动2600多个项目开工建设。\n",
                          "（一）扩大有效投资。抓好2400多个拟竣工投产项目。\n")
    assert not any(c.a and c.b for c in brief.changes if "项目" in c.metric), brief.changes


def test_one_kind_named_with_its_work_against_a_list_that_opens_with_it_is_a_change_of_scope(tmp_path):
    # 棚户区改造计划 and 棚户区和老旧厂区: one piece of work, B's scope wider: paired; the same figure is
    # unchanged, the wider scope said beside it, and another figure is not ranked
    brief = compare_plans(tmp_path, "（一）推进城市更新。年内完成5000套棚户区改造计划。\n",
                          "（一）推进城市更新。改造棚户区和老旧厂区5000套。\n")
    c = assert_paired(brief, "5000套", "5000套", "unchanged")
    assert "scope_changed" in {r["code"] for r in c.reasons}
    brief = compare_plans(tmp_path, "（一）推进城市更新。年内完成5000套棚户区改造计划。\n",
                          "（一）推进城市更新。改造棚户区和老旧厂区6000套。\n")
    c = assert_paired(brief, "5000套", "6000套", "rebased")
    assert "scope_changed" in {r["code"] for r in c.reasons}


def test_a_rise_in_points_ranks_against_a_level_once_the_review_gives_the_level_it_rises_from(tmp_path):
    # B's +1 point on the 59.5% its review reports is about 60.5%, above A's 60%
    forward, swapped = compare_with_b_review(tmp_path, "（一）推进新型城镇化。常住人口城镇化率达到60%。\n",
                                             "常住人口城镇化率由55%提高到59.5%",
                                             "（一）推进新型城镇化。常住人口城镇化率提高1个百分点以上。\n")
    c = assert_paired(forward, "60%", "1个百分点以上", "escalated")
    assert "level_from_review" in {r["code"] for r in c.reasons}
    assert [x.type for x in swapped.changes if x.a and x.b and "城镇化率" in x.metric] == ["deescalated"]


@pytest.mark.parametrize("body_a, body_b, a_fig, b_fig, kind", [
    pytest.param("（一）推进新型城镇化。常住人口城镇化率达到60%。\n",
                 "（一）推进新型城镇化。常住人口城镇化率提高1个百分点以上。\n", "60%", "1个百分点以上", "rebased",
                 id="a rise in points without the level it rises from"),
    pytest.param("（一）强化科技创新。新建20家中试基地和概念验证中心。\n",
                 "（一）培育壮大新兴产业。推动产业链延链补链。\n（二）深化改革开放。新建概念验证和中试平台20家。\n",
                 "20家", "20家", "unchanged", id="the same kinds listed in another order"),
])
def test_figures_told_differently_pair_as_a_reader_pairs_them(tmp_path, body_a, body_b, a_fig, b_fig, kind):
    assert_paired(compare_plans(tmp_path, body_a, body_b), a_fig, b_fig, kind)


def test_a_range_says_how_far_each_end_moved(tmp_path):
    brief = compare_plans(tmp_path, "（一）稳定经济增长。地区生产总值增长5%左右。\n",
                          "（一）稳定经济增长。地区生产总值增长5%-5.5%。\n")
    c = assert_paired(brief, "5%左右", "5%-5.5%", "escalated")
    assert [r["args"]["delta"] for r in c.reasons if r["code"] == "points"] == ["+0…+0.5"]


def test_a_count_the_other_plan_writes_as_a_designated_set_is_that_sets_size(tmp_path):
    # A alone cannot tell 3个千亿级产业园区 from a goal; B upgrades the same three parks, so neither plan
    # sets a goal for them: no change is reported, and A's figure says why it is no target
    brief = compare_plans(tmp_path, "加快建设3个千亿级产业园区，新建标准厂房40万平方米。\n",
                          "推动3个千亿级产业园区提档升级，新建标准厂房50万平方米。\n")
    assert [c.type for c in brief.changes] == ["escalated"]
    parks = [t for t in brief.targets_a if t.written == "3个"]
    assert [(t.kind, t.notes[-1]["code"]) for t in parks] == [("actual", "standing_set")]


def test_a_count_of_new_parks_stays_a_goal_when_the_other_plan_upgrades_other_ones(tmp_path):
    brief = compare_plans(tmp_path, "新建3个省级产业园区。\n", "推动8个千亿级产业园区提档升级。\n")
    assert [(c.type, c.a is not None) for c in brief.changes] == [("dropped", True)]


def test_a_ratio_to_fall_to_ranks_lower_as_more_ambitious(tmp_path):
    # 下降至 a level: the lower level is the greater ambition (a fall's size, 下降3%, ranks the other way)
    brief = compare_plans(tmp_path, "物流费用占地区生产总值的比重下降至14.5%，单位能耗下降2.5%。\n",
                          "物流费用占地区生产总值的比重下降至14%，单位能耗下降3%。\n")
    assert assert_paired(brief, "14.5%", "14%", "escalated")
    assert assert_paired(brief, "2.5%", "3%", "escalated")


def test_networks_listed_before_their_shared_noun_are_one_measure_and_pair(tmp_path):
    brief = compare_plans(tmp_path, "改造供水、排水、燃气管网1500公里以上。\n", "新建改造供排水、燃气管网1200公里。\n")
    change = assert_paired(brief, "1500公里以上", "1200公里", "deescalated")
    assert figure(brief, "a", "1500公里以上").metric == "供水、排水、燃气管网"
    assert change.metric == "供排水、燃气管网"


def test_a_count_of_a_quoted_programmes_projects_pairs_with_the_projects_the_programme_lists(tmp_path):
    # B names the programme in the figure's sentence and lists its kinds of project: one count renamed
    brief = compare_plans(tmp_path, "加快交通建设，建设12个“三联工程”项目。\n",
                          "实施“三联工程”升级版，建设城际快联、乡村畅联项目18个。\n")
    change = assert_paired(brief, "12个", "18个", "escalated")
    assert change.metric == "城际快联、乡村畅联项目"


@pytest.mark.parametrize("body_a, body_b", [
    # both sentences name “良田工程”, but one counts farmland built and the other the programme's area
    ("实施“良田工程”，新建高标准农田60万亩以上。\n", "深化“良田工程”，新增“良田工程”面积40万亩。\n"),
    # 义务教育 opens no sentence of B's: it names another thing there
    ("新增义务教育学位5万个。\n", "推动基础教育提质，加快义务教育优质均衡县创建，新增普通高中学位3万个。\n"),
])
def test_other_things_named_near_each_other_stay_apart(tmp_path, body_a, body_b):
    brief = compare_plans(tmp_path, body_a, body_b)
    assert sorted(c.type for c in brief.changes) == ["dropped", "new"]


@pytest.mark.parametrize("body_a, body_b, a_fig, b_fig, kind", [
    # 蓄水池等灌溉设施 counts 灌溉设施, the kind A counted as 小型灌溉设施
    ("实施农田水利工程，其中新建塘坝8座、小型灌溉设施420座。\n", "实施农田水利工程，其中新建塘坝10座、蓄水池等灌溉设施600个。\n",
     "420座", "600个", "escalated"),
    # the owner one name gives is what the other figure's sentence opens on
    ("东湖科学城师生规模突破2万人。\n", "东湖科学城二期加快建设，在校师生规模3万人以上。\n", "2万人", "3万人以上", "escalated"),
    ("坚决打赢黄河滩区治理攻坚战，开展林草修复、沙化土地等综合治理200万亩。\n", "实施黄河滩区综合治理180万亩。\n",
     "200万亩", "180万亩", "deescalated"),
    # money raised, named by the programme its sentence names
    ("筹措资金120亿元以上，实施十项民生保障工程。\n", "筹措135亿元实施十项民生保障工程项目。\n", "120亿元以上", "135亿元",
     "escalated"),
])
def test_one_thing_named_by_its_kind_owner_or_purpose_pairs(tmp_path, body_a, body_b, a_fig, b_fig, kind):
    assert_paired(compare_plans(tmp_path, body_a, body_b), a_fig, b_fig, kind)


def test_one_name_dressed_in_quotes_and_a_measure_pairs_however_far_the_figures_move(tmp_path):
    # the same service circles, named with their 15-minute reach in B: far apart, yet one indicator
    brief = compare_plans(tmp_path, "建成12个便民生活服务圈。\n", "新建80个“15分钟便民生活服务圈”。\n")
    assert "large_jump" in [r["code"] for r in assert_paired(brief, "12个", "80个", "escalated").reasons]


@pytest.mark.parametrize("a_text, b_text, a_fig, b_fig, kind", [
    ("确保粮食产量达到520亿斤。", "粮食产量稳定在520亿斤以上。", "520亿斤", "520亿斤以上", "unchanged"),
    ("原煤产量超过6000万吨。", "原煤产量达到6000万吨。", "6000万吨", "6000万吨", "unchanged"),
    ("粮食产量520亿斤。", "粮食产量520亿斤以上。", "520亿斤", "520亿斤以上", "unchanged"),
    ("粮食产量增长2%。", "粮食产量增长2%以上。", "2%", "2%以上", "escalated"),
])
def test_a_level_to_reach_is_a_floor_as_much_as_one_to_exceed(tmp_path, a_text, b_text, a_fig, b_fig, kind):
    # 达到 X, a bare amount X and X以上 are all met at X or above; a bare rate (增长2%) is a forecast, below
    # its 以上
    brief = compare_plans(tmp_path, f"（一）稳定农业和能源。{a_text}\n", f"（一）稳定农业和能源。{b_text}\n")
    assert_paired(brief, a_fig, b_fig, kind)


def test_a_level_to_reach_compares_with_an_addition_once_its_review_gives_the_year_before(tmp_path):
    # A: 3000家 by the end of the year, from 2820 (its review) = about +180; B: +200 → raised
    a, b = tmp_path / "2025_plan.txt", tmp_path / "2026_plan.txt"
    a.write_text(HEAD_A.replace("城镇新增就业52万人。", "城镇新增就业52万人，全省专精特新企业2820家。")
                 + "（一）培育企业。专精特新企业达到3000家。\n", encoding="utf-8")
    b.write_text(HEAD_B + "（一）培育企业。新增专精特新企业200家。\n", encoding="utf-8")
    brief = compare_files(a, b)
    c = assert_paired(brief, "3000家", "200家", "escalated")
    assert "increment_from_review" in {r["code"] for r in c.reasons}
    # without the review's level the two stay unranked
    a.write_text(HEAD_A + "（一）培育企业。专精特新企业达到3000家。\n", encoding="utf-8")
    assert_paired(compare_files(a, b), "3000家", "200家", "rebased")


def test_one_clause_with_a_word_changed_at_the_same_figure_is_one_indicator(tmp_path):
    # 中心卫生院 → 基层卫生院 in the same clause, the same figure, in sections of other names
    brief = compare_plans(tmp_path, "（一）补齐医疗短板。支持30所中心卫生院提升急诊急救能力。\n",
                          "（三）办好民生实事。支持30所基层卫生院提升急诊急救能力。\n")
    c = assert_paired(brief, "30所", "30所", "unchanged")
    assert "same_clause" in {r["code"] for r in c.reasons}


def test_a_growth_rate_ranks_against_a_level_once_the_review_gives_the_year_before(tmp_path):
    # B's +8% on the 1.05亿 its review reports is about 1.13亿, above A's 1亿以上; swapped, the level is lower
    body_a = "（一）繁荣文化旅游。接待国内外游客1亿人次以上。\n"
    body_b = "（一）繁荣文化旅游。接待国内外游客增长8%。\n"
    forward, swapped = compare_with_b_review(tmp_path, body_a, "接待游客1.05亿人次", body_b)
    c = assert_paired(forward, "1亿人次以上", "8%", "escalated")
    assert "level_from_growth" in {r["code"] for r in c.reasons}
    assert [x.type for x in swapped.changes if x.a and x.b and "游客" in x.metric] == ["deescalated"]
    # a growth far from what the level needs speaks of another thing: left unranked
    forward, _ = compare_with_b_review(tmp_path, body_a, "接待游客0.5亿人次", body_b)
    assert_paired(forward, "1亿人次以上", "8%", "rebased")
    # without the review's level the two stay unranked
    assert_paired(compare_plans(tmp_path, body_a, body_b), "1亿人次以上", "8%", "rebased")


def test_a_count_the_review_reports_and_the_work_carries_on_is_a_standing_set(tmp_path):
    # A's review reports 12 major works under way, its plan carries them on (深入实施), B carries the same
    # 12 on: the set's size in both, no change, no dropped and no new goal; new parks each year stay goals
    a, b = tmp_path / "2025_plan.txt", tmp_path / "2026_plan.txt"
    a.write_text(HEAD_A.replace("城镇新增就业52万人。", "城镇新增就业52万人，全力实施12项重大工程，新建口袋公园80个。")
                 + "（一）扩大有效投资。深入实施12项重大工程。新建口袋公园80个。\n", encoding="utf-8")
    b.write_text(HEAD_B + "（一）扩大有效投资。持续实施12项重大工程。新建口袋公园90个。\n", encoding="utf-8")
    brief = compare_files(a, b)
    assert not [c for c in brief.changes if "重大工程" in c.metric], brief.changes
    assert_paired(brief, "80个", "90个", "escalated")
    carried = [t for t in brief.targets_a + brief.targets_b if t.written == "12项" and "实施12项" in t.quote
               and t.quote[:2] in ("深入", "持续")]
    assert len(carried) == 2 and {t.kind for t in carried} == {"actual"}
    assert all("standing_set_reviewed" in {n["code"] for n in t.notes} for t in carried)


@pytest.mark.parametrize("body_a, body_b, paired", [
    ("（一）积极应对人口老龄化。改造80个农村互助幸福院。\n", "（一）积极应对人口老龄化。支持80个农村养老服务设施建设。\n", True),
    ("（一）推动工业绿色转型。培育国家级绿色工厂30个。\n", "（一）推动工业绿色转型。新增绿色制造企业30家以上。\n", True),
    ("（一）强化科技创新。建设2个省实验室。\n", "（一）强化科技创新。新建2家省级制造业创新中心。\n", False),
    ("（一）保护生态环境。县级集中式饮用水水源地水质达标率100%。\n",
     "（一）保护生态环境。主要河流出境断面水质优良率100%。\n", False),
])
def test_one_line_of_work_at_the_same_count_is_one_indicator_renamed(tmp_path, body_a, body_b, paired):
    # the same count of things of one line of work whose names share a word, in aligned tasks, is the
    # indicator renamed (互助幸福院 are rural elderly-care facilities); two kinds of platform, or two rates at
    # 100 %, are two indicators
    brief = compare_plans(tmp_path, body_a, body_b)
    both = [c for c in brief.changes if c.a and c.b]
    assert bool(both) == paired, brief.changes
    if paired:
        assert both[0].type == "unchanged"
        assert "same_theme_same_figure" in {r["code"] for r in both[0].reasons}


def test_one_size_class_against_a_list_of_classes_sharing_its_noun_is_a_change_of_scope(tmp_path):
    # 500千伏 grid works against 500千伏 and 220千伏 ones: the same work over a wider scope, the count not
    # ranked; a class of another size is another indicator
    brief = compare_plans(tmp_path, "（一）完善能源网络。新建5个500千伏输变电工程。\n",
                          "（一）完善能源网络。新建500千伏和220千伏电网工程12个。\n")
    c = assert_paired(brief, "5个", "12个", "rebased")
    assert "scope_changed" in {r["code"] for r in c.reasons}
    brief = compare_plans(tmp_path, "（一）完善能源网络。新建5个500千伏输变电工程。\n",
                          "（一）完善能源网络。新建220千伏和110千伏电网工程12个。\n")
    assert not [c for c in brief.changes if c.a and c.b], brief.changes


def test_a_count_of_a_set_the_other_plan_puts_to_use_is_the_set_s_size(tmp_path):
    # A brings 6 regional medical centres into play; B's 6 centres to build are the same set, no new goal
    brief = compare_plans(tmp_path, "（一）提升医疗服务。发挥好6个国家区域医疗中心辐射带动作用。\n",
                          "（一）提升医疗服务。加快建设6个国家区域医疗中心项目。\n")
    assert not [c for c in brief.changes if "区域医疗中心" in c.metric], brief.changes
    assert [t.kind for t in brief.targets_b if t.written == "6个"] == ["actual"]


@pytest.mark.parametrize("body_a, body_b, a_fig, b_fig, kind", [
    pytest.param("（一）建设韧性城市。改造雨水、污水、供热、燃气管网1500公里以上。\n",
                 "（一）建设韧性城市。新建改造雨污水、供热管网1200公里。\n", "1500公里以上", "1200公里", "rebased",
                 id="a list of kinds that leaves one out (gas) covers other pipes"),
    pytest.param("（一）建设韧性城市。改造雨水、污水、供热管网1500公里以上。\n",
                 "（一）建设韧性城市。新建改造雨污水、供热管网1200公里。\n", "1500公里以上", "1200公里", "deescalated",
                 id="the same kinds, two merged in one word (雨污水), rank"),
    pytest.param("（一）完善养老服务。新增医养结合、康复护理等机构80家。\n",
                 "（一）完善养老服务。新增两证齐全医养结合机构40家。\n", "80家", "40家", "rebased",
                 id="one kind of an open list, qualified, is that list narrowed"),
    pytest.param("（一）改善乡村环境。村内主干道和公共场所路灯安装率达到50%。\n",
                 "（一）改善乡村环境。清洁乡村主干道和公共场所路灯安装率达到75%。\n", "50%", "75%", "escalated",
                 id="one kind differently qualified is the same kind"),
])
def test_lists_of_kinds_that_cover_other_kinds_do_not_rank(tmp_path, body_a, body_b, a_fig, b_fig, kind):
    # figures that count different kinds of one thing are paired, and their change of scope said, not ranked
    c = assert_paired(compare_plans(tmp_path, body_a, body_b), a_fig, b_fig, kind)
    assert ("scope_changed" in {r["code"] for r in c.reasons}) == (kind == "rebased")


def test_counts_of_things_of_other_sizes_are_other_indicators(tmp_path):
    # 60 projects of 亿元以上 are not 55 of 30亿元以上, nor 12 of 百亿元: each size class its own indicator
    brief = compare_plans(tmp_path, "（一）扩大有效投资。推进60个亿元以上项目建设。\n",
                          "（一）扩大有效投资。推动12个百亿元、55个30亿元以上项目开工建设。\n")
    assert not [c for c in brief.changes if c.a and c.b], brief.changes


@pytest.mark.parametrize("a_text, b_text, a_fig, b_fig, kind", [
    ("推进总投资10亿元以上项目50个", "推进总投资超10亿元项目50个以上", "50个", "50个以上", "unchanged"),
    ("全年新开工亿元以上重点项目1000个以上", "全年开工重点项目1200个以上", "1000个以上", "1200个以上", "escalated"),
])
def test_one_size_spelled_two_ways_or_said_once_is_one_indicator(tmp_path, a_text, b_text, a_fig, b_fig, kind):
    # 超10亿元 is 10亿元以上; a size said once and left out the next year still counts the same key projects
    brief = compare_plans(tmp_path, f"（一）扩大有效投资。{a_text}。\n", f"（一）扩大有效投资。{b_text}。\n")
    assert_paired(brief, a_fig, b_fig, kind)


def test_a_doubling_ranks_against_an_addition_once_the_review_gives_the_year_before(tmp_path):
    # B doubles the 500万千瓦 of storage its review reports, adding about 500; A added 40: raised
    body_a = "（一）构建新型能源体系。新增风电装机200万千瓦、储能40万千瓦。\n"
    body_b = "（一）构建新型能源体系。力争储能规模实现翻番。\n"
    forward, swapped = compare_with_b_review(tmp_path, body_a, "新型储能超过500万千瓦", body_b)
    c = assert_paired(forward, "40万千瓦", "翻番", "escalated")
    assert "increment_from_growth" in {r["code"] for r in c.reasons}
    assert [x.type for x in swapped.changes if x.a and x.b and "储能" in x.metric] == ["deescalated"]
    assert_paired(compare_plans(tmp_path, body_a, body_b), "40万千瓦", "翻番", "rebased")


@pytest.mark.parametrize("body_b, paired", [
    ("（一）推进城市更新。建设老旧街区焕新、口袋公园提升省级项目12个。\n", True),
    ("（一）推进城市更新。建设12个省级城市更新项目。\n", False),
])
def test_one_count_whose_clauses_share_a_long_phrase_is_one_indicator(tmp_path, body_b, paired):
    # the 12 showcases of 老旧街区焕新、口袋公园 work, renamed 省级项目, are one indicator; a bare 12 of other
    # projects is not
    brief = compare_plans(tmp_path, "（一）推进城市更新。打造老旧街区焕新、口袋公园更新2类12个省级样板。\n", body_b)
    both = [c for c in brief.changes if c.a and c.b]
    assert bool(both) == paired, brief.changes
    if paired:
        assert both[0].type == "unchanged"
        assert "same_phrase_same_figure" in {r["code"] for r in both[0].reasons}


@pytest.mark.parametrize("a_text, b_text, a_fig, b_fig, kind", [
    ("新增省级示范片区60个", "新建提升省级示范片区80个左右", "60个", "80个左右", "rebased"),
    ("新建高标准农田500万亩", "新建和改造提升高标准农田400万亩以上", "500万亩", "400万亩以上", "rebased"),
    ("新建农村公路3000公里", "新改建农村公路3000公里", "3000公里", "3000公里", "unchanged"),
    ("新建改造设施农业8万亩", "新建更新设施农业6万亩", "8万亩", "6万亩", "deescalated"),
    ("新建改扩建中小学12所、新增学位1.5万个", "新增学位1.8万个", "1.5万个", "1.8万个", "escalated"),
])
def test_counts_of_new_work_and_of_new_and_upgraded_work_do_not_rank(tmp_path, a_text, b_text, a_fig, b_fig,
                                                                    kind):
    # new things only against new and upgraded ones: other work, not ranked (the same figure unchanged, with the
    # difference said); both new and upgraded, in any wording, rank; a verb of another clause says nothing
    brief = compare_plans(tmp_path, f"（一）推进乡村建设。{a_text}。\n", f"（一）推进乡村建设。{b_text}。\n")
    c = assert_paired(brief, a_fig, b_fig, kind)
    said = "work_widened" in {r["code"] for r in c.reasons}
    assert said == (kind == "rebased" or a_fig == b_fig), c.reasons


def test_a_bare_name_carried_on_from_the_review_says_nothing_of_the_other_plan_s_count(tmp_path):
    # A carries on the 12 projects its review reports; B's 12 new key projects are a goal of their own
    a, b = tmp_path / "2025_plan.txt", tmp_path / "2026_plan.txt"
    a.write_text(HEAD_A.replace("城镇新增就业52万人。", "城镇新增就业52万人，实施项目12个。")
                 + "（一）扩大有效投资。持续推进项目12个。\n", encoding="utf-8")
    b.write_text(HEAD_B + "（一）扩大有效投资。新建重点项目12个。\n", encoding="utf-8")
    brief = compare_files(a, b)
    assert [t.kind for t in brief.targets_b if t.written == "12个"] == ["target"]
