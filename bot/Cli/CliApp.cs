using System.CommandLine;

namespace HarmReduction.Bot.Cli;

/// <summary>
/// The command line: <c>ask</c>, <c>validate</c> and <c>eval</c> through the same engine as the server; <c>report</c>,
/// <c>review</c>, <c>preview</c> and <c>export</c> for staff who keep the answers current.
/// </summary>
public static class CliApp
{
    private static readonly string[] Commands = ["ask", "validate", "eval", "report", "review", "preview", "export"];

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("HarmReduction.Bot: anonymous harm-reduction answers by SMS and web chat.")
        {
            AskCommand.Create(),
            ValidateCommand.Create(),
            EvalCommand.Create(),
            ReportCommand.Create(),
            StaffCommands.Review(),
            StaffCommands.Preview(),
            StaffCommands.Export(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
