using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.EndToEnd;

/// <summary>
/// The real executable (<see cref="ServiceProcess"/>) on a temp working directory of its own: <c>workflows/*.bpmn</c>
/// and <c>workflows/forms/*.form</c> written there, SQLite in <c>./data/</c> or a fresh database on the test
/// PostgreSQL server, one API key per role (<see cref="ApiFactory.KeyFor"/>) given by environment variables
/// (<c>Security__ApiKeys__N__*</c>), warnings-only logs. <see cref="Kill"/> is SIGKILL; <see cref="StartAsync"/>
/// (again) restarts on the same data. <see cref="CreateContext"/> reads the database directly.
/// </summary>
public sealed class E2eService : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly SocketsHttpHandler _handler = new()
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    private ServiceProcess? _process;

    private E2eService(DatabaseProvider provider, string directory, string connectionString, Dictionary<string, string> environment)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        _environment = environment;
    }

    /// <summary>The database provider the service runs on.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The working directory (content root) of the service.</summary>
    public string Directory { get; }

    /// <summary>The connection string of the service's database (as the tests open it).</summary>
    public string ConnectionString { get; }

    /// <summary>The running process (throws when none runs).</summary>
    public ServiceProcess Process => _process ?? throw new InvalidOperationException("The service is not running.");

    /// <summary>Everything the processes printed so far (all runs).</summary>
    public string Output { get; private set; } = "";

    /// <summary>Creates the working directory, the database and the settings; does not start the service.</summary>
    /// <param name="provider">SQLite or PostgreSQL.</param>
    /// <param name="postgres">The test PostgreSQL server (used for <see cref="DatabaseProvider.PostgreSql"/>).</param>
    /// <param name="files">Relative path (under <c>workflows/</c>) → content.</param>
    /// <param name="settings">More environment settings (<c>Section__Key</c>).</param>
    public static async Task<E2eService> CreateAsync(DatabaseProvider provider, PostgresServer postgres, IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "orchestrator-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(directory, "workflows", relative);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content);
        }

        var environment = new Dictionary<string, string>
        {
            ["Security__SeedDemoAccounts"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            ["Database__Provider"] = provider.ToString(),
        };
        for (var i = 0; i < Roles.All.Count; i++)
        {
            environment[$"Security__ApiKeys__{i}__Name"] = $"{Roles.All[i]}-bot";
            environment[$"Security__ApiKeys__{i}__Key"] = ApiFactory.KeyFor(Roles.All[i]);
            environment[$"Security__ApiKeys__{i}__Roles__0"] = Roles.All[i];
        }

        string connectionString;
        if (provider == DatabaseProvider.PostgreSql)
        {
            connectionString = await postgres.CreateDatabaseAsync("e2e");
            environment["ConnectionStrings__Orchestrator"] = connectionString;
        }
        else
        {
            // The default of appsettings.json: data/orchestrator.db under the working directory.
            connectionString = $"Data Source={Path.Combine(directory, "data", "orchestrator.db")}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new E2eService(provider, directory, connectionString, environment);
    }

    /// <summary>Starts (or restarts, on the same data) the executable and waits until <c>/health</c> answers 200.</summary>
    /// <param name="timeout">How long start-up may take.</param>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The service is already running.");
        }

        await DisposeProcessAsync();
        _process = ServiceProcess.Start(Directory, _environment);
        await _process.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>SIGKILL (no shutdown code runs), as a crash would.</summary>
    public void Kill() => _process?.Kill();

    /// <summary>A client on the running service with the API key of <paramref name="role"/> (null: no credentials).</summary>
    /// <param name="role">The role, or null.</param>
    public HttpClient Client(string? role)
    {
        var client = new HttpClient(_handler, disposeHandler: false) { BaseAddress = Process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", ApiFactory.KeyFor(role));
        }

        return client;
    }

    /// <summary>A context on the service's database, for checks the API does not offer (the caller disposes it).</summary>
    public OrchestratorDbContext CreateContext()
    {
        var builder = new DbContextOptionsBuilder<OrchestratorDbContext>();
        DatabaseProviders.Configure(builder, Provider, ConnectionString);
        return new OrchestratorDbContext(builder.Options);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisposeProcessAsync();
        _handler.Dispose();
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleanup.
        }
    }

    private async Task DisposeProcessAsync()
    {
        if (_process is null)
        {
            return;
        }

        await _process.DisposeAsync();
        Output += _process.Output;
        _process = null;
    }

    /// <summary>Seconds with two decimals, for the test output.</summary>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
