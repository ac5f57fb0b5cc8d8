using System.ComponentModel.DataAnnotations;

namespace Masam.Web.Features.Reminders;

/// <summary>The <c>Masam:Reminders</c> section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Masam:Reminders";

    /// <summary>Cron (in Mongolian time) of the daily overdue check.</summary>
    [Required]
    public string OverdueCheckCron { get; set; } = "0 1 * * *";

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Without a host the outbox is not sent; Admin reads it at <c>/api/v1/admin/outbox</c>.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public bool UseStartTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "masam@localhost";
}
