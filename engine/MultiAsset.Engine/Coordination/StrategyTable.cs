using MultiAsset.Engine.Model;
using MultiAsset.Engine.Pipeline;
using MultiAsset.Engine.Signals.Strategies;

namespace MultiAsset.Engine.Coordination;

/// <summary>
/// The registered strategies by dense <see cref="StrategyId"/> and by account. The id array starts small and doubles
/// on registration (control path) up to <see cref="StrategyRegistry.Capacity"/>; intents only index into it.
/// </summary>
internal sealed class StrategyTable
{
    private readonly List<StrategyBook>[] byAccount;
    private StrategyBook?[] books = new StrategyBook?[16];

    public StrategyTable(int accountCount)
    {
        byAccount = new List<StrategyBook>[accountCount];
        for (var a = 0; a < accountCount; a++)
        {
            byAccount[a] = [];
        }
    }

    /// <summary>Number of registered strategies.</summary>
    public int Count { get; private set; }

    public int AccountCount => byAccount.Length;

    /// <summary>The book of <paramref name="id"/>, or null when it never registered.</summary>
    public StrategyBook? this[int id] => (uint)id < (uint)books.Length ? books[id] : null;

    /// <summary>The strategies of <paramref name="account"/>, in registration order.</summary>
    public List<StrategyBook> OfAccount(int account) => byAccount[account];

    public void Add(StrategyBook book)
    {
        var id = book.Id.Value;
        if (id >= books.Length)
        {
            var size = books.Length;
            while (size <= id)
            {
                size *= 2;
            }

            Array.Resize(ref books, Math.Min(size, StrategyRegistry.Capacity));
        }

        books[id] = book;
        byAccount[book.Account.Value].Add(book);
        Count++;
    }

    public void AppendDigest(StateDigestBuilder digest)
    {
        digest.Add(Count);
        foreach (var book in books)
        {
            book?.AppendDigest(digest);
        }
    }
}
