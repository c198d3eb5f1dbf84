from common import *

ISHIKAWA = ["輪島市", "珠洲市", "鳳珠郡能登町"]

NOTICE = dict(
    id="layout-attachment-besshi",
    layout="""The body says `範囲：別紙のとおり`; after 以上, on a new page, a heading `（別紙）` is followed by a
table of prefecture / municipality rows.""",
    producers=["docx", "html", "typst", "chromium", "wkhtmltopdf"],
    text_table="box",
    blocks=jimu_head("令和6年9月22日", ISSUERS_2025) + title(
        "令和6年9月20日からの大雨にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("１　範囲：別紙のとおり"),
        P("２　期間：令和6年9月28日まで"),
    ] + ijo() + [
        PageBreak(),
        P("（別紙）", "right"),
        Blank(),
        P("アクティブ化の対象となる市町村", "center"),
        Blank(),
        Table([["都道府県", "市町村"]] + [["石川県", m] for m in ISHIKAWA], widths=[1, 2], header_rows=1,
              width_frac=0.7),
    ],
    facts=dict(
        about="Illustrative activation for the 令和6年9月20日からの大雨 in 石川県 with the range in an attachment "
              "(別紙) table; not from the facts.",
        kind=("activation", "illustrative"),
        issued_on=("2024-09-22", "illustrative"),
        disaster_began_on=("2024-09-20", "illustrative"),
        activations=[("石川県", ISHIKAWA, "2024-09-28", None, None, "illustrative")],
    ),
    real="nothing from the facts files beyond the genre; the municipalities are real municipalities of 石川県.",
    illustrative="the disaster, the date, the range and the end 令和6年9月28日.",
)
