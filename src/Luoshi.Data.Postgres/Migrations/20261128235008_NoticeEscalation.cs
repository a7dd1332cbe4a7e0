using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NoticeEscalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAt",
                table: "notices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EscalationKey",
                table: "notices",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LeaderUserId",
                table: "notices",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_notices_EscalationKey_Level",
                table: "notices",
                columns: new[] { "EscalationKey", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notices_LeaderUserId",
                table: "notices",
                column: "LeaderUserId");

            migrationBuilder.AddForeignKey(
                name: "FK_notices_users_LeaderUserId",
                table: "notices",
                column: "LeaderUserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_notices_users_LeaderUserId",
                table: "notices");

            migrationBuilder.DropIndex(
                name: "IX_notices_EscalationKey_Level",
                table: "notices");

            migrationBuilder.DropIndex(
                name: "IX_notices_LeaderUserId",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "EscalationKey",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "LeaderUserId",
                table: "notices");
        }
    }
}
