using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Orchestrator.Cases;

namespace Orchestrator.Web.Cases;

/// <summary>
/// The case domain's input errors (<see cref="CaseInputException"/>: the field and, in English for programs, what is
/// wrong) in the page's language, by the shape of what is wrong; the values the rule names are kept. A shape without
/// words here is shown as the service wrote it.
/// </summary>
public static partial class CaseInputMessages
{
    /// <summary>The message to show at the field.</summary>
    /// <param name="error">The service's error.</param>
    /// <param name="text">The case pages' resources.</param>
    /// <returns>The message.</returns>
    public static string Translate(CaseInputException error, IStringLocalizer<CasesText> text)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(text);
        var prefix = error.Field + ": ";
        var problem = error.Message.StartsWith(prefix, StringComparison.Ordinal) ? error.Message[prefix.Length..] : error.Message;
        if (error.Field == "file")
        {
            if (problem.StartsWith("is required", StringComparison.Ordinal))
            {
                return text["Error_FileRequired"];
            }

            if (problem.StartsWith("is empty", StringComparison.Ordinal))
            {
                return text["Error_FileEmpty"];
            }

            if (FileTooLarge().Match(problem) is { Success: true } large)
            {
                return text["Error_FileTooLarge", large.Groups["mb"].Value];
            }

            if (problem.StartsWith("is not a PDF", StringComparison.Ordinal))
            {
                return text["Error_FileType"];
            }
        }

        if (problem.StartsWith("is required", StringComparison.Ordinal))
        {
            return text["Error_Required"];
        }

        if (NotOneOf().IsMatch(problem))
        {
            return text["Error_Choose"];
        }

        if (problem.StartsWith("comes before", StringComparison.Ordinal))
        {
            return text["Error_BeforeStart"];
        }

        if (problem.StartsWith("lies in the future", StringComparison.Ordinal))
        {
            return text["Error_Future"];
        }

        if (TooLong().Match(problem) is { Success: true } tooLong)
        {
            return text["Error_TooLong", int.Parse(tooLong.Groups["max"].Value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture)];
        }

        return problem;
    }

    [GeneratedRegex(@"^'.*' is not one of ", RegexOptions.Singleline)]
    private static partial Regex NotOneOf();

    [GeneratedRegex(@"^is \d+ characters long; at most (?<max>\d+) are kept\.$")]
    private static partial Regex TooLong();

    [GeneratedRegex(@"^is \d+ bytes or more; at most \d+ bytes \((?<mb>[0-9.]+) MB\) are accepted\.$")]
    private static partial Regex FileTooLarge();
}
