using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Tests.Infrastructure;
using Orchestrator.Persistence;
using Orchestrator.Workflows;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>service-report</c> (the durable service's speed goals): the durable service through <see cref="WorkflowService"/> (the real path,
/// one transaction per command, the host's own registration <c>AddOrchestratorWorkflows(configuration)</c>) on SQLite
/// (a temp file, WAL) and on a throwaway PostgreSQL (the tests' settings), side by side with the database's raw rate for
/// one equivalent transaction (insert one row + update one row, plain ADO.NET, same connection string), pgbench
/// <c>-N</c> against the same server, the inbox query with 100,000 open tasks, and the memory over many engine steps.
/// Prints one Markdown table. Plain Stopwatch, a warm-up before each figure; figures are noisy on a shared machine,
/// compare the ratios.
/// </summary>
internal static partial class ServiceReport
{
    private const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:orc="urn:orchestrator:bpmn:1.0" targetNamespace="urn:orchestrator:benchmarks" id="Defs_Bench">
          <bpmn:process id="Bench" name="Start, one user task, end" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Task_Review" name="Review the file" orc:candidateGroups="lawyer" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Task_Review" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Actor Lawyer = new("u-lawyer", "Lucía Lawyer", new HashSet<string>(["lawyer"], StringComparer.Ordinal));
    private static readonly Actor InboxUser = new("u-inbox", "Inés Inbox", new HashSet<string>(["group-3", "group-7"], StringComparer.Ordinal));

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = 3.0;
        var memorySteps = 1_000_000;
        var loopRounds = 50;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (args.Contains("--profile"))
        {
            await ProfileAsync();
            return 0;
        }

        if (args.Contains("--sql"))
        {
            await ShowSqlAsync();
            return 0;
        }

        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds" when i + 1 < args.Length:
                    seconds = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--memory-steps" when i + 1 < args.Length:
                    memorySteps = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--loop" when i + 1 < args.Length:
                    loopRounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--only" when i + 1 < args.Length:
                    foreach (var part in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        only.Add(part);
                    }

                    break;
            }
        }

        bool Wants(string part) => only.Count == 0 || only.Contains(part);

        // Databases (sqlite, postgres) and figures (commands, inbox, memory) are chosen apart: "--only postgres,inbox"
        // is the inbox on PostgreSQL alone. Naming no figure keeps the old meaning (commands and inbox).
        var figureNamed = only.Overlaps(["commands", "inbox"]);
        bool WantsFigure(string figure) => only.Count == 0 || only.Contains(figure) || (!figureNamed && figure is "commands" or "inbox");
        Console.Error.WriteLine($"service-report: {seconds} s per figure, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}.");
        var rows = new List<string[]>();

        if (Wants("sqlite"))
        {
            var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-sqlite-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                var cs = "Data Source=" + Path.Combine(dir, "bench.db");
                if (WantsFigure("commands"))
                {
                    await CommandRowsAsync(rows, "SQLite", DatabaseProvider.Sqlite, cs, seconds, workers: [1]);
                }

                if (WantsFigure("inbox"))
                {
                    await InboxRowsAsync(rows, "SQLite", DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(dir, "inbox.db"));
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        if (Wants("postgres") || Wants("memory"))
        {
            var server = new PostgresCluster();
            await using (server)
            {
                await server.InitializeAsync();
                if (Wants("postgres"))
                {
                    if (WantsFigure("commands"))
                    {
                        var cs = await server.CreateDatabaseAsync("bench");
                        await CommandRowsAsync(rows, "PostgreSQL", DatabaseProvider.PostgreSql, cs, seconds, workers: [1, 8]);
                        var pgbench = await PgBenchAsync(server, seconds);
                        rows.Add(["PostgreSQL: pgbench -N (simple-update) 1 / 8 connections (tx/s)", pgbench, "-", "-", "reference (≈1,500 / 3,200 measured earlier)"]);
                    }

                    if (WantsFigure("inbox"))
                    {
                        await InboxRowsAsync(rows, "PostgreSQL", DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("inbox"));
                    }
                }

                if (Wants("memory"))
                {
                    await MemoryRowsAsync(rows, DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("memory"), memorySteps, loopRounds);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Figure | Ours | Reference (same run) | Ratio | Goal |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", r) + " |");
        }

        return 0;
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var num = points.Sum(p => (p.X - mx) * (p.Y - my));
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? 0 : num / den;
    }

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double ours, double reference) => reference > 0 ? (ours / reference).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
