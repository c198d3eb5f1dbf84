from common import *

AOMORI = ["青森市", "弘前市", "黒石市", "五所川原市", "平川市", "南津軽郡藤崎町", "南津軽郡大鰐町",
          "南津軽郡田舎館村", "北津軽郡板柳町", "北津軽郡鶴田町"]

NOTICE = dict(
    id="layout-portal-announcement",
    layout="""A decorated portal announcement with no 事務連絡 head: a 【お知らせ】 title, ■ bullet headings
and a table with the columns `対象地域 | 開放期間`.""",
    producers=["html", "reportlab", "chromium", "wkhtmltopdf"],
    text_table="pipe",
    blocks=[
        P("【お知らせ】令和6年12月28日からの大雪に伴う災害時医療情報閲覧機能の開放について"),
        Blank(),
        P("■概要"),
        P(FW + "令和6年12月28日からの大雪に伴う対応として、次の地域に所在する医療機関・薬局の災害時医療情報"
          "閲覧機能※を開放いたしました。"),
        Blank(),
        P("■対象地域・開放期間"),
        Table([["対象地域", "開放期間"],
               ["【青森県】" + "、".join(AOMORI), "令和7年1月13日まで"]], widths=[3, 1.3], header_rows=1),
        Blank(),
        P("■ご利用にあたっての注意事項"),
        P("・患者から口頭で同意を取得したうえでご利用ください。", indent=1),
        P("・患者への医療サービスの提供以外の目的でのご利用はできません。", indent=1),
        Blank(),
        P("※災害時医療情報閲覧機能：「オンライン資格確認等システム利用規約」第21条第2項及び「電子処方箋管理"
          "サービス利用規約」第21条第2項に基づき、災害時に医療機関・薬局において薬剤情報・特定健診情報等及び"
          "処方情報・調剤情報を閲覧できるようにする機能です（厚生労働省の事務連絡における「緊急時医療情報・"
          "資格確認機能」）。"),
    ],
    facts=dict(
        about="Portal-style announcement of the 2025 Aomori heavy-snow activation (places and end from the seed "
              "notice) with 対象地域 / 開放期間 columns.",
        kind=("activation", "real"),
        issued_on=(None, "illustrative"),
        disaster_began_on=("2024-12-28", "real"),
        activations=[("青森県", AOMORI, "2025-01-13", None, None, "real")],
    ),
    real="the ten municipalities, the end 令和7年1月13日 and the disaster (seed notice).",
    illustrative="that it was announced on the portal, the decorated layout and the wording (after the portal "
                 "wording `開放いたしました` of the facts catalogue).",
)
