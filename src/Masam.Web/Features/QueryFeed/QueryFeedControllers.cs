using Masam.Web.Data;
using Masam.Web.Features.Actions;
using Masam.Web.Features.Geography;
using Masam.Web.Features.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Features.QueryFeed;

// The public entity sets of the feed at /odata. Each returns an EF query of its row shape, so that
// $filter, $orderby, $top, $skip, $count and $select become SQL; the limits are in FeedQueryAttribute.

[AllowAnonymous]
public sealed class AdminUnitsController(MasamDbContext db) : ODataController
{
    [FeedQuery]
    public IQueryable<AdminUnitRow> Get() => FeedShapes.AdminUnits(db);

    [FeedQuery]
    public IActionResult Get(string key) => FeedShapes.Single(FeedShapes.AdminUnits(db).Where(u => u.Code == key));
}

[AllowAnonymous]
public sealed class ProvidersController(MasamDbContext db) : ODataController
{
    [FeedQuery]
    public IQueryable<ProviderRow> Get() => FeedShapes.Providers(db);

    [FeedQuery]
    public IActionResult Get(int key) => FeedShapes.Single(FeedShapes.Providers(db).Where(p => p.Id == key));
}

[AllowAnonymous]
public sealed class ServiceLinesController(MasamDbContext db) : ODataController
{
    [FeedQuery]
    public IQueryable<ServiceLineRow> Get() => db.ServiceLines.Select(l => new ServiceLineRow { Code = l.Code, SectorCode = l.SectorCode, NameMn = l.NameMn, NameEn = l.NameEn });
}

[AllowAnonymous]
public sealed class ResponseActionsController(MasamDbContext db) : ODataController
{
    /// <summary>The actions with what staff wrote screened as on every public page (<see cref="Masam.Reporting.PublicText"/>): masked in memory, so queried there.</summary>
    [FeedQuery]
    public async Task<IQueryable<ResponseActionRow>> Get(CancellationToken ct) => (await db.ResponseActions.Select(a => new ResponseActionRow
    {
        Id = a.Id, Title = a.Title, AdminUnitCode = a.AdminUnit!.Code, ProviderId = a.ResponsibleProviderId, DueOn = a.DueOn,
        Status = a.Status == ActionStatus.Planned ? "planned" : a.Status == ActionStatus.InProgress ? "in-progress" : a.Status == ActionStatus.Done ? "done" : "dropped",
        ProgressPercent = a.ProgressPercent, CostMnt = a.CostMnt, FundingSource = a.FundingSource, CompletedAt = a.CompletedAt,
        ScorecardCycleId = a.ScorecardCycleId, IsDemo = a.IsDemo,
        Provider = a.ResponsibleProvider == null ? null : new ProviderRow
        {
            Id = a.ResponsibleProvider.Id, Code = a.ResponsibleProvider.Code, NameMn = a.ResponsibleProvider.NameMn, NameEn = a.ResponsibleProvider.NameEn,
            TypeCode = a.ResponsibleProvider.TypeCode, SectorCode = a.ResponsibleProvider.Type!.SectorCode, AdminUnitCode = a.ResponsibleProvider.AdminUnit!.Code,
            AimagCode = a.ResponsibleProvider.AdminUnit.Level == AdminUnitLevel.First ? a.ResponsibleProvider.AdminUnit.Code : a.ResponsibleProvider.AdminUnit.Parent!.Code,
            RegistrationNumber = a.ResponsibleProvider.RegistrationNumber, IsActive = a.ResponsibleProvider.IsActive, IsDemo = a.ResponsibleProvider.IsDemo,
        },
    }).ToListAsync(ct)).Select(row => row with
    {
        Title = Masam.Reporting.PublicText.Hide(row.Title)!, FundingSource = Masam.Reporting.PublicText.Hide(row.FundingSource),
    }).AsQueryable();
}

