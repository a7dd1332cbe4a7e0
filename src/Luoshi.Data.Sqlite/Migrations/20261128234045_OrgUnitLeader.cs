using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrgUnitLeader : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LeaderUserId",
                table: "org_units",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_units_LeaderUserId",
                table: "org_units",
                column: "LeaderUserId");

            migrationBuilder.AddForeignKey(
                name: "FK_org_units_users_LeaderUserId",
                table: "org_units",
                column: "LeaderUserId",
                principalTable: "users",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_org_units_users_LeaderUserId",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_units_LeaderUserId",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "LeaderUserId",
                table: "org_units");
        }
    }
}
