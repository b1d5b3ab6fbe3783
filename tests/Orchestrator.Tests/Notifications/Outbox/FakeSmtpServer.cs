using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Orchestrator.Tests.Notifications.Outbox;

/// <summary>
/// A small SMTP server of the tests' own on a loopback port, for what MailDev cannot be made to do: count connections,
/// close a connection after a number of messages (as servers with a per-connection cap, or an idle limit, do), answer a
/// recipient with a chosen reply (451 deferred, 550 rejected), go away and come back on the same port, and offer
/// STARTTLS. It speaks just enough SMTP for MailKit: EHLO, STARTTLS, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
/// </summary>
internal sealed partial class FakeSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly X509Certificate2? _certificate;
    private TcpListener? _listener;
    private Task? _accepting;
    private int _connections;

    /// <summary>Creates the server (not listening yet).</summary>
    /// <param name="certificate">When given, STARTTLS is offered with it.</param>
    public FakeSmtpServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The port it listens on (the same after a restart).</summary>
    public int Port { get; }

    /// <summary>After this many messages on one connection, the next <c>MAIL FROM</c> gets no answer: the connection is closed.</summary>
    public int? MessagesPerConnection { get; set; }

    /// <summary>After taking this many messages in all, the server goes away (stops listening, drops its connections).</summary>
    public int? GoAwayAfter { get; set; }

    /// <summary>The reply to every <c>RCPT TO</c>; <c>null</c>: <c>250 OK</c>.</summary>
    public string? RecipientReply { get; set; }

    /// <summary>How many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The messages received in full (what came after <c>DATA</c>), in order.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>Whether the client used STARTTLS before sending each message.</summary>
    public ConcurrentQueue<bool> MessagesOverTls { get; } = new();

    /// <summary>The Message-IDs of <see cref="Messages"/>.</summary>
    public IReadOnlyList<string> MessageIds => [.. Messages.Select(m => MessageIdHeader().Match(m) is { Success: true } id ? id.Groups[1].Value : "")];

    /// <summary>Starts listening (again, on the same port).</summary>
    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Goes away: stops listening and drops every open connection mid-conversation.</summary>
    public async Task StopAsync()
    {
        _listener?.Stop();
        _listener = null;
        while (_clients.TryTake(out var client))
        {
            client.Dispose();
        }

        if (_accepting is not null)
        {
            await _accepting;
            _accepting = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Stops listening and drops every connection, from inside a conversation (<see cref="GoAwayAfter"/>).</summary>
    private void GoAway()
    {
        _listener?.Stop();
        while (_clients.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            Interlocked.Increment(ref _connections);
            _clients.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            Stream stream = client.GetStream();
            var (reader, writer) = Open(stream);
            var tls = false;
            var onThisConnection = 0;
            await writer.WriteAsync("220 fake.test ESMTP\r\n");
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO":
                    case "HELO":
                        await writer.WriteAsync(_certificate is not null && !tls ? "250-fake.test\r\n250 STARTTLS\r\n" : "250 fake.test\r\n");
                        break;
                    case "STAR":
                        await writer.WriteAsync("220 Go ahead\r\n");
                        var ssl = new SslStream(stream);
                        await ssl.AuthenticateAsServerAsync(_certificate!);
                        stream = ssl;
                        (reader, writer) = Open(stream);
                        tls = true;
                        break;
                    case "MAIL":
                        if (onThisConnection >= MessagesPerConnection)
                        {
                            client.Dispose(); // no answer: the connection is simply gone
                            return;
                        }

                        await writer.WriteAsync("250 OK\r\n");
                        break;
                    case "RCPT":
                        await writer.WriteAsync((RecipientReply ?? "250 OK") + "\r\n");
                        break;
                    case "DATA":
                        await writer.WriteAsync("354 End with <CRLF>.<CRLF>\r\n");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } body && body != ".")
                        {
                            data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                        }

                        Messages.Enqueue(data.ToString());
                        MessagesOverTls.Enqueue(tls);
                        onThisConnection++;
                        await writer.WriteAsync("250 OK queued\r\n");
                        if (Messages.Count >= GoAwayAfter)
                        {
                            GoAway();
                            return;
                        }

                        break;
                    case "QUIT":
                        await writer.WriteAsync("221 Bye\r\n");
                        return;
                    default:
                        await writer.WriteAsync("250 OK\r\n"); // RSET, NOOP
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // The client went away, or the server was stopped under it.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static (StreamReader Reader, StreamWriter Writer) Open(Stream stream) =>
        (new StreamReader(stream, Encoding.Latin1, false, 1024, leaveOpen: true), new StreamWriter(stream, Encoding.ASCII, 1024, leaveOpen: true) { AutoFlush = true, NewLine = "\r\n" });

    [GeneratedRegex(@"^Message-ID:\s*<([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();
}
