from common import *

AOMORI = ["青森市", "弘前市", "黒石市", "五所川原市", "平川市", "南津軽郡藤崎町", "南津軽郡大鰐町",
          "南津軽郡田舎館村", "北津軽郡板柳町", "北津軽郡鶴田町"]
TITLE = ("令和6年12月28日からの大雪にかかるオンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」を"
         "アクティブ化する医療機関・薬局の範囲・期間について")

BODY = [
    STD_PARA_RULES,
    FW + FUNCTION + "のアクティブ化に当たっては、対象の医療機関・薬局に対して、別添1のオンライン資格確認等システム"
    "利用規約第25条及び第26条、別添2の「医療情報を特例的に閲覧する場合に留意すべき点」を参考に、患者への医療サービス"
    "を提供する以外の目的での利用は認められないことについて十分な周知徹底をお願いします。貴機関におかれては、各医療"
    "機関・薬局による本機能を用いたオンライン資格確認等システムの閲覧ログを踏まえ、必要と認める場合には、個別に、医療"
    "機関・薬局に対して、" + FUNCTION + "を利用した医療情報の閲覧状況について事実関係を確認してください。",
    FW + "なお、令和6年3月1日以降、生活保護法による被保護者の医療扶助の受給資格等の情報に係る同機能の利用に当たっては、"
    "別添中、「保険資格情報」とあるのは「医療扶助の受給資格情報」と、「被保険者番号」とあるのは「受給者番号」と、"
    "「保険者名称」とあるのは「福祉事務所名称」と読み替えるものとします。",
    STD_PARA_NOTICE,
]

PAD = {"docx": 16, "reportlab": 0, "typst": 14, "chromium": 0, "wkhtmltopdf": 0}  # empty lines before 記, per producer

NOTICE = dict(
    id="layout-long-cell-page-break",
    layout="""A label table whose 範囲 cell is narrow, so the list wraps over many lines (one wrap falls inside
a municipality name), and the cell crosses a page break. Every page has a running header repeating the title
and a footer `－N－`; in the PDFs the header and footer lines sit between the two parts of the cell.""",
    producers=["docx", "typst", "reportlab", "chromium", "wkhtmltopdf"],
    page=dict(header=TITLE, footer="－{page}－"),
    text_table="box",
    blocks=jimu_head("令和7年1月7日", ISSUERS_2025) + title(
        "令和6年12月28日からの大雪にかかる",
        "オンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」を",
        "アクティブ化する医療機関・薬局の範囲・期間について") + [P(t) for t in BODY] + [
        P(FW + "また、医療機関・薬局から本機能の利用に関する問合せがあった場合には、適切に対応いただきますよう"
          "お願いいたします。", only=("docx", "reportlab", "typst", "chromium", "wkhtmltopdf", "txt")),
    ] + [Blank(only=(p,)) for p, k in PAD.items() for _ in range(k)] + [
    ] + ki() + [
        P("○" + FUNCTION + "のアクティブ化対象範囲・期間"),
        Blank(),
        Table([["範囲", "【青森県】" + "、".join(AOMORI)],
               ["期間", "災害救助法の適用第一報から一週間（※）"]],
              widths=[1, 2.6], width_frac=0.55, txt_widths=[6, 28]),
        Blank(),
        P("※令和7年1月13日まで"),
    ] + ijo(),
    facts=dict(
        about="The 2025-01-07 Aomori heavy-snow activation (seed notice) with a narrow wrapping 範囲 cell that "
              "crosses a page break under a running header and footer.",
        kind=("activation", "real"),
        issued_on=("2025-01-07", "real"),
        disaster_began_on=("2024-12-28", "real"),
        activations=[("青森県", AOMORI, "2025-01-13", None, None, "real")],
    ),
    real="the whole content: date, issuers, title, body paragraphs, the ten municipalities, the relative period "
         "with its footnote date 令和7年1月13日 (seed notice-2025-01-07-aomori-snow.txt).",
    illustrative="the narrow cell, the running header and footer and the extra last paragraph; the addressees "
                 "are written on two lines without the `}` brace.",
    notes="The page break is tuned per producer with empty paragraphs before 記 so that the 範囲 cell starts near "
          "the foot of page 1; re-check it after changing fonts.",
)
