using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orchestrator.Hosting;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>workspace-report</c> (the staff workspace's speed goals): the staff workspace as a browser gets it, from the real host
/// (<see cref="OrchestratorHost"/> on Kestrel, loopback) on SQLite and on a throwaway PostgreSQL: the inbox page
/// rendered by the server for a person in two groups with 100,000 open tasks (the seed of the inbox figures of
/// <see cref="ServiceReport"/>, two of its groups renamed to the person's roles), its counts and the task page; the
/// JavaScript and CSS each page makes the browser download, as the service sends them compressed; and how long the task
/// page takes in Debian's Chromium until its form is usable (the page's own <c>task-ready</c> mark, in the browser's
/// clock), cold (nothing cached) and warm. Plain Stopwatch, a warm-up before each figure; p50 / p95.
/// </summary>
internal static partial class WorkspaceReport
{
    private const string Password = "Benchmark-password-1";
    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = 50;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
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
        Console.Error.WriteLine($"workspace-report: {runs} timed requests per figure after 10 of warm-up, {Environment.ProcessorCount} cores.");
        var rows = new List<string[]>();
        if (Wants("sqlite") || only.Contains("chromium"))
        {
            var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-web-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dir);
            try
            {
                await HostRowsAsync(rows, "SQLite", DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(dir, "web.db"), dir, runs, browser: Wants("chromium"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                TryDelete(dir);
            }
        }

        if (Wants("postgres"))
        {
            var server = new PostgresCluster();
            await using (server)
            {
                await server.InitializeAsync();
                var dir = Path.Combine(Path.GetTempPath(), "orchestrator-bench-web-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(dir);
                try
                {
                    await HostRowsAsync(rows, "PostgreSQL", DatabaseProvider.PostgreSql, await server.CreateDatabaseAsync("web"), dir, runs, browser: false);
                }
                finally
                {
                    TryDelete(dir);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| Figure | Result | Goal |");
        Console.WriteLine("|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", r) + " |");
        }

        return 0;
    }

    private static async Task HostRowsAsync(List<string[]> rows, string label, DatabaseProvider provider, string connectionString, string dir, int runs, bool browser)
    {
        var root = RepositoryRoot();
        var workflows = Path.Combine(dir, "workflows");
        CopyDirectory(Path.Combine(root, "workflows"), workflows);
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

        // Development: the host seeds three children on the real journeys (the task page then shows a real form, case
        // and diagram), with no demo accounts; logs at Warning so that logging is not what is measured.
        var app = OrchestratorHost.Build(
        [
            // The pages are compiled into the host's assembly: name it as the application (the entry assembly here is this one).
            "--applicationName", typeof(OrchestratorHost).Assembly.GetName().Name!,
            "--environment", "Development", "--urls", baseUrl,
            $"--Database:Provider={provider}", $"--ConnectionStrings:Orchestrator={connectionString}",
            $"--Orchestrator:WorkflowsPath={workflows}", $"--Orchestrator:DataProtectionKeysPath={Path.Combine(dir, "keys")}",
            $"--Notifications:TemplatesPath={Path.Combine(root, "templates")}", $"--Notifications:MailDirectory={Path.Combine(dir, "mail")}",
            "--Security:SeedDemoAccounts=false", "--Cases:SeedDemoCases=true", "--Logging:LogLevel:Default=Warning", $"--Scheduling:SchedulerName=bench-web-{port.ToString(CultureInfo.InvariantCulture)}",
        ], TextWriter.Null);
        await app.StartAsync();
        try
        {
            var seed = Stopwatch.StartNew();
            await ServiceReport.SeedInboxTasksAsync(provider, connectionString);
            await RenameGroupsAsync(provider, connectionString);
            Console.Error.WriteLine($"{label} workspace: seeded 100,000 tasks in {seed.Elapsed.TotalSeconds:N1} s");
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
                var person = new StaffUser { UserName = "ines", Email = "ines@bench.invalid", DisplayName = "Inés Bandeja" };
                Check((await users.CreateAsync(person, Password)).Succeeded, "create the person");
                Check((await users.AddToRolesAsync(person, [Roles.SocialWorker, Roles.Psychologist])).Succeeded, "give the person two groups");
            }

            var cookies = new CookieContainer();
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(baseUrl) };
            await SignInAsync(client);

            var inbox = await TimeAsync(client, "/", runs);
            Check(inbox.Body.Split("<tr data-task-id=").Length - 1 == 50, "the inbox page shows 50 rows");
            rows.Add([$"{label}: inbox page `/` rendered by the server, a person in 2 groups, 100,000 open tasks (50 rows): p50 / p95", Ms(inbox.Times), "p95 < 100 ms"]);
            var list = await TimeAsync(client, "/?handler=rows", runs);
            rows.Add([$"{label}: the list alone (`?handler=rows`, the live refresh's request): p50 / p95", Ms(list.Times), "-"]);
            var api = await TimeAsync(client, "/api/tasks?limit=50", runs, "application/json");
            rows.Add([$"{label}: the same 50 tasks as JSON (`GET /api/tasks?limit=50`): p50 / p95", Ms(api.Times), "-"]);
            var counts = await TimeAsync(client, "/?handler=counts", runs, "application/json");
            rows.Add([$"{label}: the inbox's counts (6 views) after the list: p50 / p95", Ms(counts.Times), "(may arrive after the list)"]);

            var taskPath = await ChildTaskPathAsync(app);
            var task = await TimeAsync(client, taskPath, runs);
            Check(task.Body.Contains("id=\"task-page\"", StringComparison.Ordinal), "the task page renders");
            rows.Add([$"{label}: task page `{Regex.Replace(taskPath, "/tasks/.*", "/tasks/{id}")}` rendered by the server (child journey, referral form): p50 / p95", Ms(task.Times), "-"]);

            if (browser)
            {
                foreach (var (name, path, html, goal) in new[] { ("inbox", "/", inbox.Body, "< 100 KB"), ("task page", taskPath, task.Body, "< 500 KB") })
                {
                    var (js, css) = await DownloadsAsync(client, html);
                    rows.Add([$"JavaScript the {name} downloads, compressed (brotli / gzip / raw)", js, goal]);
                    rows.Add([$"CSS the {name} downloads, compressed (brotli / gzip / raw)", css, "-"]);
                }

                foreach (var row in await ChromiumRowsAsync(baseUrl, cookies, taskPath))
                {
                    rows.Add(row);
                }
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The seed's groups 3 and 7 become real roles, so that a signed-in person (whose groups are roles) has them.</summary>
    private static async Task RenameGroupsAsync(DatabaseProvider provider, string connectionString)
    {
        await using var connection = provider == DatabaseProvider.Sqlite
            ? (System.Data.Common.DbConnection)new SqliteConnection(connectionString)
            : new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE user_task_candidates SET name = 'social-worker' WHERE name = 'group-3'; UPDATE user_task_candidates SET name = 'psychologist' WHERE name = 'group-7';";
        await command.ExecuteNonQueryAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = provider == DatabaseProvider.Sqlite ? "ANALYZE" : "VACUUM ANALYZE user_task_candidates";
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/account/antiforgery")).GetProperty("token").GetString()!;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { userName = "ines", password = Password }) };
        login.Headers.Add(SecurityServiceCollectionExtensions.AntiforgeryHeader, token);
        Check((await client.SendAsync(login)).IsSuccessStatusCode, "sign in");
    }

    private static async Task<(List<double> Times, string Body)> TimeAsync(HttpClient client, string path, int runs, string accept = "text/html")
    {
        var times = new List<double>();
        var body = "";
        for (var i = 0; i < runs + 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd(accept);
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            Check(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
            if (i >= 10)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return (times, body);
    }

    /// <summary>A seeded child's referral task (the child journey's diagram, the referral form, a real case beside it).</summary>
    private static async Task<string> ChildTaskPathAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var id = await db.Tasks.AsNoTracking().Where(t => t.ElementId == "Task_Referral" && t.Status == TaskStatuses.Open).OrderBy(t => t.BusinessKey).Select(t => t.Id).FirstOrDefaultAsync();
        Check(id is not null, "find a seeded child's referral task");
        return "/tasks/" + Uri.EscapeDataString(id!);
    }

    /// <summary>The scripts and stylesheets a page links, fetched as a browser does (brotli preferred), summed.</summary>
    private static async Task<(string Js, string Css)> DownloadsAsync(HttpClient client, string html)
    {
        long jsBr = 0, jsGz = 0, jsRaw = 0, cssBr = 0, cssGz = 0, cssRaw = 0;
        foreach (Match m in Asset().Matches(html))
        {
            var url = WebUtility.HtmlDecode(m.Groups["url"].Value);
            var br = await SizeAsync(client, url, "br");
            var gz = await SizeAsync(client, url, "gzip");
            var raw = await SizeAsync(client, url, "identity");
            if (m.Groups["kind"].Value == "script")
            {
                (jsBr, jsGz, jsRaw) = (jsBr + br, jsGz + gz, jsRaw + raw);
            }
            else
            {
                (cssBr, cssGz, cssRaw) = (cssBr + br, cssGz + gz, cssRaw + raw);
            }
        }

        return (Kb(jsBr, jsGz, jsRaw), Kb(cssBr, cssGz, cssRaw));
    }

    private static async Task<long> SizeAsync(HttpClient client, string url, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await client.SendAsync(request);
        Check(response.IsSuccessStatusCode, $"GET {url}");
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    /// <summary>The task page in Chromium until its form is usable: the page's <c>task-ready</c> mark after navigation start.</summary>
    private static async Task<List<string[]>> ChromiumRowsAsync(string baseUrl, CookieContainer cookies, string taskPath)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("ORCHESTRATOR_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        var sessionCookies = cookies.GetCookies(new Uri(baseUrl)).Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Url = baseUrl }).ToList();

        async Task<double> ReadyAsync(IPage page)
        {
            await page.GotoAsync(baseUrl + taskPath);
            await page.WaitForSelectorAsync("#task-page[data-ready='true']");
            return await page.EvaluateAsync<double>("() => performance.getEntriesByName('task-ready')[0].startTime");
        }

        var cold = new List<double>();
        for (var i = 0; i < 13; i++)
        {
            await using var context = await chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "es-MX", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await context.AddCookiesAsync(sessionCookies);
            var page = await context.NewPageAsync();
            var ms = await ReadyAsync(page);
            if (i >= 3)
            {
                cold.Add(ms);
            }
        }

        var warm = new List<double>();
        await using (var context = await chromium.NewContextAsync(new BrowserNewContextOptions { Locale = "es-MX", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } }))
        {
            await context.AddCookiesAsync(sessionCookies);
            var page = await context.NewPageAsync();
            for (var i = 0; i < 23; i++)
            {
                var ms = await ReadyAsync(page);
                if (i >= 3)
                {
                    warm.Add(ms);
                }
            }
        }

        return
        [
            ["Task page in Chromium until the form is usable, nothing cached (10 runs): p50 / p95", Ms(cold), "< 1 s on loopback"],
            ["The same with the scripts cached (20 runs): p50 / p95", Ms(warm), "< 1 s"],
        ];
    }

    private static string Ms(List<double> times)
    {
        times.Sort();
        var p50 = times[times.Count / 2];
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        return string.Create(CultureInfo.InvariantCulture, $"{p50:N1} / {p95:N1} ms");
    }

    private static string Kb(long br, long gz, long raw) =>
        string.Create(CultureInfo.InvariantCulture, $"{br / 1024.0:N1} / {gz / 1024.0:N1} / {raw / 1024.0:N1} KB");

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("workspace-report: could not " + what + ".");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orchestrator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("""<(?<kind>script) src="(?<url>/dist/[^"]+)"|<link rel="(?<kind>stylesheet)" href="(?<url>/[^"]+)""")]
    private static partial Regex Asset();
}
