from common import *

ISHIKAWA = ["七尾市", "輪島市", "珠洲市", "羽咋郡志賀町", "鳳珠郡穴水町", "鳳珠郡能登町"]
TOYAMA = ["氷見市", "高岡市"]

NOTICE = dict(
    id="layout-header-row-range-period",
    layout="""A table with a header row `範囲 | 期間` and one data row per prefecture (石川県, 富山県);
both rows give the same end date. Activation after the 令和6年能登半島地震, issued on the day of the quake.""",
    producers=["docx", "html", "typst", "chromium", "wkhtmltopdf"],
    text_table="tab",
    blocks=jimu_head("令和6年1月1日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(FW + "令和6年能登半島地震に関し、下記の範囲・期間において" + FUNCTION
          + "をアクティブ化しますので、対象地域の医療機関・薬局への周知をお願いいたします。"),
    ] + ki() + [
        P("○" + FUNCTION + "のアクティブ化対象範囲・期間"),
        Blank(),
        Table([["範囲", "期間"],
               ["【石川県】" + "、".join(ISHIKAWA), "令和6年1月7日まで"],
               ["【富山県】" + "、".join(TOYAMA), "令和6年1月7日まで"]],
              widths=[3, 1.3], header_rows=1),
    ] + ijo(),
    facts=dict(
        about="Reconstructed activation notice for the 2024 Noto earthquake in a header-row table; "
              "disaster, date and end 2024-01-07 from facts/2024-01-01_noto-earthquake_activation.json, "
              "the municipality selection illustrative.",
        kind=("activation", "real"),
        issued_on=("2024-01-01", "real"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("石川県", ISHIKAWA, "2024-01-07", None, None, "illustrative"),
                     ("富山県", TOYAMA, "2024-01-07", None, None, "illustrative")],
    ),
    real="the disaster (令和6年能登半島地震), the issue date 令和6年1月1日, the issuers (保険局医療介護連携政策課, "
         "医薬局総務課), the end 令和6年1月7日 (`7日まで`), and that 石川県 and 富山県 were in the range "
         "(facts/2024-01-01_noto-earthquake_activation.json).",
    illustrative="which municipalities are listed (the facts give only `4県47市町村`; these are municipalities "
                 "of the 救助法 area named elsewhere in the facts), the table shape and the body wording.",
)
