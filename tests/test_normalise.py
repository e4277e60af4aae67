"""normalise(): the one canonical text every quote comes from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.normalise import normalise, strip_pinyin, to_simplified
from compare.read import read_raw

# --- 1. Unicode ----------------------------------------------------------------------------------


def test_full_width_forms_fold_but_chinese_punctuation_stays() -> None:
    assert normalise("增长１３．５％（力争１５％），ＧＤＰ＋５Ｇ～２０２７／年－Ａ") == "增长13.5%(力争15%)，GDP+5G~2027/年-A\n"
    assert normalise("目标：增长！是否？甲；乙，丙") == "目标：增长！是否？甲；乙，丙\n"
    assert normalise("“数字经济”、《规划》。") == "“数字经济”、《规划》。\n"


def test_invisible_characters_and_odd_spaces() -> None:
    assert normalise("\ufeff数\u200b字\u00ad经\u200d济\u2060") == "数字经济\n"
    assert normalise("　　现在，我代表省人民政府\u00a0\u00a0报告") == "现在，我代表省人民政府 报告\n"
    assert normalise("国务院总理　\n李　强") == "国务院总理\n李 强\n"


def test_nfc_and_line_separators() -> None:
    assert normalise("Cafe\u0301\r\n第二行\r第三行\u2028第四行\f第五行") == "Café\n第二行\n第三行\n第四行\n第五行\n"


# --- 2. Pinyin notes -----------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("數(shù)字經(jīng)濟(jì)第一城", "數字經濟第一城"),
    ("經（jīng）濟（jì）", "經濟"),
    ("數(shu\u0300)字", "數字"),  # a combining tone mark
    ("綠(lǜ)色", "綠色"),
    ("數(shù)字經(jīng)濟(jì)，我們(men)", "數字經濟，我們"),
])
def test_strip_pinyin_cases(raw: str, clean: str) -> None:
    assert strip_pinyin(raw) == clean


@pytest.mark.parametrize("kept", [
    "中芯(绍兴)集成电路", "(以下简称“工作要点”)", "(一)加快建设", "增长13%(力争15%)", "人工智能(AI)产业",
    "云计算(cloud)平台", "杭州(hz)", "人工智能(ai)", "我們(men)",
])
def test_real_parentheses_are_kept(kept: str) -> None:
    assert strip_pinyin(kept) == kept


def test_pinyin_notes_are_removed_before_conversion() -> None:
    assert normalise("數(shu\u0300)字") == "数字\n"
    text = "杭州直取“數(shù)字經(jīng)濟(jì)第一城”:2022年總量欲達(dá)1.2萬(wàn)億,組建創(chuàng)新人才團(tuán)隊(duì)40個(gè)以上"
    assert normalise(text) == "杭州直取“数字经济第一城”:2022年总量欲达1.2万亿,组建创新人才团队40个以上\n"


def test_toneless_notes_need_three_toned_ones() -> None:
    assert strip_pinyin("我們(men)的人工智能(ai)") == "我們(men)的人工智能(ai)"
    assert normalise("我们(men)的人工智能(ai)") == "我们(men)的人工智能(ai)\n"
    assert normalise("數(shù)字經(jīng)濟(jì)，我們(men)") == "数字经济，我们\n"


# --- 3. Script ------------------------------------------------------------------------------------


def test_traditional_text_becomes_simplified() -> None:
    assert normalise("全省數字經濟核心產業增加值增長13%，力爭15%。") == "全省数字经济核心产业增加值增长13%，力争15%。\n"


def test_simplified_text_is_not_rewritten() -> None:
    text = "开工周至至乾县高速，建设昇腾生态适配中心，保护濛溪河遗址。\n"
    assert to_simplified(text) == text
    assert normalise(text) == text


# --- 4. Web chrome ---------------------------------------------------------------------------------

BODY = ("各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n"
        "全省地区生产总值增长5.5%，一般公共预算收入增长3%。\n")


def test_page_chrome_at_the_top_is_removed() -> None:
    chrome = ("下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n2026年某省政府工作报告\n来源：某某日报\n时间：2026-02-09\n"
              "【字体：\n大\n中\n小\n】\n分享：\n2026年02月10日 07时41分\n")
    assert normalise(chrome + BODY) == "2026年某省政府工作报告\n" + BODY


def test_breadcrumbs_and_empty_labels() -> None:
    head = "当前位置：\n首页\n>\n政务信息\n>\n要闻\n发表时间：\n2026-02-09 09:45:30\n来源：\n某某日报客户端\n阅读量：\n"
    assert normalise(head + BODY) == BODY


def test_footer_lines_are_removed() -> None:
    footer = ("(文章来源：中国电子报)\n[返回新闻]|返回首页\n- 报料热线: 021-962866\n- 报料邮箱: news@example.cn\n"
              "沪公网安备31010602000299号\n增值电信业务经营许可证:沪B2-2017116\n? 2014-2026 上海某某报业有限公司\n"
              "海量资讯、精准解读，尽在某某财经APP\nCopyright © 2020 某某网 版权所有\nhttps://example.com/x\n")
    assert normalise(BODY + footer) == BODY


def test_photo_caption_and_doc_sharing_header_are_removed() -> None:
    text = ("《某规划.docx》由会员分享,可在线阅读,更多相关《某规划.docx(23页珍藏版)》请在某某文库网上搜索。\n"
            "省长作政府工作报告。本报记者 张三 摄\n" + BODY)
    assert normalise(text) == BODY


def test_trailing_chrome_and_everything_after_it_is_cut() -> None:
    tail = ("责任编辑：\n李某某\n扫一扫在手机打开当前页\n相关附件>>\n相关链接>>\nabcd39f1fb7f426d9dfb6bd0fa1f2146:\n"
            "关于政府工作报告的决议\n打印本页\n关闭窗口\n2026年某省政府工作报告\n各位代表：现在，我代表省人民政府，向大会报告工作。\n")
    assert normalise(BODY * 5 + tail) == BODY * 5


def test_wikisource_licence_footer_is_cut() -> None:
    footer = ("本作品是中华人民共和国的\n法律\n、\n法规\n，国家机关的决议…属于\n公有领域\n。\nPublic domain\nPublic domain\n"
              "false\nfalse\n")
    assert normalise(BODY * 3 + "让我们团结奋斗！\n" + footer) == BODY * 3 + "让我们团结奋斗！\n"


def test_chrome_words_inside_real_sentences_are_kept() -> None:
    text = ("返回首页\n本通知自印发之日起施行，下载打印有关表格请登录省政府网站，来源：省统计局关于2025年的统计公报。\n"
            "编辑出版业增加值增长5%，版权产业收入突破1000亿元，相关报道显示市场回暖。\n"
            "“大”“中”“小”企业融通发展。\n大\n中\n小\n保护版权所有人合法权益\n字体设计产业\n")
    expected = ("本通知自印发之日起施行，下载打印有关表格请登录省政府网站，来源：省统计局关于2025年的统计公报。\n"
                "编辑出版业增加值增长5%，版权产业收入突破1000亿元，相关报道显示市场回暖。\n"
                "“大”“中”“小”企业融通发展。\n大\n中\n小\n保护版权所有人合法权益\n字体设计产业\n")
    assert normalise(text) == expected


def test_a_chrome_marker_near_the_top_does_not_cut_the_document() -> None:
    text = "相关报道：\n" + BODY * 2
    assert normalise(text) == BODY * 2


# --- 5. Lost bullets -------------------------------------------------------------------------------


def test_lost_bullets_are_dropped() -> None:
    text = ("主要目标\n? 全省数字经济核心产业增加值增长13%,力争15%;\n• 建成5G基站5万个。\n·培育企业20家。\n"
            "▪ 开展培训10万人次。\n局面?”市长说\n")
    assert normalise(text) == ("主要目标\n全省数字经济核心产业增加值增长13%,力争15%;\n建成5G基站5万个。\n培育企业20家。\n"
                               "开展培训10万人次。\n局面?”市长说\n")


# --- 6. Broken lines -------------------------------------------------------------------------------

LONG = "坚持统筹协调，建立领导小组加办公室加专项工作组的领导体系，成立由市长担任组长的数字经济强市建设领导小组，" * 2


def test_page_markers_that_cut_sentences_are_joined() -> None:
    text = (f"1、规划为深入实施数字经济一号工程，{LONG}坚持政策\n2、支持，建立帮扶机制，{LONG}增速接近同期GDP和\n"
            f"3、规上工业增速的2倍；{LONG}覆盖了嘉兴市区、县\n4、(市)主城区的5G网络全覆盖。\n")
    out = normalise(text)
    assert out == (f"规划为深入实施数字经济一号工程，{LONG}坚持政策支持，建立帮扶机制，{LONG}增速接近同期GDP和"
                   f"规上工业增速的2倍；{LONG}覆盖了嘉兴市区、县(市)主城区的5G网络全覆盖。\n")


def test_a_real_numbered_list_is_kept() -> None:
    text = "主要任务\n1、推进产业链提升\n2、推进百个创新平台建设\n3、实施数字化改造。\n4、加强人才培养。\n"
    assert normalise(text) == text


def test_inline_markup_splits_are_rejoined() -> None:
    text = ("持续改善空气质量，以PM\n2.5\n浓度持续下降为主线，推动协同减排。\n"
            "7.“双向揭榜挂帅”：企业找技术、成果找市场“双向\n揭榜\n挂帅”的简称，由技术供给方带团队\n揭榜\n；由需求方带资金\n揭榜\n。\n"
            "各位代表\n！\n")
    assert normalise(text) == ("持续改善空气质量，以PM2.5浓度持续下降为主线，推动协同减排。\n"
                               "7.“双向揭榜挂帅”：企业找技术、成果找市场“双向揭榜挂帅”的简称，由技术供给方带团队揭榜；由需求方带资金揭榜。\n"
                               "各位代表！\n")


def test_short_headings_are_not_joined() -> None:
    text = "培育新动能推进数字产业发展壮大\n主要目标\n名词解释\n附件1\n2.5\n推进产业链提升。组织实施提升行动。\n"
    assert normalise(text) == text


# --- 7. Spaces, lines, idempotence -------------------------------------------------------------------


def test_spaces_tabs_and_empty_lines() -> None:
    assert normalise("  指标 \t\t 2024年\t  2027年  \n\n\n  基站  数量 \t5\t \n") == "指标\t2024年\t2027年\n基站 数量\t5\n"
    assert normalise("") == ""
    assert normalise(" \n\t\n") == ""
    assert normalise("一行") == "一行\n"


TRICKY = st.sampled_from([
    *"中国数字經濟發展。，、；：！？…“”()（）《》 \t\n\u3000?•·-*+12、.5PMaā来源：编辑打印大小字号【】>|©",
    "(shù)", "(men)", "1、", "2、", "PM\n2.5\n", "\n。\n", "相关报道：\n", "来源：\n", "【字号：\n大\n", "责任编辑：\n",
    "中" * 60, "数字经济核心产业增加值增长13%" * 4, "\n? ", "\n揭榜\n；", "“", "本作品是\n",
])


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(TRICKY, max_size=200).map("".join))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == "" or (once.endswith("\n") and not once.endswith("\n\n"))
    assert "\r" not in once and "  " not in once


def test_a_huge_line_is_normalised_without_hanging() -> None:
    """A 10-million-character line comes back intact (speed itself is measured in benchmarks/)."""
    out = normalise("数(shù)字((" + "经" * 10_000_000 + "**[(" * 1000)
    assert out.startswith("数字((经经")
    assert out.count("经") == 10_000_000


# --- the real corpus -------------------------------------------------------------------------------


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".docx"))


def test_every_corpus_file_normalises_idempotently(corpus: Path) -> None:
    for path in corpus_files(corpus):
        text = normalise(read_raw(path).text)
        assert len(text) > 1000, path
        assert normalise(text) == text, path
        for chrome in ("打印本页", "返回首页", "责任编辑", "【字号", "Public domain", "版权所有"):
            assert chrome not in text, (path, chrome)
        assert not re.search(r"^(?:下载|打印|收藏|全屏|相关报道：|来源[:：].{0,12})$", text, re.MULTILINE), path


def test_hangzhou_seed_is_simplified_without_pinyin(corpus: Path) -> None:
    text = normalise(read_raw(corpus / "seeds" / "hangzhou_2018_action_plan_news.txt").text)
    assert text.startswith("杭州直取“数字经济第一城”:2022年总量欲达1.2万亿\n")
    assert "数字经济总量达1.2万亿元以上" in text
    assert "组建创新人才团队40个以上" in text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
    assert not re.search("[數經濟萬億個]", text)
    assert "021-962866" not in text and "公网安备" not in text and "+1" not in text


def test_jiaxing_seed_has_no_page_markers_cutting_sentences(corpus: Path) -> None:
    text = normalise(read_raw(corpus / "seeds" / "jiaxing_14th_fyp_digital_economy.txt").text)
    lines = text.split("\n")
    for prev, line in zip(lines, lines[1:], strict=False):
        if re.match(r"\d+、", line):
            assert prev.endswith(("。", "；", "！", "？", "：", "…", "”")), line[:40]
    assert "坚持政策支持,建立“产业资金+产业基金+人才政策”帮扶机制" in text
    assert "由会员分享" not in text
    assert text.startswith("嘉兴市数字经济发展“十四五”规划为深入实施")


def test_sichuan_2026_ends_with_its_glossary(corpus: Path) -> None:
    text = normalise(read_raw(corpus / "real" / "gwr_2026_sichuan.txt").text)
    assert text.rstrip("\n").split("\n")[-1].startswith("20.“一件事”全链条专项整治")
    assert text.count("各位代表：现在，我代表省人民政府") == 0
    assert text.count("2026年四川省人民政府工作报告") == 1
    assert "关闭窗口" not in text and "李莎莎" not in text and "c3064029" not in text


def test_national_reports_end_with_the_closing_paragraph(corpus: Path) -> None:
    for year in (2022, 2023, 2024, 2025):
        text = normalise(read_raw(corpus / "real" / f"gwr_{year}_national.txt").text)
        assert text.endswith("！\n"), year
        assert "本作品" not in text and "公有领域" not in text and "\nfalse" not in text


def test_pm25_and_zhejiang_front_matter(corpus: Path) -> None:
    text = normalise(read_raw(corpus / "real" / "gwr_2022_national.txt").text)
    assert "细颗粒物(PM2.5)平均浓度下降9.1%" in text
    text = normalise(read_raw(corpus / "seeds" / "zhejiang_2022_work_conference.txt").text)
    assert text.endswith("新增省级服务型制造示范企业(平台)60个、省级工业设计中心50家。\n")
    assert "layout" not in text and "文章来源" not in text


def test_zhejiang_2020_bullets_become_plain_targets(corpus: Path) -> None:
    text = normalise(read_raw(corpus / "seeds" / "zhejiang_2020_work_points.txt").text)
    assert "\n全省数字经济核心产业增加值增长13%,力争15%,营业收入突破2万亿元" in text
    assert "\n建成5G基站5万个,新型基础设施建设持续走在全国前列。\n" in text
    assert "(以下简称“工作要点”)" in text
