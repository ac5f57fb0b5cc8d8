using System.Net;

namespace Masam.Web.Infrastructure;

/// <summary>A setting that lists addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/24</c>): the trusted proxies, the metrics scrapers.</summary>
public static class AddressList
{
    /// <summary>The entries that are not blank, trimmed.</summary>
    public static IEnumerable<string> Entries(IEnumerable<string> configured) =>
        configured.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim());

    public static bool IsValid(string entry) =>
        entry.Contains('/', StringComparison.Ordinal) ? IPNetwork.TryParse(entry, out _) : IPAddress.TryParse(entry, out _);

    /// <summary>An entry as a network (an address is a network of one).</summary>
    public static IPNetwork Network(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.Parse(entry);
        }

        var address = IPAddress.Parse(entry);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }

    /// <summary>The message for an entry that is neither.</summary>
    public static string Invalid(string setting, string entry) => $"{setting}: '{entry}' is neither an address (10.0.0.5) nor a network (10.0.0.0/24).";
}
