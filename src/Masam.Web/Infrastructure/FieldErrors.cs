namespace Masam.Web.Infrastructure;

/// <summary>Messages per field, named by their JSON path (<c>contact.phone</c>), as a problem response carries them.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Adds every message of <paramref name="other"/>.</summary>
    public void Add(FieldErrors other)
    {
        foreach (var (field, message) in other.All)
        {
            Add(field, message);
        }
    }

    public IReadOnlyList<string> For(string field) =>
        _errors.TryGetValue(field, out var messages) ? messages : [];

    public IEnumerable<(string Field, string Message)> All =>
        _errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));

    /// <summary>The RFC 9457 validation problem (400) naming each field.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToProblem(Microsoft.Extensions.Localization.IStringLocalizer text) =>
        TypedResults.ValidationProblem(ToDictionary(), title: text["problem.validation.title"]);

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
