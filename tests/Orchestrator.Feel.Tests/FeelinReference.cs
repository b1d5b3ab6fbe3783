using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Feel.Tests;

/// <summary>
/// Runs the reference FEEL interpreter, feelin (npm, the one bpmn-io uses), over many expressions
/// in ONE node process (tests/node/feelin-batch.mjs). tests/node is installed by the MSBuild target
/// of this project (npm ci), so a missing node or feelin is a broken set-up: it FAILS the test with
/// a message saying what to do, in CI (<c>CI=true</c>) and outside it alike, and never skips.
/// </summary>
internal static class FeelinReference
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    /// <summary>tests/node, as recorded at build time by the project file.</summary>
    public static string NodeToolsDirectory
    {
        get
        {
            var recorded = typeof(FeelinReference).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "NodeToolsDirectory")?.Value;
            if (!string.IsNullOrEmpty(recorded) && Directory.Exists(recorded))
            {
                return recorded;
            }

            // Fall back to walking up from the test binaries to the repository's tests/node.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "node");
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException(SetupMessage($"tests/node was not found (recorded path: '{recorded}')."));
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string SetupMessage(string problem) =>
        $"{problem} The FEEL differential test needs Node.js 20+ and feelin, installed into tests/node by " +
        "this test project's build (target InstallNodeReferenceTools runs `npm ci --prefix ../node`). " +
        "Install Node.js and npm, then rebuild (or run `npm ci --prefix tests/node` from the repository root). " +
        (IsCi ? "CI=true: a missing reference interpreter is a failure, not a skip." : "This is a failure, not a skip, outside CI too.");

    /// <summary>Evaluates every request with feelin in one node process; answers come back in request order.</summary>
    public static IReadOnlyList<FeelinAnswer> EvaluateAll(IReadOnlyList<FeelinRequest> requests)
    {
        var toolsDir = NodeToolsDirectory;
        var script = Path.Combine(toolsDir, "feelin-batch.mjs");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(SetupMessage($"{script} is missing."));
        }

        if (!File.Exists(Path.Combine(toolsDir, "node_modules", "feelin", "package.json")))
        {
            throw new InvalidOperationException(SetupMessage($"feelin is not installed in {Path.Combine(toolsDir, "node_modules")}."));
        }

        var input = new StringBuilder();
        foreach (var request in requests)
        {
            var line = new JsonObject
            {
                ["id"] = request.Id,
                ["expression"] = request.Expression,
                ["context"] = request.Context?.DeepClone(),
            };
            input.Append(line.ToJsonString()).Append('\n');
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = toolsDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(script);

        // feelin reads local date-times (and now()) in the process's zone; pin it so that its answers,
        // and so the listed disagreements, do not depend on the machine's zone.
        startInfo.Environment["TZ"] = "UTC";

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException(SetupMessage("`node` could not be started."));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(SetupMessage($"`node` was not found on PATH ({e.Message})."), e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input.ToString());
            process.StandardInput.Close();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"feelin-batch.mjs did not finish {requests.Count} expressions within {s_timeout}.");
            }

            var output = stdout.GetAwaiter().GetResult();
            var errors = stderr.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(SetupMessage($"feelin-batch.mjs exited with code {process.ExitCode}: {errors}"));
            }

            var answers = new List<FeelinAnswer>(requests.Count);
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var node = JsonNode.Parse(line)!.AsObject();
                var warnings = node["warnings"] is JsonArray w ? w.Select(x => x!.GetValue<string>()).ToList() : [];
                answers.Add(new FeelinAnswer(
                    Id: node["id"]?.ToString() ?? "",
                    Value: node["value"]?.DeepClone(),
                    Type: node["type"]?.DeepClone(),
                    Error: node["error"]?.GetValue<string>(),
                    ErrorKind: node["errorKind"]?.GetValue<string>(),
                    Warnings: warnings));
            }

            if (answers.Count != requests.Count)
            {
                throw new InvalidOperationException($"feelin-batch.mjs answered {answers.Count} of {requests.Count} expressions. stderr: {errors}");
            }

            for (var i = 0; i < answers.Count; i++)
            {
                if (answers[i].Id != requests[i].Id)
                {
                    throw new InvalidOperationException($"feelin-batch.mjs answered out of order at {i}: {answers[i].Id} for {requests[i].Id}.");
                }
            }

            return answers;
        }
    }

    /// <summary>Formats a JSON node compactly (for messages).</summary>
    public static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString(s_compact);

    private static readonly JsonSerializerOptions s_compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
