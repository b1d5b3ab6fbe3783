using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Hosting;
using Orchestrator.Notifications.Outbox;
using Orchestrator.Notifications.Templates;
using Orchestrator.Persistence;
using Orchestrator.Tests.Api;
using Orchestrator.Tests.Infrastructure;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>
/// The outbox on a test database without HTTP: the real <see cref="EmailOutbox"/>, <see cref="OutboxDispatcher"/>s on a
/// virtual clock, a transport the test can switch (SMTP to MailDev, a dead port, .eml files), and the metrics it records.
/// </summary>
internal sealed class OutboxRig : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly MeterListener _listener = new();

    public OutboxRig(TestDatabase database, IEmailSender sender, Action<OutboxOptions>? configure = null)
    {
        Sender = new SwitchableSender(sender);
        Options = NewOptions("node-a", configure);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(Logs));
        services.AddMetrics();
        services.AddSingleton<OrchestratorMetrics>();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddDbContext<OrchestratorDbContext>(database.Configure);
        services.AddSingleton(new EmailOutbox(Clock));
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _configure = configure;

        var meter = Metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter && instrument.Name.StartsWith("orchestrator.emails.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Measurements.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        _listener.Start();
        Dispatcher = CreateDispatcher("node-a");
    }

    private readonly Action<OutboxOptions>? _configure;

    public const string Domain = "orchestrator.test";

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    public SwitchableSender Sender { get; }

    public OutboxOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ConcurrentDictionary<string, long> Measurements { get; } = new();

    public OrchestratorMetrics Metrics => _provider.GetRequiredService<OrchestratorMetrics>();

    public EmailOutbox Outbox => _provider.GetRequiredService<EmailOutbox>();

    /// <summary>Node A's dispatcher.</summary>
    public OutboxDispatcher Dispatcher { get; }

    /// <summary>Another node's dispatcher on the same database, clock and transport (unless one is given).</summary>
    public OutboxDispatcher CreateDispatcher(string workerId, IEmailSender? sender = null) =>
        new(_provider.GetRequiredService<IServiceScopeFactory>(), Outbox, sender ?? Sender, NewOptions(workerId, _configure), Clock,
            _provider.GetRequiredService<ILogger<OutboxDispatcher>>(), Metrics);

    /// <summary>Stages one email through a real transaction and commits it (running the after-commit actions, as the core does).</summary>
    public async Task<Guid> StageAsync(string to, string subject = "Revisión del caso CA-2026-0001 — acción requerida", bool commit = true, IReadOnlyList<OutboxAttachment>? attachments = null)
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var afterCommit = new List<Action>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var content = new RenderedEmail("task-assigned", "es", subject, $"<p>Hola, tienes una tarea: <a href=\"https://orc.example/tasks/1\">abrir</a> ñ €</p>", "Hola, tienes una tarea: https://orc.example/tasks/1 ñ €");
        var row = Outbox.Enqueue(db, new OutgoingEmail(to, content) { InstanceId = "i-1", TaskId = "t-1", Attachments = attachments ?? [] }, afterCommit.Add);
        await db.SaveChangesAsync();
        if (!commit)
        {
            await transaction.RollbackAsync();
            return row.Id;
        }

        await transaction.CommitAsync();
        afterCommit.ForEach(a => a());
        return row.Id;
    }

    /// <summary>One pass of node A's dispatcher.</summary>
    public Task<OutboxPass> DispatchAndReturnAsync() => Dispatcher.DispatchDueAsync(default);

    public async Task<OutboxRecord?> RowAsync(Guid id)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id);
    }

    /// <summary>Stores a case document (a letter's PDF) the way a letter task does, for an email to attach.</summary>
    public async Task<Guid> StoreDocumentAsync(byte[] pdf)
    {
        await using var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var document = new CaseDocumentRecord
        {
            Id = Guid.NewGuid(), InstanceId = "i-1", Kind = "letter", TemplateKey = "family-rejected", TemplateVersion = "v", Language = "es",
            ContentHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), MediaType = "application/pdf", Size = pdf.Length,
            Content = pdf, CreatedBy = "system", CreatedAt = Clock.GetUtcNow(),
        };
        db.CaseDocuments.Add(document);
        await db.SaveChangesAsync();
        return document.Id;
    }

    public async Task<List<OutboxRecord>> RowsAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Outbox.AsNoTracking().ToListAsync();
    }

    public static string NewAddress(string what) => $"{what}-{Guid.NewGuid().ToString("N")[..10]}@test.invalid";

    /// <summary>A loopback port nothing listens on (an SMTP server that is down).</summary>
    public static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        Dispatcher.Dispose();
        await _provider.DisposeAsync();
    }

    private static OutboxOptions NewOptions(string workerId, Action<OutboxOptions>? configure)
    {
        var options = new OutboxOptions { WorkerId = workerId, MessageIdDomain = Domain, SendTimeout = TimeSpan.FromSeconds(20) };
        configure?.Invoke(options);
        return options;
    }
}

/// <summary>A transport the test can replace while the dispatcher runs (the SMTP server comes back); it counts what was sent.</summary>
internal sealed class SwitchableSender(IEmailSender current) : IEmailSender
{
    public IEmailSender Current { get; set; } = current;

    public ConcurrentQueue<Guid> Sent { get; } = new();

    public string Transport => Current.Transport;

    public IEmailBatch StartBatch() => new Counting(this, Current.StartBatch());

    public Task ProbeAsync(CancellationToken cancellationToken) => Current.ProbeAsync(cancellationToken);

    private sealed class Counting(SwitchableSender owner, IEmailBatch inner) : IEmailBatch
    {
        public async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            await inner.SendAsync(email, cancellationToken);
            owner.Sent.Enqueue(email.OutboxId);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>
/// A node that dies right after the SMTP server took the mail: the real send happens, then the node's stopping token
/// fires before anything is recorded (the dispatcher treats an interrupted send as "outcome unknown").
/// </summary>
internal sealed class DiesAfterSendingSender(IEmailSender inner, CancellationTokenSource node) : IEmailSender
{
    public string Transport => inner.Transport;

    public IEmailBatch StartBatch() => new Dying(inner.StartBatch(), node);

    public Task ProbeAsync(CancellationToken cancellationToken) => inner.ProbeAsync(cancellationToken);

    private sealed class Dying(IEmailBatch batch, CancellationTokenSource node) : IEmailBatch
    {
        public async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
        {
            await batch.SendAsync(email, cancellationToken);
            await node.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
        }

        public ValueTask DisposeAsync() => batch.DisposeAsync();
    }
}
