#!/usr/bin/env bash
# Builds the CJK font the PDF reports embed: "Kpi Sans SC", a subset of Noto Sans SC (NotoSansHans, OFL-1.1)
# from the npm package @embedpdf/fonts-sc. Run it from anywhere; it writes into src/Kpi.Reporting/Fonts/.
#
# Why a subset, and why these ranges:
# - The report machines may have no CJK font at all, so the project ships one.
# - The source font maps Kangxi radicals (U+2F00–U+2FDF), CJK radicals supplement (U+2E80–U+2EFF) and
#   compatibility ideographs (U+F900–U+FAFF) onto the very glyphs of common characters. A PDF's ToUnicode map
#   has one code point per glyph, so text copied out of the PDF came back as "⽣" instead of "生". Those blocks
#   are dropped, and any other code points still sharing a glyph keep only the one business text uses.
# - Kept: Latin, Greek (Σ, Δ, μ), punctuation, currency, letterlike and number forms (℃, №, Ⅳ), arrows,
#   math operators (≤, ×, −), enclosed numbers (①), shapes (■ ▲ ●), CJK symbols and punctuation (、。《》【】),
#   the CJK Unified Ideographs block and the full-width forms — what Chinese business reports contain.
# - CFF outlines stay (.otf): Skia embeds CFF as small Type 3 fonts, TrueType whole.
# - The OFL reserves the name "Noto" for the original, so the modified font carries another family name.
#
# Needs: npm, and pyftsubset with its Python module (Debian: apt-get install fonttools).
set -euo pipefail

PACKAGE="@embedpdf/fonts-sc@1.0.0"
FAMILY="Kpi Sans SC"
PS_FAMILY="KpiSansSC"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_dir="$repo_root/src/Kpi.Reporting/Fonts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The Python that has fontTools: the one pyftsubset itself runs on, unless python3 already has it.
if python3 -c 'import fontTools' 2>/dev/null; then
  py=python3
else
  py="$(sed -n '1s/^#! *//p' "$(command -v pyftsubset)")"
fi

(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null && tar xzf ./*.tgz)
src="$work/package/fonts"

unicodes="U+0020-007E,U+00A0-00FF,U+0391-03A9,U+03B1-03C9,U+2010-2027,U+2030-205E,U+20A0-20CF"
unicodes+=",U+2100-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+25A0-25FF,U+2600-27BF"
unicodes+=",U+3000-303F,U+4E00-9FFF,U+FF01-FF65,U+FFE0-FFE6,U+FFFD"

mkdir -p "$out_dir"
for style in Regular Bold; do
  pyftsubset "$src/NotoSansHans-$style.otf" \
    --unicodes="$unicodes" \
    --layout-features='*' \
    --name-IDs='*' \
    --notdef-outline \
    --output-file="$work/subset-$style.otf"

  "$py" - "$work/subset-$style.otf" "$out_dir/$PS_FAMILY-$style.otf" "$FAMILY" "$PS_FAMILY" "$style" <<'PY'
import sys
from fontTools.ttLib import TTFont

source, target, family, ps_family, style = sys.argv[1:6]
font = TTFont(source, recalcTimestamp=False)  # the same input gives the same bytes

# One code point per glyph: where several kept code points share a glyph, keep the one business text uses
# (the first listed here), else the lowest; the others are unmapped rather than copied out wrong.
preferred = [0x0020, 0x002D, 0x2013, 0x2212, 0x3000, 0x3008, 0x3009, 0xFF0F]
cmap = font.getBestCmap()
by_glyph = {}
for code, glyph in sorted(cmap.items()):
    by_glyph.setdefault(glyph, []).append(code)
drop = set()
for glyph, codes in by_glyph.items():
    if len(codes) < 2:
        continue
    keep = next((p for p in preferred if p in codes), codes[0])
    drop.update(c for c in codes if c != keep)
for table in font["cmap"].tables:
    for code in drop:
        table.cmap.pop(code, None)

# New names everywhere the old ones appear: the name table and the CFF top dict.
ps_name = f"{ps_family}-{style}"
full = f"{family} {style}" if style != "Regular" else family
names = font["name"]
copyright_line = names.getDebugName(0) or ""
names.names = []
for name_id, text in {
    0: copyright_line + " Modified (subset, renamed) for Kpi.",
    1: family if style in ("Regular", "Bold") else f"{family} {style}",
    2: style,
    3: f"{ps_name};Kpi;1.000",
    4: full,
    5: "Version 1.000; subset for Kpi",
    6: ps_name,
    13: "This Font Software is licensed under the SIL Open Font License, Version 1.1. See OFL.txt beside this file.",
    14: "https://openfontlicense.org",
}.items():
    names.setName(text, name_id, 3, 1, 0x409)
    names.setName(text, name_id, 1, 0, 0)

cff = font["CFF "].cff
top = cff.topDictIndex[0]
cff.fontNames = [ps_name]
top.FullName = full
top.FamilyName = family
top.Notice = copyright_line
for sub in getattr(top, "FDArray", []) or []:
    if hasattr(sub, "FontName"):
        sub.FontName = f"{ps_name}-{sub.FontName.split('-')[-1]}"

font.save(target)
print(f"{target}: {len(font.getGlyphOrder())} glyphs, {len(font.getBestCmap())} code points, dropped {len(drop)} duplicates")
PY
done

cp "$work/package/LICENSE" "$out_dir/OFL.txt"
