using Orchestrator.Engine.Model;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;

namespace Orchestrator.Cli;

/// <summary>
/// <c>validate FILE.bpmn… [--json]</c>: parse and validate the files together (call activities resolve
/// across them). Exit 0 when no problem is an error (warnings are printed), 1 otherwise, 2 for a bad
/// command line. Text output is one line per problem on stdout, <c>FILE: ELEMENT_ID: CODE: message</c>
/// (a warning's message starts with <c>warning: </c>); <c>--json</c> prints
/// <c>[{"file","elementId","code","message","severity"}]</c>. A one-line summary goes to stderr.
/// The work itself is <see cref="ValidationReport"/>, tested in Orchestrator.Engine.Tests.
/// </summary>
internal static class ValidateCommand
{
    private const string Usage = "usage: orchestrator validate FILE.bpmn... [--json]";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var json = false;
        var files = new List<string>();
        foreach (var arg in args)
        {
            if (arg == "--json")
            {
                json = true;
            }
            else if (arg is "-h" or "--help")
            {
                await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                return 0;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"validate: unknown option '{arg}'.{Environment.NewLine}{Usage}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }
            else
            {
                files.Add(arg);
            }
        }

        if (files.Count == 0)
        {
            await stderr.WriteLineAsync($"validate: no file given.{Environment.NewLine}{Usage}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }

        var problems = ValidationReport.ValidateFiles(files, new FeelEngine(), cancellationToken);
        if (json)
        {
            await stdout.WriteLineAsync(ValidationReport.FormatJson(problems)).ConfigureAwait(false);
        }
        else
        {
            foreach (var problem in problems)
            {
                await stdout.WriteLineAsync(ValidationReport.FormatLine(problem)).ConfigureAwait(false);
            }
        }

        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = problems.Count - errors;
        await stderr.WriteLineAsync(
            $"validate: {Plural(files.Count, "file")}, {Plural(errors, "error")}, {Plural(warnings, "warning")}{(errors == 0 ? ": valid" : string.Empty)}.")
            .ConfigureAwait(false);
        return errors == 0 ? 0 : 1;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
