using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Masam.Reporting;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Open311;

/// <summary>Reading requests: by id, or listed by service, status, dates and page; the arguments checked as the standard has them.</summary>
public sealed partial class Open311Requests
{
    /// <summary>The requests a GET asks for, newest first, or what is wrong with the question.</summary>
    public async Task<(IReadOnlyList<Open311RequestView>? Requests, IReadOnlyList<Open311Error> Errors)> FindAsync(
        IQueryCollection query, Jurisdiction? jurisdiction, CancellationToken ct)
    {
        var errors = new List<Open311Error>();
        var items = db.Feedback.AsNoTracking();
        if (jurisdiction is not null)
        {
            items = items.Where(f => f.Provider!.AdminUnit!.Path.StartsWith(jurisdiction.Path));
        }

        // The last page is one whose first row can still be counted: page × page_size never overflows.
        var (page, pageSize) = (Number(query, "page", 1, int.MaxValue / MaxPageSize, 1, errors), Number(query, "page_size", 1, MaxPageSize, MaxPageSize, errors));
        if (List(query, "service_request_id") is { } ids)
        {
            // The standard: a list of ids overrides every other argument. An id is the request's
            // public number; a tracking code given as one (what Masam answered before) still resolves.
            var parsed = ids.Select(RequestId.Parse).ToList();
            if (ids.Count > MaxIds) errors.Add(Bad("service_request_id", text["error.open311.tooManyIds", MaxIds]));
            errors.AddRange(ids.Where((id, i) => parsed[i] is null).Select(id => Bad("service_request_id", text["error.open311.badId", id])));
            var numbers = parsed.Where(p => p?.Number is not null).Select(p => p!.Number!.Value).ToList();
            var codes = parsed.Where(p => p?.Code is not null).Select(p => p!.Code!).ToList();
            items = items.Where(f => numbers.Contains(f.Id) || codes.Contains(f.TrackingCode));
        }
        else
        {
            items = await FilterAsync(items, query, jurisdiction, errors, ct);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (await ViewsAsync(items.OrderByDescending(f => f.ReceivedAt).ThenByDescending(f => f.Id).Skip((page - 1) * pageSize).Take(pageSize), ct), []);
    }

    /// <summary>One request by its public number (or, as before, its tracking code), or null.</summary>
    public async Task<Open311RequestView?> FindAsync(string id, Jurisdiction? jurisdiction, CancellationToken ct)
    {
        if (RequestId.Parse(id) is not { } given)
        {
            return null;
        }

        var items = given.Number is { } number
            ? db.Feedback.AsNoTracking().Where(f => f.Id == number)
            : db.Feedback.AsNoTracking().Where(f => f.TrackingCode == given.Code);
        if (jurisdiction is not null)
        {
            items = items.Where(f => f.Provider!.AdminUnit!.Path.StartsWith(jurisdiction.Path));
        }

        return (await ViewsAsync(items, ct)).FirstOrDefault();
    }

    private async Task<IQueryable<FeedbackItem>> FilterAsync(
        IQueryable<FeedbackItem> items, IQueryCollection query, Jurisdiction? jurisdiction, List<Open311Error> errors, CancellationToken ct)
    {
        if (List(query, "service_code") is { } services)
        {
            var known = (await catalogue.ServicesAsync(jurisdiction, ct)).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(services.Where(s => !known.Contains(s)).Select(s => new Open311Error(StatusCodes.Status404NotFound,
                $"service_code: {text["error.open311.unknownService", s]}")));
            var general = services.Contains(Open311Catalogue.GeneralService);
            var lines = services.Where(s => s != Open311Catalogue.GeneralService).ToList();
            items = items.Where(f => (general && f.ServiceLineCode == null) || lines.Contains(f.ServiceLineCode!));
        }

        if (List(query, "status") is { } statuses)
        {
            foreach (var status in statuses.Where(s => s is not ("open" or "closed")))
            {
                errors.Add(Bad("status", text["error.enum.unknown", status, "open, closed"]));
            }

            var (open, closed) = (statuses.Contains("open"), statuses.Contains("closed"));
            if (open != closed)
            {
                items = items.Where(AnswerDeadline.OpenItem(open));
            }
        }

        var start = Moment(query, "start_date", errors);
        var end = Moment(query, "end_date", errors);
        var range = TimeSpan.FromDays(MaxRangeDays);
        // Without both ends, the range is 90 days from the one given, or the last 90 days.
        end ??= start + range ?? clock.GetUtcNow().UtcDateTime;
        start ??= end - range;
        if (end < start)
        {
            errors.Add(Bad("end_date", text["error.open311.endBeforeStart"]));
        }
        else if (end - start > range)
        {
            errors.Add(Bad("end_date", text["error.open311.range", MaxRangeDays]));
        }

        return items.Where(f => f.ReceivedAt >= start && f.ReceivedAt <= end);
    }

    private async Task<IReadOnlyList<Open311RequestView>> ViewsAsync(IQueryable<FeedbackItem> items, CancellationToken ct)
    {
        var rows = await items.Select(f => new
        {
            f.Id, f.Status, f.ServiceLineCode,
            LineMn = f.ServiceLine!.NameMn, LineEn = f.ServiceLine.NameEn,
            ProviderMn = f.Provider!.NameMn, ProviderEn = f.Provider.NameEn,
            UnitCode = f.Provider.AdminUnit!.Code, UnitPath = f.Provider.AdminUnit.Path,
            UnitMn = f.Provider.AdminUnit.NameMn, UnitEn = f.Provider.AdminUnit.NameEn,
            ParentMn = f.Provider.AdminUnit.Parent!.NameMn, ParentEn = f.Provider.AdminUnit.Parent.NameEn,
            f.ReceivedAt, f.UpdatedAt, f.ClosedAt, f.DueAt,
            Answer = f.Responses.Where(r => r.IsPublic).OrderByDescending(r => r.CreatedAt).Select(r => new { r.Body, r.CreatedAt }).FirstOrDefault(),
        }).ToListAsync(ct);

        return [.. rows.Select(r =>
        {
            var open = AnswerDeadline.IsOpen(r.Status);
            var aimag = r.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
            var point = boundaries.PointIn(aimag);
            var provider = Cultures.Pick(r.ProviderMn, r.ProviderEn);
            var area = string.Join(", ", new[] { Cultures.Pick(r.UnitMn, r.UnitEn), r.ParentMn is null ? null : Cultures.Pick(r.ParentMn, r.ParentEn!) }.OfType<string>());
            return new Open311RequestView(
                RequestId.Of(r.Id), open,
                PublicText.Hide(r.Answer?.Body) ?? text[$"status.{WireEnum<FeedbackStatus>.Name(r.Status)}"].Value,
                r.ServiceLineCode ?? Open311Catalogue.GeneralService,
                r.ServiceLineCode is null ? text["open311.general.name"].Value : Cultures.Pick(r.LineMn!, r.LineEn!),
                provider, r.ReceivedAt,
                // For a closed request, the standard's updated_datetime is when it was closed.
                open ? r.UpdatedAt : r.ClosedAt ?? r.Answer?.CreatedAt ?? r.UpdatedAt,
                r.DueAt, $"{provider}, {area}", r.UnitCode, point?.Latitude, point?.Longitude);
        })];
    }

    /// <summary>A comma list (or the argument repeated), or null when absent or empty.</summary>
    private static List<string>? List(IQueryCollection query, string name)
    {
        var items = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return items.Count == 0 ? null : items;
    }

    private int Number(IQueryCollection query, string name, int min, int max, int absent, List<Open311Error> errors)
    {
        var given = query[name].ToString();
        if (string.IsNullOrWhiteSpace(given))
        {
            return absent;
        }

        if (int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(Bad(name, text["error.open311.number", min, max]));
        return absent;
    }

    /// <summary>A w3 date-time with its time zone (<c>2026-01-01T00:00:00Z</c>, <c>…+08:00</c>), as UTC.</summary>
    private DateTime? Moment(IQueryCollection query, string name, List<Open311Error> errors)
    {
        var given = query[name].ToString().Trim();
        if (given.Length == 0)
        {
            return null;
        }

        if (W3DateTime().IsMatch(given) && DateTimeOffset.TryParse(given, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return moment.UtcDateTime;
        }

        errors.Add(Bad(name, text["error.open311.date", given]));
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex W3DateTime();
}
