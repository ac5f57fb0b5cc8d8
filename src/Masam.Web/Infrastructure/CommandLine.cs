namespace Masam.Web.Infrastructure;

/// <summary>
/// The command word of <c>dotnet Masam.Web.dll [settings] COMMAND [options]</c>: the first argument
/// that is neither a setting (<c>--key=value</c>, <c>--key value</c>) nor a setting's value, so that
/// <c>--contentRoot /srv/masam backup --to DIR</c> runs the backup instead of starting the server.
/// </summary>
public static class CommandLine
{
    /// <summary>Options that take no value.</summary>
    public static readonly string[] Flags = ["--force", "--allow-plain-keys"];

    /// <summary>
    /// A flag followed by something else: .NET's configuration reads <c>--force --ConnectionStrings:Masam=…</c>
    /// as a setting named <c>force</c> whose value is the next argument, so the setting after it would be
    /// lost (and a restore would go to the default database). Null when every flag comes last.
    /// </summary>
    public static string? FlagNotLast(string[] args)
    {
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (Flags.Contains(args[i]) && !Flags.Contains(args[i + 1])) return args[i];
        }

        return null;
    }

    public static string? Verb(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith('-'))
            {
                if (!args[i].Contains('=', StringComparison.Ordinal) && !Flags.Contains(args[i])) i++; // the setting's value follows
                continue;
            }

            return args[i];
        }

        return null;
    }

    /// <summary>The value of <c>--name value</c> or <c>--name=value</c>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
    }
}
