"""The canonical text every later stage quotes from: clean Unicode, simplified script, no web chrome."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from compare.lexicon import YEAR

# --- 1. Unicode ---------------------------------------------------------------------------------

_KEEP_FULLWIDTH = {0xFF0C, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F}  # ，：；！？ stay Chinese punctuation


def _unicode_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {
        cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F) if cp not in _KEEP_FULLWIDTH
    }
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x00AD, 0x180E):
        table[cp] = None  # zero-width characters, soft hyphen, BOM
    for cp in (0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[cp] = " "
    for cp in (0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029):
        table[cp] = "\n"
    for cp in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F):
        table[cp] = None  # other control characters
    return table


_TABLE = _unicode_table()
_NEEDS_TABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]+")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean_unicode(text: str) -> str:
    # lone UTF-16 halves (a PDF's ToUnicode map can yield them): no writer takes them
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _NEEDS_TABLE.sub(lambda m: m.group(0).translate(_TABLE), text)


# --- 2. Pinyin annotations ----------------------------------------------------------------------

_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYL = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüvê{_TONED}]{{1,4}}(?:ng|n|r)?"
_TONED_BODY = rf"(?=[a-zü{_TONED}]{{0,6}}[{_TONED}]){_SYL}[)）]"
# each pattern starts with the bracket so the scanner can skip ahead; the lookbehind then checks the Han
_PINYIN_TONED = re.compile(rf"[(（](?<={_HAN}[(（]){_TONED_BODY}(?:[(（]{_TONED_BODY})*")
_PINYIN_ANY = re.compile(rf"[(（](?<={_HAN}[(（]){_SYL}[)）](?:[(（]{_SYL}[)）])*")
# in an annotated text, a toned note after a garbled character
_PINYIN_LOOSE = re.compile(rf"[(（]{_TONED_BODY}")
# a lost character and its "(" became "?" in some scrapes: 日?qǐng)?bào)
_PINYIN_BROKEN = re.compile(rf"\?{_TONED_BODY}")


def strip_pinyin(text: str, min_hits: int = 3) -> str:
    """Remove pinyin notes after Han characters: toned always, toneless when ≥ min_hits toned ones."""
    text = unicodedata.normalize("NFC", text)
    hits = 0

    def drop(m: re.Match[str]) -> str:
        nonlocal hits
        hits += max(1, m.group(0).count("(") + m.group(0).count("（"))
        return ""

    text = _PINYIN_TONED.sub(drop, text)
    text = _PINYIN_BROKEN.sub(lambda m: "?" + drop(m), text)
    if hits >= min_hits:
        text = _PINYIN_LOOSE.sub("", _PINYIN_ANY.sub("", text))
    return text


# --- 3. Traditional to simplified ---------------------------------------------------------------

_HAN_RE = re.compile(_HAN)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert a text written in traditional script to simplified; leave any other text exactly as it is."""
    # OpenCC t2s also rewrites names inside simplified text (乾县 → 干县, 昇腾 → 升腾, 濛溪河 → 蒙溪河),
    # so only a text where ≥ 15 % of the Han characters are traditional-only is converted.
    han = {c for c in set(text[:200_000]) if _HAN_RE.match(c)}
    if not han:
        return text
    chars = sorted(han)
    converted = _t2s().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return text
    changed = [c for c, s in zip(chars, converted, strict=True) if c != s]
    if not changed:
        return text
    changing = re.compile("[" + "".join(re.escape(c) for c in changed) + "]")
    sample = text[:200_000]
    n_changed = len(changing.findall(sample))
    if n_changed < 0.02 * len(sample):  # cannot be a traditional text; skips counting Han characters
        return text
    if n_changed < 0.15 * len(_HAN_RE.findall(sample)):  # traditional text: 35-40 % of Han characters change
        return text
    return _t2s().convert(text)


# --- 4. Web-page chrome -------------------------------------------------------------------------

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CHROME_WORDS = _words("""
下载 打印 全屏 收藏 分享 分享到 分享至 打印本页 打印此页 打印文章 打印正文
关闭 关闭窗口 关闭本页 返回 返回首页
返回顶部 返回列表 返回上一页 相关报道 相关链接 相关阅读 相关新闻 相关文章 相关附件 相关稿件 扫一扫
扫一扫在手机打开当前页 扫一扫在手机上查看当前页面 手机扫一扫 字号 字体 上一篇 下一篇 责任编辑 编辑 来源 作者
我要纠错 纠错 复制链接 微信 微博 朋友圈 QQ空间 网站地图 联系我们 无障碍 首页 当前位置 您的位置 你的位置
您现在的位置 相关文档 相关专题 × ✕ false true null undefined Publicdomain
""")
_WEAK_WORDS = _words("大 中 小 加大 还原 减小 默认 标准 超大")
_LABEL_WORDS = _words("来源 作者 编辑 责任编辑 时间 日期 发布时间 发表时间 发布日期 更新时间")
_TAIL_WORDS = _words("""
责任编辑 相关报道 相关链接 相关阅读 相关新闻 相关文章 相关附件 相关稿件 打印本页 打印此页 关闭窗口 关闭本页
返回首页 返回顶部 扫一扫在手机打开当前页 扫一扫在手机上查看当前页面 上一篇 下一篇 相关文档 相关专题
""")
_EDGE = "【】[]〖〗『』「」()<>《》»›:：|>-—_·•"
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_TIME = r"\d{1,2}\s*(?::\s*\d{2}(?:\s*:\s*\d{2})?|时\s*\d{1,2}\s*分(?:\s*\d{1,2}\s*秒)?)"

