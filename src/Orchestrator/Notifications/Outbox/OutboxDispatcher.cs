using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Hosting;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications.Outbox;

/// <summary>
/// Sends the outbox's emails after their transaction committed, on every node at once: each row is claimed with a
/// lease (a conditional update, as jobs are), sent outside any transaction over one connection per batch, and its
/// result recorded only while this dispatcher still holds the lease. An email the server deferred waits 1 min, 5 min,
/// 30 min, 2 h, 6 h (<see cref="OutboxOptions"/>); after the last attempt, or at once when it can never be sent, it is
/// <c>failed</c> and stays listed until an admin retries or dismisses it. When the server itself is unavailable the
/// email stays due and the dispatcher sends nothing more: it asks the server every <see cref="OutboxOptions.ProbeInterval"/>
/// whether it is back, and the first answer sends everything that waits (and releases the emails in back-off). A node
/// that dies between sending and recording leaves the lease to run out; the row is then sent again with the same
/// Message-ID (at-least-once delivery, recognisable duplicates). See Outbox/README.md.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly EmailOutbox _outbox;
    private readonly IEmailSender _sender;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly OrchestratorMetrics? _metrics;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _serverState = new();
    private DateTimeOffset? _serverDownSince;
    private DateTimeOffset _nextProbeAt;
    private string? _serverError;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="scopes">For one DbContext per pass.</param>
    /// <param name="outbox">The outbox whose <see cref="EmailOutbox.Committed"/> wakes the dispatcher.</param>
    /// <param name="sender">The transport.</param>
    /// <param name="options">Attempts, back-off, lease, probes.</param>
    /// <param name="time">The clock of every reading and every wait.</param>
    /// <param name="logger">The log.</param>
    /// <param name="metrics">Emails sent and failed (absent outside the host).</param>
    /// <param name="lifetime">The host's lifetime: the first pass waits until the host started (the schema is migrated by then).</param>
    public OutboxDispatcher(
        IServiceScopeFactory scopes, EmailOutbox outbox, IEmailSender sender, OutboxOptions options, TimeProvider time, ILogger<OutboxDispatcher> logger,
        OrchestratorMetrics? metrics = null, IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _scopes = scopes;
        _outbox = outbox;
        _sender = sender;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _lifetime = lifetime;
    }

    /// <summary>Since when this dispatcher has found the server unavailable, and why; <c>null</c> while it answers.</summary>
    public (DateTimeOffset Since, string Error)? ServerUnavailable
    {
        get
        {
            lock (_serverState)
            {
                return _serverDownSince is { } since ? (since, _serverError ?? "") : null;
            }
        }
    }

    /// <summary>
    /// Sends every due row this dispatcher can claim, batch after batch, and says when to look again. While the server
    /// is unavailable it only probes it (when the probe is due) and sends once the server answers.
    /// </summary>
    /// <param name="cancellationToken">Cancellation; a send it interrupts is left to its lease (its outcome is unknown).</param>
    public async Task<OutboxPass> DispatchDueAsync(CancellationToken cancellationToken)
    {
        int sent = 0, retrying = 0, failed = 0;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        if (ServerUnavailable is not null && !await ServerIsBackAsync(db, cancellationToken).ConfigureAwait(false))
        {
            return new OutboxPass(0, 0, 0, NextProbe) { WaitingForServer = true };
        }

        var serverDown = false;
        while (!serverDown)
        {
            var now = _time.GetUtcNow();
            var ids = await Due(db.Outbox.AsNoTracking(), now).OrderBy(o => o.NextAttemptAt).Select(o => o.Id)
                .Take(_options.BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Count == 0)
            {
                break;
            }

            var batch = _sender.StartBatch();
            await using (batch.ConfigureAwait(false))
            {
                foreach (var id in ids)
                {
                    var (status, serverFailed) = await DeliverAsync(db, batch, id, cancellationToken).ConfigureAwait(false);
                    switch (status)
                    {
                        case OutboxStatuses.Sent: sent++; break;
                        case OutboxStatuses.Pending: retrying++; break;
                        case OutboxStatuses.Failed: failed++; break;
                    }

                    if (serverFailed)
                    {
                        // The rest of the batch would fail the same way (or hang until the time-out): it stays due.
                        serverDown = true;
                        break;
                    }
                }
            }

            if (ids.Count < _options.BatchSize)
            {
                break;
            }
        }

        return serverDown
            ? new OutboxPass(sent, retrying, failed, NextProbe) { WaitingForServer = true }
            : new OutboxPass(sent, retrying, failed, await NextDueAsync(db, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>How long to sleep: until <paramref name="nextDue"/>, but never longer than <paramref name="backstop"/>.</summary>
    /// <param name="nextDue">The earliest known due time, if any.</param>
    /// <param name="now">Now.</param>
    /// <param name="backstop">The longest sleep.</param>
    internal static TimeSpan SleepFor(DateTimeOffset? nextDue, DateTimeOffset now, TimeSpan backstop)
    {
        if (nextDue is not { } due)
        {
            return backstop;
        }

        var wait = due - now;
        return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < backstop ? wait : backstop;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _outbox.Committed += Wake;
        try
        {
            if (_lifetime is not null && !await WaitForHostStartAsync(_lifetime, stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            Log.Started(_logger, _sender.Transport, _options.WorkerId);
            while (!stoppingToken.IsCancellationRequested)
            {
                DateTimeOffset? nextDue;
                try
                {
                    nextDue = (await DispatchDueAsync(stoppingToken).ConfigureAwait(false)).NextDue;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // The loop outlives a database outage: log, sleep, look again.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.PassFailed(_logger, e);
                    nextDue = null;
                }

                await SleepAsync(SleepFor(nextDue, _time.GetUtcNow(), _options.Backstop), stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _outbox.Committed -= Wake;
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private DateTimeOffset NextProbe
    {
        get
        {
            lock (_serverState)
            {
                return _nextProbeAt;
            }
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one pass sends everything that is due.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static async Task<bool> WaitForHostStartAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        // Hosted services start in registration order and the migrating start-up comes after this one.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SleepAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, _time, done.Token);
        var woken = _wake.WaitAsync(done.Token);
        await Task.WhenAny(delay, woken).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
    }

    private static IQueryable<OutboxRecord> Due(IQueryable<OutboxRecord> rows, DateTimeOffset now) =>
        rows.Where(o => o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Pending
            && (o.NextAttemptAt == null || o.NextAttemptAt <= now) && (o.LeaseUntil == null || o.LeaseUntil < now));

    private async Task<DateTimeOffset?> NextDueAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var pending = db.Outbox.AsNoTracking().Where(o => o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Pending);
        var attempt = await pending.Where(o => o.LeaseUntil == null || o.LeaseUntil < now)
            .OrderBy(o => o.NextAttemptAt).Select(o => o.NextAttemptAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var lease = await pending.Where(o => o.LeaseUntil != null && o.LeaseUntil >= now)
            .OrderBy(o => o.LeaseUntil).Select(o => o.LeaseUntil).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        // A leased row is looked at again just after its lease runs out (its holder may have died).
        lease += TimeSpan.FromTicks(1);
        return (attempt, lease) switch
        {
            (null, null) => null,
            ({ } a, null) => a,
            (null, { } l) => l,
            ({ } a, { } l) => a < l ? a : l,
        };
    }

    /// <summary>When a probe is due, asks the server; when it answers, opens the gate and releases the emails in back-off.</summary>
    private async Task<bool> ServerIsBackAsync(OrchestratorDbContext db, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset since;
        lock (_serverState)
        {
            if (_serverDownSince is not { } down || now < _nextProbeAt)
            {
                return _serverDownSince is null;
            }

            since = down;
        }

        try
        {
            await _sender.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A probe that fails in any way means the server is still unavailable.
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (_serverState)
            {
                _serverError = Describe(e);
                _nextProbeAt = _time.GetUtcNow() + _options.ProbeInterval;
            }

            Log.StillUnavailable(_logger, _sender.Transport, _serverError);
            return false;
        }

        lock (_serverState)
        {
            _serverDownSince = null;
            _serverError = null;
        }

        // Emails the server deferred during the outage need not wait out their back-off: the server is back for them too.
        var released = await db.Outbox
            .Where(o => o.Kind == EmailOutbox.EmailKind && o.Status == OutboxStatuses.Pending && o.NextAttemptAt > now && (o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, now), cancellationToken).ConfigureAwait(false);
        Log.ServerBack(_logger, _sender.Transport, now - since, released);
        return true;
    }

    private void MarkServerUnavailable(string error)
    {
        var now = _time.GetUtcNow();
        bool first;
        lock (_serverState)
        {
            first = _serverDownSince is null;
            _serverDownSince ??= now;
            _serverError = error;
            _nextProbeAt = now + _options.ProbeInterval;
        }

        if (first)
        {
            Log.ServerUnavailable(_logger, _sender.Transport, error, _options.ProbeInterval);
        }
    }

    /// <summary>Claims, sends and records one row; returns its status afterwards (<c>null</c> when another dispatcher has it) and whether the server was unavailable.</summary>
    private async Task<(string? Status, bool ServerUnavailable)> DeliverAsync(OrchestratorDbContext db, IEmailBatch batch, Guid id, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var until = now + _options.Lease;
        var worker = _options.WorkerId;
        var messageId = _options.MessageIdFor(id);
        var claimed = await Due(db.Outbox, now).Where(o => o.Id == id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(o => o.LeaseOwner, worker)
                .SetProperty(o => o.LeaseUntil, until)
                .SetProperty(o => o.Attempts, o => o.Attempts + 1)
                .SetProperty(o => o.MessageId, o => o.MessageId ?? messageId), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            return (null, false);
        }

        var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false);
        EmailDeliveryException? failure = null;
        try
        {
            var email = await EmailOutbox.ToEmailAsync(db, row, row.MessageId ?? messageId, cancellationToken).ConfigureAwait(false);
            await batch.SendAsync(email, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-send: whether the server took the mail is unknown, so nothing is recorded and the row is
            // sent again (same Message-ID) once the lease has run out.
            throw;
        }
        catch (EmailDeliveryException e)
        {
            failure = e;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or (InvalidOperationException and not ObjectDisposedException))
        {
            // A payload or an address that can never be sent: retrying cannot help.
            failure = new EmailDeliveryException(EmailFailureKind.MessageRejected, Describe(e), e);
        }
#pragma warning disable CA1031 // Any other failure of a transport is a deferred attempt, retried after back-off.
        catch (Exception e)
#pragma warning restore CA1031
        {
            failure = new EmailDeliveryException(EmailFailureKind.MessageDeferred, Describe(e), e);
        }

        var status = await RecordAsync(db, row, failure).ConfigureAwait(false);
        var serverUnavailable = failure?.Kind == EmailFailureKind.ServerUnavailable;
        if (serverUnavailable)
        {
            MarkServerUnavailable(Describe(failure!));
        }

        return (status, serverUnavailable);
    }

    private async Task<string?> RecordAsync(OrchestratorDbContext db, OutboxRecord row, EmailDeliveryException? failure)
    {
        // The mail is out (or definitely not): record it even while the host stops, or it would be sent twice.
        var ct = CancellationToken.None;
        var now = _time.GetUtcNow();
        var worker = _options.WorkerId;
        var mine = db.Outbox.Where(o => o.Id == row.Id && o.Status == OutboxStatuses.Pending && o.LeaseOwner == worker);
        string status;
        int updated;
        if (failure is null)
        {
            status = OutboxStatuses.Sent;
            var kept = OutboxRedaction.Redact(row.Payload); // a sent email-action link must not stay readable in the table
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, status)
                .SetProperty(o => o.Payload, kept)
                .SetProperty(o => o.SentAt, now)
                .SetProperty(o => o.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(o => o.LastError, (string?)null), ct).ConfigureAwait(false);
        }
        else
        {
            var error = Describe(failure);
            var giveUp = failure.Kind == EmailFailureKind.MessageRejected || row.Attempts >= _options.MaxAttempts;
            status = giveUp ? OutboxStatuses.Failed : OutboxStatuses.Pending;

            // A server that is down is not this email's fault: it stays due, and the dispatcher waits for the server.
            DateTimeOffset? next = giveUp ? null : failure.Kind == EmailFailureKind.ServerUnavailable ? now : now + _options.BackoffAfter(row.Attempts);
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, status)
                .SetProperty(o => o.NextAttemptAt, next)
                .SetProperty(o => o.LeaseOwner, (string?)null)
                .SetProperty(o => o.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(o => o.LastError, error), ct).ConfigureAwait(false);
            if (updated > 0 && giveUp)
            {
                Log.GaveUp(_logger, row.Id, row.Attempts, error);
                _metrics?.EmailFailed(_sender.Transport);
            }
            else if (updated > 0)
            {
                Log.AttemptFailed(_logger, row.Id, row.Attempts, next!.Value, error);
            }
        }

        if (updated == 0)
        {
            // The lease ran out while sending and another dispatcher took the row; its result stands.
            Log.LeaseLost(_logger, row.Id, worker);
            return null;
        }

        if (status == OutboxStatuses.Sent)
        {
            _metrics?.EmailSent(_sender.Transport);
        }

        return status;
    }

    private static string Describe(Exception e)
    {
        var text = e is EmailDeliveryException
            ? e.Message
            : e.InnerException is { } inner && inner.Message != e.Message ? $"{e.GetType().Name}: {e.Message} ({inner.Message})" : $"{e.GetType().Name}: {e.Message}";
        return ColumnText.Fit(text, OrchestratorModel.MessageLength);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Outbox dispatcher {WorkerId} started (transport {Transport})")]
        public static partial void Started(ILogger logger, string transport, string workerId);

        [LoggerMessage(2, LogLevel.Warning, "Email {OutboxId}: attempt {Attempt} failed, next attempt at {NextAttemptAt}: {Error}")]
        public static partial void AttemptFailed(ILogger logger, Guid outboxId, int attempt, DateTimeOffset nextAttemptAt, string error);

        [LoggerMessage(3, LogLevel.Error, "Email {OutboxId} given up after {Attempts} attempts: {Error}")]
        public static partial void GaveUp(ILogger logger, Guid outboxId, int attempts, string error);

        [LoggerMessage(4, LogLevel.Warning, "Email {OutboxId}: the lease of {WorkerId} ran out while sending; another dispatcher has the row")]
        public static partial void LeaseLost(ILogger logger, Guid outboxId, string workerId);

        [LoggerMessage(5, LogLevel.Error, "Outbox dispatcher pass failed; looking again later")]
        public static partial void PassFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Warning, "The {Transport} transport is unavailable ({Error}); no email is sent until it answers, asked every {ProbeInterval}")]
        public static partial void ServerUnavailable(ILogger logger, string transport, string error, TimeSpan probeInterval);

        [LoggerMessage(7, LogLevel.Debug, "The {Transport} transport is still unavailable: {Error}")]
        public static partial void StillUnavailable(ILogger logger, string transport, string error);

        [LoggerMessage(8, LogLevel.Information, "The {Transport} transport answers again after {Outage}; {Released} deferred emails no longer wait for their back-off")]
        public static partial void ServerBack(ILogger logger, string transport, TimeSpan outage, int released);
    }
}
