using System.Security.Cryptography;
using System.Text;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Runtime;

/// <summary>
/// The deployed definitions, in memory: deploying a process id creates version n+1 unless its content is unchanged.
/// The host fills one at start-up from its database and deploys through it.
/// </summary>
public sealed class DefinitionRepository
{
    private readonly Dictionary<string, List<DeployedProcess>> _versions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty repository.</summary>
    /// <param name="timeProvider">The clock for deployment times.</param>
    public DefinitionRepository(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Deploys every executable process of a parsed file.</summary>
    /// <param name="definitions">The parsed file.</param>
    /// <param name="content">The XML (its hash decides whether anything changed).</param>
    /// <returns>The deployed versions, new or unchanged.</returns>
    public IReadOnlyList<DeployedProcess> Deploy(Definitions definitions, string content)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(content);
        var deployed = new List<DeployedProcess>();
        foreach (var process in definitions.Processes)
        {
            if (process.IsExecutable)
            {
                deployed.Add(Deploy(process, content));
            }
        }

        return deployed;
    }

    /// <summary>Deploys one process.</summary>
    /// <param name="process">The process.</param>
    /// <param name="content">The content hashed to detect an unchanged redeployment.</param>
    /// <returns>The new version, or the latest when the content is unchanged.</returns>
    public DeployedProcess Deploy(ProcessDefinition process, string content)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        lock (_lock)
        {
            if (!_versions.TryGetValue(process.Id, out var list))
            {
                _versions[process.Id] = list = [];
            }

            if (list.Count > 0 && list[^1].ContentHash == hash)
            {
                return list[^1];
            }

            var d = new DeployedProcess(process, list.Count + 1, hash, content, _time.GetUtcNow());
            list.Add(d);
            return d;
        }
    }

    /// <summary>Adds a version the host already stored (at start-up), keeping its number.</summary>
    /// <param name="process">The process.</param>
    /// <param name="version">Its version.</param>
    /// <param name="content">Its content.</param>
    /// <param name="deployedAt">When it was deployed.</param>
    public DeployedProcess Restore(ProcessDefinition process, int version, string content, DateTimeOffset deployedAt)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(content);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        lock (_lock)
        {
            if (!_versions.TryGetValue(process.Id, out var list))
            {
                _versions[process.Id] = list = [];
            }

            var d = new DeployedProcess(process, version, hash, content, deployedAt);
            list.Add(d);
            list.Sort(static (a, b) => a.Version.CompareTo(b.Version));
            return d;
        }
    }

    /// <summary>The latest version of a process, or <c>null</c>.</summary>
    /// <param name="processId">The process id.</param>
    public DeployedProcess? Latest(string processId)
    {
        lock (_lock)
        {
            return _versions.TryGetValue(processId, out var list) && list.Count > 0 ? list[^1] : null;
        }
    }

    /// <summary>A given version, or <c>null</c>.</summary>
    /// <param name="processId">The process id.</param>
    /// <param name="version">The version.</param>
    public DeployedProcess? Find(string processId, int version)
    {
        lock (_lock)
        {
            if (_versions.TryGetValue(processId, out var list))
            {
                foreach (var d in list)
                {
                    if (d.Version == version)
                    {
                        return d;
                    }
                }
            }

            return null;
        }
    }

    /// <summary>The latest version of every process.</summary>
    public IReadOnlyList<DeployedProcess> LatestVersions()
    {
        lock (_lock)
        {
            var result = new List<DeployedProcess>();
            foreach (var list in _versions.Values)
            {
                if (list.Count > 0)
                {
                    result.Add(list[^1]);
                }
            }

            return result;
        }
    }
}