_SHORT_RULES = re.compile("|".join([
    r"^[(（]?(?:文章|稿件|信息|新闻|消息)?来源\s*[:：].{0,40}$",
    r"^[(（]?(?:责任编辑|编辑|责编|校对|审核|审校|初审|复审|终审|主编|作者|撰稿|记者|通讯员|摄影)\s*[:：]",
    r"^(?:发布|更新|发表|上传)(?:时间|日期)\s*[:：]",
    rf"^(?:时间|日期)\s*[:：]\s*{_DATE}(?:\s*{_TIME})?$",
    rf"^{_DATE}\s*{_TIME}$",
    rf"^\?\s*{YEAR}\s*[-–—~]\s*{YEAR}(?!\s*年)\s+\S",
    r"icp\s*[备证]|公网安备|网安备|[\u4e00-\u9fff]\s*b2\s*-\s*\d{5,}|备案号|许可证\s*[:：号]?\s*[a-z\u4e00-\u9fff]{0,3}\d{5,}",
    r"^(?:报料|投稿|新闻|联系|服务|举报|监督)?(?:热线|邮箱|电话|传真|e-?mail|信箱)"
    r"\s*[:：]\s*[\w.@+\-()/、,， ]{3,60}$",
    r"^[+]\d{1,5}$",
    r"(?:记者|摄影|通讯员)\s*[\u4e00-\u9fff·]{1,4}(?:\s[\u4e00-\u9fff]{1,3})?\s*摄\s*\)?$",
    r"(?:下载|尽在|关注|打开).{0,20}(?:app|客户端)$",
    r"^(?:分享到|分享至).{0,10}$|^[《》<>]*点击.{0,12}(?:进入|查看|浏览|打开).{0,12}$",
    r"^[0-9a-f]{16,64}\s*[:：]?$",
    r"^(?:当前位置|您的位置|你的位置|您现在的位置)\s*[:：]",
    r"^首页\s*[>»›]",
]))  # matched against the lower-cased line: no IGNORECASE, which is slow to compile for CJK
_COPYRIGHT = re.compile(r"版权所有(?![人者权])|copyright|©|all rights reserved|public domain")
_FONT_LINE = re.compile(r"^字[号体][:：]?(?:大|中|小|加大|还原|减小|默认|标准|超大|[|/】\]])*$")
_LONG_RULES = re.compile(r"由会员分享|请在.{0,30}上搜索|^<?(?:(?:https?|ftp):)?//[^\s<>]+>?$|^www\.[^\s<>]+$")
_CRUMB_SEPARATORS = frozenset({">", ">>", "»", "›", "/"})
_SENTENCE_PUNCT = re.compile(r"[。，；！？、,;!?]")
_COUNTER = re.compile(r"^(?:阅读量|阅读数|阅读|浏览量|浏览次数|浏览|点击数|点击量|点击|访问量)"
                      r"\s*[:：]\s*\d{0,12}\s*(?:次)?$")
_NAV_SPLIT = re.compile(r"[|/·•>»›\s]+")
_HEX_ID = re.compile(r"^[0-9a-f]{16,64}\s*[:：]?$")
_LICENCE_START = re.compile(r"^本作品(?:是|在|采用|以|来自|收录)")
_LICENCE_WORDS = re.compile(r"公有领域|public domain|许可协议|著作权|版权")


def _key(line: str) -> str:
    """A short line without spaces and edge brackets, for word lookups ('' for long lines)."""
    if len(line) > 60:
        return "\x00"
    return "".join(line.split()).strip(_EDGE)


