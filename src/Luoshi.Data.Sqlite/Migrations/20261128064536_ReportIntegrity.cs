using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_reports_SubmittedById_IdempotencyKey",
                table: "reports");

            migrationBuilder.DropIndex(
                name: "IX_reports_TaskId_OrgUnitId_Period",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "reports");

            migrationBuilder.AddColumn<bool>(
                name: "Live",
                table: "reports",
                type: "INTEGER",
                nullable: true);

            // One live report per task, unit and period: of the versions already stored (and of duplicates stored by
            // simultaneous submissions before this rule), the newest is the live one; the others stay as history.
            migrationBuilder.Sql("""
                UPDATE reports SET "Live" = 1
                WHERE "Id" IN (SELECT MAX("Id") FROM reports GROUP BY "TaskId", "OrgUnitId", "Period");
                """);

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_idempotency_keys_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reports_TaskId_OrgUnitId_Period_Live",
                table: "reports",
                columns: new[] { "TaskId", "OrgUnitId", "Period", "Live" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_UserId_Key",
                table: "idempotency_keys",
                columns: new[] { "UserId", "Key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropIndex(
                name: "IX_reports_TaskId_OrgUnitId_Period_Live",
                table: "reports");

            migrationBuilder.DropColumn(
                name: "Live",
                table: "reports");

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "reports",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_SubmittedById_IdempotencyKey",
                table: "reports",
                columns: new[] { "SubmittedById", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reports_TaskId_OrgUnitId_Period",
                table: "reports",
                columns: new[] { "TaskId", "OrgUnitId", "Period" });
        }
    }
}
