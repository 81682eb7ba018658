import { useMemo, useState } from 'react';
import EChart from '../../charts/EChart';
import { useLive } from '../../state/live';
import { useCaps } from '../../state/auth';
import { api, errorText, qs } from '../../api/client';
import { money0, money, pctFrac, num, time, int } from '../../format';
import Note from '../Note';
import RiskMetricsDashboard from '../monitor/RiskMetricsDashboard';
import { limitUsage, NEAR_LIMIT } from './limits';
import { normaliseRisk } from '../../state/live';
import type { PortfolioRisk, RiskReport } from '../../api/types';

interface StressResult {
  account: string; scenario: string; pnl?: number; totalPnl?: number; currency?: string; baseCurrency?: string;
  equityBefore?: number; equityAfter?: number; breaches?: { rule?: string; limit?: unknown; value?: unknown; [k: string]: unknown }[];
  [k: string]: unknown;
}

/** The unified risk dashboard: VaR / ES / component VaR by class, correlation and concentration risk, limit usage,
 *  stress tests, alerts and (admins) the kill switch. */
export default function RiskDashboard() {
  const { data, notes } = useLive(['risk']);
  const { canAdmin, canTrade, accounts: scope } = useCaps();
  const [method, setMethod] = useState<'parametric' | 'monteCarlo'>('parametric');
  const [confidence, setConfidence] = useState('0.99');
  const [horizon, setHorizon] = useState('1d');
  const [custom, setCustom] = useState<RiskReport | null>(null);
  const [customErr, setCustomErr] = useState<string | null>(null);
  const risk = custom ?? data.risk;
  const accts = (risk?.accounts ?? []).filter((a) => !scope || scope.includes(a.account));
  const [sel, setSel] = useState('firm');
  const pr: PortfolioRisk | null | undefined = sel === 'firm' ? risk?.firm?.portfolioRisk ?? accts[0]?.portfolioRisk : accts.find((a) => a.account === sel)?.portfolioRisk;
  const ccy = sel === 'firm' ? risk?.firm?.currency ?? 'USD' : accts.find((a) => a.account === sel)?.baseCurrency ?? '';

  const recompute = async () => {
    setCustomErr(null);
    try {
      setCustom(normaliseRisk(await api<unknown>('/risk/analysis' + qs({ method, confidence, horizon }))) ?? null);
    } catch (e) {
      setCustomErr(errorText(e));
    }
  };

  const cvOption = useMemo(() => {
    const rows = pr?.byAssetClass ?? pr?.componentVaR?.map((c) => ({ name: c.assetClass, componentVaR: c.componentVaR, standaloneVaR: undefined, componentExpectedShortfall: undefined })) ?? [];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${money0(v)} ${ccy}` },
      legend: { top: 0, textStyle: { color: '#8795a3' } },
      grid: { left: 80, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { color: '#8795a3' } },
      yAxis: { type: 'value', name: ccy, axisLabel: { color: '#8795a3' }, splitLine: { lineStyle: { color: '#26313d' } } },
      series: [
        { name: 'component VaR', type: 'bar', data: rows.map((r) => r.componentVaR) },
        { name: 'component ES', type: 'bar', data: rows.map((r) => r.componentExpectedShortfall ?? null) },
        { name: 'standalone VaR', type: 'bar', data: rows.map((r) => r.standaloneVaR ?? null) },
      ],
    };
  }, [pr, ccy]);

  const [limitAccount, setLimitAccount] = useState('');
  const usage = useMemo(() => limitUsage(accts).filter((u) => !limitAccount || u.account === limitAccount).sort((a, b) => b.usage - a.usage), [accts, limitAccount]);

  return (
    <div data-testid="RiskDashboard">
      <RiskMetricsDashboard />
      {canAdmin && <KillSwitchPanel accounts={accts.map((a) => a.account)} risk={risk} />}
      <section className="panel" data-testid="VarPanel">
        <h2>Value at risk <span className="unit">{ccy}; {pr?.method ?? risk?.riskModel?.method} at {pctFrac(pr?.confidence ?? risk?.riskModel?.confidence, 1)}, horizon {pr?.horizon ? `${int(pr.horizon)} intervals` : ''}</span></h2>
        <Note text={notes.risk} />
        <div className="row">
          <label>View <select data-testid="risk-account" value={sel} onChange={(e) => setSel(e.target.value)}>
            <option value="firm">{risk?.firm ? 'firm (USD)' : 'first account'}</option>
            {accts.map((a) => <option key={a.account} value={a.account}>{a.account}</option>)}
          </select></label>
          <label>Method <select value={method} onChange={(e) => setMethod(e.target.value as 'parametric')}><option value="parametric">parametric</option><option value="monteCarlo">Monte Carlo</option></select></label>
          <label>Confidence <input value={confidence} onChange={(e) => setConfidence(e.target.value)} style={{ width: 60 }} /></label>
          <label>Horizon <input value={horizon} onChange={(e) => setHorizon(e.target.value)} style={{ width: 50 }} /></label>
          <button data-testid="risk-recompute" onClick={() => void recompute()}>Recompute</button>
          {custom && <button onClick={() => setCustom(null)}>Back to live</button>}
          {customErr && <span className="error">{customErr}</span>}
        </div>
        <div className="kpis">
          <div className="kpi"><div className="v" data-testid="var-total">{money0(pr?.totalVaR)}</div><div className="l">VaR ({ccy})</div></div>
          <div className="kpi"><div className="v">{money0(pr?.expectedShortfall)}</div><div className="l">Expected shortfall ({ccy})</div></div>
          <div className="kpi"><div className="v">{money0(pr?.diversificationBenefit)}</div><div className="l">Diversification benefit ({ccy})</div></div>
          <div className="kpi"><div className="v">{money0(pr?.correlationRisk)}</div><div className="l">Correlation risk: stressed (ρ = 1) − current VaR ({ccy})</div></div>
          <div className="kpi"><div className="v">{num(pr?.concentration?.byInstrument?.hhi ?? pr?.concentrationRisk, 3)}</div><div className="l">Concentration HHI by instrument (0–1); effective n {num(pr?.concentration?.byInstrument?.effectiveNumber, 1)}</div></div>
          <div className="kpi"><div className="v">{num(pr?.concentration?.byAssetClass?.hhi, 3)}</div><div className="l">Concentration HHI by asset class (0–1)</div></div>
        </div>
        {pr && <EChart option={cvOption} height={240} ariaLabel="component VaR by asset class" />}
        {!pr && <p className="muted">No VaR for this view yet (too little covariance history, or no positions).</p>}
        {pr?.concentration?.byInstrument && (
          <p className="muted">Top instruments by share of gross exposure: {pr.concentration.byInstrument.top.map((t) => `${t.name} ${pctFrac(t.share, 1)}`).join(', ')}</p>
        )}
      </section>

      <section className="panel" data-testid="LimitUsage">
        <h2>Limit usage per account and class <span className="unit">allocation and drawdown as % of equity / peak; leverage ×; highlighted at ≥ {NEAR_LIMIT * 100} % of the limit</span></h2>
        <div className="row">
          <select data-testid="limit-account" value={limitAccount} onChange={(e) => setLimitAccount(e.target.value)}>
            <option value="">all accounts (highest usage first)</option>
            {accts.map((a) => <option key={a.account} value={a.account}>{a.account}</option>)}
          </select>
          <span className="muted">{usage.filter((u) => u.usage >= NEAR_LIMIT).length} at or near a limit</span>
        </div>
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
        <table>
          <thead><tr><th>Account</th><th>Class</th><th>Measure</th><th className="n">Value</th><th className="n">Limit</th><th className="n">Usage</th></tr></thead>
          <tbody>
            {usage.map((u) => (
              <tr key={`${u.account}-${u.assetClass}-${u.measure}`} className={u.usage >= 1 ? 'over' : u.usage >= NEAR_LIMIT ? 'near' : ''} data-testid={`limit-${u.account}-${u.assetClass}-${u.measure}`} data-near={u.usage >= NEAR_LIMIT ? 'true' : 'false'}>
                <td>{u.account}</td><td>{u.assetClass}</td><td>{u.measure}</td>
                <td className="n">{u.measure === 'leverage' ? `${num(u.value, 2)} ×` : pctFrac(u.value)}</td>
                <td className="n">{u.measure === 'leverage' ? `${num(u.limit, 2)} ×` : pctFrac(u.limit)}</td>
                <td className="n">{pctFrac(u.usage, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      </section>

      <StressPanel canRun={canTrade} />
      <AlertsPanel />
    </div>
  );
}

function StressPanel({ canRun }: { canRun: boolean }) {
  const [results, setResults] = useState<StressResult[] | null>(null);
  const [skipped, setSkipped] = useState<{ account: string; reason: string }[]>([]);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true); setErr(null);
    try {
      const r = await api<{ results: StressResult[]; skipped?: { account: string; reason: string }[] }>('/risk/stress', { method: 'POST', body: { scenarios: 'all' } });
      setResults(r.results); setSkipped(r.skipped ?? []);
    } catch (e) { setErr(errorText(e)); } finally { setBusy(false); }
  };
  const [acct, setAcct] = useState('');
  const pnlOf = (r: StressResult) => (typeof r.pnl === 'number' ? r.pnl : typeof r.totalPnl === 'number' ? r.totalPnl : (r.pnl as unknown as { total?: number })?.total);
  return (
    <section className="panel" data-testid="StressTests">
      <h2>Stress tests <span className="unit">instantaneous revaluation per scenario of config/scenarios.json; P&amp;L in the account's base currency</span></h2>
      {canRun ? <button data-testid="stress-run" disabled={busy} onClick={() => void run()}>{busy ? 'Running…' : 'Run all scenarios'}</button>
        : <p className="muted">Stress tests are a POST computation and need a trader key.</p>}
      {err && <p className="error">{err}</p>}
      {results && (
        <div className="row">
          <select data-testid="stress-account" value={acct} onChange={(e) => setAcct(e.target.value)}>
            <option value="">every account (worst first)</option>
            {[...new Set(results.map((r) => r.account))].map((a) => <option key={a}>{a}</option>)}
          </select>
          <span className="muted">{results.length} results, {results.filter((r) => r.breaches?.length).length} with limit breaches</span>
        </div>
      )}
      {results && (
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
        <table>
          <thead><tr><th>Account</th><th>Scenario</th><th className="n">P&amp;L</th><th className="n">Equity before</th><th className="n">Equity after</th><th>Breaches</th></tr></thead>
          <tbody>{results.filter((r) => !acct || r.account === acct).sort((a, b) => (pnlOf(a) ?? 0) - (pnlOf(b) ?? 0)).map((r, i) => (
            <tr key={i} className={r.breaches?.length ? 'near' : ''} data-testid="stress-row">
              <td>{r.account}</td><td>{String(r.scenario ?? r.name ?? '')}</td><td className="n">{money(pnlOf(r), String(r.baseCurrency ?? r.currency ?? ''))}</td>
              <td className="n">{money0(r.equityBefore as number)}</td><td className="n">{money0(r.equityAfter as number)}</td>
              <td>{(r.breaches ?? []).map((b) => String(b.rule ?? JSON.stringify(b))).join(', ') || 'none'}</td>
            </tr>))}
          </tbody>
        </table>
        </div>
      )}
      {skipped.length > 0 && <p className="muted">Skipped: {skipped.map((s) => `${s.account} (${s.reason})`).join('; ')}</p>}
    </section>
  );
}

function AlertsPanel() {
  const { data, notes } = useLive(['alerts']);
  const all = data.alerts ?? [];
  const [kind, setKind] = useState('');
  const [severity, setSeverity] = useState('');
  const kinds = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of all) m.set(a.kind, (m.get(a.kind) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [all]);
  const alerts = all.filter((a) => (!kind || a.kind === kind) && (!severity || a.severity === severity));
  return (
    <section className="panel" data-testid="AlertsPanel">
      <h2>Alerts <span className="unit">limit breaches, correlation breaks, kill switches; times UTC</span></h2>
      <Note text={notes.alerts} />
      {all.length > 0 && (
        <div className="row">
          <select data-testid="alert-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">every kind</option>
            {kinds.map(([k, n]) => <option key={k} value={k}>{k} ({n})</option>)}
          </select>
          <select data-testid="alert-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">every severity</option>
            {['critical', 'warning', 'info'].map((s) => <option key={s}>{s}</option>)}
          </select>
          <span className="muted" data-testid="alert-count">{alerts.length} of {all.length} alerts</span>
        </div>
      )}
      {all.length === 0 && !notes.alerts && <p className="muted">No alerts.</p>}
      <div style={{ maxHeight: 360, overflow: 'auto' }}>
      <table><tbody>{alerts.slice(0, 500).map((a) => (
        <tr key={a.id} data-testid="alert-row" className={a.severity === 'critical' || a.severity === 'error' ? 'over' : a.severity === 'warning' ? 'near' : ''}>
          <td>{time(a.time)}</td><td>{a.severity}</td><td>{a.kind}</td><td>{a.account ?? ''}</td><td>{a.strategy ?? ''}</td><td>{a.message}</td>
        </tr>))}
      </tbody></table>
      </div>
    </section>
  );
}

function KillSwitchPanel({ accounts, risk }: { accounts: string[]; risk?: RiskReport | null }) {
  const { refresh } = useLive([]);
  const [target, setTarget] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const halted = target ? risk?.haltedAccounts.includes(target) : risk?.globalKillSwitch;
  const flip = async (on: boolean) => {
    const what = target ? `account ${target}` : 'ALL accounts (global)';
    if (!window.confirm(`${on ? 'HALT' : 'Resume'} trading for ${what}?`)) return;
    try {
      const r = await api<{ account: string | null; on: boolean }>('/kill-switch', { method: 'POST', body: target ? { account: target, on } : { scope: 'global', on } });
      setMsg(`Kill switch ${r.on ? 'ON' : 'off'} for ${r.account ?? 'global'}`);
      void refresh('risk');
    } catch (e) { setMsg(errorText(e)); }
  };
  return (
    <section className="panel" data-testid="KillSwitch">
      <h2>Kill switch <span className="unit">admin only; halts new orders and stops working ones</span></h2>
      <div className="row">
        <select data-testid="kill-switch-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">global (every account)</option>
          {accounts.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <span>now: <b data-testid="kill-switch-state">{halted ? 'ON' : 'off'}</b></span>
        <button className="danger" data-testid="kill-switch-button" onClick={() => void flip(true)}>Halt trading</button>
        <button data-testid="kill-switch-off" onClick={() => void flip(false)}>Resume</button>
      </div>
      {msg && <p className="muted" data-testid="kill-switch-result">{msg}</p>}
    </section>
  );
}
