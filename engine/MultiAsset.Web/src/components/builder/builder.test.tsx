import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWith, VIEWER, TRADER, mockFetch, fixtures } from '../../test/helpers';
import MultiAssetStrategyBuilder from './MultiAssetStrategyBuilder';
import AllocationOptimizer from './AllocationOptimizer';
import BacktestingEngine, { equityPoints } from './BacktestingEngine';
import StrategyDeployment from './StrategyDeployment';
import { applyWeights, toDocument, emptyDraft, errorsFromProblemDetail, fromTemplate, setClasses, validateAllocation, weightsByClass, type Draft } from './draft';
import { errorRange } from './RuleEditor';
import { EditorView } from '@codemirror/view';
import type { StrategyView } from '../../api/types';

const seed = (fixtures.strategies as unknown as StrategyView[]).find((s) => s.id === 'crypto-tech-momentum')!;

const COMPLETIONS = {
  symbols: [{ symbol: 'BTCUSD', assetClass: 'CRYPTO' }, { symbol: 'QQQ', assetClass: 'STOCK' }],
  indicators: [{ name: 'momentum', signature: 'SYMBOL momentum(TF)', description: 'return over the look-back' }],
  timeframes: ['1m', '1h'], keywords: ['AND', 'OR', 'NOT'], actions: [{ verb: 'Buy', template: 'Buy SYMBOL', description: 'Buy a tradable instrument.' }, 'Sell'], assetClasses: ['STOCK', 'FOREX', 'CRYPTO'],
};

describe('draft rules', () => {
  it('validates bands as the API does: min ≤ target ≤ max, targets sum to 100', () => {
    let d = setClasses(emptyDraft(), ['STOCK', 'CRYPTO']);
    d = { ...d, allocation: [{ assetClass: 'STOCK', minWeight: 50, targetWeight: 40, maxWeight: 60 }, { assetClass: 'CRYPTO', minWeight: 0, targetWeight: 70, maxWeight: 60 }] };
    const msgs = validateAllocation(d).map((e) => e.message);
    expect(msgs).toContain('STOCK: min 50 % is above target 40 %');
    expect(msgs).toContain('CRYPTO: target 70 % is above max 60 %');
    expect(msgs).toContain('targets sum to 110 %, not 100 %');
    expect(validateAllocation(fromTemplate(seed))).toEqual([]);
  });

  it('sums optimiser weights by class and applies them into the bands, widening a band that would not hold them', () => {
    const cls = (s: string) => ({ BTCUSD: 'CRYPTO', ETHUSD: 'CRYPTO', QQQ: 'STOCK' } as Record<string, string>)[s];
    const byClass = weightsByClass({ BTCUSD: 0.2, ETHUSD: 0.153, QQQ: 0.647 }, cls);
    expect(byClass).toEqual({ CRYPTO: 35.3, STOCK: 64.7 });
    const d = applyWeights(fromTemplate(seed), byClass);
    const stock = d.allocation.find((b) => b.assetClass === 'STOCK')!;
    expect(stock.targetWeight).toBe(64.7);
    expect(stock.maxWeight).toBeGreaterThanOrEqual(64.7);
    expect(validateAllocation(d)).toEqual([]);
  });

  it('reads rule errors with line:column out of a create problem', () => {
    const errs = errorsFromProblemDetail("2 configuration errors:\n  - strategy: type: unknown value 'X'\n  - strategy: executionRules[0].trigger: 2:2: unknown symbol 'FOO'");
    expect(errs).toEqual([
      { field: 'type', line: null, column: null, message: "unknown value 'X'" },
      { field: 'executionRules[0].trigger', line: 2, column: 2, message: "unknown symbol 'FOO'" },
    ]);
  });

  it('sends no null members (the views carry rebalanceThreshold: null, which create refuses)', () => {
    const d = fromTemplate({ ...seed, allocation: seed.allocation.map((b) => ({ ...b, rebalanceThreshold: null })), rebalancingRules: [{ type: 'Time', condition: '1d', action: 'Rebalance', intervalSeconds: null }] });
    const doc = toDocument(d);
    expect('rebalanceThreshold' in doc.allocation[0]).toBe(false);
    expect('intervalSeconds' in doc.rebalancingRules[0]).toBe(false);
  });

  it('maps line:column to the offending token', () => {
    const doc = 'BTC momentum > 0.05 AND\n FOO zscore(1h) > 2';
    const r = errorRange(doc, 2, 2);
    expect(doc.slice(r.from, r.to)).toBe('FOO');
  });
});

