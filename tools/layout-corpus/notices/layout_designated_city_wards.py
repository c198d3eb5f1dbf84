from common import *

WARDS = ["熊本市中央区", "熊本市東区", "熊本市南区", "熊本市北区"]

NOTICE = dict(
    id="layout-designated-city-wards",
    layout="""A table `都道府県 | 市区町村 | 期間` listing wards of a designated city (熊本市中央区 …) in one
row and a whole prefecture (`全域`) in another.""",
    producers=["html", "reportlab", "typst", "chromium", "wkhtmltopdf"],
    reportlab=dict(order="shuffled", rules="rects"),
    text_table="pipe",
    blocks=jimu_head("令和6年6月29日", ISSUERS_2025) + title(
        "令和6年6月28日からの大雨にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        Table([["都道府県", "市区町村", "期間"],
               ["熊本県", "、".join(WARDS), "令和6年7月5日まで"],
               ["大分県", "全域", "令和6年7月5日まで"]],
              widths=[1, 3, 1.7], header_rows=1),
    ] + ijo(),
    facts=dict(
        about="Illustrative activation with wards of 熊本市 and all of 大分県 (全域); not from the facts.",
        kind=("activation", "illustrative"),
        issued_on=("2024-06-29", "illustrative"),
        disaster_began_on=("2024-06-28", "illustrative"),
        activations=[("熊本県", WARDS, "2024-07-05", None, None, "illustrative"),
                     ("大分県", ["全域"], "2024-07-05", None, None, "illustrative")],
    ),
    real="nothing from the facts files beyond the genre; the wards are real wards of 熊本市 (codes 43101x–43105x).",
    illustrative="the disaster, date, range (four of the five wards, all of 大分県) and the end.",
    notes="The reportlab PDF draws one glyph per drawString call in shuffled order, rules as filled rectangles.",
)
