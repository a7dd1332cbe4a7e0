using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DataCollection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_elements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ValueType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Aggregation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Options = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_elements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_sets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PeriodType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UnitKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RootUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DueTime = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    AllowZeroReport = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_sets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_sets_org_units_RootUnitId",
                        column: x => x.RootUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "data_values",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataElementId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PeriodType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Option = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Numeric = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedById = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_values", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_values_data_elements_DataElementId",
                        column: x => x.DataElementId,
                        principalTable: "data_elements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_data_values_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_data_values_users_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "data_set_elements",
                columns: table => new
                {
                    DataSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    DataElementId = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_set_elements", x => new { x.DataSetId, x.DataElementId });
                    table.ForeignKey(
                        name: "FK_data_set_elements_data_elements_DataElementId",
                        column: x => x.DataElementId,
                        principalTable: "data_elements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_data_set_elements_data_sets_DataSetId",
                        column: x => x.DataSetId,
                        principalTable: "data_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "data_set_reports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DataSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedById = table.Column<int>(type: "INTEGER", nullable: true),
                    IsZeroReport = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsLate = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_set_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_set_reports_data_sets_DataSetId",
                        column: x => x.DataSetId,
                        principalTable: "data_sets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_data_set_reports_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_data_set_reports_users_SubmittedById",
                        column: x => x.SubmittedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_elements_Code",
                table: "data_elements",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_set_elements_DataElementId",
                table: "data_set_elements",
                column: "DataElementId");

            migrationBuilder.CreateIndex(
                name: "IX_data_set_reports_DataSetId_OrgUnitId_Period",
                table: "data_set_reports",
                columns: new[] { "DataSetId", "OrgUnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_set_reports_DataSetId_Period",
                table: "data_set_reports",
                columns: new[] { "DataSetId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_data_set_reports_OrgUnitId",
                table: "data_set_reports",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_data_set_reports_SubmittedById",
                table: "data_set_reports",
                column: "SubmittedById");

            migrationBuilder.CreateIndex(
                name: "IX_data_sets_Code",
                table: "data_sets",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_sets_RootUnitId",
                table: "data_sets",
                column: "RootUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_data_values_DataElementId_OrgUnitId_Period_Option",
                table: "data_values",
                columns: new[] { "DataElementId", "OrgUnitId", "Period", "Option" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_values_DataElementId_StartDate",
                table: "data_values",
                columns: new[] { "DataElementId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_data_values_OrgUnitId_StartDate",
                table: "data_values",
                columns: new[] { "OrgUnitId", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_data_values_UpdatedById",
                table: "data_values",
                column: "UpdatedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_set_elements");

            migrationBuilder.DropTable(
                name: "data_set_reports");

            migrationBuilder.DropTable(
                name: "data_values");

            migrationBuilder.DropTable(
                name: "data_sets");

            migrationBuilder.DropTable(
                name: "data_elements");
        }
    }
}
