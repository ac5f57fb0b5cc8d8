using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Feedback;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Providers;
using Masam.Web.Features.Scorecards;
using Masam.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.Demo;

/// <summary>
/// The part of the demo that tells the whole story, on the providers the demo accounts look after:
/// feedback the README names by tracking code (answered and rated, extended, rejected as a
/// duplicate, just received), response actions at every stage with cost, funding, progress and
/// dated updates, and Community Score Card cycles (two completed with focus groups, self-score,
/// interface meeting and action plan, one in progress). Dates are counted back from today, so the
/// story is always current; nothing is random.
/// </summary>
public sealed class DemoStory(MasamDbContext db, DateTime now)
{
    /// <summary>The Uliastai One-Stop Service Centre (Zavkhan): its manager and Zavkhan's official have demo accounts.</summary>
    public const string UliastaiOss = "DEMO-MN18101-OSS";

    /// <summary>The tracking codes the README lists, each with what a citizen sees when they try it.</summary>
    public static readonly IReadOnlyList<(string Code, string Shows)> Codes =
    [
        (TrackingCodes.Fixed("ANSWERED4ZV"), "answered, closed and rated 4 of 5; an action in progress"),
        (TrackingCodes.Fixed("EXTENDED3ZV"), "in progress, the deadline extended once with the reason"),
        (TrackingCodes.Fixed("DUPXCATE2ZV"), "rejected as a duplicate of the first"),
        (TrackingCodes.Fixed("FXSHED5DNZV"), "closed; its action done, with dated updates and the cost"),
        (TrackingCodes.Fixed("RECEVED2BZH"), "just received in Bayanzürkh district: the answer is due"),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Feedback.AnyAsync(f => f.TrackingCode == Codes[0].Code, ct))
        {
            return;
        }

        var providers = await db.Providers.Include(p => p.AdminUnit)
            .Where(p => p.IsDemo && (p.Code.StartsWith("DEMO-MN18101-") || p.Code.StartsWith("DEMO-MN51110-") || p.Code.StartsWith("DEMO-MN26701-")))
            .ToDictionaryAsync(p => p.Code, ct);
        if (!providers.ContainsKey(UliastaiOss))
        {
            return; // a geography without Zavkhan: nothing for the story to stand on
        }

