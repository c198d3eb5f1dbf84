from common import *

NOTICE = dict(
    id="layout-label-table-vcenter",
    layout="""A two-column label table whose label cells (範囲, 期間) are vertically centred in tall value
cells: the label lines up with neither the first nor the last line of its value, and several value lines
(a continuation line of the list, the second line of the period) have nothing to their left, so only their
x position ties them to the value column.""",
    producers=["docx", "html", "reportlab", "chromium", "wkhtmltopdf"],
    text_table="tab",
    blocks=jimu_head("令和6年7月26日", ISSUERS_2025) + title(
        "令和6年7月25日からの大雨にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("○" + FUNCTION + "のアクティブ化対象範囲・期間"),
        Blank(),
        Table([[C("範囲"), "【山形県】酒田市、新庄市、鶴岡市、\n最上郡戸沢村、飽海郡遊佐町\n【秋田県】湯沢市、\n雄勝郡羽後町"],
               [C("期間"), "災害救助法の適用第一報から一週間\n（令和6年8月1日まで）"]],
              widths=[1, 4], valign="center"),
    ] + ijo(),
    facts=dict(
        about="Illustrative activation for the 令和6年7月25日からの大雨 in 山形県 and 秋田県 in a label table with "
              "vertically centred labels; not from the facts.",
        kind=("activation", "illustrative"),
        issued_on=("2024-07-26", "illustrative"),
        disaster_began_on=("2024-07-25", "illustrative"),
        activations=[("山形県", ["酒田市", "新庄市", "鶴岡市", "最上郡戸沢村", "飽海郡遊佐町"], "2024-08-01", None,
                      None, "illustrative"),
                     ("秋田県", ["湯沢市", "雄勝郡羽後町"], "2024-08-01", None, None, "illustrative")],
    ),
    real="nothing from the facts files beyond the genre and the relative-plus-absolute period form; the places "
         "are real municipalities of their prefectures.",
    illustrative="the disaster, date, range and end 令和6年8月1日.",
    notes="The range lines end in `、` and continue without a prefecture header (`最上郡戸沢村、飽海郡遊佐町`, `雄勝郡羽後町`). "
          "With four range lines and two period lines, each centred label sits between two value lines in the PDFs.",
)
