using System.Collections.Immutable;
using System.Threading.Channels;

namespace Orchestrator.Tasks;

/// <summary>
/// The in-process signal of task changes (a singleton): committed commands publish here, every open inbox's event
/// stream subscribes. On PostgreSQL <see cref="PostgresTaskChangeRelay"/> carries this node's changes to the other
/// nodes (<c>NOTIFY</c>) and theirs back (<c>LISTEN</c>); on SQLite there is one node and this is all.
/// </summary>
public sealed class TaskChangeFeed
{
    private readonly Lock _lock = new();
    private readonly Channel<IReadOnlyList<TaskChange>> _outgoing = Channel.CreateBounded<IReadOnlyList<TaskChange>>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private ImmutableArray<Channel<TaskChange>> _subscribers = [];

    /// <summary>This node's id in relayed messages (its own come back from PostgreSQL and are ignored).</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>Whether a relay carries changes to other nodes (otherwise nothing is queued for one).</summary>
    public bool Relayed { get; set; }

    /// <summary>The changes this node committed, for the relay to send.</summary>
    public ChannelReader<IReadOnlyList<TaskChange>> Outgoing => _outgoing.Reader;

    /// <summary>Changes committed on this node: told to this node's inboxes and queued for the other nodes.</summary>
    /// <param name="changes">The changes.</param>
    public void Publish(IReadOnlyList<TaskChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        Deliver(changes);
        if (Relayed)
        {
            _outgoing.Writer.TryWrite(changes);
        }
    }

    /// <summary>Changes from another node (or a resync): told to this node's inboxes only.</summary>
    /// <param name="changes">The changes.</param>
    public void Deliver(IReadOnlyList<TaskChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var subscriber in _subscribers)
        {
            foreach (var change in changes)
            {
                // Bounded, oldest dropped: a slow reader never holds up a command; it refreshes anyway.
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>Listens to the changes from now on until the subscription is disposed.</summary>
    /// <returns>The subscription.</returns>
    public TaskChangeSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<TaskChange>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers = _subscribers.Add(channel);
        }

        return new TaskChangeSubscription(channel.Reader, () =>
        {
            lock (_lock)
            {
                _subscribers = _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
    }

    /// <summary>How many subscriptions are open (for tests and metrics).</summary>
    public int SubscriberCount => _subscribers.Length;
}
