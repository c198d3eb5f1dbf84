#!/usr/bin/env python3
"""Print a corpus text notice as a browser would: its text as HTML (a `<table>` for each run
of TAB-separated lines, a paragraph for every other line), printed by Chromium headless and
wkhtmltopdf with the layout corpus's print style.

Usage: browser-pdfs.py SOURCE.txt [--producers chromium wkhtmltopdf]
Writes source.<producer>.pdf beside SOURCE.txt. Needs what tools/layout-corpus/README.md lists
for the browser producers.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "layout-corpus"))
from generate import esc, print_browser, print_css  # noqa: E402


def text_to_html(text, css):
    # A table's first cells are labels (範囲, 期間): sized to fit, never wrapped per character.
    css += "\ntd:first-child { white-space: nowrap; }"
    out = ["<!DOCTYPE html>", '<html lang="ja"><head><meta charset="utf-8"><title></title>',
           "<style>%s</style>" % css, "</head><body>"]
    rows = []

    def flush():
        if rows:
            out.append("<table>")
            out.extend("<tr>%s</tr>" % "".join("<td>%s</td>" % esc(c) for c in r) for r in rows)
            out.append("</table>")
            rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        out.append("<p>%s</p>" % (esc(line.rstrip()) or "&nbsp;"))
    flush()
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("--producers", nargs="*", default=["chromium", "wkhtmltopdf"])
    args = ap.parse_args()
    source = Path(args.source)
    text = source.read_text(encoding="utf-8")
    build = Path(tempfile.mkdtemp(prefix="browser-pdfs-"))
    try:
        for producer in args.producers:
            html = build / ("%s.html" % producer)
            html.write_text(text_to_html(text, print_css(producer, {})), encoding="utf-8")
            print_browser(producer, html, source.with_name("source.%s.pdf" % producer), build)
            print("wrote", source.with_name("source.%s.pdf" % producer), file=sys.stderr)
    finally:
        shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    main()
