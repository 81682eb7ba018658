namespace MultiAsset.Engine.Model.Events;

/// <summary>What a control command asks for. Journalled: never renumber (append new kinds at the end).</summary>
public enum CommandKind : byte
{
    /// <summary>Not set.</summary>
    None = 0,

    /// <summary>Create a strategy; body: the strategy document (UTF-8 JSON). The signal stage answers.</summary>
    CreateStrategy = 1,

    /// <summary>Deploy a created or stopped strategy; body: its id (UTF-8). The signal stage answers.</summary>
    DeployStrategy = 2,

    /// <summary>Stop a deployed strategy; body: its id (UTF-8). The signal stage answers.</summary>
    StopStrategy = 3,

    /// <summary>Remove a strategy that is not deployed; body: its id (UTF-8). The signal stage answers.</summary>
    DeleteStrategy = 4,

    /// <summary>Read one strategy (or all, with an empty body); body: its id. The signal stage answers with a copy of its state.</summary>
    QueryStrategies = 5,

    /// <summary>
    /// Target weights for a strategy (a rebalancing trigger's or an operator's); body: a <c>TargetWeightsRequest</c>
    /// (JSON). The signal stage turns them into <c>TargetWeight</c> intents of the strategy's account.
    /// </summary>
    SetTargetWeights = 6,

    /// <summary>
    /// Kill switch on or off; body: <c>{ "account": "name" | null, "on": true }</c> (null = global). The signal stage
    /// forwards it; the risk gate stops accepting orders of the account and the router cancels its working orders.
    /// </summary>
    SetKillSwitch = 7,

    /// <summary>Read accounts (body: an account name, or empty for all). The accounts stage answers with snapshots.</summary>
    QueryAccounts = 8,

    /// <summary>Read recent strategy conflicts (body: the most to return, e.g. "100"). The coordination stage answers.</summary>
    QueryConflicts = 9,

    /// <summary>Read the risk gate's state: verdict counts, kill switches, working orders (body: an account name or empty). The risk stage answers.</summary>
    QueryRisk = 10,

    /// <summary>Read execution quality / TCA (body: empty). The router answers.</summary>
    QueryExecutionQuality = 11,

    /// <summary>
    /// Submit operator orders (body: <c>{ "orders": [ { "account", "symbol", "side", "quantity", "type"?, "limitPrice"?, "algorithm"? } ] }</c>).
    /// The signal stage validates them and passes them on as operator intents.
    /// </summary>
    SubmitOrders = 12,

    /// <summary>
    /// Read the router's order ledger (body: a filter <c>key=value&amp;…</c> — account, accounts, strategy, instrument,
    /// status, since, limit, id, source; see <c>OrderQuery</c>). The router answers with copies of the orders.
    /// </summary>
    QueryOrders = 13,

    /// <summary>Read the router's recent fills (body: a filter like <see cref="QueryOrders"/>'s). The router answers.</summary>
    QueryFills = 14,

    /// <summary>
    /// Read the live estimates an optimiser runs on (body: <c>{ "account", "strategy"?, "assets"? }</c>): the EWMA
    /// covariance and expected returns of the account's (or strategy's) universe. The engine thread answers from the
    /// market-data analytics; a query, never journalled.
    /// </summary>
    QueryEstimates = 15,

    /// <summary>
    /// Read what a rebalance led to (body: <c>{ "strategy", "since" }</c>): the strategy's capital share, its account's
    /// equity, and its last order per instrument with an id above <c>since</c> (−1: only the last order id so far), with
    /// the risk verdicts. The engine thread answers from coordination and the risk stage; a query, never journalled.
    /// </summary>
    QueryRebalanceOutcome = 16,

    /// <summary>
    /// Revalue accounts under stress scenarios (body: the <c>POST /risk/stress</c> JSON). A query: answered on the engine
    /// thread from positions, marks and FX rates, never journalled.
    /// </summary>
    QueryStress = 17,

    /// <summary>
    /// Check a strategy document as create would, without creating it (body: the document). A query: answered on the
    /// engine thread by the signal stage's own validation, never journalled.
    /// </summary>
    ValidateStrategy = 18,

    /// <summary>Read the rule editor's vocabulary (body: empty): catalogue symbols, timeframes, the rule language's tables. A query.</summary>
    QueryRuleVocabulary = 19,
}

/// <summary>Which command kinds only read.</summary>
public static class CommandKinds
{
    /// <summary>
    /// True for the read-only kinds (strategies, accounts, conflicts, risk, execution quality, orders, fills): they never enter the
    /// input ring as commands; they wait in a <c>QueryInbox</c>, are answered on the engine thread between two input
    /// events and are never journalled.
    /// </summary>
    public static bool IsQuery(this CommandKind kind)
        => kind is CommandKind.QueryStrategies or (>= CommandKind.QueryAccounts and <= CommandKind.QueryExecutionQuality) or CommandKind.QueryOrders or CommandKind.QueryFills
            or CommandKind.QueryEstimates or CommandKind.QueryRebalanceOutcome or CommandKind.QueryStress or CommandKind.ValidateStrategy or CommandKind.QueryRuleVocabulary;
}
