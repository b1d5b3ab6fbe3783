using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Notifications;

namespace Orchestrator.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: MailDev 2.2.1 (npm, installed into <c>tests/maildev/node_modules</c> by the test
/// project's build from the committed package-lock.json), started on free loopback ports, read through its REST API.
/// Use it as a class fixture (<c>IClassFixture&lt;MailDevServer&gt;</c>) or join <see cref="MailDevGroup"/>. Several
/// tests may share one server: give each its own recipient address and read with <see cref="WaitForAsync"/>. A test
/// that needs a server of its own — one that requires authentication (<see cref="IncomingUser"/>), speaks TLS from the
/// first byte (<see cref="CertificateFile"/>), or is stopped and started again (<see cref="StopAsync"/>,
/// <see cref="StartAgainAsync"/>; the emails it took survive in its mail folder) — creates one and calls
/// <see cref="InitializeAsync"/> and <see cref="DisposeAsync"/> itself.
/// Never skipped: without Node.js or the package the fixture fails saying what to install.
/// </summary>
public sealed class MailDevServer : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string _mailDirectory = "";

    /// <summary>The user an SMTP client must authenticate as (<c>--incoming-user</c>); <c>null</c>: no authentication.</summary>
    public string? IncomingUser { get; init; }

    /// <summary>Its password (<c>--incoming-pass</c>).</summary>
    public string? IncomingPassword { get; init; }

    /// <summary>A PEM certificate for TLS from the first byte (<c>--incoming-secure</c>); <c>null</c>: plain SMTP.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The loopback address both ports listen on.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The SMTP port.</summary>
    public int SmtpPort { get; private set; }

    /// <summary>The REST API / web port.</summary>
    public int WebPort { get; private set; }

    /// <summary>A client on the REST API (<c>http://127.0.0.1:{WebPort}/</c>).</summary>
    public HttpClient Web { get; private set; } = new();

    /// <summary>The folder holding <c>node_modules/maildev</c> (<c>tests/maildev</c>).</summary>
    public static string PackageDirectory { get; } = Path.Combine(Api.ApiFactory.RepositoryRoot, "tests", "maildev");

    /// <summary>What MailDev printed so far (shown when a test fails).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SMTP settings that send here (with this server's credentials and TLS, when it has them).</summary>
    /// <param name="from">The sender address.</param>
    public SmtpOptions SmtpOptions(string from = "orchestrator@test.invalid") => new()
    {
        Host = Host,
        Port = SmtpPort,
        From = from,
        UserName = IncomingUser,
        Password = IncomingPassword,
        Security = CertificateFile is null ? SmtpSecurity.None : SmtpSecurity.SslOnConnect,
        ServerCertificatePath = CertificateFile,
    };

    /// <summary>
    /// Stops MailDev as an operator would (SIGTERM: it stops taking connections, lets the open ones finish, and exits),
    /// keeping its ports and its mail folder, so <see cref="StartAgainAsync"/> brings back the same server with the
    /// emails it had taken.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        var terminate = new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } };
        await ExternalProcess.RunAsync(terminate, TimeSpan.FromSeconds(10));
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                Append("[maildev did not exit within 60 s of SIGTERM]");
            }
        }

        await StopProcessAsync();
    }

    /// <summary>Starts MailDev again after <see cref="StopAsync"/>, on the same ports, and waits until both answer.</summary>
    /// <exception cref="InvalidOperationException">It did not come back.</exception>
    public async Task StartAgainAsync()
    {
        if (!await TryStartAsync(Script))
        {
            await StopProcessAsync();
            throw new InvalidOperationException($"MailDev did not start again on 127.0.0.1 (SMTP {SmtpPort}, web {WebPort}). Output:" + Environment.NewLine + Output);
        }
    }

    private static string Script => Path.Combine(PackageDirectory, "node_modules", "maildev", "bin", "maildev");

    /// <summary>Installs (when missing) and starts MailDev, and waits until its SMTP and HTTP ports answer.</summary>
    public async Task InitializeAsync()
    {
        var script = Script;
        if (!File.Exists(script))
        {
            // The build's npm ci normally did this; a test run from an old build output still works.
            var install = await RunAsync("npm", ["ci", "--prefix", PackageDirectory, "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (!File.Exists(script))
            {
                throw new InvalidOperationException(
                    $"MailDev 2.2.1 is needed by the email tests but {script} is missing and `npm ci --prefix {PackageDirectory}` failed (exit {install.ExitCode})"
                    + (IsCi ? " (CI=true)" : "") + ". Install Node.js 20+ and npm (Debian: apt-get install -y nodejs npm) and build tests/Orchestrator.Tests again."
                    + Environment.NewLine + install.Output);
            }
        }

        _mailDirectory = Path.Combine(Path.GetTempPath(), "orchestrator-maildev-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_mailDirectory);
        for (var attempt = 1; ; attempt++)
        {
            SmtpPort = FreePort();
            WebPort = FreePort();
            if (await TryStartAsync(script))
            {
                break;
            }

            await StopProcessAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException(
                    $"MailDev did not start on 127.0.0.1 (SMTP {SmtpPort}, web {WebPort}) after 3 attempts" + (IsCi ? " (CI=true)" : "")
                    + ". Is `node` (20+) on PATH? Output:" + Environment.NewLine + Output);
            }
        }
    }

    /// <summary>Every email received so far, oldest first.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyList<MailDevMessage>> ListAsync(CancellationToken cancellationToken = default) =>
        await Web.GetFromJsonAsync<List<MailDevMessage>>("email", Json, cancellationToken) ?? [];

    /// <summary>The emails received for <paramref name="address"/>, oldest first.</summary>
    /// <param name="address">The recipient.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IReadOnlyList<MailDevMessage>> ListToAsync(string address, CancellationToken cancellationToken = default) =>
        [.. (await ListAsync(cancellationToken)).Where(m => m.IsTo(address))];

    /// <summary>Waits until at least <paramref name="count"/> emails arrived for <paramref name="address"/> and returns them.</summary>
    /// <param name="address">The recipient.</param>
    /// <param name="count">How many to wait for.</param>
    /// <param name="timeout">When to fail (default 30 s).</param>
    /// <exception cref="TimeoutException">Fewer arrived in time (the message says how many and lists what did arrive).</exception>
    public async Task<IReadOnlyList<MailDevMessage>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var received = await ListToAsync(address);
            if (received.Count >= count)
            {
                return received;
            }

            if (watch.Elapsed > limit)
            {
                var all = await ListAsync();
                throw new TimeoutException(
                    $"{received.Count} of {count} emails to {address} arrived in MailDev within {limit}; it holds {all.Count}: "
                    + string.Join("; ", all.Select(m => $"{string.Join(",", m.To.Select(t => t.Address))} '{m.Subject}'")));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The HTML part as MailDev serves it (<c>GET /email/{id}/html</c>).</summary>
    /// <param name="id">MailDev's id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<string> GetHtmlAsync(string id, CancellationToken cancellationToken = default) =>
        Web.GetStringAsync($"email/{Uri.EscapeDataString(id)}/html", cancellationToken);

    /// <summary>The raw message as received (<c>GET /email/{id}/source</c>).</summary>
    /// <param name="id">MailDev's id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<string> GetSourceAsync(string id, CancellationToken cancellationToken = default) =>
        Web.GetStringAsync($"email/{Uri.EscapeDataString(id)}/source", cancellationToken);

    /// <summary>Deletes every received email (<c>DELETE /email/all</c>).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task DeleteAllAsync(CancellationToken cancellationToken = default) =>
        (await Web.DeleteAsync("email/all", cancellationToken)).EnsureSuccessStatusCode();

    /// <summary>Stops MailDev (the whole process tree) and deletes its mail folder.</summary>
    public async Task DisposeAsync()
    {
        await StopProcessAsync();
        Web.Dispose();
        try
        {
            if (_mailDirectory.Length > 0)
            {
                Directory.Delete(_mailDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private async Task<bool> TryStartAsync(string script)
    {
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PackageDirectory,
        };
        foreach (var arg in new[]
        {
            script, "--smtp", SmtpPort.ToString(CultureInfo.InvariantCulture), "--web", WebPort.ToString(CultureInfo.InvariantCulture),
            "--ip", Host, "--web-ip", Host, "--mail-directory", _mailDirectory,
        })
        {
            psi.ArgumentList.Add(arg);
        }

        if (IncomingUser is not null)
        {
            foreach (var arg in new[] { "--incoming-user", IncomingUser, "--incoming-pass", IncomingPassword ?? "" })
            {
                psi.ArgumentList.Add(arg);
            }
        }

        if (CertificateFile is not null)
        {
            foreach (var arg in new[] { "--incoming-secure", "--incoming-cert", CertificateFile, "--incoming-key", KeyFile ?? "" })
            {
                psi.ArgumentList.Add(arg);
            }
        }

        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "MailDev needs Node.js but `node` could not be started" + (IsCi ? " (CI=true)" : "") + ": " + e.Message
                + ". Install Node.js 20+ and npm (Debian: apt-get install -y nodejs npm).", e);
        }

        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Web.Dispose();
        Web = new HttpClient { BaseAddress = new Uri($"http://{Host}:{WebPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                Append($"[maildev exited with {_process.ExitCode}]");
                return false;
            }

            if (await SmtpAnswersAsync() && await WebAnswersAsync())
            {
                return true;
            }

            await Task.Delay(100);
        }

        Append("[maildev did not answer within 60 s]");
        return false;
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, SmtpPort);
            if (CertificateFile is null)
            {
                return true;
            }

            // A TLS server must see a whole conversation: MailDev stops on a connection dropped during the handshake.
            using var own = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(CertificateFile);
            using var tls = new System.Net.Security.SslStream(client.GetStream(), false, (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(own.RawData));
            await tls.AuthenticateAsClientAsync(Host);
            using var reader = new StreamReader(tls, Encoding.ASCII, false, 1024, leaveOpen: true);
            using var writer = new StreamWriter(tls, Encoding.ASCII, 1024, leaveOpen: true) { AutoFlush = true };
            _ = await reader.ReadLineAsync();
            await writer.WriteAsync("QUIT\r\n");
            _ = await reader.ReadLineAsync();
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            return false;
        }
    }

    private async Task<bool> WebAnswersAsync()
    {
        try
        {
            using var response = await Web.GetAsync("healthz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task StopProcessAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        catch (OperationCanceledException)
        {
            Append("[maildev did not exit within 30 s of being killed]");
        }
        finally
        {
            _process.Dispose();
            _process = null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            return await ExternalProcess.RunAsync(psi, timeout);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file} could not be started: {e.Message}");
        }
    }
}
