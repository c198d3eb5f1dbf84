from common import *

NOTICE = dict(
    id="layout-numbered-section-headings",
    layout="""No table: numbered section headings `１　範囲` and `２　期間`, each followed by its content as an
indented paragraph (full-width spaces in the text; a left margin in the PDFs).""",
    producers=["docx", "typst", "chromium", "wkhtmltopdf"],
    text_table=None,
    blocks=jimu_head("令和7年11月19日", ISSUERS_2025) + title(
        "令和7年11月18日に発生した大分市佐賀関の大規模火災にかかる",
        "オンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」を",
        "アクティブ化する医療機関・薬局の範囲・期間について") + [
        P(STD_PARA_RULES),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("１　範囲"),
        P("【大分県】大分市", indent=2),
        Blank(),
        P("２　期間"),
        P("災害救助法の適用第一報から一週間（令和7年11月25日まで）", indent=2),
    ] + ijo(),
    facts=dict(
        about="Illustrative activation notice for the 2025 Oita Saganoseki fire, range and period under numbered "
              "headings; the disaster name is real (facts/2025-11-xx_oita-saganoseki-fire_extension.json).",
        kind=("activation", "illustrative"),
        issued_on=("2025-11-19", "illustrative"),
        disaster_began_on=("2025-11-18", "real"),
        activations=[("大分県", ["大分市"], "2025-11-25", None, None, "illustrative")],
    ),
    real="the disaster name and its date; 大分県 as the prefecture of the range.",
    illustrative="that this is an activation notice, its date, 大分市 as the municipality (news, not a recorded "
                 "fact), and the end 令和7年11月25日.",
    notes="Trap: `大分市佐賀関` inside the disaster name is not a range entry.",
)
