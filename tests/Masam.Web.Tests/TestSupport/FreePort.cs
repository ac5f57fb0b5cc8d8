using System.Net;
using System.Net.Sockets;

namespace Masam.Web.Tests;

/// <summary>A TCP port on loopback that nothing listens on now, for a server a test starts (the app on Kestrel, Kannel, Prometheus).</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
