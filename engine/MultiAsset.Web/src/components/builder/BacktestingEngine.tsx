import { useEffect, useMemo, useRef, useState } from 'react';
import EChart from '../../charts/EChart';
import { api, errorText } from '../../api/client';
import type { BacktestJob } from '../../api/types';
import { money, num, pctFrac, int } from '../../format';
import { toDocument, type Draft } from './draft';

interface Metrics {
  startTimeNs: number; endTimeNs: number; startEquity: number; endEquity: number; pnl: number; totalReturn: number;
  cagr: number | null; annualisedVolatility: number | null; sharpe: number | null; sortino: number | null; calmar: number | null;
  drawdown: { maxDrawdown: number; maxDrawdownMoney: number; peakTimeNs: number | null; troughTimeNs: number | null; recoveryTimeNs: number | null };
  trades: { tradeCount: number; hitRate: number | null; profitFactor: number | null; netPnl: number; totalCosts: number };
}

/** An equity series if the job carries one ({time, equity}[]); else the curve's key points from the metrics. */
export function equityPoints(job: BacktestJob, m: Metrics | undefined): { series: [number, number][]; exact: boolean } {
  const raw = (job.equity ?? (job.result as Record<string, unknown> | null)?.equity) as { time: string | number; equity: number }[] | undefined;
  if (Array.isArray(raw) && raw.length) {
    return { series: raw.map((p) => [typeof p.time === 'number' ? p.time : Date.parse(p.time), p.equity]), exact: true };
  }
  if (!m) return { series: [], exact: false };
  const ms = (ns: number) => ns / 1e6;
  const pts: [number, number][] = [[ms(m.startTimeNs), m.startEquity]];
  const dd = m.drawdown;
  if (dd.peakTimeNs && dd.troughTimeNs && dd.maxDrawdown > 0) {
    const peak = dd.maxDrawdownMoney / dd.maxDrawdown;
    if (dd.peakTimeNs > m.startTimeNs) pts.push([ms(dd.peakTimeNs), peak]);
    pts.push([ms(dd.troughTimeNs), peak - dd.maxDrawdownMoney]);
    if (dd.recoveryTimeNs) pts.push([ms(dd.recoveryTimeNs), peak]);
  }
  pts.push([ms(m.endTimeNs), m.endEquity]);
  return { series: pts.sort((a, b) => a[0] - b[0]), exact: false };
}

export function drawdownSeries(eq: [number, number][]): [number, number][] {
  let peak = -Infinity;
  return eq.map(([t, v]) => { peak = Math.max(peak, v); return [t, peak > 0 ? -(peak - v) / peak * 100 : 0]; });
}

const DONE = new Set(['succeeded', 'failed', 'cancelled', 'canceled']);

