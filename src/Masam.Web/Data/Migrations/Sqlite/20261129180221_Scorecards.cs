using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Scorecards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScorecardCycles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FacilitatingGroup = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardCycles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScorecardCycles_Providers_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SectorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NameMn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardIndicators", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FocusGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OtherName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Female = table.Column<int>(type: "INTEGER", nullable: false),
                    WithDisability = table.Column<int>(type: "INTEGER", nullable: false),
                    Youth = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FocusGroups", x => x.Id);
                    table.CheckConstraint("CK_FocusGroup_Counts", "\"Participants\" >= 0 AND \"Female\" BETWEEN 0 AND \"Participants\" AND \"WithDisability\" BETWEEN 0 AND \"Participants\" AND \"Youth\" BETWEEN 0 AND \"Participants\"");
                    table.ForeignKey(
                        name: "FK_FocusGroups_ScorecardCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "ScorecardCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CycleIndicator",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    LibraryIndicatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    NameMn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CycleIndicator", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CycleIndicator_ScorecardCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "ScorecardCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CycleIndicator_ScorecardIndicators_LibraryIndicatorId",
                        column: x => x.LibraryIndicatorId,
                        principalTable: "ScorecardIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupScores",
                columns: table => new
                {
                    FocusGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    CycleIndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupScores", x => new { x.FocusGroupId, x.CycleIndicatorId });
                    table.CheckConstraint("CK_GroupScore_Range", "\"Score\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_GroupScores_CycleIndicator_CycleIndicatorId",
                        column: x => x.CycleIndicatorId,
                        principalTable: "CycleIndicator",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupScores_FocusGroups_FocusGroupId",
                        column: x => x.FocusGroupId,
                        principalTable: "FocusGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelfScore",
                columns: table => new
                {
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    CycleIndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfScore", x => new { x.CycleId, x.CycleIndicatorId });
                    table.CheckConstraint("CK_SelfScore_Range", "\"Score\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_SelfScore_CycleIndicator_CycleIndicatorId",
                        column: x => x.CycleIndicatorId,
                        principalTable: "CycleIndicator",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_SelfScore_ScorecardCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "ScorecardCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CycleIndicator_CycleId_LibraryIndicatorId",
                table: "CycleIndicator",
                columns: new[] { "CycleId", "LibraryIndicatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CycleIndicator_LibraryIndicatorId",
                table: "CycleIndicator",
                column: "LibraryIndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_FocusGroups_CycleId",
                table: "FocusGroups",
                column: "CycleId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupScores_CycleIndicatorId",
                table: "GroupScores",
                column: "CycleIndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardCycles_ProviderId_PeriodStart",
                table: "ScorecardCycles",
                columns: new[] { "ProviderId", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardIndicators_Code",
                table: "ScorecardIndicators",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfScore_CycleIndicatorId",
                table: "SelfScore",
                column: "CycleIndicatorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GroupScores");

            migrationBuilder.DropTable(
                name: "SelfScore");

            migrationBuilder.DropTable(
                name: "FocusGroups");

            migrationBuilder.DropTable(
                name: "CycleIndicator");

            migrationBuilder.DropTable(
                name: "ScorecardCycles");

            migrationBuilder.DropTable(
                name: "ScorecardIndicators");
        }
    }
}
