using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kpi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonthlyClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "stored_packs");
        }
    }
}
