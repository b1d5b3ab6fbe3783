using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Validation;

/// <summary>
/// What the <c>validate</c> command does, without the command line: read BPMN files from disk, parse
/// and validate them together, and format the problems as text or JSON.
/// </summary>
public static class ValidationReport
{
    /// <summary>The code of the problem reported for a file that does not exist.</summary>
    public const string FileNotFound = "file-not-found";

    /// <summary>The code of the problem reported for a file that cannot be opened.</summary>
    public const string FileUnreadable = "file-unreadable";

    /// <summary>
    /// Reads, parses and validates the files together. A missing or unreadable file is a file-level
    /// problem, not an exception. Problems come in the order the files were given.
    /// </summary>
    /// <param name="paths">The file paths; each is also the source name in problems.</param>
    /// <param name="feel">The FEEL engine.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <returns>Every problem.</returns>
    public static IReadOnlyList<BpmnProblem> ValidateFiles(IReadOnlyList<string> paths, FeelEngine feel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var problems = new List<BpmnProblem>();
        var parsed = new List<BpmnParseResult>();
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(path))
            {
                problems.Add(new BpmnProblem(path, BpmnProblem.FileLevel, FileNotFound,
                    Directory.Exists(path) ? "This is a directory; give the .bpmn files in it." : "File not found."));
                continue;
            }

            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
                parsed.Add(BpmnParser.Parse(stream, path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new BpmnProblem(path, BpmnProblem.FileLevel, FileUnreadable, $"The file cannot be read: {ex.Message}"));
            }
        }

        problems.AddRange(BpmnValidator.ValidateParsed(parsed, feel));
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            order.TryAdd(path, order.Count);
        }

        return problems.Select((p, i) => (p, i))
            .OrderBy(x => order.GetValueOrDefault(x.p.File, int.MaxValue)).ThenBy(x => x.i)
            .Select(x => x.p).ToList();
    }

    /// <summary>Whether the problems allow deployment: none is an error.</summary>
    /// <param name="problems">The problems.</param>
    /// <returns><c>true</c> when there are only warnings, or nothing.</returns>
    public static bool IsValid(IEnumerable<BpmnProblem> problems) => problems.All(p => p.Severity != ProblemSeverity.Error);

    /// <summary>One line per problem, <c>FILE: ELEMENT_ID: CODE: message</c>; a warning's message starts with <c>warning: </c>.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The line, without line break.</returns>
    public static string FormatLine(BpmnProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var message = problem.Severity == ProblemSeverity.Warning ? "warning: " + problem.Message : problem.Message;
        return $"{problem.File}: {problem.ElementId}: {problem.Code}: {message}";
    }

    /// <summary>The JSON array <c>[{"file","elementId","code","message","severity"}]</c>, severity being <c>error</c> or <c>warning</c>.</summary>
    /// <param name="problems">The problems.</param>
    /// <returns>The JSON text (indented).</returns>
    public static string FormatJson(IEnumerable<BpmnProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var p in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("file", p.File);
                writer.WriteString("elementId", p.ElementId);
                writer.WriteString("code", p.Code);
                writer.WriteString("message", p.Message);
                writer.WriteString("severity", p.Severity == ProblemSeverity.Error ? "error" : "warning");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
