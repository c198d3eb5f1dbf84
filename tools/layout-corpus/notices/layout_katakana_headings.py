from common import *

TOYAMA = ["富山市", "高岡市", "氷見市", "小矢部市", "射水市"]

NOTICE = dict(
    id="layout-katakana-headings",
    layout="""No table: katakana headings `ア　範囲` and `イ　期間`, each followed by an indented line.""",
    producers=["html", "typst", "chromium", "wkhtmltopdf"],
    text_table=None,
    blocks=jimu_head("令和6年1月2日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について（その３）") + [
        P(FW + "令和6年能登半島地震に関し、下記の範囲・期間において" + FUNCTION + "をアクティブ化しますので、"
          "対象地域の医療機関・薬局への周知をお願いいたします。"),
    ] + ki() + [
        P("ア　範囲"),
        P("【富山県】" + "、".join(TOYAMA), indent=1),
        P("イ　期間"),
        P("令和6年1月7日まで", indent=1),
    ] + ijo(),
    facts=dict(
        about="Illustrative (その３) activation for the Noto earthquake in 富山県 with ア/イ headings; the end date "
              "is that of facts/2024-01-01_noto-earthquake_activation.json.",
        kind=("activation", "illustrative"),
        issued_on=("2024-01-02", "illustrative"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("富山県", TOYAMA, "2024-01-07", None, None, "illustrative")],
    ),
    real="the disaster and the end 令和6年1月7日 of the first activations; 富山県 in the range.",
    illustrative="the date, the sequel number and the five 富山県 municipalities (氷見市 is the one the facts name).",
)
