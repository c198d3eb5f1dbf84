from common import *

NOTICE = dict(
    id="layout-amendment-added-range",
    layout="""An amendment: a two-row label table `追加する範囲 | …` / `期間 | …` that adds municipalities
to an earlier activation.""",
    producers=["docx", "html", "reportlab", "chromium", "wkhtmltopdf"],
    reportlab=dict(order="columns", rules="rects"),
    text_table="pipe",
    blocks=jimu_head("令和6年1月10日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」のアクティブ化の範囲の追加について") + [
        P(FW + "令和6年能登半島地震にかかる" + FUNCTION + "のアクティブ化の範囲について、令和6年1月5日付事務連絡"
          "でお示しした範囲に、下記の範囲を追加いたします。"),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        Table([["追加する範囲", "【石川県】野々市市、能美郡川北町"],
               ["期間", "令和6年1月14日まで"]],
              widths=[1, 3], valign="center"),
    ] + ijo(),
    facts=dict(
        about="Illustrative amendment adding 野々市市 and 能美郡川北町 (the two names the 2024-03-07 closing list "
              "appends, facts/2024-03-07_noto-earthquake_termination.json) to the Noto earthquake range.",
        kind=("amendment", "illustrative"),
        issued_on=("2024-01-10", "illustrative"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("石川県", ["野々市市", "能美郡川北町"], "2024-01-14", None, None, "illustrative")],
    ),
    real="the disaster; 野々市市 and 能美郡川北町 appear appended to the later closing list.",
    illustrative="that they were added by a notice of 令和6年1月10日, the label table and the end 令和6年1月14日.",
)
