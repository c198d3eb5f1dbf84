from common import *

ISHIKAWA = ["金沢市", "七尾市", "小松市", "輪島市", "珠洲市", "加賀市", "羽咋市", "かほく市", "白山市",
            "能美市", "津幡町", "内灘町", "志賀町", "宝達志水町", "中能登町", "穴水町", "能登町"]

rows = [["都道府県", "市町村", "期間"]]
for i, m in enumerate(ISHIKAWA):
    row = []
    if i == 0:
        row.append(C("石川県", rs=len(ISHIKAWA)))
    row.append(m)
    if i == 0:
        row.append(C("令和6年1月14日まで", rs=len(ISHIKAWA) + 1))
    rows.append(row)
rows.append(["富山県", "氷見市"])

NOTICE = dict(
    id="layout-rowspan-prefecture-period",
    layout="""A table whose prefecture cell is merged over several rows (rowspan / vertical merge), one
municipality per row, and a period column merged over all data rows. Extension of 2024-01-05 (18 areas to the
14th).""",
    producers=["docx", "html", "reportlab", "chromium", "wkhtmltopdf"],
    text_table="box",
    blocks=jimu_head("令和6年1月5日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "『緊急時医療情報・資格確認機能』のアクティブ化の延長等について") + [
        P(FW + "令和6年能登半島地震にかかる" + FUNCTION + "のアクティブ化については、令和6年1月1日付事務連絡"
          "によりお示ししたところですが、下記の範囲について、アクティブ化の期間を令和6年1月14日まで延長いたします。"),
        P(STD_PARA_NOTICE),
    ] + ki() + [
        P("○アクティブ化の期間を延長する範囲・期間"),
        Blank(),
        Table(rows, widths=[1, 1.6, 1.8], header_rows=1, valign="center", width_frac=0.8),
    ] + ijo(),
    facts=dict(
        about="Reconstruction of the 2024-01-05 Noto earthquake extension (facts/2024-01-05_noto-earthquake_extension.json) "
              "with the prefecture and the period in merged cells.",
        kind=("extension", "real"),
        issued_on=("2024-01-05", "real"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("石川県", ISHIKAWA, "2024-01-14", None, None, "real"),
                     ("富山県", ["氷見市"], "2024-01-14", None, None, "real")],
    ),
    real="the 18 municipalities as the news wrote them (郡 dropped), the end 令和6年1月14日, the date 令和6年1月5日 "
         "and the title (facts/2024-01-05_noto-earthquake_extension.json).",
    illustrative="the merged-cell table, the body wording; the 29 areas that ended on the 7th are left out.",
)
