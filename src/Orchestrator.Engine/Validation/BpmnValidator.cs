using Orchestrator.Engine.Model;
using Orchestrator.Engine.Parsing;
using Orchestrator.Feel;

namespace Orchestrator.Engine.Validation;

/// <summary>
/// Checks parsed BPMN files for everything that would make them fail, or behave other than drawn, at
/// run time. Every problem is reported (not just the first), each with its file, element id, a stable
/// code (see <see cref="ValidationCodes"/>) and a message for the designer. Only executable processes
/// are checked when a file has any; non-executable ones next to them (documentation pools) are left
/// alone. A file with no executable process is checked in full, with a warning.
/// </summary>
public static class BpmnValidator
{
    /// <summary>Validates files together, so that call activities resolve across them.</summary>
    /// <param name="files">The parsed files.</param>
    /// <param name="feel">The FEEL engine used to check that expressions parse.</param>
    /// <returns>Every problem found; empty when the files are valid.</returns>
    public static IReadOnlyList<BpmnProblem> Validate(IReadOnlyList<Definitions> files, FeelEngine feel)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(feel);
        var problems = new List<BpmnProblem>();
        var processIds = new Dictionary<string, ProcessDefinition>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Processes.Count == 0 || file.Processes.All(p => !p.IsExecutable))
            {
                problems.Add(new BpmnProblem(file.SourceName, BpmnProblem.FileLevel, ValidationCodes.NoExecutableProcess,
                    file.Processes.Count == 0
                        ? "The file contains no process; there is nothing to run."
                        : "No process in the file is executable, so nothing would be deployed; mark the process executable (isExecutable=\"true\", \"Executable\" in the modeler's properties panel).",
                    ProblemSeverity.Warning));
            }

            foreach (var process in file.Processes.Where(p => p.IsExecutable))
            {
                if (processIds.TryGetValue(process.Id, out var other))
                {
                    problems.Add(new BpmnProblem(file.SourceName, process.Id, ValidationCodes.DuplicateProcessId,
                        other.Definitions == file
                            ? $"Process id '{process.Id}' is used by two processes in this file."
                            : $"Process id '{process.Id}' is also defined in {other.Definitions.SourceName}; process ids must be unique across deployed files."));
                }
                else
                {
                    processIds[process.Id] = process;
                }
            }
        }

        foreach (var file in files)
        {
            // Non-executable processes next to executable ones are documentation (other pools) and are
            // not checked. A file with no executable process at all (bpmn-js saves new diagrams with
            // isExecutable="false") is checked anyway, so that its author sees every problem at once.
            var toCheck = file.Processes.Any(p => p.IsExecutable) ? file.Processes.Where(p => p.IsExecutable) : file.Processes;
            foreach (var process in toCheck)
            {
                new ProcessChecker(process, processIds, feel, problems).Run();
            }
        }

        return problems;
    }

    /// <summary>
    /// Parse results and validation together: every parse problem, then the validation problems of the
    /// files that could be read. What <c>validate</c> and the deployment endpoint report.
    /// </summary>
    /// <param name="parsed">The files as parsed by <see cref="BpmnParser"/>.</param>
    /// <param name="feel">The FEEL engine.</param>
    /// <returns>Every problem, parse problems first for each file.</returns>
    public static IReadOnlyList<BpmnProblem> ValidateParsed(IReadOnlyList<BpmnParseResult> parsed, FeelEngine feel)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var readable = parsed.Where(p => p.Definitions is not null).Select(p => p.Definitions!).ToList();
        var validation = Validate(readable, feel);
        var result = new List<BpmnProblem>();
        foreach (var p in parsed)
        {
            result.AddRange(p.Problems);
            if (p.Definitions is { } d)
            {
                result.AddRange(validation.Where(v => v.File == d.SourceName));
            }
        }

        // Problems of files with the same source name were added once per file above; keep each once.
        return result.Distinct().ToList();
    }
}
