using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CitizenNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "FeedbackContacts",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Notify",
                table: "FeedbackContacts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "StopToken",
                table: "FeedbackContacts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StoppedAt",
                table: "FeedbackContacts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReopenReason",
                table: "Feedback",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReopenedAt",
                table: "Feedback",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackContacts_StopToken",
                table: "FeedbackContacts",
                column: "StopToken",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FeedbackContacts_StopToken",
                table: "FeedbackContacts");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "FeedbackContacts");

            migrationBuilder.DropColumn(
                name: "Notify",
                table: "FeedbackContacts");

            migrationBuilder.DropColumn(
                name: "StopToken",
                table: "FeedbackContacts");

            migrationBuilder.DropColumn(
                name: "StoppedAt",
                table: "FeedbackContacts");

            migrationBuilder.DropColumn(
                name: "ReopenReason",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "Feedback");
        }
    }
}