/** POST /backtests with the draft inline, polls GET /backtests/{id} for progress, DELETE cancels; equity, drawdown, metrics. */
export default function BacktestingEngine({ draft, canRun, pollMs = 500 }: { draft: Draft; canRun: boolean; pollMs?: number }) {
  const [data, setData] = useState('docs/examples/backtests/bars/crypto-1m.csv');
  const [barInterval, setBarInterval] = useState('1m');
  const [fillModel, setFillModel] = useState('nextOpen');
  const [job, setJob] = useState<BacktestJob | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const j = await api<BacktestJob>(`/backtests/${encodeURIComponent(id)}`);
        setJob(j);
        if (!DONE.has(j.status)) poll(id);
      } catch (e) { setErr(errorText(e)); }
    }, pollMs);
  };

  const run = async () => {
    setErr(null); setJob(null); clearTimeout(timer.current);
    const spec = {
      name: `ui-${draft.id}`,
      data: [{ import: { files: [data], kind: 'bars', barInterval, barLabel: 'start' } }],
      strategies: [toDocument(draft)],
      fillModel,
      equityInterval: '1h',
    };
    try {
      const j = await api<BacktestJob>('/backtests', { method: 'POST', body: spec });
      setJob(j);
      poll(j.id);
    } catch (e) { setErr(errorText(e)); }
  };

  const cancel = async () => {
    if (!job) return;
    try { setJob(await api<BacktestJob>(`/backtests/${encodeURIComponent(job.id)}`, { method: 'DELETE' })); clearTimeout(timer.current); }
    catch (e) { setErr(errorText(e)); }
  };

  const result = job?.result as { portfolio?: { metrics: Metrics; currency: string }; accounts?: { metrics: Metrics; currency: string }[] } | undefined;
  const book = result?.portfolio ?? result?.accounts?.[0];
  const m = book?.metrics;
  const ccy = book?.currency ?? '';
  const { series, exact } = useMemo(() => (job ? equityPoints(job, m) : { series: [], exact: false }), [job, m]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: '#8795a3' } },
    grid: [{ left: 80, right: 20, top: 30, height: 150 }, { left: 80, right: 20, top: 220, height: 70 }],
    xAxis: [{ type: 'time', gridIndex: 0, axisLabel: { color: '#8795a3' } }, { type: 'time', gridIndex: 1, axisLabel: { color: '#8795a3' } }],
    yAxis: [{ type: 'value', name: `equity ${ccy}`, scale: true, gridIndex: 0, axisLabel: { color: '#8795a3' }, splitLine: { lineStyle: { color: '#26313d' } } },
      { type: 'value', name: 'drawdown %', gridIndex: 1, axisLabel: { color: '#8795a3' }, splitLine: { lineStyle: { color: '#26313d' } } }],
    series: [
      { name: `equity (${ccy})`, type: 'line', data: series, showSymbol: !exact, xAxisIndex: 0, yAxisIndex: 0 },
      { name: 'drawdown (%)', type: 'line', data: drawdownSeries(series), areaStyle: { opacity: 0.3 }, showSymbol: !exact, xAxisIndex: 1, yAxisIndex: 1, itemStyle: { color: '#ff6b6b' } },
    ],
  }), [series, exact, ccy]);

  const running = job && !DONE.has(job.status);
  return (
    <section className="panel" data-testid="BacktestingEngine">
      <h2>Backtest the draft <span className="unit">replays history through the live engine on the host</span></h2>
      <div className="row">
        <label>Bars file (host path) <input value={data} onChange={(e) => setData(e.target.value)} style={{ width: 340 }} data-testid="backtest-data" /></label>
        <label>Bar <input value={barInterval} onChange={(e) => setBarInterval(e.target.value)} style={{ width: 40 }} /></label>
        <label>Fill model <select value={fillModel} onChange={(e) => setFillModel(e.target.value)}><option>nextOpen</option><option>nextVwap</option><option>close</option></select></label>
        {canRun ? <button className="primary" data-testid="backtest-run" disabled={!!running} onClick={() => void run()}>Run backtest</button> : <span className="muted">Backtests need a trader key.</span>}
        {running && <button data-testid="backtest-cancel" onClick={() => void cancel()}>Cancel</button>}
      </div>
      {job && (
        <p>
          Job <b>{job.id}</b>: <span data-testid="backtest-status">{job.status}</span>{' '}
          <span className="progress" data-testid="backtest-progress" data-progress={job.progress ?? 0}><span style={{ width: `${Math.round((job.progress ?? 0) * 100)}%` }} /></span>{' '}
          {pctFrac(job.progress ?? 0, 0)}
          {job.error && <span className="error"> {String(job.error)}</span>}
        </p>
      )}
      {err && <p className="error" data-testid="backtest-error">{err}</p>}
      {m && (
        <>
          {!exact && <p className="note">The job API returns no equity series yet (equity.csv stays in the host's results folder): the curve shows its key points from the metrics — start, drawdown peak and trough, recovery, end.</p>}
          <EChart option={option} height={310} ariaLabel="backtest equity and drawdown" />
          <table data-testid="backtest-metrics">
            <tbody>
              <tr><th>Start equity</th><td className="n">{money(m.startEquity, ccy)}</td><th>End equity</th><td className="n">{money(m.endEquity, ccy)}</td><th>P&amp;L</th><td className="n">{money(m.pnl, ccy)}</td></tr>
              <tr><th>Total return</th><td className="n" data-testid="bt-total-return">{pctFrac(m.totalReturn)}</td><th>CAGR</th><td className="n">{pctFrac(m.cagr)}</td><th>Volatility (ann.)</th><td className="n">{pctFrac(m.annualisedVolatility)}</td></tr>
              <tr><th>Sharpe</th><td className="n" data-testid="bt-sharpe">{num(m.sharpe)}</td><th>Sortino</th><td className="n">{num(m.sortino)}</td><th>Calmar</th><td className="n">{num(m.calmar)}</td></tr>
              <tr><th>Max drawdown</th><td className="n">{pctFrac(m.drawdown.maxDrawdown)}</td><th>Max drawdown</th><td className="n">{money(m.drawdown.maxDrawdownMoney, ccy)}</td><th>Round trips</th><td className="n">{int(m.trades.tradeCount)}</td></tr>
              <tr><th>Hit rate</th><td className="n">{pctFrac(m.trades.hitRate)}</td><th>Profit factor</th><td className="n">{num(m.trades.profitFactor)}</td><th>Costs</th><td className="n">{money(m.trades.totalCosts, ccy)}</td></tr>
            </tbody>
          </table>
        </>
      )}
      {job?.summary && <details><summary>Summary</summary><pre>{String(job.summary)}</pre></details>}
    </section>
  );
}
