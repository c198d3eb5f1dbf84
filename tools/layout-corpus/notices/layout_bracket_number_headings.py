from common import *

GIFU = ["高山市", "飛騨市", "下呂市", "大野郡白川村"]

NOTICE = dict(
    id="layout-bracket-number-headings",
    layout="""No table: bracketed headings `（１）対象地域` and `（２）対象期間`, each followed by an indented
paragraph. The title has no disaster prefix.""",
    producers=["html", "reportlab", "chromium", "wkhtmltopdf"],
    reportlab=dict(order="shuffled"),
    text_table=None,
    blocks=jimu_head("令和6年1月24日", ISSUERS_2024) + title(BASE_TITLE) + [
        P(FW + "令和6年1月23日からの大雪等による災害に関し、" + FUNCTION + "を下記のとおりアクティブ化いたします"
          "ので、対象地域の医療機関・薬局への周知をお願いいたします。"),
    ] + ki() + [
        P("（１）対象地域"),
        P("【岐阜県】" + "、".join(GIFU), indent=2),
        P("（２）対象期間"),
        P("令和6年1月30日まで", indent=2),
    ] + ijo(),
    facts=dict(
        about="Illustrative activation for the 令和6年1月23日からの大雪等 (title form from "
              "facts/2024-01-24_2024-01-23-heavy-snow_activation.json) with bracketed-number headings.",
        kind=("activation", "real"),
        issued_on=("2024-01-24", "illustrative"),
        disaster_began_on=("2024-01-23", "real"),
        activations=[("岐阜県", GIFU, "2024-01-30", None, None, "illustrative")],
    ),
    real="the disaster (令和6年1月23日からの大雪等), the kind and the title without a disaster prefix.",
    illustrative="the date (the companion notices' date), the range in 岐阜県 and the end 令和6年1月30日.",
    notes="The reportlab PDF draws one glyph per drawString call in shuffled order, so a reader must sort glyphs "
          "by position.",
)
