using Masam.Web.Data;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace Masam.Web.Features.QueryFeed;

// The restricted sets: signed-in staff only (bearer token), each filtered to the account's scope
// inside the query, so that a row of another jurisdiction is never read, even by its id (404).

[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class FeedbackController(MasamDbContext db, CurrentStaff staff) : ODataController
{
    [FeedQuery]
    public IQueryable<FeedbackRow> Get() => Rows();

    [FeedQuery]
    public IActionResult Get(long key) => FeedShapes.Single(Rows().Where(f => f.Id == key));

    private IQueryable<FeedbackRow> Rows() => db.Feedback
        .Where(staff.Scope.Feedback())
        .Select(f => new FeedbackRow
        {
            Id = f.Id, ProviderId = f.ProviderId, AdminUnitCode = f.Provider!.AdminUnit!.Code,
            AimagCode = f.AimagCode,
            SectorCode = f.Provider.Type!.SectorCode, ServiceLineCode = f.ServiceLineCode, Score = f.Score, Comment = f.Comment,
            Channel = f.Channel == FeedbackChannel.Web ? "web" : f.Channel == FeedbackChannel.Phone ? "phone" : f.Channel == FeedbackChannel.Sms ? "sms"
                : f.Channel == FeedbackChannel.Paper ? "paper" : f.Channel == FeedbackChannel.Kiosk ? "kiosk" : "survey",
            Gender = f.Gender == null ? null : f.Gender == Gender.Female ? "female" : f.Gender == Gender.Male ? "male" : "other",
            AgeBand = f.AgeBand == null ? null : f.AgeBand == AgeBand.Under18 ? "under-18" : f.AgeBand == AgeBand.From18To24 ? "18-24"
                : f.AgeBand == AgeBand.From25To34 ? "25-34" : f.AgeBand == AgeBand.From35To44 ? "35-44" : f.AgeBand == AgeBand.From45To54 ? "45-54"
                : f.AgeBand == AgeBand.From55To64 ? "55-64" : "65-plus",
            HasDisability = f.HasDisability, HerderHousehold = f.HerderHousehold,
            Status = f.Status == FeedbackStatus.Received ? "received" : f.Status == FeedbackStatus.Acknowledged ? "acknowledged"
                : f.Status == FeedbackStatus.InProgress ? "in-progress" : f.Status == FeedbackStatus.Answered ? "answered"
                : f.Status == FeedbackStatus.Closed ? "closed" : "rejected",
            ReceivedAt = f.ReceivedAt, ReceivedMonth = f.ReceivedMonth, DueAt = f.DueAt, AnsweredAt = f.AnsweredAt, ClosedAt = f.ClosedAt,
            DaysToAnswer = f.DaysToAnswer, AnswerRating = f.AnswerRating, IsDemo = f.IsDemo,
        });
}

[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class ScorecardScoresController(MasamDbContext db, CurrentStaff staff) : ODataController
{
    [FeedQuery]
    public IQueryable<ScorecardScoreRow> Get() =>
        from cycle in db.ScorecardCycles.Where(staff.Scope.Filter<Scorecards.ScorecardCycle>(c => c.ProviderId, c => c.Provider!.AdminUnit!.Path))
        from score in db.GroupScores
        join indicator in db.Set<Scorecards.CycleIndicator>() on score.CycleIndicatorId equals indicator.Id
        join grp in db.FocusGroups on score.FocusGroupId equals grp.Id
        where grp.CycleId == cycle.Id
        select new ScorecardScoreRow
        {
            Id = cycle.Id + "-" + indicator.Id + "-" + grp.Id, CycleId = cycle.Id, ProviderId = cycle.ProviderId, AdminUnitCode = cycle.Provider!.AdminUnit!.Code,
            PeriodStart = cycle.PeriodStart, PeriodEnd = cycle.PeriodEnd, Stage = cycle.Stage.ToString(), IndicatorId = indicator.Id,
            IndicatorMn = indicator.NameMn, IndicatorEn = indicator.NameEn, GroupType = grp.Type.ToString(), Participants = grp.Participants, Score = score.Score,
        };
}

[Authorize(Policy = AccountsFeature.StaffPolicy)]
public sealed class FeedbackCountsController(MasamDbContext db, CurrentStaff staff) : ODataController
{
    [FeedQuery]
    public IQueryable<FeedbackCountRow> Get() => db.FeedbackCounts
        .Join(db.Providers, c => c.ProviderId, p => p.Id, (c, p) => new CountOfProvider { Count = c, Provider = p })
        .Where(staff.Scope.Filter<CountOfProvider>(r => r.Provider.Id, r => r.Provider.AdminUnit!.Path))
        .Select(r => new FeedbackCountRow
        {
            Id = r.Count.ProviderId + "-" + r.Count.Month.Year + "-" + r.Count.Month.Month + "-" + r.Count.Dimension + "-" + r.Count.Value,
            ProviderId = r.Count.ProviderId, AdminUnitCode = r.Provider.AdminUnit!.Code,
            AimagCode = r.Provider.AdminUnit.Level == AdminUnitLevel.First ? r.Provider.AdminUnit.Code : r.Provider.AdminUnit.Parent!.Code,
            SectorCode = r.Provider.Type!.SectorCode, Month = r.Count.Month, Dimension = r.Count.Dimension, Value = r.Count.Value,
            C1 = r.Count.C1, C2 = r.Count.C2, C3 = r.Count.C3, C4 = r.Count.C4, C5 = r.Count.C5,
            N = r.Count.C1 + r.Count.C2 + r.Count.C3 + r.Count.C4 + r.Count.C5,
        });

    /// <summary>A count row with its provider, for the scope's filter.</summary>
    public sealed class CountOfProvider
    {
        public required Figures.FeedbackCount Count { get; init; }
        public required Providers.Provider Provider { get; init; }
    }
}