[AllowAnonymous]
public sealed class PublicationsController(MasamDbContext db) : ODataController
{
    [FeedQuery]
    public IQueryable<PublicationRow> Get() => db.Publications
        .Where(Publication.IsPublic)
        .Select(p => new PublicationRow
        {
            Id = p.Id, Period = p.Period, AdminUnitCode = p.AdminUnitCode, Edition = p.Edition,
            Status = p.Status == PublicationStatus.Published ? "published" : "superseded", PublishedAt = p.PublishedAt,
            ReplacesId = p.ReplacesId, SupersededById = p.SupersededById, ManifestSha256 = p.ManifestSha256, RecordSha256 = p.RecordSha256,
        });
}

[AllowAnonymous]
public sealed class SatisfactionFiguresController(SatisfactionFigureCatalogue catalogue) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<SatisfactionFigureRow>> Get(CancellationToken ct) => (await catalogue.GetAsync(ct)).AsQueryable();
}

/// <summary>The row shapes as EF queries, shared by the sets that expand into one another.</summary>
internal static class FeedShapes
{
    public static IQueryable<AdminUnitRow> AdminUnits(MasamDbContext db) => db.AdminUnits.Select(u => new AdminUnitRow
    {
        Code = u.Code, NameMn = u.NameMn, NameEn = u.NameEn, Level = (int)u.Level,
        Kind = u.Kind == AdminUnitKind.Aimag ? "aimag" : u.Kind == AdminUnitKind.Capital ? "capital" : u.Kind == AdminUnitKind.District ? "district" : "soum",
        ParentCode = u.Parent == null ? null : u.Parent.Code, PCode = u.PCode, IsoCode = u.IsoCode, Population = u.Population,
        PopulationYear = u.PopulationYear, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo,
        Parent = u.Parent == null ? null : new AdminUnitRow
        {
            Code = u.Parent.Code, NameMn = u.Parent.NameMn, NameEn = u.Parent.NameEn, Level = (int)u.Parent.Level,
            Kind = u.Parent.Kind == AdminUnitKind.Aimag ? "aimag" : "capital", PCode = u.Parent.PCode, IsoCode = u.Parent.IsoCode,
            Population = u.Parent.Population, PopulationYear = u.Parent.PopulationYear, ValidFrom = u.Parent.ValidFrom, ValidTo = u.Parent.ValidTo,
        },
    });

    public static IQueryable<ProviderRow> Providers(MasamDbContext db) => db.Providers.Select(p => new ProviderRow
    {
        Id = p.Id, Code = p.Code, NameMn = p.NameMn, NameEn = p.NameEn, TypeCode = p.TypeCode, SectorCode = p.Type!.SectorCode,
        AdminUnitCode = p.AdminUnit!.Code, AimagCode = p.AdminUnit.Level == AdminUnitLevel.First ? p.AdminUnit.Code : p.AdminUnit.Parent!.Code,
        RegistrationNumber = p.RegistrationNumber, IsActive = p.IsActive, IsDemo = p.IsDemo,
        AdminUnit = new AdminUnitRow
        {
            Code = p.AdminUnit.Code, NameMn = p.AdminUnit.NameMn, NameEn = p.AdminUnit.NameEn, Level = (int)p.AdminUnit.Level,
            Kind = p.AdminUnit.Kind == AdminUnitKind.Aimag ? "aimag" : p.AdminUnit.Kind == AdminUnitKind.Capital ? "capital" : p.AdminUnit.Kind == AdminUnitKind.District ? "district" : "soum",
            ParentCode = p.AdminUnit.Parent == null ? null : p.AdminUnit.Parent.Code, PCode = p.AdminUnit.PCode, IsoCode = p.AdminUnit.IsoCode,
            Population = p.AdminUnit.Population, PopulationYear = p.AdminUnit.PopulationYear, ValidFrom = p.AdminUnit.ValidFrom, ValidTo = p.AdminUnit.ValidTo,
        },
    });

    public static IActionResult Single<T>(IQueryable<T> query) => new OkObjectResult(Microsoft.AspNetCore.OData.Results.SingleResult.Create(query));
}
