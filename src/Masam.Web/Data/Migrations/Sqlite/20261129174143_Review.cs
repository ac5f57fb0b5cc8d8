using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masam.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnswerRating",
                table: "Feedback",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnsweredAt",
                table: "Feedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Feedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "Feedback",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Feedback received before deadlines were tracked: due 30 days after receipt.
            migrationBuilder.Sql("""UPDATE "Feedback" SET "DueAt" = strftime('%Y-%m-%d %H:%M:%S', "ReceivedAt", '+30 days')""");

            migrationBuilder.AddColumn<long>(
                name: "DuplicateOfId",
                table: "Feedback",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ExtendedAt",
                table: "Feedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtensionReason",
                table: "Feedback",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverdueFlaggedAt",
                table: "Feedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RatedAt",
                table: "Feedback",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Feedback",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Feedback",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_DuplicateOfId",
                table: "Feedback",
                column: "DuplicateOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_Status_DueAt",
                table: "Feedback",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Feedback_Feedback_DuplicateOfId",
                table: "Feedback",
                column: "DuplicateOfId",
                principalTable: "Feedback",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Feedback_Feedback_DuplicateOfId",
                table: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_DuplicateOfId",
                table: "Feedback");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_Status_DueAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "AnswerRating",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "AnsweredAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "DuplicateOfId",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "ExtendedAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "ExtensionReason",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "OverdueFlaggedAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Feedback");
        }
    }
}
