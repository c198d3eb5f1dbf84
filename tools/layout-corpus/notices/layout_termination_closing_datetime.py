from common import *

ISHIKAWA = ["金沢市", "七尾市", "小松市", "輪島市", "珠洲市", "加賀市", "羽咋市", "かほく市", "白山市", "能美市",
            "河北郡津幡町", "河北郡内灘町", "羽咋郡志賀町", "羽咋郡宝達志水町", "鹿島郡中能登町", "鳳珠郡穴水町",
            "鳳珠郡能登町", "野々市市", "能美郡川北町"]

NOTICE = dict(
    id="layout-termination-closing-datetime",
    layout="""A termination notice with a table `都道府県 | 市町村 | 閉塞日時`, one municipality per row,
each closing at `令和6年3月7日 24時00分`.""",
    producers=["docx", "reportlab", "typst", "chromium", "wkhtmltopdf"],
    reportlab=dict(order="columns"),
    text_table="tab",
    blocks=jimu_head("令和6年2月29日", ISSUERS_2024) + title(
        "令和6年能登半島地震にかかるオンライン資格確認等システムにおける",
        "「緊急時医療情報・資格確認機能」の閉塞について") + [
        P(FW + "令和6年能登半島地震にかかる" + FUNCTION + "については、下記の地域に所在する医療機関・薬局において"
          "利用可能としておりますが、下記の日時をもって閉塞いたします。"),
        P(FW + "閉塞後も引き続き本機能の利用が必要な医療機関・薬局については、個別に申請いただくこととなりますので、"
          "対象地域の医療機関・薬局に周知いただきますようお願いいたします。"),
    ] + ki() + [
        Table([["都道府県", "市町村", "閉塞日時"]] + [["石川県", m, "令和6年3月7日 24時00分"] for m in ISHIKAWA],
              widths=[1, 1.8, 2], header_rows=1),
    ] + ijo(),
    facts=dict(
        about="Reconstruction of the 2024-03-07 24:00 closing for the Noto earthquake "
              "(facts/2024-03-07_noto-earthquake_termination.json) as a 事務連絡 with a closing-time table.",
        kind=("termination", "real"),
        issued_on=("2024-02-29", "illustrative"),
        # The name (令和6年能登半島地震) gives no date, so the notice states none.
        disaster_began_on=(None, "real"),
        activations=[("石川県", ISHIKAWA, "2024-03-07", "24:00", None, "real")],
    ),
    real="the 19 municipalities as the portal wrote them (郡 kept, 野々市市 and 能美郡川北町 last), the closing "
         "令和6年3月7日 24時00分 with a half-width space, the individual applications after closing.",
    illustrative="that it is a 事務連絡 (the facts are from a portal page), its date 令和6年2月29日, the table.",
)
