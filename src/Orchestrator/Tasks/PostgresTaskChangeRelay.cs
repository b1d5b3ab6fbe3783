using System.Text.Json;
using Npgsql;

namespace Orchestrator.Tasks;

/// <summary>
/// Carries task changes between the nodes of one PostgreSQL database: this node's committed changes go out with
/// <c>NOTIFY orchestrator_task_changes</c> (batched, one small JSON message per batch, sent after the commit so only
/// committed work is told), and a dedicated connection <c>LISTEN</c>s for the other nodes' (its own are recognised by
/// the node id and skipped). After the listening connection was lost, every open inbox is told to refresh
/// (<see cref="TaskChange.Resync"/>), since changes may have passed meanwhile.
/// </summary>
public sealed class PostgresTaskChangeRelay(TaskChangeFeed feed, string connectionString, ILogger<PostgresTaskChangeRelay> logger) : BackgroundService
{
    /// <summary>The PostgreSQL channel.</summary>
    public const string Channel = "orchestrator_task_changes";

    // NOTIFY payloads must stay under 8,000 bytes.
    private const int MaxPayloadBytes = 7000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Relayed = true;
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        var lost = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct).ConfigureAwait(false);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                TaskWorkspaceLog.RelayListening(logger, Channel);
                if (lost)
                {
                    feed.Deliver([TaskChange.Resync]);
                }

                delay = TimeSpan.FromSeconds(1);
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever broke the connection (the server restarting, the network), never the host: listen again.
                lost = true;
                TaskWorkspaceLog.RelayLost(logger, e, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(30, delay.TotalSeconds * 2));
            }
        }
    }

    private async Task SendAsync(CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        while (await feed.Outgoing.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            var batch = new List<TaskChange>();
            while (feed.Outgoing.TryRead(out var changes))
            {
                batch.AddRange(changes);
            }

            foreach (var payload in Payloads(batch))
            {
                try
                {
                    await using var command = source.CreateCommand("SELECT pg_notify(@channel, @payload)");
                    command.Parameters.AddWithValue("channel", Channel);
                    command.Parameters.AddWithValue("payload", payload);
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The other nodes miss this refresh; their listeners resync when they reconnect to a server that came back.
                    TaskWorkspaceLog.RelayLost(logger, e, TimeSpan.Zero);
                }
            }
        }
    }

    /// <summary>The batch as messages of at most <see cref="MaxPayloadBytes"/> each (a change too large alone becomes a resync).</summary>
    private IEnumerable<string> Payloads(List<TaskChange> batch)
    {
        var part = new List<TaskChange>();
        foreach (var change in batch)
        {
            if (part.Count > 0 && Serialize([.. part, change]).Length > MaxPayloadBytes)
            {
                yield return Fit(part);
                part = [];
            }

            part.Add(change);
        }

        if (part.Count > 0)
        {
            yield return Fit(part);
        }
    }

    private string Fit(List<TaskChange> part) => Serialize(part) is { Length: <= MaxPayloadBytes } text ? text : Serialize([TaskChange.Resync]);

    private string Serialize(List<TaskChange> changes) => JsonSerializer.Serialize(new RelayMessage(feed.NodeId, changes), Json);

    private void Receive(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize<RelayMessage>(payload, Json);
            if (message is not null && message.Node != feed.NodeId && message.Changes is { Count: > 0 } changes)
            {
                feed.Deliver(changes);
            }
        }
        catch (JsonException e)
        {
            TaskWorkspaceLog.RelayBadMessage(logger, e);
        }
    }

    /// <summary>One NOTIFY message: the sending node and its changes.</summary>
    private sealed record RelayMessage(string Node, List<TaskChange> Changes);
}
