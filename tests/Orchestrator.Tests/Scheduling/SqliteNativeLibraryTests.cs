using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Orchestrator.Tests.Api;

namespace Orchestrator.Tests.Scheduling;

/// <summary>
/// Hangfire's SQLite storage (through sqlite-net) and EF Core (through Microsoft.Data.Sqlite) load one native SQLite:
/// the package that brings Hangfire's (SQLitePCLRaw.lib.e_sqlite3 2.1.x) would otherwise silently replace the newer
/// one EF Core was built with. Both must run the version of <c>SourceGear.sqlite3</c> that Directory.Packages.props pins.
/// </summary>
public sealed partial class SqliteNativeLibraryTests
{
    [Fact]
    public void EF_Core_and_Hangfire_storage_run_the_pinned_SQLite()
    {
        var props = File.ReadAllText(Path.Combine(ApiFactory.RepositoryRoot, "Directory.Packages.props"));
        var pinned = PinnedSqlite().Match(props);
        Assert.True(pinned.Success, "Directory.Packages.props pins SourceGear.sqlite3");
        var expected = pinned.Groups[1].Value;

        using var ef = new SqliteConnection("Data Source=:memory:");
        ef.Open();
        using var command = ef.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var efVersion = (string)command.ExecuteScalar()!;

        using var hangfire = new SQLite.SQLiteConnection(":memory:");
        var hangfireVersion = hangfire.ExecuteScalar<string>("SELECT sqlite_version()");

        Assert.Equal(expected, efVersion);
        Assert.Equal(expected, hangfireVersion);
    }

    [GeneratedRegex("""Include="SourceGear\.sqlite3" Version="([0-9.]+)" """)]
    private static partial Regex PinnedSqlite();
}
