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
        Port = FreePort();
        _process = Launch();
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

    public int Port { get; }

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

    private void WaitUntilListening(Process process)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("redis-server exited: " + process.StandardError.ReadToEnd());
                }

                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port}.");
    }
}
