namespace Masam.Web.Features.Figures.Protection;

/// <summary>
/// Why a hidden cell cannot be worked out from what is published: a second set of figures,
/// identical in every shown cell and in every count of responses, in which the hidden cell's score
/// sum and its number of satisfied respondents differ. It is the published figures plus
/// <see cref="Signs"/> times "one response moved from score <see cref="From"/> to score
/// <see cref="To"/>" (a minus sign moves one the other way); every cell with a sign is hidden, has
/// such a response to move, and the signs add up along every relation of the lattice, so every
/// total still adds up. Since <see cref="From"/> and <see cref="To"/> lie on either side of the
/// satisfied line (4 and 5 against 1 to 3), the hidden cell's mean and rate both change.
/// </summary>
internal sealed record ProtectionCertificate(int Cell, int From, int To, IReadOnlyList<(int Cell, int Sign)> Signs)
{
    /// <summary>
    /// Checks the certificate against the lattice on its own terms: every relation balances, every
    /// cell with a sign is hidden (or not published) and can give up the response it must. Returns
    /// what is wrong, or null.
    /// </summary>
    public string? Check(FigureLattice lattice, Func<int, bool> hidden)
    {
        var signs = new Dictionary<(int, int, int), int>();
        foreach (var (cell, sign) in Signs)
        {
            var at = lattice.Coordinates(cell);
            signs[at] = sign;
            if (lattice.IsPublished(at.Period) && !hidden(cell)) return $"cell {at} has a sign but is shown";
            var needs = sign > 0 ? From : To;
            if (lattice.IsPublished(at.Period) && lattice.Count(cell, needs) == 0) return $"cell {at} has no response of score {needs} to move";
        }

        if (!signs.ContainsKey(lattice.Coordinates(Cell)) || signs[lattice.Coordinates(Cell)] == 0) return "the protected cell has no sign";
        if ((From >= 4) == (To >= 4)) return "the move does not cross the satisfied line";
        foreach (var (area, period, slice, parts) in lattice.Relations())
        {
            var whole = signs.GetValueOrDefault((area, period, slice));
            var sum = parts.Sum(p => signs.GetValueOrDefault(p));
            if (whole != sum) return $"relation at {(area, period, slice)} does not balance: {whole} against {sum}";
        }

        return null;
    }
}
