#!/usr/bin/env bash
# Regenerates the converter corpus under test/corpus/ (see test/corpus/README.md).
# Needs: node + playwright-core (devDependency), chromium, poppler-utils, pandoc, libreoffice-writer-nogui, CJK fonts.
# Runs every converter sequentially. CI never runs this: it only reads the committed outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/test/corpus

need=()
command -v chromium  >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v pandoc    >/dev/null || need+=(pandoc)
command -v soffice   >/dev/null || need+=(libreoffice-writer-nogui)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need[@]}"
fi
[ -d node_modules/playwright-core ] || npm install --no-save playwright-core

rm -rf "$OUT/html" "$OUT/text" "$OUT/truth" "$OUT/files"
node scripts/corpus/build-html.mjs
mapfile -t DOCS < "$OUT/docs.txt"

# 1. Chromium: clipboard copy, innerText, PDF.
node scripts/corpus/chromium.mjs

# 2. PDF text, pandoc.
for d in "${DOCS[@]}"; do
  t=$OUT/text/$d
  mkdir -p "$t"
  pdftotext -layout -enc UTF-8 "$OUT/files/$d.pdf" "$t/pdf-layout.txt"
  pdftotext -enc UTF-8 "$OUT/files/$d.pdf" "$t/pdf-plain.txt"
  pdftotext -raw -enc UTF-8 "$OUT/files/$d.pdf" "$t/pdf-raw.txt"
  pandoc -f html -t plain "$OUT/html/$d.html" -o "$t/pandoc-plain.txt"
  pandoc -f html -t gfm "$OUT/html/$d.html" -o "$t/pandoc-gfm.txt"
done

# 3. LibreOffice: HTML → docx (kept) → text. One soffice process per step, documents one after the other.
LO=$(mktemp -d)
PROFILE=(-env:UserInstallation=file://$LO/profile)  # private profile: a running user instance is never touched
HTMLS=(); DOCXS=()
for d in "${DOCS[@]}"; do HTMLS+=("$OUT/html/$d.html"); DOCXS+=("$OUT/files/$d.docx"); done
soffice "${PROFILE[@]}" --headless --norestore --infilter="HTML (StarWriter)" \
  --convert-to 'docx:MS Word 2007 XML' --outdir "$OUT/files" "${HTMLS[@]}"
soffice "${PROFILE[@]}" --headless --norestore \
  --convert-to 'txt:Text (encoded):UTF8' --outdir "$LO/txt" "${DOCXS[@]}"
for d in "${DOCS[@]}"; do mv "$LO/txt/$d.txt" "$OUT/text/$d/libreoffice-txt.txt"; done

# 4. LibreOffice Writer → PDF of the same docx (kept as files/<doc>.lo.pdf), then its PDF text.
soffice "${PROFILE[@]}" --headless --norestore \
  --convert-to 'pdf:writer_pdf_Export' --outdir "$LO/pdf" "${DOCXS[@]}"
for d in "${DOCS[@]}"; do
  mv "$LO/pdf/$d.pdf" "$OUT/files/$d.lo.pdf"
  pdftotext -layout -enc UTF-8 "$OUT/files/$d.lo.pdf" "$OUT/text/$d/lo-pdf-layout.txt"
  pdftotext -raw -enc UTF-8 "$OUT/files/$d.lo.pdf" "$OUT/text/$d/lo-pdf-raw.txt"
done
rm -rf "$LO"

# 5. Versions, for the README. (sed -n 1p reads to the end: `head -1` can make the writer die of SIGPIPE under pipefail.)
{
  chromium --version 2>/dev/null | sed -n 1p
  pdftotext -v 2>&1 | sed -n 1p
  pandoc --version | sed -n 1p
  soffice --version | sed -n 1p
  echo "playwright-core $(node -p "require('playwright-core/package.json').version")"
} > "$OUT/versions.txt"
cat "$OUT/versions.txt"
du -sh "$OUT"
