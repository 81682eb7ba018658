import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { AuthProvider } from '../state/auth';
import { StaticLiveProvider, type LiveData } from '../state/live';
import type { WhoAmI } from '../api/types';
import strategies from './fixtures/strategies.json';
import risk from './fixtures/risk_analysis.json';
import correlation from './fixtures/risk_correlation.json';
import execution from './fixtures/execution_quality.json';
import orders from './fixtures/orders.json';
import fills from './fixtures/fills.json';
import accounts from './fixtures/accounts.json';
import status from './fixtures/status.json';

export const fixtures = { strategies, risk, correlation, execution, orders, fills, accounts, status };

export const ADMIN: WhoAmI = { caller: 'dev-admin', role: 'admin', accounts: null, canTrade: true, canAdmin: true };
export const TRADER: WhoAmI = { caller: 'desk', role: 'trader', accounts: null, canTrade: true, canAdmin: false };
export const VIEWER: WhoAmI = { caller: 'dev-viewer', role: 'viewer', accounts: null, canTrade: false, canAdmin: false };

export const PERFORMANCE = [
  { strategy: 'crypto-tech-momentum', name: 'Crypto-Tech Momentum', account: 'default', status: 'Deployed', baseCurrency: 'USD', realised: 120.5, unrealised: -20.25, fees: 3.1, total: 97.15, grossExposure: 150000, netExposure: 90000, orders: 12, fills: 80, refusals: 2, riskRefusals: 1, venueRejects: 1, capitalShare: 0.15 },
  { strategy: 'currency-momentum', name: 'Currency Momentum', account: 'currency-momentum', status: 'Stopped', baseCurrency: 'USD', realised: -50, unrealised: 0, fees: 1, total: -51, grossExposure: 0, netExposure: 0, orders: 3, fills: 9, refusals: 0, riskRefusals: 0, venueRejects: 0, capitalShare: 1 },
];

export function liveData(extra: Partial<LiveData> = {}): Partial<LiveData> {
  return {
    status: status as LiveData['status'], strategies: strategies as unknown as LiveData['strategies'], risk: risk as unknown as LiveData['risk'],
    correlation: correlation as unknown as LiveData['correlation'], execution: execution as unknown as LiveData['execution'],
    orders: orders as unknown as LiveData['orders'], fills: fills as unknown as LiveData['fills'], accounts: accounts as unknown as LiveData['accounts'],
    performance: PERFORMANCE as LiveData['performance'], alerts: [], ...extra,
  };
}

export function renderWith(ui: ReactNode, opts: { who?: WhoAmI; data?: Partial<LiveData>; notes?: Record<string, string> } = {}) {
  return render(
    <AuthProvider initial={opts.who ?? ADMIN}>
      <StaticLiveProvider data={opts.data ?? liveData()} notes={opts.notes}>{ui}</StaticLiveProvider>
    </AuthProvider>,
  );
}

export type Route = (init: RequestInit | undefined, url: string) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>;

/** fetch() answering JSON by "METHOD path" (path without /api/multi-asset, exact, or without its query string). */
export function mockFetch(routes: Record<string, Route>) {
  const calls: { method: string; path: string; body?: unknown; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const path = url.replace(/^.*\/api\/multi-asset/, '');
    const method = (init?.method ?? 'GET').toUpperCase();
    calls.push({ method, path, body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: (init?.headers ?? {}) as Record<string, string> });
    const key = Object.keys(routes).find((k) => k === `${method} ${path}`) ?? Object.keys(routes).find((k) => k === `${method} ${path.split('?')[0]}`);
    if (!key) return new Response(JSON.stringify({ title: 'Not found', status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    const r = await routes[key](init, url);
    return new Response(r.body === undefined ? '' : JSON.stringify(r.body), { status: r.status ?? 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}
