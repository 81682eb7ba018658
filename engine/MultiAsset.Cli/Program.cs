using MultiAsset.Cli;

return await MaectlApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
