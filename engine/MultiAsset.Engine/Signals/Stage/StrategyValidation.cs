namespace MultiAsset.Engine.Signals.Stage;

/// <summary>
/// What creating a strategy document would say, without creating it (<see cref="Model.Events.CommandKind.ValidateStrategy"/>).
/// </summary>
/// <param name="Valid">True when create would accept it (now: ids and accounts are checked against the current table).</param>
/// <param name="Errors">Each problem as create reports it: <c>strategy: FIELD: [LINE:COLUMN: ]REASON</c>.</param>
public sealed record StrategyValidation(bool Valid, IReadOnlyList<string> Errors);

/// <summary>
/// The rule editor's vocabulary (<see cref="Model.Events.CommandKind.QueryRuleVocabulary"/>): the catalogue's symbols and
/// the configured timeframes the compiler binds against, its aliases, and <see cref="Rules.RuleVocabulary"/>'s tables.
/// </summary>
/// <param name="Symbols">Catalogue instruments: symbol, asset class (seed spelling), whether tradable (else a reference series).</param>
/// <param name="Aliases">Short names the compiler maps to catalogue symbols (e.g. BTC → BTCUSD).</param>
/// <param name="Timeframes">The analytics' bar intervals (e.g. 1s, 1m, 1h, 1d).</param>
/// <param name="DefaultTimeframe">The timeframe an indicator without one is read at.</param>
public sealed record RuleVocabularyView(IReadOnlyList<(string Symbol, string AssetClass, bool Tradable)> Symbols, IReadOnlyDictionary<string, string> Aliases, IReadOnlyList<string> Timeframes, string DefaultTimeframe);
