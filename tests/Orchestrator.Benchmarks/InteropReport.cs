using System.Globalization;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Validation;
using Orchestrator.Feel;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>interop PATH... [--list] [--code CODE]</c>: runs <c>validate</c> on every <c>.bpmn</c> file under the
/// paths, one file at a time as a new user would (files of other tools reuse process ids, so validating them
/// together would only add duplicate-id noise), and prints the counts: files, files refused (any error),
/// files that crashed the validator, diagnostics per code, and elements that got more than one error (one
/// problem said several times is what the interchange work removes). <c>--list</c> prints every problem,
/// <c>--code</c> only those of one code. Used on the BPMN MIWG test suite and Camunda's example processes
/// (fetched, not committed); the engine README gives the figures.
/// </summary>
internal static class InteropReport
{
    public static int Run(string[] args)
    {
        var roots = new List<string>();
        var list = false;
        string? onlyCode = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--list":
                    list = true;
                    break;
                case "--code" when i + 1 < args.Length:
                    onlyCode = args[++i];
                    list = true;
                    break;
                default:
                    roots.Add(args[i]);
                    break;
            }
        }

        if (roots.Count == 0)
        {
            Console.Error.WriteLine("usage: interop PATH... [--list] [--code CODE]   (every .bpmn file under the paths, validated one by one)");
            return 2;
        }

        var files = new List<string>();
        foreach (var root in roots)
        {
            if (File.Exists(root))
            {
                files.Add(root);
            }
            else if (Directory.Exists(root))
            {
                files.AddRange(Directory.EnumerateFiles(root, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else
            {
                Console.Error.WriteLine($"interop: '{root}' does not exist.");
                return 2;
            }
        }

        var feel = new FeelEngine();
        var refused = 0;
        var unreadable = 0;
        var crashed = new List<string>();
        var perCode = new SortedDictionary<string, (int Errors, int Warnings)>(StringComparer.Ordinal);
        var repeated = 0;
        foreach (var file in files)
        {
            IReadOnlyList<BpmnProblem> problems;
            try
            {
                problems = ValidationReport.ValidateFiles([file], feel);
            }
#pragma warning disable CA1031 // A crash is one of the figures: count it and go on with the next file.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                crashed.Add($"{file}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                refused++;
            }

            if (errors.Any(p => p.ElementId == BpmnProblem.FileLevel && p.Code is "xml-malformed" or "not-bpmn" or "xml-too-large" or "xml-dtd-forbidden" or "xml-too-deep"))
            {
                unreadable++;
            }

            repeated += errors.GroupBy(p => p.ElementId, StringComparer.Ordinal).Count(g => g.Key != BpmnProblem.FileLevel && g.Count() > 1);
            foreach (var p in problems)
            {
                var (e, w) = perCode.GetValueOrDefault(p.Code);
                perCode[p.Code] = p.Severity == ProblemSeverity.Error ? (e + 1, w) : (e, w + 1);
                if (list && (onlyCode is null || p.Code == onlyCode))
                {
                    Console.WriteLine(ValidationReport.FormatLine(p));
                }
            }
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"files: {files.Count}; refused (at least one error): {refused}; of them not readable as BPMN: {unreadable}; accepted: {files.Count - refused - crashed.Count}; crashed the validator: {crashed.Count}"));
        Console.WriteLine(string.Create(c, $"elements with more than one error: {repeated}"));
        Console.WriteLine();
        Console.WriteLine("| code | errors | warnings |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (code, (errors, warnings)) in perCode)
        {
            Console.WriteLine(string.Create(c, $"| {code} | {errors} | {warnings} |"));
        }

        foreach (var crash in crashed)
        {
            Console.WriteLine($"crash: {crash}");
        }

        return crashed.Count == 0 ? 0 : 1;
    }
}
