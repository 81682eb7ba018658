import { useState } from 'react';
import { api, errorText } from '../../api/client';
import type { PerformanceRow, RiskReport, StrategyView } from '../../api/types';
import { useLive } from '../../state/live';
import { useCaps } from '../../state/auth';
import { money, int, pct, signClass } from '../../format';
import Note from '../Note';

/** Rows from /strategies/performance, or (host without it) a reduced row per strategy from /strategies. */
export function performanceRows(perf: PerformanceRow[] | undefined, strategies: StrategyView[] | undefined, risk?: RiskReport): PerformanceRow[] {
  if (perf) return perf;
  return (strategies ?? []).map((s) => {
    // Without the performance read: total P&L = the sum of the strategy's class P&L in /risk/analysis (its stop-loss book).
    const r = risk?.strategies?.find((x) => x.strategy === s.id);
    const classes = r ? Object.values(r.classes ?? {}) : [];
    const total = classes.length ? classes.reduce((a, c) => a + (c.pnl ?? 0), 0) : NaN;
    const ccy = risk?.accounts.find((a) => a.account === s.account)?.baseCurrency ?? '';
    return {
      strategy: s.id, name: s.name, account: s.account, status: s.status, baseCurrency: ccy,
      realised: NaN, unrealised: NaN, fees: NaN, total, orders: NaN, fills: NaN, refusals: NaN, riskRefusals: NaN, venueRejects: NaN,
      capitalShare: s.capital ? s.capital.sharePercent / 100 : NaN,
    };
  });
}

/**
 * Per strategy: P&L, exposure, orders, fills, refusals, status. Traders get Deploy / Stop / Flatten:
 * PUT strategies/{id}/deploy, POST strategies/{id}/stop, POST strategies/{id}/stop?flatten=true (stop and close its positions).
 */
export default function StrategyPerformanceGrid() {
  const { data, notes, refresh } = useLive(['performance', 'strategies', 'risk']);
  const { canTrade, accounts } = useCaps();
  const [busy, setBusy] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const rows = performanceRows(data.performance, data.strategies, data.risk).filter((r) => !accounts || accounts.includes(r.account));

  const act = async (id: string, what: 'deploy' | 'stop' | 'flatten') => {
    if (what === 'flatten' && !window.confirm(`Stop ${id} and close all its positions?`)) return;
    setBusy(id);
    setMsg(null);
    try {
      const enc = encodeURIComponent(id);
      if (what === 'deploy') await api(`/strategies/${enc}/deploy`, { method: 'PUT' });
      else await api(`/strategies/${enc}/stop${what === 'flatten' ? '?flatten=true' : ''}`, { method: 'POST' });
      setMsg(`${what} ${id}: done`);
      void refresh('strategies');
      void refresh('performance');
    } catch (e) {
      setMsg(`${what} ${id}: ${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" data-testid="StrategyPerformanceGrid">
      <h2>Strategy performance <span className="unit">P&amp;L and exposure in the account's base currency</span></h2>
      <Note text={data.performance ? null : notes.performance ? `P&L split, exposure and counts per strategy unavailable (${notes.performance}); total P&L from /risk/analysis class P&L` : null} />
      {msg && <p className="muted" data-testid="strategy-action-result">{msg}</p>}
      <div style={{ overflowX: 'auto' }}>
        <table>
          <thead>
            <tr>
              <th>Strategy</th><th>Account</th><th>Status</th><th className="n">Realised</th><th className="n">Unrealised</th><th className="n">Fees</th>
              <th className="n">Total P&amp;L</th><th className="n">Gross exp.</th><th className="n">Net exp.</th><th className="n">Orders</th><th className="n">Fills</th>
              <th className="n">Refusals <span className="unit">all / risk / venue</span></th><th className="n">Capital %</th>{canTrade && <th>Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const deployed = r.status === 'Deployed';
              return (
                <tr key={r.strategy} data-testid={`perf-row-${r.strategy}`}>
                  <td title={r.strategy}>{r.name}</td><td>{r.account}</td><td>{r.status}</td>
                  <td className={`n ${signClass(r.realised)}`}>{money(r.realised)}</td>
                  <td className={`n ${signClass(r.unrealised)}`}>{money(r.unrealised)}</td>
                  <td className="n">{money(r.fees)}</td>
                  <td className={`n ${signClass(r.total)}`} data-testid="perf-total">{money(r.total, r.baseCurrency)}</td>
                  <td className="n">{money(r.grossExposure)}</td><td className="n">{money(r.netExposure)}</td>
                  <td className="n">{int(r.orders)}</td><td className="n">{int(r.fills)}</td>
                  <td className="n">{int(r.refusals)} / {int(r.riskRefusals)} / {int(r.venueRejects)}</td>
                  <td className="n">{typeof r.capitalShare === 'number' ? pct(r.capitalShare * 100, 1) : '—'}</td>
                  {canTrade && (
                    <td>
                      {!deployed && <button data-testid={`deploy-${r.strategy}`} disabled={busy === r.strategy} onClick={() => void act(r.strategy, 'deploy')}>Deploy</button>}{' '}
                      {deployed && <button data-testid={`stop-${r.strategy}`} disabled={busy === r.strategy} onClick={() => void act(r.strategy, 'stop')}>Stop</button>}{' '}
                      {deployed && <button className="danger" data-testid={`flatten-${r.strategy}`} disabled={busy === r.strategy} onClick={() => void act(r.strategy, 'flatten')}>Flatten</button>}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
