using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DataChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LockAfterDays",
                table: "data_sets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_period_locks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Locked = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_period_locks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_period_locks_data_sets_DataSetId",
                        column: x => x.DataSetId,
                        principalTable: "data_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_data_period_locks_users_ChangedById",
                        column: x => x.ChangedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "validation_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Left = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Right = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_validation_rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_validation_rules_data_sets_DataSetId",
                        column: x => x.DataSetId,
                        principalTable: "data_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_period_locks_ChangedById",
                table: "data_period_locks",
                column: "ChangedById");

            migrationBuilder.CreateIndex(
                name: "IX_data_period_locks_DataSetId_Period",
                table: "data_period_locks",
                columns: new[] { "DataSetId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_validation_rules_DataSetId",
                table: "validation_rules",
                column: "DataSetId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_period_locks");

            migrationBuilder.DropTable(
                name: "validation_rules");

            migrationBuilder.DropColumn(
                name: "LockAfterDays",
                table: "data_sets");
        }
    }
}
