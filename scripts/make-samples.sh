#!/usr/bin/env bash
# Regenerates reports/: the demo company's October 2026 closed by the service's own code, its packs (zh and en, PDF and
# XLSX), the executive summary and a restated pack, and PNG previews of their first pages. The clock is fixed, so
# running it again writes the same files. Usage: scripts/make-samples.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=reports

if ! command -v pdftoppm >/dev/null 2>&1; then
    echo "pdftoppm is missing: installing Debian's poppler-utils"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
fi

rm -rf "$out"
mkdir -p "$out/previews"
dotnet run -c Release --project tests/Kpi.Benchmarks -- reports "$out"

# First pages as PNG: the cover with the scorecard and the first KPI sections of a pack, the first page of the summary.
preview() { # preview FILE.pdf LAST_PAGE
    local pdf=$1 last=$2 name
    name=$(basename "$pdf" .pdf)
    for page in $(seq 1 "$last"); do
        pdftoppm -r 70 -png -f "$page" -l "$page" -singlefile "$pdf" "$out/previews/$name-p$page"
    done
}
preview "$out/department-pack-zh.pdf" 3
preview "$out/department-pack-en.pdf" 1
preview "$out/executive-summary-zh.pdf" 1
preview "$out/executive-summary-en.pdf" 1
preview "$out/restated-pack-zh.pdf" 1
ls -l "$out" "$out/previews"
