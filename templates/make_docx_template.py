"""Generate templates/brief.docx, the Word base the DOCX brief is filled into.

Run once after changing it:  python templates/make_docx_template.py [OUT.docx]

What the template holds (restyle it in Word or LibreOffice and keep the style names):
  page size A4 portrait and margins; fonts (Latin and East Asian) on every style; "Title",
  "Heading 1"/"Heading 2", "Normal", "List Number", "List Bullet", "Header", "Footer",
  "Table Grid" and four styles of our own: "Brief Table Text", "Brief Table Header" (paragraph
  styles for table cells), "Brief Note" (captions and notes) and "Brief Detail" (a character style
  for the small grey second line in cells). A letterhead or logo put in the page header stays: the
  brief adds its running header line after whatever the header already holds. Any body text in the
  template stays in front of the brief.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if (HERE.parent / "compare" / "render").is_dir():  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))


def make(out: Path) -> None:
    """Build the template and save it to out."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt, RGBColor

    from compare.render.docx import _fix_zip, east_asian

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(22), Mm(20)
    sec.left_margin, sec.right_margin = Mm(20), Mm(20)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)

    st = doc.styles
    navy, grey = RGBColor(0x1F, 0x3B, 0x5C), RGBColor(0x55, 0x55, 0x55)
    st["Normal"].font.size = Pt(10.5)
    st["Normal"].paragraph_format.space_after = Pt(4)
    st["Normal"].paragraph_format.line_spacing = 1.25
    st["Title"].font.size = Pt(20)
    st["Title"].font.color.rgb = navy
    for name, size in (("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11)):
        st[name].font.size = Pt(size)
        st[name].font.color.rgb = navy
        st[name].paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        st[name].paragraph_format.space_after = Pt(4)
    for name in ("Header", "Footer"):
        st[name].font.size = Pt(8)
        st[name].font.color.rgb = grey

    def para_style(name: str, size: float, color: RGBColor | None = None, bold: bool = False) -> None:
        s = st.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        s.base_style = st["Normal"]
        s.font.size = Pt(size)
        s.font.bold = bold
        if color is not None:
            s.font.color.rgb = color
        s.paragraph_format.space_after = Pt(0)
        s.paragraph_format.space_before = Pt(0)
        s.paragraph_format.line_spacing = 1.1
        s.quick_style = True

    para_style("Brief Table Text", 8)
    para_style("Brief Table Header", 8, bold=True)
    para_style("Brief Note", 8.5, grey)
    st["Brief Note"].paragraph_format.space_after = Pt(6)
    detail = st.add_style("Brief Detail", WD_STYLE_TYPE.CHARACTER)
    detail.font.size = Pt(7)
    detail.font.color.rgb = grey
    detail.quick_style = True

    east_asian(doc, overwrite=True)
    cp = doc.core_properties
    cp.author, cp.title = "compare", "compare brief template"
    cp.comments = "restyle freely; keep the style names"
    doc.save(str(out))
    _fix_zip(out, dt.datetime(2024, 1, 1))  # same bytes every time: no churn in git


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "brief.docx")