describe('MultiAssetStrategyBuilder', () => {
  it('has every seed component and loads the seed strategy as a template', async () => {
    mockFetch({ 'GET /strategies/completions': () => ({ body: COMPLETIONS }), 'POST /strategies/validate': () => ({ body: { valid: true, errors: [] } }) });
    renderWith(<MultiAssetStrategyBuilder />, { who: TRADER });
    for (const id of ['MultiAssetStrategyBuilder', 'AssetClassSelector', 'AllocationOptimizer', 'RiskParameterConfig', 'ExecutionRuleBuilder', 'BacktestingEngine', 'StrategyDeployment']) {
      expect(screen.getByTestId(id)).toBeInTheDocument();
    }
    fireEvent.change(screen.getByTestId('builder-template'), { target: { value: 'crypto-tech-momentum' } });
    expect(screen.getByTestId('builder-name')).toHaveValue('Crypto-Tech Momentum (copy)');
    expect(screen.getByTestId('asset-class-CRYPTO')).toBeChecked();
    expect(screen.getByTestId('band-sum')).toHaveTextContent('100.00 %');
    await waitFor(() => expect(screen.getByTestId('rule-editor-0-trigger').textContent).toContain('BTC momentum > 0.05 AND NASDAQ momentum > 0.03'));
    expect(screen.getByTestId('limit-CRYPTO-maxDrawdown')).toHaveValue(null); // the seed sets no class limits
    fireEvent.change(screen.getByTestId('builder-template'), { target: { value: 'cross-asset-arbitrage' } });
    expect(screen.getByTestId('limit-CRYPTO-maxDrawdown')).toHaveValue(10);
    await waitFor(() => expect(screen.getByTestId('rule-editor-0-trigger').textContent).toContain('EURJPY zscore(1m) > 2.5'));
  });

  it('lints as you type: the validate endpoint error is listed and marked at its line:column in the editor', async () => {
    const { calls } = mockFetch({
      'GET /strategies/completions': () => ({ body: COMPLETIONS }),
      'POST /strategies/validate': (init) => {
        const doc = JSON.parse(String(init!.body));
        const t: string = doc.executionRules?.[0]?.trigger ?? '';
        const at = t.indexOf('BTX');
        return { body: at < 0 ? { valid: true, errors: [] } : { valid: false, errors: [{ field: 'executionRules[0].trigger', line: 1, column: at + 1, message: "unknown symbol 'BTX'" }] } };
      },
    });
    renderWith(<MultiAssetStrategyBuilder />, { who: TRADER });
    fireEvent.click(screen.getByTestId('rule-add'));
    const editor = screen.getByTestId('rule-editor-0-trigger');
    const view = EditorView.findFromDOM(editor.querySelector('.cm-editor') as HTMLElement)!;
    act(() => view.dispatch({ changes: { from: 0, insert: 'QQQ momentum(1h) > 0 AND BTX momentum(1h) > 0.03' } }));
    await waitFor(() => expect(screen.getByTestId('validate-error')).toHaveTextContent("executionRules[0].trigger 1:26: unknown symbol 'BTX'"), { timeout: 2000 });
    await waitFor(() => expect(editor.querySelector('.cm-lintRange-error')?.textContent).toBe('BTX'));
    const bodies = calls.filter((c) => c.path === '/strategies/validate');
    expect(bodies.length).toBeGreaterThan(0);
    // fix it: the error goes away
    act(() => view.dispatch({ changes: { from: 25, to: 28, insert: 'BTC' } }));
    await waitFor(() => expect(screen.queryByTestId('validate-error')).toBeNull(), { timeout: 2000 });
  });

  it('says so when the host has no validate endpoint, and shows create errors on the rule instead', async () => {
    mockFetch({
      'POST /strategies': () => ({ status: 400, body: { title: 'Bad request', status: 400, detail: "1 configuration error:\n  - strategy: executionRules[0].trigger: 1:1: unknown symbol 'BTX'", field: 'executionRules[0].trigger' } }),
    });
    renderWith(<MultiAssetStrategyBuilder />, { who: TRADER });
    fireEvent.change(screen.getByTestId('builder-template'), { target: { value: 'crypto-tech-momentum' } });
    await waitFor(() => expect(screen.getByTestId('validate-note')).toHaveTextContent('no /strategies/validate'), { timeout: 2000 });
    fireEvent.click(screen.getByTestId('strategy-create'));
    await waitFor(() => expect(screen.getByTestId('create-errors')).toHaveTextContent("executionRules[0].trigger 1:1: unknown symbol 'BTX'"));
    expect(screen.getByTestId('validate-error')).toHaveTextContent('1:1');
  });

  it('offers a viewer no create, deploy, optimise or backtest controls', () => {
    mockFetch({});
    renderWith(<MultiAssetStrategyBuilder />, { who: VIEWER });
    for (const id of ['strategy-create', 'strategy-deploy', 'optimize-run', 'backtest-run']) expect(screen.queryByTestId(id)).toBeNull();
  });
});

