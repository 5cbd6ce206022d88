#!/usr/bin/env bash
# Adds a migration for both providers: each keeps its own history (src/Kpi.Storage/Migrations/{Sqlite,Postgres}).
# Usage: scripts/add-migration.sh AddSources
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
    dotnet ef migrations add "$name" --project src/Kpi.Storage --context "${provider}KpiDbContext" \
        --output-dir "Migrations/$provider" --namespace "Kpi.Storage.Migrations.$provider"
    # EF puts a new model snapshot in a folder named after its namespace; keep it beside its migrations.
    if [[ -d src/Kpi.Storage/Kpi ]]; then
        mv src/Kpi.Storage/Kpi/Storage/Migrations/$provider/*.cs "src/Kpi.Storage/Migrations/$provider/"
        rm -rf src/Kpi.Storage/Kpi
    fi
done
rm -f src/Kpi.Storage/design-time.db
