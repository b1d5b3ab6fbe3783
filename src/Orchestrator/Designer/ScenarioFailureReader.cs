using System.Text.RegularExpressions;

namespace Orchestrator.Designer;

/// <summary>
/// Reads the simulator's failure lines (<c>step 11: expected not completed [Timer_X], but they have completed</c>) into
/// <see cref="ScenarioFailure"/>s. A line of a shape it does not know is kept whole as kind <c>other</c>, so a new
/// message of the simulator is still shown, only not reworded.
/// </summary>
internal static partial class ScenarioFailureReader
{
    public static ScenarioFailure Read(string line, IReadOnlyDictionary<int, long> elapsedByStep)
    {
        var step = (int?)null;
        var rest = line;
        if (StepPrefix().Match(line) is { Success: true } p)
        {
            step = int.Parse(p.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            rest = line[p.Length..];
        }

        var elapsed = step is { } s && elapsedByStep.TryGetValue(s, out var minutes) ? minutes : 0;
        ScenarioFailure Make(string kind, IReadOnlyList<string> elements, string? expected = null, string? actual = null) =>
            new(step, kind, elements, expected, actual, elapsed, line);

        if (ExpectedActive().Match(rest) is { Success: true } a)
        {
            return Make("active", Ids(a.Groups[1].Value), a.Groups[1].Value, a.Groups[2].Value);
        }

        if (ExpectedCompleted().Match(rest) is { Success: true } c)
        {
            return Make("completed", Ids(c.Groups[1].Value), null, c.Groups[2].Value);
        }

        if (ExpectedNotCompleted().Match(rest) is { Success: true } n)
        {
            return Make("notCompleted", Ids(n.Groups[1].Value));
        }

        if (ExpectedEnded().Match(rest) is { Success: true } e)
        {
            return Make("ended", Ids(e.Groups[1].Value));
        }

        if (rest == "expected the instance to be running, but it has ended")
        {
            return Make("running", []);
        }

        if (ExpectedVariable().Match(rest) is { Success: true } v)
        {
            return Make("variable", [v.Groups[1].Value], v.Groups[2].Value, v.Groups[4].Success ? v.Groups[4].Value : null);
        }

        if (ExpectedOpenTask().Match(rest) is { Success: true } t)
        {
            return Make("noTask", [t.Groups[1].Value], null, t.Groups[2].Value);
        }

        if (TaskDifference().Match(rest) is { Success: true } d)
        {
            return Make("task", [d.Groups[1].Value], d.Groups[3].Value, d.Groups[4].Value) with { Kind = "task:" + d.Groups[2].Value };
        }

        if (CannotComplete().Match(rest) is { Success: true } x)
        {
            return Make("complete", [x.Groups[1].Value], null, x.Groups[2].Value);
        }

        if (NotCorrelated().Match(rest) is { Success: true } m)
        {
            return Make("message", [m.Groups[1].Value]);
        }

        return Make("other", []);
    }

    private static string[] Ids(string list) =>
        list.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^step (\d+): ", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StepPrefix();

    [GeneratedRegex(@"^expected active (\[[^\]]*\]), was (\[[^\]]*\])$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpectedActive();

    [GeneratedRegex(@"^expected completed (\[[^\]]*\]), but they have not completed \(completed: (\[[^\]]*\])\)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpectedCompleted();

    [GeneratedRegex(@"^expected not completed (\[[^\]]*\]), but they have completed$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpectedNotCompleted();

    [GeneratedRegex(@"^expected the instance to have ended, but it is still waiting at (\[[^\]]*\])$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpectedEnded();

    [GeneratedRegex(@"^expected variable ([^ ]+) = (.*?)(, but it is not set|, was (.*))$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpectedVariable();

    [GeneratedRegex(@"^expected an open task ([^ ]+), open tasks are (\[[^\]]*\])$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ExpectedOpenTask();

    [GeneratedRegex(@"^task ([^:]+): expected ([A-Za-z]+) (.*), was (.*)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TaskDifference();

    [GeneratedRegex(@"^cannot complete ([^:]+): (.*)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CannotComplete();

    [GeneratedRegex(@"^message ([^ ]+).* was not correlated", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NotCorrelated();
}
