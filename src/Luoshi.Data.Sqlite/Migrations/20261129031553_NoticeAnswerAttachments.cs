using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NoticeAnswerAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "NoticeId",
                table: "attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_attachments_NoticeId",
                table: "attachments",
                column: "NoticeId");

            migrationBuilder.AddForeignKey(
                name: "FK_attachments_notices_NoticeId",
                table: "attachments",
                column: "NoticeId",
                principalTable: "notices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_attachments_notices_NoticeId",
                table: "attachments");

            migrationBuilder.DropIndex(
                name: "IX_attachments_NoticeId",
                table: "attachments");

            migrationBuilder.DropColumn(
                name: "NoticeId",
                table: "attachments");
        }
    }
}
