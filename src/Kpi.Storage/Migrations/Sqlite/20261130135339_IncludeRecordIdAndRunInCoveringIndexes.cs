using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kpi.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IncludeRecordIdAndRunInCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
