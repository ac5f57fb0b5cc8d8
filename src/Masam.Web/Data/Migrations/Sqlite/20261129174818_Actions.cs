using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Actions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResponseActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResponsibleProviderId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponsibleAdminUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    AdminUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CostMnt = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    FundingSource = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DropReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProgressPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseActions", x => x.Id);
                    table.CheckConstraint("CK_ResponseAction_Progress", "\"ProgressPercent\" BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "FK_ResponseActions_AdminUnits_AdminUnitId",
                        column: x => x.AdminUnitId,
                        principalTable: "AdminUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResponseActions_AdminUnits_ResponsibleAdminUnitId",
                        column: x => x.ResponsibleAdminUnitId,
                        principalTable: "AdminUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResponseActions_Providers_ResponsibleProviderId",
                        column: x => x.ResponsibleProviderId,
                        principalTable: "Providers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActionUpdates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Links = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ProgressPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionUpdates_ResponseActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ResponseActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ResponseActionFeedback",
                columns: table => new
                {
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    FeedbackId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseActionFeedback", x => new { x.ActionId, x.FeedbackId });
                    table.ForeignKey(
                        name: "FK_ResponseActionFeedback_Feedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "Feedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ResponseActionFeedback_ResponseActions_ActionId",
                        column: x => x.ActionId,
                        principalTable: "ResponseActions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionUpdates_ActionId",
                table: "ActionUpdates",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseActionFeedback_FeedbackId",
                table: "ResponseActionFeedback",
                column: "FeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseActions_AdminUnitId_Status",
                table: "ResponseActions",
                columns: new[] { "AdminUnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseActions_ResponsibleAdminUnitId",
                table: "ResponseActions",
                column: "ResponsibleAdminUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseActions_ResponsibleProviderId",
                table: "ResponseActions",
                column: "ResponsibleProviderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionUpdates");

            migrationBuilder.DropTable(
                name: "ResponseActionFeedback");

            migrationBuilder.DropTable(
                name: "ResponseActions");
        }
    }
}
