using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Masam.Web.Infrastructure;

/// <summary>
/// The names an enum has on the wire: kebab-case, or what <see cref="JsonStringEnumMemberNameAttribute"/>
/// says. The same names <see cref="JsonStringEnumConverter"/> writes, so that parsing with a clear
/// error and serializing agree.
/// </summary>
public static class WireEnum<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().ToFrozenDictionary(
        v => v,
        v => typeof(T).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, T> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<T>().Select(v => Names[v])];

    public static string Name(T value) => Names[value];

    public static bool TryParse(string? text, out T value) =>
        Values.TryGetValue(text?.Trim() ?? string.Empty, out value);
}
