using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScorecardPlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InterfaceAttendance",
                table: "ScorecardCycles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "InterfaceMeetingOn",
                table: "ScorecardCycles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InterfaceNotes",
                table: "ScorecardCycles",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ScorecardCycleId",
                table: "ResponseActions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InputTrackingLine",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CycleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Entitled = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Actual = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Remark = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InputTrackingLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InputTrackingLine_ScorecardCycles_CycleId",
                        column: x => x.CycleId,
                        principalTable: "ScorecardCycles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseActions_ScorecardCycleId",
                table: "ResponseActions",
                column: "ScorecardCycleId");

            migrationBuilder.CreateIndex(
                name: "IX_InputTrackingLine_CycleId",
                table: "InputTrackingLine",
                column: "CycleId");

            migrationBuilder.AddForeignKey(
                name: "FK_ResponseActions_ScorecardCycles_ScorecardCycleId",
                table: "ResponseActions",
                column: "ScorecardCycleId",
                principalTable: "ScorecardCycles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ResponseActions_ScorecardCycles_ScorecardCycleId",
                table: "ResponseActions");

            migrationBuilder.DropTable(
                name: "InputTrackingLine");

            migrationBuilder.DropIndex(
                name: "IX_ResponseActions_ScorecardCycleId",
                table: "ResponseActions");

            migrationBuilder.DropColumn(
                name: "InterfaceAttendance",
                table: "ScorecardCycles");

            migrationBuilder.DropColumn(
                name: "InterfaceMeetingOn",
                table: "ScorecardCycles");

            migrationBuilder.DropColumn(
                name: "InterfaceNotes",
                table: "ScorecardCycles");

            migrationBuilder.DropColumn(
                name: "ScorecardCycleId",
                table: "ResponseActions");
        }
    }
}
