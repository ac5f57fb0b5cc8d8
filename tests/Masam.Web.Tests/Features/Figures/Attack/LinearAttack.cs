namespace Masam.Web.Tests.Features.Figures.Attack;

/// <summary>
/// What an attacker works out from published totals by any combination of sums and differences:
/// the additive relations among the cells (a year and its quarters, an aimag and its soums, a total
/// and its breakdown...), with the cells the attacker knows moved to the right-hand side, brought
/// to reduced row echelon form. A hidden cell is worked out exactly when its row holds it alone.
/// Arithmetic is modulo a 61-bit prime: exact for these small integer systems (a wrong rank would
/// need the prime to divide one of their determinants).
/// </summary>
public sealed class LinearAttack
{
    private const long Prime = (1L << 61) - 1;

    private readonly Dictionary<string, int> _index = [];
    private readonly List<string> _names = [];
    private readonly Dictionary<int, (Dictionary<int, long> Terms, long Value)> _pivots = [];

    /// <summary>Adds one relation: <c>whole = Σ parts</c>, where each cell is known (a value) or unknown (null).</summary>
    public void Relate(string whole, IEnumerable<string> parts, Func<string, long?> known)
    {
        var terms = new Dictionary<int, long>();
        var value = 0L;
        void Add(string cell, long sign)
        {
            if (known(cell) is { } v) value = Mod(value - sign * v);
            else terms[Id(cell)] = Mod(terms.GetValueOrDefault(Id(cell)) + sign);
        }

        Add(whole, 1);
        foreach (var part in parts) Add(part, -1);
        Insert(terms.Where(t => t.Value != 0).ToDictionary(), value);
    }

    /// <summary>The unknown cells the relations determine, with their values.</summary>
    public IReadOnlyDictionary<string, long> Determined() => _pivots
        .Where(p => p.Value.Terms.Count == 1)
        .ToDictionary(p => _names[p.Key], p => p.Value.Value);

    private int Id(string cell)
    {
        if (!_index.TryGetValue(cell, out var id))
        {
            _index[cell] = id = _names.Count;
            _names.Add(cell);
        }

        return id;
    }

    /// <summary>Reduces the row by the pivots, makes its first unknown a pivot, and clears that unknown from every other pivot row.</summary>
    private void Insert(Dictionary<int, long> terms, long value)
    {
        foreach (var pivot in terms.Keys.Where(_pivots.ContainsKey).ToList())
        {
            if (!terms.TryGetValue(pivot, out var factor) || factor == 0) continue;
            var (pivotTerms, pivotValue) = _pivots[pivot];
            foreach (var (id, coefficient) in pivotTerms) terms[id] = Mod(terms.GetValueOrDefault(id) - Multiply(factor, coefficient));
            value = Mod(value - Multiply(factor, pivotValue));
            foreach (var zero in terms.Where(t => t.Value == 0).Select(t => t.Key).ToList()) terms.Remove(zero);
        }

        if (terms.Count == 0) return; // a consequence of the others (the published figures are consistent)

        var lead = terms.Keys.Min();
        var inverse = Inverse(terms[lead]);
        var row = terms.ToDictionary(t => t.Key, t => Multiply(t.Value, inverse));
        value = Multiply(value, inverse);
        foreach (var (other, (otherTerms, otherValue)) in _pivots.ToList())
        {
            if (!otherTerms.TryGetValue(lead, out var factor)) continue;
            var updated = new Dictionary<int, long>(otherTerms);
            foreach (var (id, coefficient) in row) updated[id] = Mod(updated.GetValueOrDefault(id) - Multiply(factor, coefficient));
            foreach (var zero in updated.Where(t => t.Value == 0).Select(t => t.Key).ToList()) updated.Remove(zero);
            _pivots[other] = (updated, Mod(otherValue - Multiply(factor, value)));
        }

        _pivots[lead] = (row, value);
    }

    private static long Mod(long value) => ((value % Prime) + Prime) % Prime;

    private static long Multiply(long a, long b) => (long)((UInt128)(ulong)Mod(a) * (ulong)Mod(b) % Prime);

    private static long Inverse(long value)
    {
        // Fermat: value^(p-2) mod p.
        long result = 1, power = Mod(value), exponent = Prime - 2;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1) result = Multiply(result, power);
            power = Multiply(power, power);
            exponent >>= 1;
        }

        return result;
    }

    /// <summary>A value worked out modulo the prime, as the (small, possibly negative) integer it stands for.</summary>
    public static long Signed(long value) => value > Prime / 2 ? value - Prime : value;
}
