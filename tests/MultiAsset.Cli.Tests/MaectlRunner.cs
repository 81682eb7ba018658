namespace MultiAsset.Cli.Tests;

/// <summary>Runs maectl in-process and captures what an operator would see.</summary>
internal static class MaectlRunner
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MaectlApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
