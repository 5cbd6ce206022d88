using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kpi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    departments = table.Column<string>(type: "text", nullable: false),
                    key_hash = table.Column<string>(type: "text", nullable: false),
                    prefix = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    entity = table.Column<string>(type: "text", nullable: false),
                    entity_key = table.Column<string>(type: "text", nullable: false),
                    details = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "budget_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    budget_amount = table.Column<decimal>(type: "numeric", nullable: false),
                    actual_amount = table.Column<decimal>(type: "numeric", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_budget_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "delivery_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    order_no = table.Column<string>(type: "text", nullable: false),
                    promised_date = table.Column<DateOnly>(type: "date", nullable: false),
                    delivered_date = table.Column<DateOnly>(type: "date", nullable: true),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hours_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<decimal>(type: "numeric", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hours_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "import_rejections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    column = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    record_id = table.Column<string>(type: "text", nullable: true),
                    department = table.Column<string>(type: "text", nullable: true),
                    original = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    inserted = table.Column<long>(type: "bigint", nullable: false),
                    updated = table.Column<long>(type: "bigint", nullable: false),
                    unchanged = table.Column<long>(type: "bigint", nullable: false),
                    rejected_rows = table.Column<long>(type: "bigint", nullable: false),
                    error = table.Column<string>(type: "text", nullable: true),
                    actor = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inspection_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    inspected_qty = table.Column<decimal>(type: "numeric", nullable: false),
                    passed_qty = table.Column<decimal>(type: "numeric", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "measurement_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    metric = table.Column<string>(type: "text", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    numerator = table.Column<decimal>(type: "numeric", nullable: false),
                    denominator = table.Column<decimal>(type: "numeric", nullable: true),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measurement_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "production_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    planned_qty = table.Column<decimal>(type: "numeric", nullable: false),
                    actual_qty = table.Column<decimal>(type: "numeric", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_production_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "safety_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_safety_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "scorecards",
                columns: table => new
                {
                    department_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    definition = table.Column<string>(type: "text", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scorecards", x => x.department_id);
                });

            migrationBuilder.CreateTable(
                name: "staff_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    employee_no = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<string>(type: "text", nullable: false),
                    hired_on = table.Column<DateOnly>(type: "date", nullable: false),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true),
                    qualified = table.Column<bool>(type: "boolean", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "survey_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    survey = table.Column<string>(type: "text", nullable: false),
                    score = table.Column<decimal>(type: "numeric", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "ticket_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    kind = table.Column<string>(type: "text", nullable: false),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    callback_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    callback_in48h = table.Column<bool>(type: "boolean", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ticket_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateTable(
                name: "training_records",
                columns: table => new
                {
                    record_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    employee_no = table.Column<string>(type: "text", nullable: false),
                    course = table.Column<string>(type: "text", nullable: false),
                    planned_date = table.Column<DateOnly>(type: "date", nullable: false),
                    completed_date = table.Column<DateOnly>(type: "date", nullable: true),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_records", x => x.record_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_budget_records_department_id_month",
                table: "budget_records",
                columns: new[] { "department_id", "month" })
                .Annotation("Npgsql:IndexInclude", new[] { "budget_amount", "actual_amount" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_records_department_id_promised_date",
                table: "delivery_records",
                columns: new[] { "department_id", "promised_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "delivered_date" });

            migrationBuilder.CreateIndex(
                name: "ix_departments_code",
                table: "departments",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hours_records_department_id_date",
                table: "hours_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "hours" });

            migrationBuilder.CreateIndex(
                name: "ix_import_rejections_department",
                table: "import_rejections",
                column: "department");

            migrationBuilder.CreateIndex(
                name: "ix_import_rejections_run_id_line",
                table: "import_rejections",
                columns: new[] { "run_id", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_started_at",
                table: "import_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_records_department_id_date",
                table: "inspection_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "inspected_qty", "passed_qty" });

            migrationBuilder.CreateIndex(
                name: "ix_measurement_records_department_id_metric_date",
                table: "measurement_records",
                columns: new[] { "department_id", "metric", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "numerator", "denominator" });

            migrationBuilder.CreateIndex(
                name: "ix_production_records_department_id_date",
                table: "production_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "planned_qty", "actual_qty" });

            migrationBuilder.CreateIndex(
                name: "ix_safety_records_department_id_occurred_at",
                table: "safety_records",
                columns: new[] { "department_id", "occurred_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "severity" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_records_department_id_hired_on",
                table: "staff_records",
                columns: new[] { "department_id", "hired_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "left_on", "qualified" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_records_department_id_date",
                table: "survey_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "survey", "score" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_records_department_id_opened_at",
                table: "ticket_records",
                columns: new[] { "department_id", "opened_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "callback_in48h", "resolved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_training_records_department_id_planned_date",
                table: "training_records",
                columns: new[] { "department_id", "planned_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "completed_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "budget_records");

            migrationBuilder.DropTable(
                name: "delivery_records");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "hours_records");

            migrationBuilder.DropTable(
                name: "import_rejections");

            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropTable(
                name: "inspection_records");

            migrationBuilder.DropTable(
                name: "measurement_records");

            migrationBuilder.DropTable(
                name: "production_records");

            migrationBuilder.DropTable(
                name: "safety_records");

            migrationBuilder.DropTable(
                name: "scorecards");

            migrationBuilder.DropTable(
                name: "staff_records");

            migrationBuilder.DropTable(
                name: "survey_records");

            migrationBuilder.DropTable(
                name: "ticket_records");

            migrationBuilder.DropTable(
                name: "training_records");
        }
    }
}
