using Masam.Web.Infrastructure;

namespace Masam.Web.Tests.Infrastructure;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("backup --to /var/backups/m", "backup")]
    [InlineData("--contentRoot /srv/masam backup --to /var/backups/m", "backup")]
    [InlineData("--environment=Production restore --from /b --force", "restore")]
    [InlineData("--force restore --from /b", "restore")]
    [InlineData("--urls http://0.0.0.0:5080", null)]
    [InlineData("", null)]
    public void TheCommandWord_IsTheFirstArgumentThatIsNeitherASettingNorItsValue(string line, string? verb) =>
        Assert.Equal(verb, CommandLine.Verb(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    [Theory]
    [InlineData("backup --to /b", "/b")]
    [InlineData("backup --to=/b", "/b")]
    [InlineData("backup --to", null)]
    [InlineData("backup --to --force", null)]
    public void AnOption_IsReadWithASpaceOrAnEqualsSign(string line, string? value) =>
        Assert.Equal(value, CommandLine.Option(line.Split(' '), "--to"));
}
