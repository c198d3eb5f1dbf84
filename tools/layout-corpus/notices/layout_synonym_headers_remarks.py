from common import *

ROWS = [("石川県", "輪島市", ""), ("石川県", "珠洲市", ""), ("石川県", "鳳珠郡能登町", ""),
        ("石川県", "野々市市", "※1月10日追加"), ("石川県", "能美郡川北町", "※1月10日追加"),
        ("富山県", "氷見市", "")]

NOTICE = dict(
    id="layout-synonym-headers-remarks",
    layout="""A 4-column table whose header uses synonyms, `都道府県 | 対象となる市町村 | アクティブ化の期間 | 備考`;
the 備考 column holds notes such as `※1月10日追加` that are neither places nor periods.""",
    producers=["docx", "html", "typst", "chromium", "wkhtmltopdf"],
    text_table="box",
    blocks=jimu_head("令和6年1月11日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について（その６）") + [
        P(FW + "令和6年能登半島地震に関し、現時点で" + FUNCTION + "をアクティブ化する医療機関・薬局の範囲・期間は"
          "下記のとおりですので、対象地域の医療機関・薬局への周知をお願いいたします。"),
    ] + ki() + [
        Table([["都道府県", "対象となる市町村", "アクティブ化の期間", "備考"]] +
              [[p, m, "令和6年1月14日まで", note] for p, m, note in ROWS],
              widths=[1, 1.6, 1.8, 1.3], header_rows=1),
    ] + ijo(),
    facts=dict(
        about="Illustrative consolidated activation list for the Noto earthquake with synonym headers and a 備考 "
              "column; places from the facts files, the table and dates illustrative.",
        kind=("activation", "illustrative"),
        issued_on=("2024-01-11", "illustrative"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[(p, [m], "2024-01-14", None, None, "illustrative") for p, m, _ in ROWS],
    ),
    real="the disaster and the places (all named in the Noto facts files); the end 令和6年1月14日 of the extension.",
    illustrative="the notice itself (date, sequel number (その６), the table), and the 1月10日 additions.",
    notes="Trap: `※1月10日追加` in 備考 is a remark, not a place, a period or an amendment of this notice.",
)
