using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RankingSchemesAndAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ranking_adjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrgUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProposedById = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranking_adjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ranking_adjustments_org_units_OrgUnitId",
                        column: x => x.OrgUnitId,
                        principalTable: "org_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ranking_adjustments_users_ProposedById",
                        column: x => x.ProposedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ranking_adjustments_users_ReviewedById",
                        column: x => x.ReviewedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ranking_scheme_versions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranking_scheme_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ranking_scheme_versions_users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ranking_weights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CriterionKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Weight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ranking_weights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ranking_weights_ranking_scheme_versions_SchemeVersionId",
                        column: x => x.SchemeVersionId,
                        principalTable: "ranking_scheme_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_OrgUnitId",
                table: "ranking_adjustments",
                column: "OrgUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_Period_Status",
                table: "ranking_adjustments",
                columns: new[] { "Period", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_ProposedById",
                table: "ranking_adjustments",
                column: "ProposedById");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_adjustments_ReviewedById",
                table: "ranking_adjustments",
                column: "ReviewedById");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_scheme_versions_CreatedById",
                table: "ranking_scheme_versions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ranking_scheme_versions_SchemeId_Version",
                table: "ranking_scheme_versions",
                columns: new[] { "SchemeId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ranking_weights_SchemeVersionId_Kind_CriterionKey",
                table: "ranking_weights",
                columns: new[] { "SchemeVersionId", "Kind", "CriterionKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ranking_adjustments");

            migrationBuilder.DropTable(
                name: "ranking_weights");

            migrationBuilder.DropTable(
                name: "ranking_scheme_versions");
        }
    }
}
