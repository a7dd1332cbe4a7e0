using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TaskSourceSpan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SourceEnd",
                table: "tasks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SourceStart",
                table: "tasks",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SourceEnd",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "SourceStart",
                table: "tasks");
        }
    }
}
