#!/usr/bin/env bash
# The portal tour: starts the API with the demo company, closes last month, and in headless chromium writes the
# screenshots of the main pages (zh and en) into docs/screenshots/ and the portal's figures into
# docs/portal-figures.md (to be copied by hand into docs/benchmarks.md, then deleted). Needs Debian's chromium (and a CJK font such as
# fonts-wqy-microhei for the Chinese screenshots): .ci/run installs both.
set -euo pipefail
cd "$(dirname "$0")/.."
export KPI_PORTAL_TOUR_DIR="$PWD/docs"
dotnet test tests/Kpi.Portal.Tests -c Release --filter "FullyQualifiedName~PortalTour" --logger "console;verbosity=detailed"
