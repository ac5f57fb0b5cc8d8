namespace Masam.Web.Tests;

/// <summary>
/// One app for a test class whose tests only read from it (pages, endpoint metadata): started
/// once for the class, not once a test (an app's start is most of a small test's time).
/// </summary>
public sealed class SharedApp : IDisposable
{
    public MasamAppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