def _is_chrome(line: str) -> bool:
    key = _key(line)
    if not key:
        return True  # only brackets, bars and dashes: 】 or >
    if len(line) <= 40 and key in _CHROME_WORDS:
        return True
    low = line.lower() if len(line) <= 400 else line
    if len(line) <= 80 and _COPYRIGHT.search(low) and not _SENTENCE_PUNCT.search(line.replace("、", "")):
        return True  # a footer line, not a sentence about copyright
    if len(line) <= 80 and _SHORT_RULES.search(low):
        return not _HEX_ID.match(low) or (any(c.isdigit() for c in low) and any(c.isalpha() for c in low))
    if len(line) <= 400 and _LONG_RULES.search(low):
        return True
    if len(line) <= 60 and ("|" in line or "返回" in line):
        parts = [p.strip(_EDGE) for p in _NAV_SPLIT.split(line) if p.strip(_EDGE)]
        return bool(parts) and all(p in _CHROME_WORDS or (p.startswith("返回") and len(p) <= 12)
                                   for p in parts)
    return False


def _is_tail_marker(line: str) -> bool:
    if _LICENCE_START.match(line):
        return len(line) <= 20 or bool(_LICENCE_WORDS.search(line.lower()))
    if len(line) > 60:
        return False
    key = _key(line)
    if key in _TAIL_WORDS or key.startswith("责任编辑"):
        return True
    return bool(_COPYRIGHT.search(line.lower())) and not _SENTENCE_PUNCT.search(line.replace("、", ""))


def _cut_tail(lines: list[str]) -> list[str]:
    """Drop everything from a trailing-chrome line (责任编辑, 打印本页, licence) near the end."""
    before = [0]
    for ln in lines:
        before.append(before[-1] + len(ln))
    end = len(lines)
    end_chars = before[-1]
    for i in range(len(lines) - 1, -1, -1):
        if i >= end or not _is_tail_marker(lines[i]):
            continue
        after = end_chars - before[i + 1]
        if after <= min(3000, 0.25 * before[i]):
            end, end_chars = i, before[i]
    return lines[:end]


def _breadcrumbs(lines: list[str]) -> set[int]:
    """Indexes of a breadcrumb trail split one item per line: 首页 / > / 政务信息 / > / 要闻."""
    drop: set[int] = set()
    for i, ln in enumerate(lines):
        if ln in _CRUMB_SEPARATORS:
            drop.add(i)
            for j in (i - 1, i + 1):
                if 0 <= j < len(lines) and len(lines[j]) <= 20 and not _SENTENCE_PUNCT.search(lines[j]):
                    drop.add(j)
    return drop


def _drop_chrome(lines: list[str]) -> list[str]:
    out: list[str] = []
    crumbs = _breadcrumbs(lines)
    font_window = 0
    label_pending = False
    for i, ln in enumerate(lines):
        key = _key(ln)
        if label_pending:
            label_pending = False
            if len(ln) <= 20 and not _SENTENCE_PUNCT.search(ln):
                continue  # the value of an empty "来源：" label on its own line
        if i in crumbs:
            continue
        if _FONT_LINE.match(key):
            font_window = 6
            continue
        if font_window:
            font_window -= 1
            if key in _WEAK_WORDS:
                continue
        if key in _LABEL_WORDS and len(ln) <= 12:
            label_pending = True
            continue
        if _COUNTER.match(ln):
            continue
        if _is_chrome(ln):
            continue
        out.append(ln)
    return out


# --- 5. Lost bullets ----------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[?？]\s+|[•·▪●◆■▸►‣⁃∙◦○◇□➢➤✓✔]\s*|[-*]\s+)")

# --- 6. Broken lines ----------------------------------------------------------------------------

_FINAL = tuple("。；！？：…”’」』!?;:")
_PAGE_MARK = re.compile(r"^\d{1,3}、")
_LIST_START = re.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、]|[(（]\d{1,3}[)）]|\d{1,3}[.、)]|"
                         r"第[一二三四五六七八九十百]{1,4}[章节条部]|——)")
_PUNCT_ONLY = re.compile(r"^[\s。，、；：！？…,.;:!?)）」』”’》〉]+$")
_CLOSERS = tuple("。，、；：！？…,.;:!?)）」』”’》〉")
_SUBSCRIPT = re.compile(r"^\d{1,3}(?:\.\d{1,2})?$")
_OPENERS = (("“", "”"), ("(", ")"), ("《", "》"), ("「", "」"), ("『", "』"))
_BRACKETS = re.compile("[" + re.escape("".join(o + c for o, c in _OPENERS)) + "]")
_INNER_PUNCT = re.compile(r"[。，、；：！？\s]")


