using System.Threading.Channels;

namespace Orchestrator.Tasks;

/// <summary>One listener of <see cref="TaskChangeFeed"/>; dispose it to stop listening.</summary>
public sealed class TaskChangeSubscription : IDisposable
{
    private readonly Action _unsubscribe;
    private int _disposed;

    internal TaskChangeSubscription(ChannelReader<TaskChange> reader, Action unsubscribe)
    {
        Reader = reader;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The changes, in the order they were published.</summary>
    public ChannelReader<TaskChange> Reader { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe();
        }
    }
}
