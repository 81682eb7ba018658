import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWith, VIEWER, ADMIN, TRADER, liveData, mockFetch, fixtures } from '../../test/helpers';
import CrossAssetPortfolioMonitor from './CrossAssetPortfolioMonitor';
import AssetAllocationChart, { allocationRows } from './AssetAllocationChart';
import RiskMetricsDashboard from './RiskMetricsDashboard';
import StrategyPerformanceGrid from './StrategyPerformanceGrid';
import CrossAssetCorrelationMatrix from './CrossAssetCorrelationMatrix';
import ExecutionQualityAnalyzer from './ExecutionQualityAnalyzer';
import OrdersFillsBlotter from './OrdersFillsBlotter';
import type { Order } from '../../api/types';

describe('CrossAssetPortfolioMonitor', () => {
  it('renders every seed component with live values', () => {
    renderWith(<CrossAssetPortfolioMonitor />);
    for (const id of ['CrossAssetPortfolioMonitor', 'AssetAllocationChart', 'RiskMetricsDashboard', 'StrategyPerformanceGrid', 'CrossAssetCorrelationMatrix', 'ExecutionQualityAnalyzer', 'OrdersFillsBlotter']) {
      expect(screen.getByTestId(id)).toBeInTheDocument();
    }
    expect(screen.getByTestId('engine-status')).toHaveTextContent('running');
  });
});

describe('AssetAllocationChart', () => {
  it('computes class weights of gross exposure against the strategy bands', () => {
    const rows = allocationRows([{ assetClass: 'Stock', gross: 60 }, { assetClass: 'Crypto', gross: -40 }],
      [{ assetClass: 'CRYPTO', targetWeight: 40, minWeight: 30, maxWeight: 50 }]);
    expect(rows.find((r) => r.assetClass === 'STOCK')?.actual).toBeCloseTo(60);
    expect(rows.find((r) => r.assetClass === 'CRYPTO')?.band?.targetWeight).toBe(40);
  });

  it('shows the default account with the bands of the strategy trading it, and switches account', () => {
    renderWith(<AssetAllocationChart />);
    // default account (fixture): STOCK 44.27 % of gross exposure
    expect(within(screen.getByTestId('alloc-STOCK')).getByText('44.27 %')).toBeInTheDocument();
    expect(screen.getByText(/bands of Crypto-Tech Momentum/)).toBeInTheDocument();
    fireEvent.change(screen.getByTestId('allocation-account'), { target: { value: 'crypto-stock-correlation' } });
    expect(screen.getByText(/bands of Crypto-Stock Correlation/)).toBeInTheDocument();
  });
});

describe('RiskMetricsDashboard', () => {
  it('shows firm VaR and ES with their currency', () => {
    renderWith(<RiskMetricsDashboard />);
    expect(screen.getByTestId('kpi-var')).toHaveTextContent('31,975');
    expect(screen.getByTestId('kpi-es')).toHaveTextContent('36,632');
    expect(screen.getByText('VaR (USD)')).toBeInTheDocument();
    expect(screen.getByTestId('kpi-killswitch')).toHaveTextContent('off');
  });
});

describe('StrategyPerformanceGrid', () => {
  it('shows P&L, exposure, orders, fills and refusals per strategy', () => {
    renderWith(<StrategyPerformanceGrid />);
    const row = screen.getByTestId('perf-row-crypto-tech-momentum');
    expect(within(row).getByTestId('perf-total')).toHaveTextContent('97.15 USD');
    expect(row).toHaveTextContent('150,000.00');
    expect(row).toHaveTextContent('2 / 1 / 1');
    expect(row).toHaveTextContent('15.0 %');
  });

  it('offers stop and flatten on a deployed strategy, deploy on a stopped one, to traders only', () => {
    renderWith(<StrategyPerformanceGrid />, { who: TRADER });
    expect(screen.getByTestId('stop-crypto-tech-momentum')).toBeInTheDocument();
    expect(screen.getByTestId('flatten-crypto-tech-momentum')).toBeInTheDocument();
    expect(screen.getByTestId('deploy-currency-momentum')).toBeInTheDocument();
  });

  it('never shows deploy, stop or flatten to a viewer', () => {
    renderWith(<StrategyPerformanceGrid />, { who: VIEWER });
    expect(screen.queryByText('Stop')).toBeNull();
    expect(screen.queryByText('Flatten')).toBeNull();
    expect(screen.queryByText('Deploy')).toBeNull();
  });

  it('flatten is POST strategies/{id}/stop?flatten=true after confirmation', async () => {
    const { calls } = mockFetch({ 'POST /strategies/crypto-tech-momentum/stop': () => ({ body: { id: 'crypto-tech-momentum', status: 'Stopped' } }) });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWith(<StrategyPerformanceGrid />, { who: ADMIN });
    fireEvent.click(screen.getByTestId('flatten-crypto-tech-momentum'));
    await waitFor(() => expect(screen.getByTestId('strategy-action-result')).toHaveTextContent('flatten crypto-tech-momentum: done'));
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/strategies/crypto-tech-momentum/stop?flatten=true' });
  });

  it('a scoped key sees only its accounts', () => {
    renderWith(<StrategyPerformanceGrid />, { who: { ...TRADER, accounts: ['currency-momentum'] } });
    expect(screen.queryByTestId('perf-row-crypto-tech-momentum')).toBeNull();
    expect(screen.getByTestId('perf-row-currency-momentum')).toBeInTheDocument();
  });

  it('falls back to /strategies rows with a note when the host has no performance read', () => {
    renderWith(<StrategyPerformanceGrid />, { data: liveData({ performance: undefined }), notes: { performance: 'not on this host yet (404)' } });
    expect(screen.getByTestId('note')).toHaveTextContent('per strategy unavailable');
    expect(screen.getByTestId('perf-row-cross-asset-arbitrage')).toBeInTheDocument();
    // total = the strategy's class P&L in /risk/analysis: -277.89 + -108.93
    expect(within(screen.getByTestId('perf-row-crypto-stock-correlation')).getByTestId('perf-total')).toHaveTextContent('-386.82 USD');
  });
});

