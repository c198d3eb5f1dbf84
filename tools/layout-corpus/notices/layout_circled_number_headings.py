from common import *

NIIGATA = ["長岡市", "上越市", "糸魚川市", "妙高市", "佐渡市"]

NOTICE = dict(
    id="layout-circled-number-headings",
    layout="""No table: circled-number headings `①　範囲` and `②　期間`, each followed by an indented line.
A sequel (`（その２）`) of the first Noto earthquake notice.""",
    producers=["docx", "reportlab", "chromium", "wkhtmltopdf"],
    text_table=None,
    blocks=jimu_head("令和6年1月1日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について（その２）") + [
        P(FW + "令和6年能登半島地震にかかる" + FUNCTION + "のアクティブ化について、下記の範囲を対象として"
          "アクティブ化いたしますので、対象地域の医療機関・薬局への周知をお願いいたします。"),
    ] + ki() + [
        P("①　範囲"),
        P("【新潟県】" + "、".join(NIIGATA), indent=1),
        Blank(),
        P("②　期間"),
        P("令和6年1月7日まで", indent=1),
    ] + ijo(),
    facts=dict(
        about="Reconstructed (その２) activation of 2024-01-01 for the Noto earthquake with ①/② headings; date, "
              "sequel and end from facts/2024-01-01_noto-earthquake_activation.json, the Niigata selection illustrative.",
        kind=("activation", "real"),
        issued_on=("2024-01-01", "real"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("新潟県", NIIGATA, "2024-01-07", None, None, "illustrative")],
    ),
    real="the date, the sequel number (その２), the end 令和6年1月7日, 新潟県 being in the range.",
    illustrative="the five 新潟県 municipalities (the facts give only a count of 14) and the wording.",
)
