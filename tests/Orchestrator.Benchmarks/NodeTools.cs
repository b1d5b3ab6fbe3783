using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Orchestrator.Benchmarks;

/// <summary>
/// The Node reference tools in tests/node (feelin, bpmn-engine; see tests/node/package.json):
/// finds them, installs them with <c>npm ci</c> when node_modules is missing, and runs their
/// benchmark scripts pinned to one core (<c>taskset -c 0</c> when available).
/// </summary>
internal static class NodeTools
{
    private static readonly Lazy<string> s_directory = new(FindDirectory);
    private static readonly Lazy<bool> s_hasTaskset = new(() => File.Exists("/usr/bin/taskset") || File.Exists("/bin/taskset"));
    private static readonly object s_installLock = new();

    /// <summary>tests/node.</summary>
    public static string Directory => s_directory.Value;

    /// <summary>Whether the scripts run pinned to core 0.</summary>
    public static bool Pinned => s_hasTaskset.Value;

    /// <summary>The repository's tests/Orchestrator.Benchmarks/Fixtures directory (or the copy beside the binaries).</summary>
    public static string Fixture(string name)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        if (File.Exists(beside))
        {
            return beside;
        }

        var inRepository = Path.Combine(Directory, "..", "Orchestrator.Benchmarks", "Fixtures", name);
        return File.Exists(inRepository) ? Path.GetFullPath(inRepository) : throw new FileNotFoundException($"benchmark fixture {name} not found", beside);
    }

    private static string FindDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "node");
                if (File.Exists(Path.Combine(candidate, "package-lock.json")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("tests/node (package-lock.json) not found above " + AppContext.BaseDirectory + "; run the benchmarks from the repository.");
    }

    /// <summary>
    /// <see cref="EnsureInstalled"/> that reports instead of throwing: our own figures do not need
    /// Node, so a missing npm only costs the reference columns (which then say why).
    /// </summary>
    public static void TryEnsureInstalled()
    {
        try
        {
            EnsureInstalled();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("warning: the Node reference tools are not available, reference figures will be missing: " + e.Message);
        }
    }

    /// <summary>Runs <c>npm ci</c> in tests/node when node_modules is missing (the benchmark's only set-up step).</summary>
    public static void EnsureInstalled()
    {
        lock (s_installLock)
        {
            if (File.Exists(Path.Combine(Directory, "node_modules", ".package-lock.json")))
            {
                return;
            }

            Console.Error.WriteLine($"Installing {Directory} (npm ci) ...");
            var (exit, _, stderr) = Run("npm", ["ci", "--prefix", Directory, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5), pin: false);
            if (exit != 0)
            {
                throw new InvalidOperationException($"npm ci in {Directory} failed (exit {exit}); Node.js 20+ and npm are needed for the reference figures.\n{stderr}");
            }
        }
    }

    /// <summary>Runs a script of tests/node with node (pinned to core 0 when possible) and parses its one-line JSON output.</summary>
    public static JsonObject RunScript(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        EnsureInstalled();
        var args = new List<string> { Path.Combine(Directory, script) };
        args.AddRange(arguments);
        var (exit, stdout, stderr) = Run("node", args, timeout, pin: true);
        if (exit != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {exit}: {stderr}");
        }

        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
            ?? throw new InvalidOperationException($"node {script} printed nothing; stderr: {stderr}");
        return JsonNode.Parse(line)!.AsObject();
    }

    private static (int Exit, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout, bool pin)
    {
        var startInfo = new ProcessStartInfo(pin && Pinned ? "taskset" : program)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (pin && Pinned)
        {
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add("0");
            startInfo.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
