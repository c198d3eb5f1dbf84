from common import *

FUKUOKA = ["久留米市", "朝倉市", "田川郡添田町"]
SAGA = ["佐賀市", "唐津市", "伊万里市"]
OITA = ["中津市", "日田市"]

NOTICE = dict(
    id="layout-three-col-pref-muni-period",
    layout="""A 3-column table with the header `都道府県 | 市町村 | 期間` and one row per prefecture; each
row has its own end date (period layout 6 inside a table).""",
    producers=["docx", "reportlab", "typst", "chromium", "wkhtmltopdf"],
    reportlab=dict(order="columns"),
    text_table="pipe",
    blocks=jimu_head("令和5年7月10日", ["厚生労働省保険局医療介護連携政策課", "厚生労働省医薬・生活衛生局総務課"]) + title(
        "令和5年7月7日からの大雨にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("○" + FUNCTION + "をアクティブ化する範囲・期間"),
        Blank(),
        Table([["都道府県", "市町村", "期間"],
               ["福岡県", "、".join(FUKUOKA), "令和5年7月16日まで"],
               ["佐賀県", "、".join(SAGA), "令和5年7月17日まで"],
               ["大分県", "、".join(OITA), "令和5年7月18日まで"]],
              widths=[1, 2.6, 1.6], header_rows=1),
    ] + ijo(),
    facts=dict(
        about="Illustrative activation notice for the 令和5年7月7日からの大雨 with a prefecture/municipality/period "
              "table whose rows end on different days; the disaster name is from the facts catalogue, the rest illustrative.",
        kind=("activation", "illustrative"),
        issued_on=("2023-07-10", "illustrative"),
        disaster_began_on=("2023-07-07", "real"),
        activations=[("福岡県", FUKUOKA, "2023-07-16", None, None, "illustrative"),
                     ("佐賀県", SAGA, "2023-07-17", None, None, "illustrative"),
                     ("大分県", OITA, "2023-07-18", None, None, "illustrative")],
    ),
    real="the disaster name 令和5年7月7日からの大雨 and the places named with it in the facts catalogue "
         "(facts/README.md: 田川郡添田町, 佐賀市, 唐津市, 伊万里市, 中津市, 日田市); the 2023 issuer name "
         "医薬・生活衛生局総務課.",
    illustrative="the issue date, 久留米市 and 朝倉市, the table and the three end dates.",
)