describe('CrossAssetCorrelationMatrix', () => {
  it('draws every instrument pair as a heatmap cell, filtered by class', () => {
    renderWith(<CrossAssetCorrelationMatrix />);
    const n = fixtures.correlation.instruments.length;
    expect(screen.getByTestId('corr-count')).toHaveTextContent(`${n} instruments`);
    const series = JSON.parse(screen.getByLabelText('correlation heatmap').getAttribute('data-series')!);
    expect(series[0].name).toBe('correlation');
    expect(series[0].n).toBeGreaterThan(n); // n² cells less the nulls
    fireEvent.click(screen.getByLabelText('STOCK'));
    expect(screen.getByTestId('corr-count')).toHaveTextContent(`${n - 18} instruments`);
  });
});

describe('ExecutionQualityAnalyzer', () => {
  it('shows slippage and shortfall in bps by venue, algorithm, strategy and class', () => {
    renderWith(<ExecutionQualityAnalyzer />);
    expect(screen.getByTestId('eq-row-all')).toHaveTextContent('0.40 bps');
    expect(screen.getByTestId('eq-row-all')).toHaveTextContent('0.67 bps');
    fireEvent.click(screen.getByTestId('eq-byStrategy'));
    expect(screen.getByTestId('eq-row-cross-asset-arbitrage')).toHaveTextContent('0.45 bps');
    fireEvent.click(screen.getByTestId('eq-byAlgorithm'));
    expect(screen.getByTestId('eq-row-TWAP')).toBeInTheDocument();
  });
});

describe('OrdersFillsBlotter', () => {
  const many = (n: number): Order[] => Array.from({ length: n }, (_, i) => ({
    id: n - i, account: i % 2 ? 'default' : 'crypto-tech', strategy: 'crypto-tech-momentum', symbol: i % 3 ? 'BTCUSD' : 'SPY', assetClass: 'CRYPTO',
    side: i % 2 ? 'buy' : 'sell', quantity: 1, status: i % 5 ? 'filled' : 'working', filledQuantity: 1, averagePrice: 42000, createdAt: '2026-03-02T14:30:00Z',
  }));

  it('keeps only a window of 10 000 rows in the DOM', () => {
    renderWith(<OrdersFillsBlotter orders={many(10000)} fills={[]} />);
    expect(screen.getByTestId('blotter-count')).toHaveTextContent('10000 rows');
    const rendered = screen.getAllByTestId('blotter-row').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
  });

  it('filters by account, symbol, status and side', () => {
    renderWith(<OrdersFillsBlotter orders={many(1000)} fills={[]} />);
    fireEvent.change(screen.getByTestId('filter-account'), { target: { value: 'default' } });
    expect(screen.getByTestId('blotter-count')).toHaveTextContent('500 rows');
    fireEvent.change(screen.getByTestId('filter-status'), { target: { value: 'working' } });
    expect(screen.getByTestId('blotter-count')).toHaveTextContent('100 rows');
    fireEvent.change(screen.getByTestId('filter-side'), { target: { value: 'sell' } });
    expect(screen.getByTestId('blotter-count')).toHaveTextContent('0 rows');
    fireEvent.change(screen.getByTestId('filter-side'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('filter-symbol'), { target: { value: 'spy' } });
    expect(screen.getByTestId('blotter-count')).toHaveTextContent('33 rows');
  });

  it('shows the live orders and fills of the store', () => {
    renderWith(<OrdersFillsBlotter />);
    expect(screen.getByTestId('blotter-tab-orders')).toHaveTextContent(`Orders (${fixtures.orders.length})`);
    expect(screen.getAllByTestId('blotter-row')[0]).toHaveTextContent('ETHUSD');
    fireEvent.click(screen.getByTestId('blotter-tab-fills'));
    expect(screen.getAllByTestId('blotter-row')[0]).toHaveTextContent('KRAKEN-SIM');
  });
});
