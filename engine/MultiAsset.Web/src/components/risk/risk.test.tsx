import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWith, VIEWER, ADMIN, TRADER, liveData, mockFetch, fixtures } from '../../test/helpers';
import RiskDashboard from './RiskDashboard';
import { limitUsage } from './limits';
import type { RiskAccount, RiskReport } from '../../api/types';

describe('limitUsage', () => {
  it('computes allocation, leverage and drawdown usage per account and class', () => {
    const a = { account: 'x', baseCurrency: 'USD', equity: 1000, grossExposure: 500, leverage: 0.5, drawdown: 0.09, dailyPnl: 0, halted: false,
      exposureByAssetClass: { CRYPTO: 340 }, assetClassLimits: { CRYPTO: { maxAllocation: 0.4, maxDrawdown: 0.1, maxLeverage: 1 } } } as RiskAccount;
    const u = limitUsage([a]);
    expect(u.find((x) => x.measure === 'allocation')!.usage).toBeCloseTo(0.85);
    expect(u.find((x) => x.measure === 'drawdown')!.usage).toBeCloseTo(0.9);
    expect(u.find((x) => x.measure === 'leverage')!.usage).toBeCloseTo(0.34);
  });
});

describe('RiskDashboard', () => {
  it('shows VaR, ES, component VaR by class with units, and near-limit rows highlighted', () => {
    const risk = JSON.parse(JSON.stringify(fixtures.risk)) as RiskReport;
    // default account: CRYPTO exposure 44,965 of 999,996 equity against a 5 % cap → 90 % of the limit
    risk.accounts[0].assetClassLimits!.CRYPTO = { maxAllocation: 0.05, maxDrawdown: 0.25, maxLeverage: 1, stopLossThreshold: 0.1 };
    renderWith(<RiskDashboard />, { data: liveData({ risk }) });
    expect(screen.getByTestId('var-total')).toHaveTextContent('31,975');
    const series = JSON.parse(screen.getByLabelText('component VaR by asset class').getAttribute('data-series')!);
    expect(series.map((s: { name: string }) => s.name)).toEqual(['component VaR', 'component ES', 'standalone VaR']);
    const near = screen.getByTestId('limit-default-CRYPTO-allocation');
    expect(near).toHaveAttribute('data-near', 'true');
    expect(near).toHaveClass('near');
    expect(near).toHaveTextContent('89.9 %');
    expect(screen.getByTestId('limit-default-STOCK-allocation')).toHaveAttribute('data-near', 'false');
    fireEvent.change(screen.getByTestId('risk-account'), { target: { value: 'default' } });
    expect(screen.getByTestId('var-total')).toHaveTextContent('4,234');
  });

  it('shows the kill switch to admins only', () => {
    renderWith(<RiskDashboard />, { who: VIEWER });
    expect(screen.queryByTestId('kill-switch-button')).toBeNull();
    expect(screen.queryByTestId('stress-run')).toBeNull();
    renderWith(<RiskDashboard />, { who: TRADER });
    expect(screen.queryByTestId('kill-switch-button')).toBeNull();
  });

  it('halts trading after confirmation with POST kill-switch', async () => {
    const { calls } = mockFetch({ 'POST /kill-switch': () => ({ body: { account: null, on: true } }) });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderWith(<RiskDashboard />, { who: ADMIN });
    fireEvent.click(screen.getByTestId('kill-switch-button'));
    await waitFor(() => expect(screen.getByTestId('kill-switch-result')).toHaveTextContent('Kill switch ON for global'));
    expect(confirm).toHaveBeenCalled();
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/kill-switch', body: { scope: 'global', on: true } });
  });

  it('does nothing when the confirmation is declined', () => {
    const { calls } = mockFetch({});
    vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderWith(<RiskDashboard />, { who: ADMIN });
    fireEvent.click(screen.getByTestId('kill-switch-button'));
    expect(calls).toHaveLength(0);
  });

  it('runs every stress scenario and lists P&L and breaches', async () => {
    const { calls } = mockFetch({ 'POST /risk/stress': () => ({ body: { results: [
      { account: 'default', scenario: 'gfc-2008', pnl: -12345.6, baseCurrency: 'USD', equityBefore: 1000000, equityAfter: 987654.4, breaches: [{ rule: 'maxDrawdown' }] },
    ], skipped: [] } }) });
    renderWith(<RiskDashboard />, { who: TRADER });
    fireEvent.click(screen.getByTestId('stress-run'));
    await waitFor(() => expect(screen.getByTestId('stress-row')).toHaveTextContent('-12,345.60 USD'));
    expect(screen.getByTestId('stress-row')).toHaveTextContent('maxDrawdown');
    expect(calls[0].body).toEqual({ scenarios: 'all' });
  });

  it('lists alerts, and notes a host without the alerts read', () => {
    renderWith(<RiskDashboard />, { data: liveData({ alerts: [{ id: 1, time: '2026-03-02T14:30:00Z', kind: 'limitBreach', severity: 'warning', account: 'default', strategy: null, message: 'CRYPTO allocation 41 % over 40 %' }] }) });
    expect(screen.getByTestId('alert-row')).toHaveTextContent('CRYPTO allocation 41 % over 40 %');
    fireEvent.change(screen.getByTestId('alert-severity'), { target: { value: 'critical' } });
    expect(screen.queryByTestId('alert-row')).toBeNull();
    expect(screen.getByTestId('alert-count')).toHaveTextContent('0 of 1 alerts');
    renderWith(<RiskDashboard />, { data: liveData({ alerts: undefined }), notes: { alerts: 'not on this host yet (/alerts answered 404)' } });
    expect(screen.getAllByTestId('note').some((n) => n.textContent?.includes('/alerts answered 404'))).toBe(true);
  });
});
