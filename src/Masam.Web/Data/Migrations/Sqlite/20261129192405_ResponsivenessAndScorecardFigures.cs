using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponsivenessAndScorecardFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_FeedbackCounts",
                table: "FeedbackCounts");

            migrationBuilder.DropIndex(
                name: "IX_FeedbackCounts_Month_Dimension",
                table: "FeedbackCounts");

            migrationBuilder.AddColumn<int>(
                name: "DaysToAnswer",
                table: "Feedback",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DaysToClose",
                table: "Feedback",
                type: "INTEGER",
                nullable: true);

            // Days on Mongolia's calendar (UTC+8, no daylight saving) for items answered or closed before this column existed.
            migrationBuilder.Sql(
                "UPDATE Feedback SET DaysToAnswer = CAST(julianday(date(AnsweredAt, '+8 hours')) - julianday(date(ReceivedAt, '+8 hours')) AS INTEGER) WHERE AnsweredAt IS NOT NULL;");
            migrationBuilder.Sql(
                "UPDATE Feedback SET DaysToClose = CAST(julianday(date(ClosedAt, '+8 hours')) - julianday(date(ReceivedAt, '+8 hours')) AS INTEGER) WHERE ClosedAt IS NOT NULL;");

            migrationBuilder.AddPrimaryKey(
                name: "PK_FeedbackCounts",
                table: "FeedbackCounts",
                columns: new[] { "Month", "Dimension", "ProviderId", "Value" });

            migrationBuilder.CreateTable(
                name: "ActionCounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdminUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Due = table.Column<int>(type: "INTEGER", nullable: false),
                    Done = table.Column<int>(type: "INTEGER", nullable: false),
                    DoneOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Overdue = table.Column<int>(type: "INTEGER", nullable: false),
                    Dropped = table.Column<int>(type: "INTEGER", nullable: false),
                    CostMnt = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionCounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResponsivenessCounts",
                columns: table => new
                {
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Received = table.Column<int>(type: "INTEGER", nullable: false),
                    Due = table.Column<int>(type: "INTEGER", nullable: false),
                    Answered = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredOnTime = table.Column<int>(type: "INTEGER", nullable: false),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    Overdue = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysToAnswer = table.Column<string>(type: "TEXT", nullable: true),
                    DaysToClose = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponsivenessCounts", x => new { x.ProviderId, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "ScorecardFigures",
                columns: table => new
                {
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    CycleIndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LibraryIndicatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    NameMn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Groups = table.Column<int>(type: "INTEGER", nullable: false),
                    CommunityScore = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    SelfScore = table.Column<int>(type: "INTEGER", nullable: true),
                    Gap = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardFigures", x => new { x.CycleId, x.CycleIndicatorId });
                });

            migrationBuilder.CreateTable(
                name: "ScorecardGroupFigures",
                columns: table => new
                {
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    CycleIndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    FocusGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    GroupName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardGroupFigures", x => new { x.CycleId, x.CycleIndicatorId, x.FocusGroupId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionCounts_Month_AdminUnitId",
                table: "ActionCounts",
                columns: new[] { "Month", "AdminUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardFigures_Month_ProviderId",
                table: "ScorecardFigures",
                columns: new[] { "Month", "ProviderId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionCounts");

            migrationBuilder.DropTable(
                name: "ResponsivenessCounts");

            migrationBuilder.DropTable(
                name: "ScorecardFigures");

            migrationBuilder.DropTable(
                name: "ScorecardGroupFigures");

            migrationBuilder.DropPrimaryKey(
                name: "PK_FeedbackCounts",
                table: "FeedbackCounts");

            migrationBuilder.DropColumn(
                name: "DaysToAnswer",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "DaysToClose",
                table: "Feedback");

            migrationBuilder.AddPrimaryKey(
                name: "PK_FeedbackCounts",
                table: "FeedbackCounts",
                columns: new[] { "ProviderId", "Month", "Dimension", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackCounts_Month_Dimension",
                table: "FeedbackCounts",
                columns: new[] { "Month", "Dimension" });
        }
    }
}
