using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HarmReduction.Bot.Tests.Harness;

/// <summary>A real redis-server on a free loopback port, private to the test run, with persistence off.</summary>
public sealed class RedisServer : IDisposable
{
    private Process _process;

    public RedisServer()
    {
        // A port found free may be taken by another test's server before this one binds it; then look for another.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                _process = Launch();
                return;
            }
            catch (PortTakenException) when (attempt < 5)
            {
            }
        }
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (tests/test.sh installs it).");
        WaitUntilListening(process);
        return process;
    }

    /// <summary>Stops the server (its data is gone: persistence is off), as an outage would.</summary>
    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
    }

    /// <summary>Starts an empty server again on the same port.</summary>
    public void Restart()
    {
        Stop();
        _process.Dispose();
        _process = Launch();
    }

    /// <summary>A connection that may run admin commands (CLIENT PAUSE, KEYS), for tests that play the operator.</summary>
    public StackExchange.Redis.ConnectionMultiplexer Admin() =>
        StackExchange.Redis.ConnectionMultiplexer.Connect(Configuration + ",allowAdmin=true");

    public int Port { get; private set; }

    public string Configuration => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the server answers on the port, and makes sure it is this process that answers.</summary>
    private void WaitUntilListening(Process process)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            int? answering;
            try
            {
                answering = ProcessIdOnPort();
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                answering = null;
            }

            if (answering == process.Id)
            {
                return;
            }

            if (process.HasExited)
            {
                var error = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
                throw error.Contains("Address already in use", StringComparison.Ordinal)
                    ? new PortTakenException()
                    : new InvalidOperationException("redis-server exited: " + error);
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port}.");
    }

    /// <summary>The process id of the Redis server answering on the port (INFO server), or null when it has not said yet.</summary>
    private int? ProcessIdOnPort()
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 2000;
        stream.Write("INFO server\r\n"u8);
        var reply = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        while (reply.ToString().IndexOf("process_id:", StringComparison.Ordinal) is var at
            && (at < 0 || reply.ToString().IndexOf('\n', at) < 0))
        {
            var read = stream.Read(buffer);
            if (read == 0)
            {
                return null;
            }

            reply.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            if (reply.ToString().StartsWith('-'))
            {
                // LOADING or similar: the server is there but not ready yet.
                return null;
            }
        }

        var text = reply.ToString();
        var start = text.IndexOf("process_id:", StringComparison.Ordinal) + "process_id:".Length;
        return int.Parse(text.AsSpan(start, text.IndexOf('\r', start) - start), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class PortTakenException : Exception;
}