        var feedback = SeedFeedback(providers);
        await db.SaveChangesAsync(ct);
        feedback["duplicate"].DuplicateOfId = feedback["answered"].Id;
        SeedActions(providers, feedback);
        await db.SaveChangesAsync(ct);
        await SeedScorecardsAsync(providers, ct);
    }

    private Dictionary<string, FeedbackItem> SeedFeedback(IReadOnlyDictionary<string, Provider> providers)
    {
        var oss = providers[UliastaiOss];
        var answered = Item(Codes[0].Code, oss, 2, 40, "Иргэний үнэмлэх сэргээлгэх гэж гурван өдөр дараалалд зогслоо. Цонх ганцхан ажиллаж байна.", FeedbackChannel.Web);
        Answer(answered, 6, "Таны саналыг хүлээн авлаа. Иргэний бүртгэлийн хоёр дахь цонхыг ирэх сарын 1-нээс нээхээр шийдвэрлэсэн.");
        answered.RecordClose(answered.AnsweredAt!.Value.AddDays(3));
        answered.Status = FeedbackStatus.Closed;
        (answered.AnswerRating, answered.RatedAt) = (4, answered.ClosedAt!.Value.AddDays(1));

        var extended = Item(Codes[1].Code, oss, 3, 34, "Малчдад зориулсан явуулын үйлчилгээ манай багт хоёр жил ирээгүй.", FeedbackChannel.Sms);
        extended.Status = FeedbackStatus.InProgress;
        extended.ExtensionReason = "Явуулын үйлчилгээний хуваарийг аймгийн Засаг даргын Тамгын газар батална; шийдвэрийг хүлээж байгаа тул хугацааг сунгав.";
        extended.ExtendedAt = extended.ReceivedAt.AddDays(25);
        extended.DueAt = AnswerDeadline.Extend(extended.DueAt, 15);
        extended.Responses.Add(new FeedbackResponse { Body = "Аймгийн ЗДТГ-тай хуваарийг зөвшилцөж байна.", IsPublic = false, CreatedAt = extended.ReceivedAt.AddDays(10) });

        var duplicate = Item(Codes[2].Code, oss, 2, 39, "Иргэний бүртгэлийн цонх ганцхан, дараалал хэт урт.", FeedbackChannel.Phone);
        duplicate.Status = FeedbackStatus.Rejected;
        duplicate.RejectionReason = RejectionReason.Duplicate;
        duplicate.RecordClose(duplicate.ReceivedAt.AddDays(2));

        var finished = Item(Codes[3].Code, oss, 1, 150, "Үйлчилгээний танхим өвөл маш хүйтэн, өндөр настнууд гадаа хүлээж байна.", FeedbackChannel.Paper);
        Answer(finished, 9, "Танхимын халаалтын шугамыг шинэчлэх ажлыг орон нутгийн хөгжлийн сангаас санхүүжүүлэхээр шийдвэрлэлээ.");
        finished.RecordClose(finished.AnsweredAt!.Value.AddDays(30));
        finished.Status = FeedbackStatus.Closed;
        (finished.AnswerRating, finished.RatedAt) = (5, finished.ClosedAt!.Value.AddDays(2));

        var bayanzurkh = providers.GetValueOrDefault("DEMO-MN51110-OSS") ?? oss;
        var received = Item(Codes[4].Code, bayanzurkh, 2, 1, "Газрын гэрчилгээ авах бичиг баримтын жагсаалт цахим хуудсанд байхгүй.", FeedbackChannel.Web);

        var items = new Dictionary<string, FeedbackItem>
        {
            ["answered"] = answered, ["extended"] = extended, ["duplicate"] = duplicate, ["finished"] = finished, ["received"] = received,
        };
        db.Feedback.AddRange(answered, extended, duplicate, finished, received);
        return items;
    }

    private void SeedActions(IReadOnlyDictionary<string, Provider> providers, Dictionary<string, FeedbackItem> feedback)
    {
        var oss = providers[UliastaiOss];
        var window = Action(oss, "Иргэний бүртгэлийн хоёр дахь цонх нээх", "Дараалал багасгахын тулд иргэний бүртгэлийн хоёр дахь цонхыг нээж, ажилтан томилно.",
            created: 33, dueIn: 20, 4_500_000m, "Орон нутгийн хөгжлийн сан", ActionStatus.InProgress, 60,
            (30, "Цонхны тавилга, тоног төхөөрөмжийн худалдан авалтыг зарлав.", 20), (12, "Ажилтныг сонгон шалгаруулж, сургалтад хамруулав.", 60));
        window.Feedback.Add(feedback["answered"]);

        var heating = Action(oss, "Үйлчилгээний танхимын халаалтын шугам шинэчлэх", null,
            created: 140, dueIn: -60, 12_800_000m, "Орон нутгийн хөгжлийн сан", ActionStatus.Done, 100,
            (120, "Гүйцэтгэгчийг тендерээр шалгаруулав.", 10), (95, "Шугамын 70 хувийг сольсон.", 70), (78, "Ажил дууссан, хүлээн авах комисс актжуулав.", 100));
        heating.CompletedAt = now.AddDays(-78);
        heating.Feedback.Add(feedback["finished"]);

        Action(oss, "Малчдад зориулсан явуулын үйлчилгээг улиралд нэг удаа зохион байгуулах", null,
            created: 20, dueIn: 70, 2_300_000m, "Аймгийн төсөв", ActionStatus.Planned, 0).Feedback.Add(feedback["extended"]);

        Action(oss, "Хүлээлгийн танхимд дугаарын самбар суурилуулах", null,
            created: 90, dueIn: -10, 1_500_000m, "Байгууллагын өөрийн төсөв", ActionStatus.InProgress, 40,
            (60, "Самбарын үнийн санал авав.", 40));

        Action(oss, "Үйлчилгээний цагийг бямба гарагт сунгах", null,
            created: 70, dueIn: -20, null, null, ActionStatus.Dropped, 0).DropReason =
            "Ажиллах хүч хүрэлцэхгүй тул сунгахгүй; оронд нь цахим үйлчилгээний зааварчилгааг өргөжүүлнэ.";

        if (providers.GetValueOrDefault("DEMO-MN51110-OSS") is { } bayanzurkh)
        {
            Action(bayanzurkh, "Газрын албаны бичиг баримтын жагсаалтыг цахимаар нийтлэх", null,
                created: 25, dueIn: 35, 800_000m, "Дүүргийн төсөв", ActionStatus.InProgress, 30,
                (15, "Жагсаалтыг бэлтгэж, хуулийн хэлтэст хянуулж байна.", 30));
            Action(bayanzurkh, "Хөгжлийн бэрхшээлтэй иргэдэд зориулсан налуу зам барих", null,
                created: 200, dueIn: -120, 6_200_000m, "Дүүргийн хөгжлийн сан", ActionStatus.Done, 100,
                (170, "Зураг төслийг батлав.", 20), (130, "Налуу зам ашиглалтад орлоо.", 100)).CompletedAt = now.AddDays(-130);
        }
    }

    private async Task SeedScorecardsAsync(IReadOnlyDictionary<string, Provider> providers, CancellationToken ct)
    {
        var indicators = await db.ScorecardIndicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);
        if (providers.GetValueOrDefault("DEMO-MN26701-FHC1") is { } clinic && indicators.ContainsKey("health-waiting-time"))
        {
            var cycle = await CycleAsync(clinic, indicators, ["health-waiting-time", "health-staff-attitude", "health-medicines", "health-home-visits", "health-access"],
                startedDaysAgo: 150, ScorecardStage.Completed, "Хөвсгөл аймгийн Иргэний нийгмийн сүлжээ", ct);
            Groups(cycle, [(FocusGroupType.Women, 14, 14, [2, 4, 2, 3, 1]), (FocusGroupType.Men, 9, 0, [3, 4, 2, 2, 2]),
                (FocusGroupType.Herders, 11, 5, [1, 3, 2, 1, 2]), (FocusGroupType.Elderly, 8, 5, [2, 5, 1, 2, 1])]);
            Self(cycle, [4, 4, 3, 3, 3]);
            cycle.InputTracking.AddRange([
                new InputTrackingLine { Item = "Өрхийн эмч", Entitled = "4", Actual = "3", Remark = "Нэг орон тоо сул" },
                new InputTrackingLine { Item = "Эмийн жагсаалтын эм", Entitled = "42", Actual = "29" },
                new InputTrackingLine { Item = "Гэрийн эргэлтийн унаа", Entitled = "1", Actual = "0", Remark = "Эвдэрсэн" },
            ]);
            Meeting(cycle, daysAgo: 110, attendance: 46, "Иргэд, эмч нар хамтран эмийн хүртээмж, гэрийн эргэлтийг нэн тэргүүнд авч үзэхээр тохиров.");
            Plan(cycle, clinic, ("Эмийн жагсаалтын эмийг сар бүр нөхөн захиалах", 3_000_000m, ActionStatus.InProgress, 50, 40),
                ("Гэрийн эргэлтийн унааг засварлах", 1_200_000m, ActionStatus.Done, 100, -20));
        }

        if (providers.GetValueOrDefault(UliastaiOss) is { } oss && indicators.ContainsKey("oss-waiting-time"))
        {
            var cycle = await CycleAsync(oss, indicators, ["oss-waiting-time", "oss-staff-attitude", "oss-information", "oss-one-visit", "oss-herders"],
                startedDaysAgo: 120, ScorecardStage.Completed, "Завхан аймгийн Эмэгтэйчүүдийн холбоо", ct);
            Groups(cycle, [(FocusGroupType.Women, 12, 12, [2, 4, 3, 2, 1]), (FocusGroupType.Men, 10, 0, [2, 3, 3, 3, 2]),
                (FocusGroupType.Youth, 9, 5, [3, 4, 2, 3, 2]), (FocusGroupType.Herders, 13, 6, [1, 3, 2, 2, 1])]);
            Self(cycle, [3, 5, 4, 4, 3]);
            Meeting(cycle, daysAgo: 85, attendance: 52, "Дараалал, малчдад хүрэх үйлчилгээ хамгийн бага оноо авсан; хоёр алхмыг тохиров.");
            Plan(cycle, oss, ("Иргэдэд бичиг баримтын жагсаалтыг самбар, фэйсбүүкээр нийтлэх", 300_000m, ActionStatus.Done, 100, -30),
                ("Багуудад явуулын үйлчилгээний хуваарь гаргах", 900_000m, ActionStatus.InProgress, 25, 45));
        }

        if (providers.GetValueOrDefault("DEMO-MN26701-SCH1") is { } school && indicators.ContainsKey("education-teaching"))
        {
            // Under way: the groups have met, two of three have scored; the facilitator has the rest to enter.
            var cycle = await CycleAsync(school, indicators, ["education-teaching", "education-textbooks", "education-dormitory", "education-meals"],
                startedDaysAgo: 25, ScorecardStage.CommunityScoring, "Хөвсгөл аймгийн Иргэний нийгмийн сүлжээ", ct);
            Groups(cycle, [(FocusGroupType.Women, 15, 15, [4, 2, 2, 3]), (FocusGroupType.Herders, 10, 4, [3, 2, 1, 3])]);
            cycle.FocusGroups.Add(new FocusGroup { Type = FocusGroupType.Youth, Participants = 12, Female = 6, Youth = 12 });
        }

        await db.SaveChangesAsync(ct);
    }

    private FeedbackItem Item(string code, Provider provider, int score, int daysAgo, string comment, FeedbackChannel channel)
    {
        var receivedAt = now.AddDays(-daysAgo).AddHours(-3);
        return new FeedbackItem
        {
            TrackingCode = code, ProviderId = provider.Id, AimagCode = AdminUnit.AimagOf(provider.AdminUnit!.Path), Score = score, Comment = comment, Channel = channel, Status = FeedbackStatus.Received,
            ReceivedAt = receivedAt, ReceivedMonth = MongolianTime.MonthOf(receivedAt), DueAt = AnswerDeadline.DueFor(receivedAt),
            UpdatedAt = receivedAt, IsDemo = true,
        };
    }

    private static void Answer(FeedbackItem item, int afterDays, string body)
    {
        var at = item.ReceivedAt.AddDays(afterDays);
        item.Responses.Add(new FeedbackResponse { Body = body, IsPublic = true, CreatedAt = at });
        item.RecordAnswer(at);
        item.Status = FeedbackStatus.Answered;
        item.UpdatedAt = at;
    }

    private ResponseAction Action(Provider provider, string title, string? description, int created, int dueIn, decimal? cost, string? funding,
        ActionStatus status, int progress, params (int DaysAgo, string Text, int Progress)[] updates)
    {
        var action = new ResponseAction
        {
            Title = title, Description = description, ResponsibleProviderId = provider.Id, AdminUnitId = provider.AdminUnitId,
            DueOn = MongolianTime.DateOf(now).AddDays(dueIn), CostMnt = cost, FundingSource = funding, Status = status, ProgressPercent = progress,
            CreatedAt = now.AddDays(-created), UpdatedAt = now.AddDays(-(updates.Length > 0 ? updates[^1].DaysAgo : created)), IsDemo = true,
        };
        foreach (var (daysAgo, text, percent) in updates)
        {
            action.Updates.Add(new ActionUpdate
            {
                At = now.AddDays(-daysAgo), AuthorName = provider.NameMn, Text = text, ProgressPercent = percent,
                Status = percent == 100 ? ActionStatus.Done : ActionStatus.InProgress,
            });
        }

        db.ResponseActions.Add(action);
        return action;
    }

    /// <summary>A cycle and its indicators, saved: the scores and the plan refer to them.</summary>
    private async Task<ScorecardCycle> CycleAsync(Provider provider, IReadOnlyDictionary<string, ScorecardIndicator> library, string[] codes,
        int startedDaysAgo, ScorecardStage stage, string facilitator, CancellationToken ct)
    {
        var start = MongolianTime.DateOf(now).AddDays(-startedDaysAgo);
        var cycle = new ScorecardCycle
        {
            ProviderId = provider.Id, PeriodStart = start, PeriodEnd = start.AddDays(90), FacilitatingGroup = facilitator, Stage = stage,
            CreatedAt = now.AddDays(-startedDaysAgo), UpdatedAt = now.AddDays(-Math.Max(1, startedDaysAgo - 100)),
            CompletedAt = stage == ScorecardStage.Completed ? now.AddDays(-Math.Max(1, startedDaysAgo - 100)) : null,
        };
        cycle.Indicators.AddRange(codes.Select((code, i) => new CycleIndicator
        {
            LibraryIndicatorId = library[code].Id, NameMn = library[code].NameMn, NameEn = library[code].NameEn, Position = i + 1,
        }));
        db.ScorecardCycles.Add(cycle);
        await db.SaveChangesAsync(ct);
        return cycle;
    }

    private static void Groups(ScorecardCycle cycle, (FocusGroupType Type, int People, int Female, int[] Scores)[] groups)
    {
        foreach (var (type, people, female, scores) in groups)
        {
            var group = new FocusGroup { Type = type, Participants = people, Female = female, Youth = type == FocusGroupType.Youth ? people : 0 };
            group.Scores.AddRange(scores.Select((score, i) => new GroupScore { CycleIndicatorId = cycle.Indicators[i].Id, Score = score }));
            cycle.FocusGroups.Add(group);
        }
    }

    private static void Self(ScorecardCycle cycle, int[] scores) =>
        cycle.SelfScores.AddRange(scores.Select((score, i) => new SelfScore { CycleIndicatorId = cycle.Indicators[i].Id, Score = score }));

    private void Meeting(ScorecardCycle cycle, int daysAgo, int attendance, string notes) =>
        (cycle.InterfaceMeetingOn, cycle.InterfaceAttendance, cycle.InterfaceNotes) = (MongolianTime.DateOf(now).AddDays(-daysAgo), attendance, notes);

    private void Plan(ScorecardCycle cycle, Provider provider, params (string Title, decimal Cost, ActionStatus Status, int Progress, int DueIn)[] items)
    {
        foreach (var (title, cost, status, progress, dueIn) in items)
        {
            var action = Action(provider, title, null, created: 100, dueIn, cost, "Орон нутгийн хөгжлийн сан", status, progress,
                status == ActionStatus.Done ? [(60, "Хийгдэж дууссан; олон нийтэд мэдээлэв.", 100)] : [(30, "Ажил эхэлсэн.", progress)]);
            action.ScorecardCycleId = cycle.Id;
            if (status == ActionStatus.Done) action.CompletedAt = now.AddDays(-60);
        }
    }
}
