using System.Globalization;

namespace Orchestrator.Notifications.Outbox;

/// <summary>The <c>Notifications:Outbox</c> section: how the dispatcher delivers the outbox's emails.</summary>
public sealed class OutboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications:Outbox";

    /// <summary>Attempts per email before it is given up as <c>failed</c> (the first attempt included).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the 1st, 2nd, … failed attempt; the last entry repeats.</summary>
    public IList<TimeSpan> Backoff { get; set; } = [];

    /// <summary>How long a dispatcher holds a row while sending it; longer than <see cref="SendTimeout"/>, so a live sender is never overtaken.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one SMTP conversation may take before it is aborted and counted as a failed attempt.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest the dispatcher sleeps without looking at the table. It is woken by this node's commits and knows the
    /// next due time of the rows it saw, but rows committed by another node (or by an older version of this one) only
    /// show up when it looks, so it looks at least this often.
    /// </summary>
    public TimeSpan Backstop { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows claimed per batch; a batch shares one SMTP connection.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// While the SMTP server is unavailable the dispatcher sends nothing and asks the server this often whether it is
    /// back (connect, authenticate, quit); the first answer sends everything that waits. Default 15 s, so waiting
    /// emails go within a minute of the server's return.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>This dispatcher's id in <c>lease_owner</c> (default: machine, process and a random suffix).</summary>
    public string WorkerId { get; set; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}");

    /// <summary>The domain of every <c>Message-ID</c> (<c>&lt;{outbox id}@{domain}&gt;</c>): the host of <c>Orchestrator:PublicBaseUrl</c>, else <c>orchestrator</c>.</summary>
    public string MessageIdDomain { get; set; } = "orchestrator";

    /// <summary>The Message-ID (without angle brackets) of an outbox row that has none yet.</summary>
    /// <param name="outboxId">The row's id.</param>
    public string MessageIdFor(Guid outboxId) => outboxId.ToString("D") + "@" + MessageIdDomain;

    /// <summary>The default back-off: 1 min, 5 min, 30 min, 2 h, 6 h.</summary>
    public static IReadOnlyList<TimeSpan> DefaultBackoff { get; } =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    /// <param name="attempt">The attempt that failed.</param>
    public TimeSpan BackoffAfter(int attempt)
    {
        var steps = Backoff.Count > 0 ? (IReadOnlyList<TimeSpan>)[.. Backoff] : DefaultBackoff;
        return steps[Math.Clamp(attempt - 1, 0, steps.Count - 1)];
    }

    /// <summary>
    /// Takes the Message-ID domain from the host of <c>Orchestrator:PublicBaseUrl</c> unless the section sets one (run
    /// after the section is bound: <c>AddEmailOutbox</c>).
    /// </summary>
    /// <param name="options">The bound settings.</param>
    /// <param name="configuration">The configuration.</param>
    public static void TakeMessageIdDomain(OutboxOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var baseUrl = configuration["Orchestrator:PublicBaseUrl"];
        if (configuration[$"{Section}:{nameof(MessageIdDomain)}"] is not { Length: > 0 } && Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            options.MessageIdDomain = uri.IdnHost;
        }
    }

    /// <summary>Checks the values.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range (the message names the setting).</exception>
    public void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new InvalidOperationException($"{Section}:{nameof(MaxAttempts)} must be at least 1 (is {MaxAttempts}).");
        }

        if (Backoff.Any(b => b <= TimeSpan.Zero))
        {
            // A zero wait would make a failing server be hammered in a tight loop.
            throw new InvalidOperationException($"{Section}:{nameof(Backoff)} must hold positive waits only.");
        }

        if (SendTimeout <= TimeSpan.Zero || Lease <= SendTimeout)
        {
            throw new InvalidOperationException($"{Section}:{nameof(Lease)} ({Lease}) must be longer than {nameof(SendTimeout)} ({SendTimeout}), which must be positive: a row whose lease ran out while it was still being sent would be sent twice.");
        }

        if (Backstop <= TimeSpan.Zero || BatchSize < 1)
        {
            throw new InvalidOperationException($"{Section}:{nameof(Backstop)} and {nameof(BatchSize)} must be positive.");
        }

        if (ProbeInterval <= TimeSpan.Zero || ProbeInterval > TimeSpan.FromMinutes(1))
        {
            // Longer than a minute would break the promise that waiting emails go within a minute of the server's return.
            throw new InvalidOperationException($"{Section}:{nameof(ProbeInterval)} must be positive and at most one minute (is {ProbeInterval}).");
        }

        if (string.IsNullOrWhiteSpace(MessageIdDomain) || MessageIdDomain.Any(c => c is '<' or '>' or '@' or ' ' || char.IsControl(c)))
        {
            throw new InvalidOperationException($"{Section}:{nameof(MessageIdDomain)} '{MessageIdDomain}' is not a domain.");
        }
    }
}
