using System.Text.Json;
using Microsoft.Playwright;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Browser;

/// <summary>
/// axe-core (the version pinned in <c>src/Orchestrator/ClientApp/package-lock.json</c>, restored by the service's build)
/// run in a page, and the layout checks every page must pass: no serious or critical violation, no horizontal scrolling.
/// axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not apply to, so the
/// page is checked with its real policy.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(ApiFactory.RepositoryRoot, "src", "Orchestrator", "ClientApp", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"axe-core is missing at {path}: build src/Orchestrator first (its build runs npm ci in ClientApp/).");
    });

    /// <summary>The serious and critical violations axe finds in the page as it is now, one line each (empty: none).</summary>
    /// <param name="page">The page.</param>
    /// <param name="exclude">CSS selectors left out (a drawing canvas whose text is also given as a list).</param>
    /// <returns>The violations.</returns>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, params string[] exclude)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<string>(
            """
            async (exclude) => {
              const context = exclude.length ? { include: [document], exclude: exclude.map(s => [s]) } : document;
              const result = await axe.run(context, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', ')));
            }
            """, exclude);
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    /// <summary>Fails with the violations when axe finds a serious or critical one.</summary>
    /// <param name="page">The page.</param>
    /// <param name="exclude">CSS selectors left out.</param>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, params string[] exclude)
    {
        var violations = await SeriousViolationsAsync(page, exclude);
        Assert.True(violations.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", violations));
    }

    /// <summary>Fails when the page is wider than the viewport (a phone would have to scroll sideways).</summary>
    /// <param name="page">The page.</param>
    public static async Task AssertNoHorizontalScrollingAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (content, viewport) = (widths[0], widths[1]);
        Assert.True(content <= viewport, $"{page.Url} is {content} px wide in a {viewport}-px viewport: a phone would scroll sideways.");
    }
}
