using MultiAsset.Engine.Model;

namespace MultiAsset.Engine.Risk;

/// <summary>
/// The pre-trade risk limits of every account, resolved to dense ids (read from <c>config/risk.json</c> by
/// <see cref="RiskConfigReader"/>). Immutable once built; the gate indexes its arrays directly.
/// </summary>
/// <remarks>
/// Three tables: per account (<see cref="AccountRiskLimits"/>), per account and asset class (<see cref="ClassRiskLimits"/>)
/// and per account and instrument (<see cref="InstrumentRiskLimits"/>). Accounts the file does not mention get the
/// <c>global</c> limits.
/// </remarks>
public sealed class RiskConfig
{
    /// <summary>Accepted orders per account remembered for the duplicate check when the file does not say.</summary>
    public const int DefaultDuplicateMemory = 16;

    private readonly string[] accountNames;

    private RiskConfig(string[] accountNames, AssetClass[] instrumentClasses, AccountRiskLimits[] accounts, ClassRiskLimits[] classes, InstrumentRiskLimits[] instruments, int duplicateMemory)
    {
        this.accountNames = accountNames;
        InstrumentClasses = instrumentClasses;
        AccountTable = accounts;
        ClassTable = classes;
        InstrumentTable = instruments;
        DuplicateMemory = duplicateMemory;
    }

    /// <summary>Account names by dense id.</summary>
    public IReadOnlyList<string> AccountNames => accountNames;

    /// <summary>Number of accounts (ids 0..AccountCount-1).</summary>
    public int AccountCount => accountNames.Length;

    /// <summary>Number of instruments (ids 0..InstrumentCount-1).</summary>
    public int InstrumentCount => InstrumentClasses.Length;

    /// <summary>Accepted orders per account the duplicate check remembers (<c>duplicateMemory</c>).</summary>
    public int DuplicateMemory { get; }

    /// <summary>Asset class of each instrument, by id.</summary>
    internal AssetClass[] InstrumentClasses { get; }

    /// <summary>Account limits by account id.</summary>
    internal AccountRiskLimits[] AccountTable { get; }

    /// <summary>Class limits at [account × <see cref="RiskLimits.AssetClassCount"/> + class].</summary>
    internal ClassRiskLimits[] ClassTable { get; }

    /// <summary>Instrument limits at [account × <see cref="InstrumentCount"/> + instrument].</summary>
    internal InstrumentRiskLimits[] InstrumentTable { get; }

    /// <summary>The account-wide limits of <paramref name="account"/>.</summary>
    public AccountRiskLimits Account(AccountId account) => AccountTable[account.Value];

    /// <summary>The limits of <paramref name="assetClass"/> in <paramref name="account"/>.</summary>
    public ClassRiskLimits Class(AccountId account, AssetClass assetClass) => ClassTable[(account.Value * RiskLimits.AssetClassCount) + (int)assetClass];

    /// <summary>The order and position limits of <paramref name="instrument"/> in <paramref name="account"/>.</summary>
    public InstrumentRiskLimits Instrument(AccountId account, InstrumentId instrument) => InstrumentTable[(account.Value * InstrumentCount) + instrument.Value];

    /// <summary>The id of the account named <paramref name="name"/> (ordinal), or <see cref="AccountId.None"/>.</summary>
    public AccountId FindAccount(string name) => new(Array.IndexOf(accountNames, name));

    /// <summary>
    /// Builds a configuration from functions giving each resolved limit (used by the reader, and by tests and tools that
    /// configure limits in code).
    /// </summary>
    /// <param name="accountNames">Account names by dense id; unique.</param>
    /// <param name="instrumentClasses">Asset class of every instrument, by id.</param>
    /// <param name="account">The account limits of an account.</param>
    /// <param name="assetClass">The class limits of an account and class.</param>
    /// <param name="instrument">The instrument limits of an account and instrument.</param>
    /// <param name="duplicateMemory">Accepted orders per account the duplicate check remembers (1–1024).</param>
    /// <exception cref="ArgumentException">Duplicate account names, or a limit that makes no sense (see the messages).</exception>
    public static RiskConfig Create(
        IReadOnlyList<string> accountNames,
        IReadOnlyList<AssetClass> instrumentClasses,
        Func<AccountId, AccountRiskLimits> account,
        Func<AccountId, AssetClass, ClassRiskLimits> assetClass,
        Func<AccountId, InstrumentId, InstrumentRiskLimits> instrument,
        int duplicateMemory = DefaultDuplicateMemory)
    {
        ArgumentNullException.ThrowIfNull(accountNames);
        ArgumentNullException.ThrowIfNull(instrumentClasses);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(assetClass);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentOutOfRangeException.ThrowIfLessThan(duplicateMemory, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(duplicateMemory, 1024);
        var names = accountNames.ToArray();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException("Account names must be unique.", nameof(accountNames));
        }

        int classes = RiskLimits.AssetClassCount;
        int instrumentCount = instrumentClasses.Count;
        var accounts = new AccountRiskLimits[names.Length];
        var classTable = new ClassRiskLimits[names.Length * classes];
        var instrumentTable = new InstrumentRiskLimits[names.Length * instrumentCount];
        for (int a = 0; a < names.Length; a++)
        {
            var id = new AccountId(a);
            accounts[a] = account(id);
            if (accounts[a].MaxOrdersPerWindow < 0 || (accounts[a].MaxOrdersPerWindow > 0 && accounts[a].OrderRateWindowNanos <= 0) || accounts[a].DuplicateWindowNanos < 0)
            {
                throw new ArgumentException($"Account '{names[a]}': the order-rate window must be positive when a throttle is set, and windows cannot be negative.", nameof(account));
            }

            for (int c = 0; c < classes; c++)
            {
                classTable[(a * classes) + c] = assetClass(id, (AssetClass)c);
            }

            for (int i = 0; i < instrumentCount; i++)
            {
                instrumentTable[(a * instrumentCount) + i] = instrument(id, new InstrumentId(i));
            }
        }

        return new RiskConfig(names, [.. instrumentClasses], accounts, classTable, instrumentTable, duplicateMemory);
    }
}
