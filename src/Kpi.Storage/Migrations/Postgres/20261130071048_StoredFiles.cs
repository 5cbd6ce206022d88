using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kpi.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StoredFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A rename, not drop-and-create: the stored files are the packs people have downloaded, and must keep their bytes.
            migrationBuilder.RenameTable(name: "stored_packs", newName: "stored_files");
            migrationBuilder.Sql("ALTER INDEX pk_stored_packs RENAME TO pk_stored_files;");
            migrationBuilder.RenameIndex(
                name: "ix_stored_packs_report_period_subject_version_language_format",
                table: "stored_files",
                newName: "ix_stored_files_report_period_subject_version_language_format");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "ix_stored_files_report_period_subject_version_language_format",
                table: "stored_files",
                newName: "ix_stored_packs_report_period_subject_version_language_format");
            migrationBuilder.Sql("ALTER INDEX pk_stored_files RENAME TO pk_stored_packs;");
            migrationBuilder.RenameTable(name: "stored_files", newName: "stored_packs");
        }
    }
}
