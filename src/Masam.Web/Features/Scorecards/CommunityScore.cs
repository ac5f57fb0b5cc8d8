namespace Masam.Web.Features.Scorecards;

public static class CommunityScore
{
    /// <summary>The community's consolidated score on an indicator: the mean of the groups' scores, to two decimals.</summary>
    public static decimal? Consolidate(IEnumerable<int> groupScores)
    {
        var scores = groupScores.ToList();
        return scores.Count == 0 ? null : Math.Round((decimal)scores.Average(), 2, MidpointRounding.AwayFromZero);
    }
}
