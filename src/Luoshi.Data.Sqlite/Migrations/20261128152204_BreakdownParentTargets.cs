using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BreakdownParentTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ParentTargetId",
                table: "targets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_targets_ParentTargetId",
                table: "targets",
                column: "ParentTargetId");

            migrationBuilder.AddForeignKey(
                name: "FK_targets_targets_ParentTargetId",
                table: "targets",
                column: "ParentTargetId",
                principalTable: "targets",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_targets_targets_ParentTargetId",
                table: "targets");

            migrationBuilder.DropIndex(
                name: "IX_targets_ParentTargetId",
                table: "targets");

            migrationBuilder.DropColumn(
                name: "ParentTargetId",
                table: "targets");
        }
    }
}