describe('AllocationOptimizer', () => {
  it('runs POST optimize on the account and applies the class weights', async () => {
    const { calls } = mockFetch({ 'POST /optimize': () => ({ body: { weights: { BTCUSD: 0.3, QQQ: 0.7 }, expectedReturn: 0.1, volatility: 0.2 } }) });
    let d: Draft = fromTemplate(seed);
    const setDraft = vi.fn((x: Draft) => { d = x; });
    renderWith(<AllocationOptimizer draft={d} setDraft={setDraft} classOf={(s) => (s === 'BTCUSD' ? 'CRYPTO' : 'STOCK')} canTrade />);
    fireEvent.click(screen.getByTestId('optimize-run'));
    await waitFor(() => expect(screen.getByTestId('optimize-result')).toHaveTextContent('CRYPTO 30.00 %, STOCK 70.00 %'));
    expect(calls[0].body).toEqual({ optimizationMethod: 'RiskParity', portfolioId: 'default', assets: seed.instruments });
    fireEvent.click(screen.getByTestId('optimize-apply'));
    expect(d.allocation.find((b) => b.assetClass === 'STOCK')!.targetWeight).toBe(70);
  });

  it('lists band errors as the user types', () => {
    const d = fromTemplate(seed);
    renderWith(<AllocationOptimizer draft={{ ...d, allocation: d.allocation.map((b, i) => (i === 0 ? { ...b, targetWeight: 99 } : b)) }} setDraft={() => {}} classOf={() => undefined} canTrade={false} />);
    expect(within(screen.getByTestId('allocation-errors')).getAllByRole('listitem').length).toBeGreaterThan(0);
  });
});

describe('BacktestingEngine', () => {
  const metrics = {
    startTimeNs: 1704690060000000000, endTimeNs: 1705122000000000000, startEquity: 1000000, endEquity: 1003323.25, pnl: 3323.25, totalReturn: 0.0033232, cagr: 0.274, annualisedVolatility: 0.0589, sharpe: 3.4545, sortino: 6.25, calmar: 61.7,
    drawdown: { maxDrawdown: 0.00444, maxDrawdownMoney: 4472.81, peakTimeNs: 1705028340000000000, troughTimeNs: 1705103940000000000, recoveryTimeNs: null },
    trades: { tradeCount: 143, hitRate: 0.3287, profitFactor: 1.2059, netPnl: 3323.25, totalCosts: 5715.42 },
  };

  it('submits the draft, polls progress, then shows metrics and the equity / drawdown chart', async () => {
    let polls = 0;
    const { calls } = mockFetch({
      'POST /backtests': () => ({ status: 202, body: { id: 'bt-7', status: 'queued', progress: 0 } }),
      'GET /backtests/bt-7': () => (++polls < 6 ? { body: { id: 'bt-7', status: 'running', progress: 0.42 } }
        : { body: { id: 'bt-7', status: 'succeeded', progress: 1, result: { portfolio: { currency: 'USD', metrics } } } }),
    });
    renderWith(<BacktestingEngine draft={fromTemplate(seed)} canRun pollMs={20} />);
    fireEvent.click(screen.getByTestId('backtest-run'));
    await waitFor(() => expect(screen.getByTestId('backtest-progress')).toHaveAttribute('data-progress', '0.42'));
    expect(screen.getByTestId('backtest-status')).toHaveTextContent('running');
    await waitFor(() => expect(screen.getByTestId('backtest-status')).toHaveTextContent('succeeded'));
    expect(screen.getByTestId('bt-total-return')).toHaveTextContent('0.33 %');
    expect(screen.getByTestId('bt-sharpe')).toHaveTextContent('3.45');
    const series = JSON.parse(screen.getByLabelText('backtest equity and drawdown').getAttribute('data-series')!);
    expect(series.map((s: { name: string }) => s.name)).toEqual(['equity (USD)', 'drawdown (%)']);
    const spec = calls.find((c) => c.method === 'POST')!.body as { strategies: { id: string }[] };
    expect(spec.strategies[0].id).toBe('crypto-tech-momentum-copy');
  });

  it('cancels a running job with DELETE', async () => {
    const { calls } = mockFetch({
      'POST /backtests': () => ({ status: 202, body: { id: 'bt-8', status: 'running', progress: 0.1 } }),
      'GET /backtests/bt-8': () => ({ body: { id: 'bt-8', status: 'running', progress: 0.2 } }),
      'DELETE /backtests/bt-8': () => ({ body: { id: 'bt-8', status: 'cancelled', progress: 0.2 } }),
    });
    renderWith(<BacktestingEngine draft={fromTemplate(seed)} canRun pollMs={50} />);
    fireEvent.click(screen.getByTestId('backtest-run'));
    await waitFor(() => expect(screen.getByTestId('backtest-cancel')).toBeInTheDocument());
    fireEvent.click(screen.getByTestId('backtest-cancel'));
    await waitFor(() => expect(screen.getByTestId('backtest-status')).toHaveTextContent('cancelled'));
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/backtests/bt-8')).toBe(true);
  });

  it('builds the curve key points from the metrics when the job carries no series', () => {
    const { series, exact } = equityPoints({ id: 'x', status: 'succeeded' }, metrics as never);
    expect(exact).toBe(false);
    expect(series.map((p) => Math.round(p[1]))).toEqual([1000000, 1007390, 1002917, 1003323]);
  });
});

