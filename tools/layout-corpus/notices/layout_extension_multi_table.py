from common import *

ISHIKAWA = ["金沢市", "七尾市", "小松市", "輪島市", "珠洲市", "加賀市", "羽咋市", "かほく市", "白山市",
            "能美市", "津幡町", "内灘町", "志賀町", "宝達志水町", "中能登町", "穴水町", "能登町"]
OTHER = [("新潟県", ["長岡市", "上越市", "糸魚川市"]), ("富山県", ["富山市", "高岡市"]),
         ("福井県", ["あわら市", "坂井市"])]

NOTICE = dict(
    id="layout-extension-multi-table",
    layout="""An extension with two label tables in one notice, each with its own period: `延長する範囲` /
`期間` (to the 14th) and `上記以外の範囲` / `期間` (ending on the 7th).""",
    producers=["docx", "reportlab", "typst", "chromium", "wkhtmltopdf"],
    text_table="tab",
    blocks=jimu_head("令和6年1月5日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "『緊急時医療情報・資格確認機能』のアクティブ化の延長等について") + [
        P(FW + "令和6年能登半島地震にかかる" + FUNCTION + "のアクティブ化については、令和6年1月7日までとして"
          "おりましたが、下記１の範囲についてはアクティブ化の期間を令和6年1月14日まで延長いたします。"
          "下記２の範囲については、延長せず令和6年1月7日までといたします。"),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("１　アクティブ化の期間を延長する範囲"),
        Blank(),
        Table([["延長する範囲", "【石川県】" + "、".join(ISHIKAWA) + "\n【富山県】氷見市"],
               ["期間", "令和6年1月14日まで"]], widths=[1, 3.4]),
        Blank(),
        P("２　上記以外の範囲"),
        Blank(),
        Table([["上記以外の範囲", "\n".join("【%s】%s" % (p, "、".join(ms)) for p, ms in OTHER)],
               ["期間", "令和6年1月7日まで"]], widths=[1, 3.4]),
    ] + ijo(),
    facts=dict(
        about="Reconstruction of the 2024-01-05 Noto earthquake extension (facts/2024-01-05_noto-earthquake_extension.json) "
              "as two tables with their own periods; the 'other' areas are an illustrative selection.",
        kind=("extension", "real"),
        issued_on=("2024-01-05", "real"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("石川県", ISHIKAWA, "2024-01-14", None, None, "real"),
                     ("富山県", ["氷見市"], "2024-01-14", None, None, "real")] +
                    [(p, ms, "2024-01-07", None, None, "illustrative") for p, ms in OTHER],
    ),
    real="the 18 extended municipalities with 郡 dropped, the end 令和6年1月14日, that the other areas end on "
         "令和6年1月7日, the date and the title (facts/2024-01-05_noto-earthquake_extension.json).",
    illustrative="the names in the second table (the facts give only `他の29市町村`) and the two-table layout.",
)
