from common import *

AOMORI = ["青森市", "弘前市", "黒石市", "五所川原市", "平川市", "南津軽郡藤崎町", "南津軽郡大鰐町",
          "南津軽郡田舎館村", "北津軽郡板柳町", "北津軽郡鶴田町"]

NOTICE = dict(
    id="layout-numbered-municipality-table",
    layout="""A table `番号 | 都道府県名 | 市区町村名` with one municipality per numbered row; the period is
not in the table but in a line under it (`期間：令和7年1月13日まで`).""",
    producers=["html", "reportlab", "typst", "chromium", "wkhtmltopdf"],
    reportlab=dict(order="rows", rules="rects"),
    text_table="box",
    blocks=jimu_head("令和7年1月7日", ISSUERS_2025) + title(
        "令和6年12月28日からの大雪にかかる",
        "オンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」を",
        "アクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(STD_PARA_USE),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("１　範囲"),
        Blank(),
        Table([["番号", "都道府県名", "市区町村名"]] +
              [[str(i), "青森県", m] for i, m in enumerate(AOMORI, 1)],
              widths=[0.7, 1.5, 2.6], header_rows=1, width_frac=0.75),
        Blank(),
        P("２　期間"),
        P("期間：令和7年1月13日まで（災害救助法の適用第一報から一週間）", indent=1),
    ] + ijo(),
    facts=dict(
        about="Reconstruction of the 2025-01-07 Aomori heavy-snow activation (seed notice) with the range as a "
              "numbered municipality table and the period in a line outside it.",
        kind=("activation", "real"),
        issued_on=("2025-01-07", "real"),
        disaster_began_on=("2024-12-28", "real"),
        activations=[("青森県", AOMORI, "2025-01-13", None, None, "real")],
    ),
    real="everything in the records: the ten municipalities of 青森県, the date, the issuers, the disaster and "
         "the end 令和7年1月13日 (seed notice-2025-01-07-aomori-snow.txt).",
    illustrative="the numbered table, the `期間：` line and the shortened body.",
)