class _Joiner:
    """Lines being built: extending the last line costs the piece's length, never the line's."""

    def __init__(self, track_brackets: bool = False) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.length = 0
        self.track = track_brackets
        self.open = [0] * len(_OPENERS)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def start(self, line: str) -> None:
        """Finish the line being built and begin a new one with `line`."""
        self._flush()
        self.parts, self.length, self.open = [], 0, [0] * len(_OPENERS)
        self.extend(line)

    def extend(self, piece: str) -> None:
        """Add `piece` to the line being built."""
        if not piece:
            return
        self.parts.append(piece)
        self.length += len(piece)
        if self.track and _BRACKETS.search(piece):
            for k, (o, c) in enumerate(_OPENERS):
                self.open[k] += piece.count(o) - piece.count(c)

    def ends(self, suffixes: tuple[str, ...]) -> bool:
        """True when the line being built ends with one of `suffixes`."""
        return bool(self.parts) and self.parts[-1].endswith(suffixes)

    def last_char(self) -> str:
        """The last character of the line being built ("" when none)."""
        return self.parts[-1][-1:] if self.parts else ""

    def unclosed(self) -> bool:
        """True when the line being built has a bracket or quote still open."""
        return any(n > 0 for n in self.open)

    def _flush(self) -> None:
        if self.parts:
            self.lines.append("".join(self.parts))

    def result(self) -> list[str]:
        """All the lines, the last one finished."""
        self._flush()
        self.parts = []
        return self.lines


def _join_page_markers(lines: list[str]) -> list[str]:
    """Join `N、` page markers that cut a sentence (…坚持政策 / 2、支持…) and drop the marker."""
    out = _Joiner()
    joined = 0
    for ln in lines:
        m = _PAGE_MARK.match(ln)
        if m and out and out.length >= 100 and not out.ends(_FINAL):
            out.extend(ln[m.end():])
            joined += 1
        else:
            out.start(ln)
    result = out.result()
    if joined >= 3:  # a page-marked text: the markers on long lines are page numbers too
        result = [ln[m.end():] if (m := _PAGE_MARK.match(ln)) and len(ln) >= 200 else ln for ln in result]
    return result


def _join_fragments(lines: list[str]) -> list[str]:
    """Re-join lines a scraper split at inline markup: PM / 2.5 / 浓度, “双向 / 揭榜 / ；, lone 。"""
    out = _Joiner(track_brackets=True)
    glue = 0  # > 0: the next line continues the last one (counts down so a stray quote cannot run on)
    for ln in _join_short_before_closer(lines):
        if out and (_PUNCT_ONLY.match(ln) or (glue and not _LIST_START.match(ln))):
            out.extend(ln)
            glue -= 1
        elif (out and _SUBSCRIPT.match(ln) and out.last_char().isascii() and out.last_char().isalpha()
              and not out.ends(_FINAL)):
            out.extend(ln)  # PM / 2.5: a subscript lost its line
            glue = 1
            continue
        else:
            out.start(ln)
            glue = 3
        if glue <= 0 or out.ends(_FINAL) or not out.unclosed() or out.length < 10:
            glue = 0
    return out.result()


def _join_short_before_closer(lines: list[str]) -> list[str]:
    out = _Joiner()
    i = 0
    while i < len(lines):
        ln = lines[i]
        if (out and i + 1 < len(lines) and len(ln) <= 8 and out.length >= 15 and not out.ends(_FINAL)
                and not _INNER_PUNCT.search(ln) and lines[i + 1].startswith(_CLOSERS)
                and not _LIST_START.match(ln)):
            out.extend(ln)
            out.extend(lines[i + 1])
            i += 2
            continue
        out.start(ln)
        i += 1
    return out.result()


# --- 7. Spaces and lines ------------------------------------------------------------------------

_TAB_RUN = re.compile(r" *\t[ \t]*")
_SPACE_RUN = re.compile(r" {2,}")


def _tidy(line: str) -> str:
    if "\t" in line:
        line = _TAB_RUN.sub("\t", line)
    if "  " in line:
        line = _SPACE_RUN.sub(" ", line)
    return line.strip(" \t")


def _lines_once(text: str) -> str:
    lines = [t for t in (_tidy(ln) for ln in text.split("\n")) if t]
    lines = _cut_tail(lines)
    out: list[str] = []
    for ln in _drop_chrome(lines):
        stripped = ln
        m = _BULLET.match(ln)
        if m:
            stripped = _tidy(ln[m.end():])
            if not stripped or _is_chrome(stripped):
                continue
        out.append(stripped)
    out = _join_fragments(_join_page_markers(out))
    return "\n".join(out) + "\n" if out else ""


def _once(text: str) -> str:
    return _lines_once(to_simplified(strip_pinyin(_clean_unicode(text))))


def normalise(text: str) -> str:
    """The canonical text: pure, deterministic and idempotent (normalise(normalise(x)) == normalise(x))."""
    for _ in range(5):  # every step is run to a fixed point, so later steps cannot re-enable earlier ones
        new = _once(text)
        if new == text:
            break
        text = new
    return text
