using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kpi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Appraisal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "appraisal_cycles",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    template_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    template = table.Column<string>(type: "text", nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    departments = table.Column<string>(type: "text", nullable: false),
                    self_due = table.Column<DateOnly>(type: "date", nullable: true),
                    review_due = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    forms_job_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisal_cycles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appraisal_templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    document = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisal_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appraisal_cycle_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cycle_id = table.Column<long>(type: "bigint", nullable: false),
                    from_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    to_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    by_employee_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    by_hr = table.Column<bool>(type: "boolean", nullable: false),
                    by_user = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisal_cycle_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_appraisal_cycle_transitions_appraisal_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalTable: "appraisal_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appraisals",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cycle_id = table.Column<long>(type: "bigint", nullable: false),
                    employee_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    department = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    department_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    is_head = table.Column<bool>(type: "boolean", nullable: false),
                    appraiser_employee_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    appraiser_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    goals = table.Column<string>(type: "text", nullable: false),
                    self_assessment = table.Column<string>(type: "text", nullable: true),
                    review = table.Column<string>(type: "text", nullable: true),
                    kpi_taken = table.Column<bool>(type: "boolean", nullable: false),
                    kpi_total = table.Column<decimal>(type: "numeric", nullable: true),
                    kpi_veto_triggered = table.Column<bool>(type: "boolean", nullable: false),
                    kpi_veto_cap_grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    kpi_veto_reason = table.Column<string>(type: "text", nullable: true),
                    kpi_source = table.Column<string>(type: "text", nullable: true),
                    kpi_taken_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    adjustment = table.Column<decimal>(type: "numeric", nullable: false),
                    grade_override = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    calibration_reason = table.Column<string>(type: "text", nullable: true),
                    calibrated_by_employee_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    calibrated_by_hr = table.Column<bool>(type: "boolean", nullable: false),
                    calibrated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    final = table.Column<decimal>(type: "numeric", nullable: true),
                    grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    coefficient = table.Column<decimal>(type: "numeric", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisals", x => x.id);
                    table.ForeignKey(
                        name: "fk_appraisals_appraisal_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalTable: "appraisal_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appraisal_reminders",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    appraisal_id = table.Column<long>(type: "bigint", nullable: false),
                    cycle_id = table.Column<long>(type: "bigint", nullable: false),
                    step = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    timing = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    due = table.Column<DateOnly>(type: "date", nullable: false),
                    recipient_employee_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisal_reminders", x => x.id);
                    table.ForeignKey(
                        name: "fk_appraisal_reminders_appraisals_appraisal_id",
                        column: x => x.appraisal_id,
                        principalTable: "appraisals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appraisal_transitions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    appraisal_id = table.Column<long>(type: "bigint", nullable: false),
                    from_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    to_status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    by_employee_no = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    by_hr = table.Column<bool>(type: "boolean", nullable: false),
                    by_user = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_appraisal_transitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_appraisal_transitions_appraisals_appraisal_id",
                        column: x => x.appraisal_id,
                        principalTable: "appraisals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_appraisal_cycle_transitions_cycle_id_id",
                table: "appraisal_cycle_transitions",
                columns: new[] { "cycle_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_appraisal_reminders_appraisal_id_step_timing",
                table: "appraisal_reminders",
                columns: new[] { "appraisal_id", "step", "timing" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appraisal_reminders_cycle_id",
                table: "appraisal_reminders",
                column: "cycle_id");

            migrationBuilder.CreateIndex(
                name: "ix_appraisal_templates_code",
                table: "appraisal_templates",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appraisal_transitions_appraisal_id_id",
                table: "appraisal_transitions",
                columns: new[] { "appraisal_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_appraiser_employee_no",
                table: "appraisals",
                column: "appraiser_employee_no");

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_cycle_id_department",
                table: "appraisals",
                columns: new[] { "cycle_id", "department" });

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_cycle_id_employee_no",
                table: "appraisals",
                columns: new[] { "cycle_id", "employee_no" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_appraisals_employee_no",
                table: "appraisals",
                column: "employee_no");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appraisal_cycle_transitions");

            migrationBuilder.DropTable(
                name: "appraisal_reminders");

            migrationBuilder.DropTable(
                name: "appraisal_templates");

            migrationBuilder.DropTable(
                name: "appraisal_transitions");

            migrationBuilder.DropTable(
                name: "appraisals");

            migrationBuilder.DropTable(
                name: "appraisal_cycles");
        }
    }
}
