using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kpi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SourcesAndMonthlyClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "source_run_id",
                table: "import_runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "period_closes",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    first_frozen_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_frozen_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    run_watermark = table.Column<long>(type: "INTEGER", nullable: false),
                    close_job_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    summary_job_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_closes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    department_id = table.Column<int>(type: "INTEGER", nullable: false),
                    department_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    frozen_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", nullable: true),
                    grade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: true),
                    render_job_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scorecard_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    trigger = table.Column<string>(type: "TEXT", nullable: false),
                    job_id = table.Column<string>(type: "TEXT", nullable: true),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    worker = table.Column<string>(type: "TEXT", nullable: true),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    updated = table.Column<long>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    rejected = table.Column<long>(type: "INTEGER", nullable: false),
                    batches = table.Column<int>(type: "INTEGER", nullable: false),
                    watermark_before = table.Column<string>(type: "TEXT", nullable: true),
                    watermark_after = table.Column<string>(type: "TEXT", nullable: true),
                    error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "source_watermarks",
                columns: table => new
                {
                    source_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    source_run_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_watermarks", x => x.source_name);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    connector = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    cron = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    retry_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    retry_delay_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    options = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stored_packs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    report = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stored_packs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_source_run_id",
                table: "import_runs",
                column: "source_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_period_closes_period",
                table: "period_closes",
                column: "period",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scorecard_versions_period_department_id_version",
                table: "scorecard_versions",
                columns: new[] { "period", "department_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scorecard_versions_period_revision",
                table: "scorecard_versions",
                columns: new[] { "period", "revision" });

            migrationBuilder.CreateIndex(
                name: "ix_source_runs_source_name_id",
                table: "source_runs",
                columns: new[] { "source_name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sources_name",
                table: "sources",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stored_packs_report_period_subject_version_language_format",
                table: "stored_packs",
                columns: new[] { "report", "period", "subject", "version", "language", "format" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "period_closes");

            migrationBuilder.DropTable(
                name: "scorecard_versions");

            migrationBuilder.DropTable(
                name: "source_runs");

            migrationBuilder.DropTable(
                name: "source_watermarks");

            migrationBuilder.DropTable(
                name: "sources");

            migrationBuilder.DropTable(
                name: "stored_packs");

            migrationBuilder.DropIndex(
                name: "ix_import_runs_source_run_id",
                table: "import_runs");

            migrationBuilder.DropColumn(
                name: "source_run_id",
                table: "import_runs");
        }
    }
}