describe('StrategyDeployment', () => {
  it('creates, then deploys', async () => {
    const { calls } = mockFetch({
      'POST /strategies': () => ({ status: 201, body: { ...seed, id: 'crypto-tech-momentum-copy', status: 'Created' } }),
      'PUT /strategies/crypto-tech-momentum-copy/deploy': () => ({ body: { ...seed, id: 'crypto-tech-momentum-copy', status: 'Deployed' } }),
    });
    renderWith(<StrategyDeployment draft={fromTemplate(seed)} canTrade blockers={0} onServerErrors={() => {}} />);
    fireEvent.click(screen.getByTestId('strategy-create'));
    await waitFor(() => expect(screen.getByTestId('deploy-result')).toHaveTextContent('Created crypto-tech-momentum-copy in default: Created'));
    fireEvent.click(screen.getByTestId('strategy-deploy'));
    await waitFor(() => expect(screen.getByTestId('deploy-result')).toHaveTextContent('Deployed crypto-tech-momentum-copy: Deployed'));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /strategies', 'PUT /strategies/crypto-tech-momentum-copy/deploy']);
    expect(calls[0].headers['Content-Type']).toBe('application/json');
  });
});

describe('completions', () => {
  it('offers symbols, indicators with their signature, timeframes and keywords for triggers; actions (host objects or strings) for actions', async () => {
    const { completionOptions } = await import('./RuleEditor');
    const c = {
      symbols: [{ symbol: 'BTCUSD', assetClass: 'CRYPTO', tradable: true }, { symbol: 'NASDAQ', assetClass: 'STOCK', tradable: false }],
      aliases: [{ alias: 'BTC', symbol: 'BTCUSD' }],
      indicators: [{ name: 'volatility', signature: 'SYMBOL volatility(TIMEFRAME)', aliases: ['vol'] }],
      timeframes: ['1m'], keywords: ['AND'], actions: [{ verb: 'Buy', template: 'Buy SYMBOL' }, 'Close all'], assetClasses: ['CRYPTO'],
    };
    const trig = completionOptions(c, 'trigger').map((o) => o.label);
    expect(trig).toEqual(['BTCUSD', 'NASDAQ', 'BTC', 'volatility', 'vol', '1m', 'AND']);
    const act = completionOptions(c, 'action');
    expect(act.map((o) => o.label)).toEqual(['BTCUSD', 'BTC', 'Buy', 'Close all', 'CRYPTO']);
    expect(act.find((o) => o.label === 'Buy')?.detail).toBe('Buy SYMBOL');
  });
});
