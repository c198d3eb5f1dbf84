#!/usr/bin/env python3
"""Writes the saved-mail corpus entries from notices already in the corpus.

- corpus/mail-iso2022jp-attachment/source.eml: an ISO-2022-JP mail (CRLF line
  ends) whose 7-bit text part is a cover note and whose attachment, in base64,
  is corpus/2025-01-07-aomori-snow/source.pdf; the subject is an encoded word
  and the attachment is named both ways mailers name it (an encoded word in
  Content-Type, RFC 2231 in Content-Disposition).
- corpus/mail-shift-jis-box-table/source.eml: a single-part Shift_JIS mail (LF
  line ends) in quoted-printable, whose body is the notice with a box-drawing
  table of corpus/layout-rowspan-prefecture-period/source.txt.

Python's standard library only; the output is the same on every run (fixed
boundary, dates and ids). Run from the project root:
    python3 tools/make-mail-corpus.py
then bless the goldens: ONSHI_BLESS=1 cargo test --release --test corpus
"""
import base64
import email.generator
import email.header
import email.mime.application
import email.mime.multipart
import email.mime.text
import email.policy
import io
import quopri
from pathlib import Path

COVER = """関係団体 御中

いつもお世話になっております。
令和6年12月28日からの大雪にかかる「緊急時医療情報・資格確認機能」の
アクティブ化について、添付のとおり事務連絡を送付いたします。
ご確認のほど、よろしくお願いいたします。

厚生労働省保険局医療介護連携政策課
"""


def headers(msg, subject, charset):
    """The head of the first mail; the second is written by hand."""
    msg["From"] = "iryo-renkei@example.go.jp"
    msg["To"] = "kankei-dantai@example.jp"
    msg["Subject"] = email.header.Header(subject, charset).encode()
    msg["Date"] = "Tue, 07 Jan 2025 17:00:00 +0900"
    msg["Message-ID"] = "<mail-corpus-1@example.go.jp>"
    msg["MIME-Version"] = "1.0"


def write(path, msg, linesep):
    out = io.BytesIO()
    policy = email.policy.compat32.clone(linesep=linesep, max_line_length=76)
    email.generator.BytesGenerator(out, mangle_from_=False, policy=policy).flatten(msg)
    path.write_bytes(out.getvalue())
    print(f"wrote {path}")


def iso2022jp_with_attachment(root):
    pdf = (root / "corpus/2025-01-07-aomori-snow/source.pdf").read_bytes()
    msg = email.mime.multipart.MIMEMultipart("mixed", boundary="==onshi-mail-corpus-1==")
    del msg["MIME-Version"]
    headers(msg, "【事務連絡】緊急時医療情報・資格確認機能のアクティブ化について", "iso-2022-jp")
    cover = email.mime.text.MIMEText(COVER, "plain", "iso-2022-jp")
    del cover["MIME-Version"]
    msg.attach(cover)
    name = "事務連絡（青森県大雪）.pdf"
    part = email.mime.application.MIMEApplication(pdf, "pdf")
    del part["Content-Type"]
    del part["MIME-Version"]
    part["Content-Type"] = f'application/pdf; name="{email.header.Header(name, "iso-2022-jp").encode()}"'
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    msg.attach(part)
    write(root / "corpus/mail-iso2022jp-attachment/source.eml", msg, "\r\n")


def shift_jis_box_table(root):
    # Written by hand: the email package sends Shift_JIS out as ISO-2022-JP.
    text = (root / "corpus/layout-rowspan-prefecture-period/source.txt").read_text(encoding="utf-8")
    body = quopri.encodestring(text.encode("cp932"))
    subject = base64.b64encode("令和6年能登半島地震にかかるアクティブ化の延長等について".encode("cp932")).decode()
    head = (
        "From: iryo-renkei@example.go.jp\n"
        "To: kankei-dantai@example.jp\n"
        f"Subject: =?Shift_JIS?B?{subject}?=\n"
        "Date: Fri, 05 Jan 2024 18:00:00 +0900\n"
        "Message-ID: <mail-corpus-2@example.go.jp>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=Shift_JIS\n"
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
    )
    path = root / "corpus/mail-shift-jis-box-table/source.eml"
    path.write_bytes(head.encode("ascii") + body)
    print(f"wrote {path}")


def main():
    root = Path(__file__).resolve().parent.parent
    iso2022jp_with_attachment(root)
    shift_jis_box_table(root)


if __name__ == "__main__":
    main()
