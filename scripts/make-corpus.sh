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
rm -rf "$LO"

# 4. Versions, for the README.
{
  chromium --version 2>/dev/null | head -1
  pdftotext -v 2>&1 | head -1
  pandoc --version | head -1
  soffice --version | head -1
  echo "playwright-core $(node -p "require('playwright-core/package.json').version")"
} > "$OUT/versions.txt"
cat "$OUT/versions.txt"
du -sh "$OUT"
