using MultiAsset.Engine.Model;
using MultiAsset.Engine.Model.Instruments;

namespace MultiAsset.Engine.Signals.Rules;

/// <summary>
/// Compiles execution rules once, at strategy create/deploy time: parses the text, binds every symbol, indicator
/// and timeframe against the instrument catalogue and the analytics' configured timeframes, and emits a
/// <see cref="CompiledTrigger"/> or a <see cref="RuleAction"/>. Every problem is a <see cref="RuleSyntaxException"/>
/// with the position of the offending token, so nothing can fail later while evaluating.
/// </summary>
public sealed class RuleCompiler
{
    /// <summary>The indicator names a rule may use (lower case; matched case-insensitively).</summary>
    public static string KnownIndicators => RuleVocabulary.IndicatorNames;

    private readonly InstrumentCatalog catalog;
    private readonly int[] timeframeSeconds;
    private readonly RuleCompilerOptions options;

    /// <summary>Creates a compiler over <paramref name="catalog"/> and the analytics' bar intervals (seconds, by timeframe index).</summary>
    /// <exception cref="ArgumentException">The default timeframe is not one of <paramref name="timeframeSeconds"/>.</exception>
    public RuleCompiler(InstrumentCatalog catalog, IReadOnlyList<int> timeframeSeconds, RuleCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeframeSeconds);
        this.catalog = catalog;
        this.timeframeSeconds = [.. timeframeSeconds];
        this.options = options ?? new RuleCompilerOptions();
        if (Array.IndexOf(this.timeframeSeconds, this.options.DefaultTimeframeSeconds) < 0)
        {
            throw new ArgumentException(
                $"The default timeframe {FormatTimeframe(this.options.DefaultTimeframeSeconds)} is not configured (configured: {ConfiguredTimeframes()}).",
                nameof(options));
        }
    }

    /// <summary>Compiles a trigger such as <c>BTC momentum &gt; 0.05 AND NASDAQ momentum &gt; 0.03</c>.</summary>
    /// <exception cref="RuleSyntaxException">The trigger is malformed or names something unknown.</exception>
    public CompiledTrigger CompileTrigger(string text, RuleBindingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tree = RuleParser.ParseTrigger(text);
        var emitter = new Emitter(this, context ?? new RuleBindingContext());
        emitter.Emit(tree);
        return new CompiledTrigger(text, [.. emitter.Code], emitter.MaxDepth, [.. emitter.Instruments]);
    }

    /// <summary>Compiles an action such as <c>Increase crypto allocation by 5%</c> or <c>Buy BTCUSD</c>.</summary>
    /// <exception cref="RuleSyntaxException">The action is malformed or names an unknown or non-tradable symbol.</exception>
    public RuleAction CompileAction(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RuleActionParser.Parse(text, ResolveTradable);
    }

    /// <summary>A bar interval as the rule language writes it (<c>1s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>).</summary>
    public static string FormatTimeframe(int seconds) => seconds switch
    {
        _ when seconds % 604_800 == 0 => $"{seconds / 604_800}w",
        _ when seconds % 86_400 == 0 => $"{seconds / 86_400}d",
        _ when seconds % 3_600 == 0 => $"{seconds / 3_600}h",
        _ when seconds % 60 == 0 => $"{seconds / 60}m",
        _ => $"{seconds}s",
    };

    private string ConfiguredTimeframes() => string.Join(", ", timeframeSeconds.Select(FormatTimeframe));

    private Instrument Resolve(Token token)
    {
        var symbol = options.Aliases.TryGetValue(token.Text, out var alias) ? alias : token.Text;
        if (catalog.TryGet(symbol, out var instrument) || catalog.TryGet(symbol.ToUpperInvariant(), out instrument))
        {
            return instrument;
        }

        throw new RuleSyntaxException(token.Line, token.Column, $"unknown symbol '{token.Text}'");
    }

    private InstrumentId ResolveTradable(Token token)
    {
        var instrument = Resolve(token);
        if (!instrument.IsTradable)
        {
            throw new RuleSyntaxException(token.Line, token.Column, $"'{token.Text}' is a reference series ({instrument.Kind}), not a tradable instrument");
        }

        return instrument.Id;
    }

    private static IndicatorKind? IndicatorOf(string name) => RuleVocabulary.Indicator(name)?.Kind;

    private static bool HasTimeframe(IndicatorKind kind) => RuleVocabulary.Indicators.Any(i => i.Kind == kind && i.TakesTimeframe);

    /// <summary>Walks the tree in postfix order, binding names and tracking the stack depth the program needs.</summary>
    private sealed class Emitter(RuleCompiler compiler, RuleBindingContext context)
    {
        private int depth;

        public List<RuleInstruction> Code { get; } = [];

        public List<InstrumentId> Instruments { get; } = [];

        public int MaxDepth { get; private set; }

        public void Emit(TriggerNode node)
        {
            switch (node)
            {
                case LogicalNode logical:
                    Emit(logical.Left);
                    Emit(logical.Right);
                    Add(new RuleInstruction(logical.IsAnd ? RuleOpCode.And : RuleOpCode.Or, default, default, -1, -1, -1, 0), -1);
                    break;
                case NotNode not:
                    Emit(not.Operand);
                    Add(new RuleInstruction(RuleOpCode.Not, default, default, -1, -1, -1, 0), 0);
                    break;
                case ComparisonNode comparison when comparison.Right is NumberNode literal && comparison.Left is not NumberNode:
                    EmitValue(comparison.Left);
                    Add(new RuleInstruction(RuleOpCode.CompareConstant, default, comparison.Operator, -1, -1, -1, literal.Value), 0);
                    break;
                case ComparisonNode comparison:
                    EmitValue(comparison.Left);
                    EmitValue(comparison.Right);
                    Add(new RuleInstruction(RuleOpCode.Compare, default, comparison.Operator, -1, -1, -1, 0), -1);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected trigger node {node.GetType().Name}.");
            }
        }

        private void EmitValue(ValueNode node)
        {
            switch (node)
            {
                case NumberNode number:
                    Add(new RuleInstruction(RuleOpCode.LoadConstant, default, default, -1, -1, -1, number.Value), 1);
                    break;
                case IndicatorNode indicator:
                    EmitIndicator(indicator);
                    break;
                case RateDifferentialNode rate:
                    EmitRateDifferential(rate);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected value node {node.GetType().Name}.");
            }
        }

        private void EmitIndicator(IndicatorNode node)
        {
            var name = node.Name;
            var kind = IndicatorOf(name.Text)
                ?? throw new RuleSyntaxException(name.Line, name.Column, $"unknown indicator '{name.Text}' (known: {KnownIndicators})");
            var instrument = compiler.Resolve(node.Symbol).Id;
            var other = InstrumentId.None;
            if (kind == IndicatorKind.Correlation)
            {
                if (node.Other is not { } second)
                {
                    throw new RuleSyntaxException(name.Line, name.Column, "correlation needs two symbols: correlation(A, B)");
                }

                other = compiler.Resolve(second).Id;
            }
            else if (node.Other is { } extra)
            {
                throw new RuleSyntaxException(extra.Line, extra.Column, $"'{name.Text}' takes one symbol");
            }

            var timeframe = -1;
            if (HasTimeframe(kind))
            {
                var seconds = node.Timeframe is { } written ? (int)written.Value : context.DefaultTimeframeSeconds ?? compiler.options.DefaultTimeframeSeconds;
                timeframe = Array.IndexOf(compiler.timeframeSeconds, seconds);
                if (timeframe < 0)
                {
                    var at = node.Timeframe ?? name;
                    throw new RuleSyntaxException(
                        at.Line, at.Column, $"timeframe '{FormatTimeframe(seconds)}' is not configured (configured: {compiler.ConfiguredTimeframes()})");
                }
            }
            else if (node.Timeframe is { } unwanted)
            {
                throw new RuleSyntaxException(unwanted.Line, unwanted.Column, $"'{name.Text}' takes no timeframe");
            }

            Load(kind, instrument, other, timeframe);
        }

        private void EmitRateDifferential(RateDifferentialNode node)
        {
            Instrument pair;
            if (node.Pair is { } written)
            {
                pair = compiler.Resolve(written);
            }
            else if (context.DefaultPair is { } fallback)
            {
                pair = compiler.Resolve(new Token(TokenKind.Identifier, fallback, 0, node.Line, node.Column));
            }
            else
            {
                throw new RuleSyntaxException(
                    node.Line, node.Column, "interest rate differential needs a currency pair: write 'interest rate differential of EURUSD' or give the strategy a default pair");
            }

            var at = node.Pair ?? new Token(TokenKind.Identifier, pair.Symbol, 0, node.Line, node.Column);
            Load(IndicatorKind.Price, RateOf(pair.BaseCurrency, pair, at), InstrumentId.None, -1);
            Load(IndicatorKind.Price, RateOf(pair.QuoteCurrency, pair, at), InstrumentId.None, -1);
            Add(new RuleInstruction(RuleOpCode.Subtract, default, default, -1, -1, -1, 0), -1);
        }

        private InstrumentId RateOf(string currency, Instrument pair, Token at)
        {
            if (pair.AssetClass != AssetClass.Forex || !pair.IsTradable)
            {
                throw new RuleSyntaxException(at.Line, at.Column, $"interest rate differential needs an FX pair, not '{pair.Symbol}'");
            }

            var rate = compiler.catalog.RateOf(currency);
            return rate.IsValid
                ? rate
                : throw new RuleSyntaxException(at.Line, at.Column, $"no interest-rate series for {currency} (needed by '{pair.Symbol}')");
        }

        private void Load(IndicatorKind kind, InstrumentId instrument, InstrumentId other, int timeframe)
        {
            AddInstrument(instrument);
            if (other.IsValid)
            {
                AddInstrument(other);
            }

            Add(new RuleInstruction(RuleOpCode.LoadIndicator, kind, default, instrument.Value, other.Value, timeframe, 0), 1);
        }

        private void AddInstrument(InstrumentId id)
        {
            if (!Instruments.Contains(id))
            {
                Instruments.Add(id);
            }
        }

        private void Add(RuleInstruction instruction, int stackEffect)
        {
            Code.Add(instruction);
            depth += stackEffect;
            MaxDepth = Math.Max(MaxDepth, depth);
        }
    }
}
