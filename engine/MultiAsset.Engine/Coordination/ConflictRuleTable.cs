using MultiAsset.Engine.Coordination.Config;
using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The conflict rules resolved at construction into a table: for each condition, account and asset class, the index
/// of the first configured rule whose scope matches (or of the condition's default rule). A lookup is one index.
/// </summary>
internal sealed class ConflictRuleTable
{
    private const int Conditions = 4;
    private readonly int[] table;
    private readonly int accountCount;

    public ConflictRuleTable(IReadOnlyList<ConflictRule> configured, AccountDirectory accounts)
    {
        accountCount = accounts.Count;
        var rules = new List<ConflictRule>(configured);
        var accountOf = new int[configured.Count];
        for (var r = 0; r < configured.Count; r++)
        {
            accountOf[r] = -1;
            if (configured[r].Account is { } name)
            {
                if (!accounts.TryResolve(name, out var id))
                {
                    throw new ConfigurationException($"coordination: conflictResolution[{r}].parameters.account: unknown account '{name}' (known: {string.Join(", ", accounts.Names)})");
                }

                accountOf[r] = id.Value;
            }
        }

        table = new int[Conditions * accountCount * StrategyBook.AssetClasses];
        for (var c = 1; c < Conditions; c++)
        {
            var fallback = rules.Count;
            rules.Add(ConflictRule.DefaultFor((ConflictCondition)c));
            for (var a = 0; a < accountCount; a++)
            {
                for (var k = 0; k < StrategyBook.AssetClasses; k++)
                {
                    var chosen = fallback;
                    for (var r = 0; r < configured.Count; r++)
                    {
                        var rule = configured[r];
                        if ((int)rule.Condition == c && (accountOf[r] < 0 || accountOf[r] == a) && (rule.AssetClass is null || (int)rule.AssetClass.Value == k))
                        {
                            chosen = r;
                            break;
                        }
                    }

                    table[Index(c, a, k)] = chosen;
                }
            }
        }

        Rules = [.. rules];
    }

    /// <summary>Configured rules (in file order), then one default per condition.</summary>
    public ConflictRule[] Rules { get; }

    /// <summary>Index into <see cref="Rules"/> of the rule for <paramref name="condition"/> in <paramref name="account"/> for <paramref name="assetClass"/>.</summary>
    public int For(ConflictCondition condition, int account, int assetClass) => table[Index((int)condition, account, assetClass)];

    /// <summary>
    /// Rank of strategy <paramref name="documentId"/> under each rule: a Prioritize rule with a strategy list ranks by
    /// the list (first = highest, unlisted lowest); every other rule by the strategy's execution priority.
    /// </summary>
    public int[] RanksOf(string documentId, int strategyPriority)
    {
        var ranks = new int[Rules.Length];
        for (var r = 0; r < Rules.Length; r++)
        {
            var list = Rules[r].Strategies;
            if (list.Count == 0)
            {
                ranks[r] = strategyPriority;
                continue;
            }

            var position = -1;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] == documentId)
                {
                    position = i;
                    break;
                }
            }

            ranks[r] = position < 0 ? 0 : list.Count - position;
        }

        return ranks;
    }

    private int Index(int condition, int account, int assetClass) => (((condition * accountCount) + account) * StrategyBook.AssetClasses) + assetClass;
}
