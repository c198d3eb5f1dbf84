#!/bin/sh
# Regenerate the corpus PDFs: the reference notice in every pdfgen style, and every
# reconstructed entry's text as an office-suite PDF (`--reconstructions` for only those).
# Run from anywhere; paths are resolved from the repository root. Needs the Debian packages
# listed in pdfgen's README (libreoffice-writer fonts-ipaexfont ghostscript poppler-data
# poppler-utils qpdf img2pdf).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
pdfgen=${PDFGEN:-"$root/../shared/tools/pdfgen/pdfgen"}
seeds=${SEEDS:-"$root/../shared/seeds"}
# 50 dpi keeps the image-only fixture under 600 KB; it only has to have no text layer.
scan_dpi=${SCAN_DPI:-50}

styles="office multipage cid-rksj cid-rksj-noembed cid-unijis cid-identity identity-nounicode scan"

make_notice() {
    name=$1
    seed="$seeds/notice-$name.txt"
    out="$root/corpus/$name"
    mkdir -p "$out"
    for style in $styles; do
        if [ "$style" = scan ]; then
            "$pdfgen" --style "$style" --dpi "$scan_dpi" "$seed" "$out/source.$style.pdf"
        elif [ "$style" = office ]; then
            # The office-suite rendering is the entry's main PDF.
            "$pdfgen" --style "$style" "$seed" "$out/source.pdf"
        elif [ "$style" = multipage ]; then
            # Padded with extra names, so a notice of its own: its own corpus entry.
            mkdir -p "$out-multipage"
            "$pdfgen" --style "$style" "$seed" "$out-multipage/source.pdf"
        else
            "$pdfgen" --style "$style" "$seed" "$out/source.$style.pdf"
        fi
    done
}

# Reconstructed entries: each corpus text rendered by an office suite, as source.pdf.
make_reconstructions() {
    for dir in "$root"/corpus/*/; do
        name=$(basename "$dir")
        [ "$name" = 2025-01-07-aomori-snow ] && continue
        [ -f "$dir/source.txt" ] || continue
        "$pdfgen" --style office "$dir/source.txt" "$dir/source.pdf"
    done
}

if [ "${1:-}" = --reconstructions ]; then
    make_reconstructions
elif [ "$#" -gt 0 ]; then
    for name in "$@"; do make_notice "$name"; done
else
    make_notice 2025-01-07-aomori-snow
    make_reconstructions
fi
