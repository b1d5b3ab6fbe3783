using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>
/// A real, throwaway PostgreSQL server for the tests: the Debian package's <c>initdb</c> and <c>pg_ctl</c> in a temp
/// folder, listening on a free loopback port (127.0.0.1 only) and a unix socket in that folder; run as the
/// <c>postgres</c> OS user when the tests run as root (initdb refuses root). When the binaries are missing and we are
/// root, the <c>postgresql</c> package is installed. It is never skipped: without a server the tests fail saying why.
/// Stopped and deleted when the test run ends. It runs with <c>fsync=off</c>: a throwaway server for tests and for
/// the benchmarks' side-by-side ratios, not a durable one. Plain .NET (no xunit), so the benchmarks link this file.
/// </summary>
public class PostgresCluster : IAsyncDisposable
{
    private const string Password = "orchestrator-tests";
    private string _dir = "";
    private string _binDir = "";
    private bool _asPostgres;
    private int _databaseCounter;
    private string _startOptions = "";

    /// <summary>The folder of the PostgreSQL binaries (pgbench, psql).</summary>
    public string BinDir => _binDir;

    /// <summary>The password of the <c>postgres</c> user.</summary>
    public static string SuperPassword => Password;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>What happened while starting (shown when a test fails).</summary>
    public List<string> Log { get; } = [];

    /// <summary>Starts the server (installing the package first when it is missing and we are root).</summary>
    public async Task InitializeAsync()
    {
        _binDir = FindBinaries() ?? "";
        if (_binDir.Length == 0 && IsRoot())
        {
            Log.Add("PostgreSQL binaries not found; installing the Debian package postgresql (apt-get).");
            Console.Error.WriteLine("[PostgresServer] PostgreSQL binaries not found; installing the Debian package 'postgresql'.");
            var install = await RunAsync("/bin/sh", ["-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql)"], asPostgres: false, TimeSpan.FromMinutes(8));
            Log.Add(install.Output);
            _binDir = FindBinaries() ?? "";
        }

        if (_binDir.Length == 0)
        {
            var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                "PostgreSQL is needed by the tests but /usr/lib/postgresql/*/bin/initdb was not found"
                + (ci ? " (CI=true)" : "") + ". Install the Debian package 'postgresql' (apt-get install -y postgresql). " + string.Join(Environment.NewLine, Log));
        }

        _asPostgres = IsRoot();
        _dir = Path.Combine(Path.GetTempPath(), "orchestrator-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dir);
        var pwFile = Path.Combine(_dir, "pwfile");
        await File.WriteAllTextAsync(pwFile, Password);
        if (_asPostgres)
        {
            var chown = await RunAsync("chown", ["-R", "postgres:postgres", _dir], asPostgres: false, TimeSpan.FromSeconds(30));
            Check(chown, "chown");
        }

        var data = Path.Combine(_dir, "data");
        var init = await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", data, "-U", "postgres", "--auth=scram-sha-256", "--pwfile=" + pwFile, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            _asPostgres, TimeSpan.FromMinutes(2));
        if (init.ExitCode != 0 && init.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            init = await RunAsync(Path.Combine(_binDir, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=scram-sha-256", "--pwfile=" + pwFile, "-E", "UTF8", "--locale=C", "--no-sync"],
                _asPostgres, TimeSpan.FromMinutes(2));
        }

        Check(init, "initdb");
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            var options = string.Create(CultureInfo.InvariantCulture,
                $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB");
            var start = await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", data, "-l", Path.Combine(_dir, "server.log"), "-o", options, "-w", "-t", "60", "start"], _asPostgres, TimeSpan.FromSeconds(90));
            if (start.ExitCode == 0)
            {
                _startOptions = options;
                break;
            }

            if (attempt >= 2)
            {
                var log = File.Exists(Path.Combine(_dir, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(_dir, "server.log")) : "";
                Check(start, "pg_ctl start", log);
            }
        }

        Log.Add($"PostgreSQL started on 127.0.0.1:{Port} in {_dir}");
    }

    /// <summary>A connection string to a database (created on first use by <see cref="CreateDatabaseAsync"/>).</summary>
    /// <param name="database">The database name.</param>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Password = Password,
            Database = database,
            Pooling = true,
            MaxPoolSize = 50,
            Timeout = 30,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    /// <param name="prefix">A readable prefix (the test class).</param>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = new string([.. prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40)]) + "_" + Interlocked.Increment(ref _databaseCounter).ToString(CultureInfo.InvariantCulture);
        // Not pooled: a pooled connection left from before a test restarted the server would fail once.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Stops the server now (<c>pg_ctl stop -m fast</c>: open sessions are ended and their transactions rolled back,
    /// as when a database server goes away under the service) and waits until it is down. The fault-injection tests use
    /// a server of their own for this.
    /// </summary>
    public async Task StopAsync() =>
        Check(await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "-t", "60", "stop"], _asPostgres, TimeSpan.FromSeconds(90)), "pg_ctl stop");

    /// <summary>
    /// <see cref="StopAsync"/> for a caller that must not return before the server is down and cannot wait
    /// asynchronously (a synchronous after-commit action): blocks on the <c>pg_ctl</c> process.
    /// </summary>
    public void StopNow()
    {
        var psi = new ProcessStartInfo { FileName = _asPostgres ? "runuser" : Path.Combine(_binDir, "pg_ctl"), WorkingDirectory = "/", RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (_asPostgres ? new[] { "-u", "postgres", "--", Path.Combine(_binDir, "pg_ctl") } : []).Concat(["-D", Path.Combine(_dir, "data"), "-m", "fast", "-w", "-t", "60", "stop"]))
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("pg_ctl stop did not start");
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed: {process.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>Starts the stopped server again on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var data = Path.Combine(_dir, "data");
        Check(await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", data, "-l", Path.Combine(_dir, "server.log"), "-o", _startOptions, "-w", "-t", "60", "start"], _asPostgres, TimeSpan.FromSeconds(90)), "pg_ctl start");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        NpgsqlConnection.ClearAllPools();
        if (_dir.Length == 0)
        {
            return;
        }

        if (_binDir.Length > 0 && Directory.Exists(Path.Combine(_dir, "data")))
        {
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "-t", "30", "stop"], _asPostgres, TimeSpan.FromSeconds(60));
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? FindBinaries()
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            return null;
        }

        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Check((int ExitCode, string Output) result, string what, string extra = "")
    {
        Log.Add($"{what}: exit {result.ExitCode}");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed (exit {result.ExitCode}): {result.Output}{Environment.NewLine}{extra}");
        }
    }

    /// <summary>Runs a program (as the <c>postgres</c> user when <paramref name="asPostgres"/>) and returns its exit code and output.</summary>
    /// <param name="file">The program.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="asPostgres">Whether to run it as the <c>postgres</c> OS user.</param>
    /// <param name="timeout">When to give up.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo { FileName = asPostgres ? "runuser" : file, WorkingDirectory = "/" };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return await ExternalProcess.RunAsync(psi, timeout, file);
    }
}
