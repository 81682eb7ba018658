namespace MultiAsset.Engine.Signals.StrategyTypes;

/// <summary>
/// Parameter checks shared by the strategy parameter records, so every record fails the same way: an
/// <see cref="ArgumentOutOfRangeException"/> naming the parameter and saying what was expected.
/// </summary>
internal static class ParameterGuard
{
    public static int AtLeast(int value, int minimum, string name)
        => value >= minimum
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");

    public static double Positive(double value, string name)
        => double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number greater than 0.");

    public static double NonNegative(double value, string name)
        => double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number of at least 0.");

    public static double Below(double value, double limit, string name, string limitName)
        => value < limit
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be less than {limitName} ({limit}).");

    public static void Output(int length, int required, string name)
    {
        if (length < required)
        {
            throw new ArgumentException($"The output span holds {length} signals; at least {required} are required.", name);
        }
    }

    public static void Price(double value, string name)
    {
        // Log returns and ratios below need strictly positive prices; a zero or NaN price is a feed fault.
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite price greater than 0.");
        }
    }
}
