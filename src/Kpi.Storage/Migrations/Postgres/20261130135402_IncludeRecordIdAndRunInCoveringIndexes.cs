using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kpi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IncludeRecordIdAndRunInCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_training_records_department_id_planned_date",
                table: "training_records");

            migrationBuilder.DropIndex(
                name: "ix_ticket_records_department_id_opened_at",
                table: "ticket_records");

            migrationBuilder.DropIndex(
                name: "ix_survey_records_department_id_date",
                table: "survey_records");

            migrationBuilder.DropIndex(
                name: "ix_staff_records_department_id_hired_on",
                table: "staff_records");

            migrationBuilder.DropIndex(
                name: "ix_safety_records_department_id_occurred_at",
                table: "safety_records");

            migrationBuilder.DropIndex(
                name: "ix_production_records_department_id_date",
                table: "production_records");

            migrationBuilder.DropIndex(
                name: "ix_measurement_records_department_id_metric_date",
                table: "measurement_records");

            migrationBuilder.DropIndex(
                name: "ix_inspection_records_department_id_date",
                table: "inspection_records");

            migrationBuilder.DropIndex(
                name: "ix_hours_records_department_id_date",
                table: "hours_records");

            migrationBuilder.DropIndex(
                name: "ix_delivery_records_department_id_promised_date",
                table: "delivery_records");

            migrationBuilder.DropIndex(
                name: "ix_budget_records_department_id_month",
                table: "budget_records");

            migrationBuilder.CreateIndex(
                name: "ix_training_records_department_id_planned_date",
                table: "training_records",
                columns: new[] { "department_id", "planned_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "completed_date", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_records_department_id_opened_at",
                table: "ticket_records",
                columns: new[] { "department_id", "opened_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "callback_in48h", "resolved_at", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_records_department_id_date",
                table: "survey_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "survey", "score", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_records_department_id_hired_on",
                table: "staff_records",
                columns: new[] { "department_id", "hired_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "left_on", "qualified", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_safety_records_department_id_occurred_at",
                table: "safety_records",
                columns: new[] { "department_id", "occurred_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "severity", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_production_records_department_id_date",
                table: "production_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "planned_qty", "actual_qty", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_measurement_records_department_id_metric_date",
                table: "measurement_records",
                columns: new[] { "department_id", "metric", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "numerator", "denominator", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_records_department_id_date",
                table: "inspection_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "inspected_qty", "passed_qty", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hours_records_department_id_date",
                table: "hours_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "hours", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_records_department_id_promised_date",
                table: "delivery_records",
                columns: new[] { "department_id", "promised_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "delivered_date", "record_id", "run_id" });

            migrationBuilder.CreateIndex(
                name: "ix_budget_records_department_id_month",
                table: "budget_records",
                columns: new[] { "department_id", "month" })
                .Annotation("Npgsql:IndexInclude", new[] { "budget_amount", "actual_amount", "record_id", "run_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_training_records_department_id_planned_date",
                table: "training_records");

            migrationBuilder.DropIndex(
                name: "ix_ticket_records_department_id_opened_at",
                table: "ticket_records");

            migrationBuilder.DropIndex(
                name: "ix_survey_records_department_id_date",
                table: "survey_records");

            migrationBuilder.DropIndex(
                name: "ix_staff_records_department_id_hired_on",
                table: "staff_records");

            migrationBuilder.DropIndex(
                name: "ix_safety_records_department_id_occurred_at",
                table: "safety_records");

            migrationBuilder.DropIndex(
                name: "ix_production_records_department_id_date",
                table: "production_records");

            migrationBuilder.DropIndex(
                name: "ix_measurement_records_department_id_metric_date",
                table: "measurement_records");

            migrationBuilder.DropIndex(
                name: "ix_inspection_records_department_id_date",
                table: "inspection_records");

            migrationBuilder.DropIndex(
                name: "ix_hours_records_department_id_date",
                table: "hours_records");

            migrationBuilder.DropIndex(
                name: "ix_delivery_records_department_id_promised_date",
                table: "delivery_records");

            migrationBuilder.DropIndex(
                name: "ix_budget_records_department_id_month",
                table: "budget_records");

            migrationBuilder.CreateIndex(
                name: "ix_training_records_department_id_planned_date",
                table: "training_records",
                columns: new[] { "department_id", "planned_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "completed_date" });

            migrationBuilder.CreateIndex(
                name: "ix_ticket_records_department_id_opened_at",
                table: "ticket_records",
                columns: new[] { "department_id", "opened_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "kind", "callback_in48h", "resolved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_records_department_id_date",
                table: "survey_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "survey", "score" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_records_department_id_hired_on",
                table: "staff_records",
                columns: new[] { "department_id", "hired_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "left_on", "qualified" });

            migrationBuilder.CreateIndex(
                name: "ix_safety_records_department_id_occurred_at",
                table: "safety_records",
                columns: new[] { "department_id", "occurred_at" })
                .Annotation("Npgsql:IndexInclude", new[] { "severity" });

            migrationBuilder.CreateIndex(
                name: "ix_production_records_department_id_date",
                table: "production_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "planned_qty", "actual_qty" });

            migrationBuilder.CreateIndex(
                name: "ix_measurement_records_department_id_metric_date",
                table: "measurement_records",
                columns: new[] { "department_id", "metric", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "numerator", "denominator" });

            migrationBuilder.CreateIndex(
                name: "ix_inspection_records_department_id_date",
                table: "inspection_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "inspected_qty", "passed_qty" });

            migrationBuilder.CreateIndex(
                name: "ix_hours_records_department_id_date",
                table: "hours_records",
                columns: new[] { "department_id", "date" })
                .Annotation("Npgsql:IndexInclude", new[] { "hours" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_records_department_id_promised_date",
                table: "delivery_records",
                columns: new[] { "department_id", "promised_date" })
                .Annotation("Npgsql:IndexInclude", new[] { "delivered_date" });

            migrationBuilder.CreateIndex(
                name: "ix_budget_records_department_id_month",
                table: "budget_records",
                columns: new[] { "department_id", "month" })
                .Annotation("Npgsql:IndexInclude", new[] { "budget_amount", "actual_amount" });
        }
    }
}
