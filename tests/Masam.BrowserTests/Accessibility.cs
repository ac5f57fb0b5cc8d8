using Microsoft.Playwright;

namespace Masam.BrowserTests;

/// <summary>Runs axe-core (vendored, see vendor/) on the page as it stands.</summary>
public static class Accessibility
{
    /// <summary>Each serious or critical violation, as "rule (impact, n nodes): help".</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "vendor", "axe.min.js") });
        var violations = await page.EvaluateAsync<Violation[]>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }))");
        return [.. violations.Select(v => $"{v.Id} ({v.Impact}, {v.Nodes} nodes): {v.Help}")];
    }

    public sealed class Violation
    {
        public string Id { get; set; } = "";
        public string Impact { get; set; } = "";
        public int Nodes { get; set; }
        public string Help { get; set; } = "";
    }
}
