"""Document model shared by the notice descriptions (notices/*.py) and generate.py.

A notice is a list of blocks:

- P(text, align="left"|"center"|"right", indent=0)   one paragraph; `indent` is in
  full-width characters (written as U+3000 in source.txt, as a left margin elsewhere)
- Table(rows, widths, ...)                              a ruled table; a cell is a string
  or C(text, rs=, cs=, valign=); positions covered by a merged cell are omitted, as in HTML
- Blank()                                               an empty line
- PageBreak()

Cell and paragraph text may contain "\n" for a hard line break.
"""

from dataclasses import dataclass, field


@dataclass
class P:
    text: str
    align: str = "left"
    indent: int = 0
    only: tuple = None  # producers ("txt", "docx", "html", "reportlab", "typst") that render it; None: all


@dataclass
class Blank:
    only: tuple = None


@dataclass
class PageBreak:
    only: tuple = None


@dataclass
class C:
    text: str
    rs: int = 1
    cs: int = 1
    valign: str = None  # None: the table's default


@dataclass
class Table:
    rows: list
    widths: list  # relative column widths (any unit; scaled to the text width)
    valign: str = "top"  # "top" | "center"
    header_rows: int = 0  # header rows are centred
    txt_widths: list = None  # box-drawing column widths in display columns
    width_frac: float = 1.0  # share of the text width the table takes
    only: tuple = None

    def grid(self):
        """(cells, n_rows, n_cols): cells as (row, col, C) with merges resolved."""
        occupied = {}
        cells = []
        for r, row in enumerate(self.rows):
            c = 0
            for item in row:
                cell = item if isinstance(item, C) else C(item)
                while (r, c) in occupied:
                    c += 1
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        occupied[(r + dr, c + dc)] = len(cells)
                cells.append((r, c, cell))
                c += cell.cs
        n_rows = max(r for r, _ in occupied) + 1
        n_cols = max(c for _, c in occupied) + 1
        return cells, n_rows, n_cols, occupied


# ---------------------------------------------------------------------------
# Genre helpers

FW = "\u3000"

PAYERS = ["社会保険診療報酬支払基金", "国民健康保険中央会"]
ISSUERS_2024 = ["厚生労働省保険局医療介護連携政策課", "厚生労働省医薬局総務課"]
ISSUERS_2025 = ["厚生労働省保険局医療介護連携政策課", "厚生労働省医薬局総務課", "厚生労働省社会・援護局保護課"]

FUNCTION = "「緊急時医療情報・資格確認機能」"
BASE_TITLE = "オンライン資格確認等システムにおける" + FUNCTION + "をアクティブ化する医療機関・薬局の範囲・期間について"
REF_2023 = ("「オンライン資格確認等システムにおける『緊急時医療情報・資格確認機能』をアクティブ化する"
            "医療機関・薬局の範囲・期間について」（令和5年1月26日付事務連絡）")

STD_PARA_RULES = (FW + "「オンライン資格確認等システム利用規約」第21条第2項及び「電子処方箋管理サービス利用規約」"
                  "第21条第2項に基づく災害発生時における保険資格情報・医療情報の閲覧機能のアクティブ化範囲等については、"
                  + REF_2023 + "にてお示ししたところ、この具体的な適用範囲・期間について、下記のとおり対応をお願いいたします。")
STD_PARA_NOTICE = FW + "今般の措置について、対象地域の医療機関・薬局に周知いただきますようお願いいたします。"
STD_PARA_USE = (FW + FUNCTION + "のアクティブ化に当たっては、対象の医療機関・薬局に対して、"
                "患者への医療サービスを提供する以外の目的での利用は認められないことについて十分な周知徹底をお願いします。")


def jimu_head(date, issuers, addressees=PAYERS, spaced=False):
    """事務連絡 head: document type and date on the right, addressees, issuers."""
    kind = "事　務　連　絡" if spaced else "事務連絡"
    blocks = [P(kind, "right"), P(date, "right"), Blank()]
    for i, a in enumerate(addressees):
        blocks.append(P(a + ("　御中" if i == len(addressees) - 1 else ""), indent=0))
    blocks.append(Blank())
    for s in issuers:
        blocks.append(P(s, "right"))
    blocks.append(Blank())
    return blocks


def title(*lines):
    return [P(l, "center") for l in lines] + [Blank()]


def ki():
    return [Blank(), P("記", "center"), Blank()]


def ijo():
    return [Blank(), P("以上", "right")]
