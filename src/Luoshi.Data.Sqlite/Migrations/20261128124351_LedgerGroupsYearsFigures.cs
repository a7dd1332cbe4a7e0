using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LedgerGroupsYearsFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DueByHand",
                table: "tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsBreakdown",
                table: "tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsGroup",
                table: "tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<decimal>(
                name: "Denominator",
                table: "report_values",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Numerator",
                table: "report_values",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "YearSource",
                table: "plans",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Outline headings with child items become groups; targets whose deadline was a copy of their task's follow it.
            migrationBuilder.Sql("UPDATE tasks SET \"IsGroup\" = 1 "
                + "WHERE \"Id\" IN (SELECT \"ParentId\" FROM tasks WHERE \"ParentId\" IS NOT NULL);");
            migrationBuilder.Sql("UPDATE targets SET \"DueDate\" = NULL "
                + "WHERE \"DueDate\" = (SELECT t.\"DueDate\" FROM tasks t WHERE t.\"Id\" = targets.\"TaskId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueByHand",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "IsBreakdown",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "IsGroup",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "Denominator",
                table: "report_values");

            migrationBuilder.DropColumn(
                name: "Numerator",
                table: "report_values");

            migrationBuilder.DropColumn(
                name: "YearSource",
                table: "plans");
        }
    }
}
