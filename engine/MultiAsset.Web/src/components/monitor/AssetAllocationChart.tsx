import { useMemo, useState } from 'react';
import EChart from '../../charts/EChart';
import { useLive } from '../../state/live';
import { pct, money0 } from '../../format';
import Note from '../Note';
import { ASSET_CLASSES, type AllocationBand } from '../../api/types';

export interface AllocationRow {
  assetClass: string;
  exposure: number;
  actual: number; // % of the account's gross exposure
  band?: AllocationBand;
}

/** Actual class weights of one account (% of its gross exposure) against the bands of the strategy trading it. */
export function allocationRows(
  exposure: { assetClass: string; gross: number }[] | undefined,
  bands: AllocationBand[] | undefined,
): AllocationRow[] {
  const gross = (exposure ?? []).reduce((s, e) => s + Math.abs(e.gross), 0);
  const classes = new Set<string>(ASSET_CLASSES);
  return [...classes]
    .map((c) => {
      const e = exposure?.find((x) => x.assetClass.toUpperCase() === c);
      const band = bands?.find((b) => b.assetClass === c);
      const g = e ? Math.abs(e.gross) : 0;
      return { assetClass: c, exposure: g, actual: gross > 0 ? (g / gross) * 100 : 0, band };
    })
    .filter((r) => r.exposure > 0 || r.band);
}

export default function AssetAllocationChart() {
  const { data, notes } = useLive(['accounts', 'strategies']);
  const accounts = data.accounts ?? [];
  const [sel, setSel] = useState<string>('');
  const account = accounts.find((a) => a.key === sel) ?? accounts[0];
  const strategy = (data.strategies ?? []).find((s) => s.account === account?.key && s.allocation?.length);
  const rows = useMemo(() => allocationRows(account?.exposureByAssetClass, strategy?.allocation), [account, strategy]);

  const option = useMemo(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? `${v.toFixed(2)} %` : v) },
    legend: { top: 0, textStyle: { color: '#8795a3' }, data: ['actual', 'band', 'target'] },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.assetClass), axisLabel: { color: '#8795a3' } },
    yAxis: { type: 'value', name: '%', max: 100, axisLabel: { color: '#8795a3' }, splitLine: { lineStyle: { color: '#26313d' } } },
    series: [
      { name: 'band-min', type: 'bar', stack: 'band', data: rows.map((r) => r.band?.minWeight ?? 0), itemStyle: { color: 'transparent' }, tooltip: { show: false }, barWidth: '40%' },
      { name: 'band', type: 'bar', stack: 'band', data: rows.map((r) => (r.band ? r.band.maxWeight - r.band.minWeight : 0)), itemStyle: { color: 'rgba(78,161,255,0.25)' }, barWidth: '40%' },
      { name: 'actual', type: 'bar', data: rows.map((r) => +r.actual.toFixed(2)), itemStyle: { color: '#3ecf8e' }, barWidth: '20%', barGap: '-75%' },
      { name: 'target', type: 'line', data: rows.map((r) => r.band?.targetWeight ?? null), lineStyle: { opacity: 0 }, symbol: 'diamond', symbolSize: 14, itemStyle: { color: '#f5b942' } },
    ],
  }), [rows]);

  return (
    <section className="panel" data-testid="AssetAllocationChart">
      <h2>Allocation by asset class <span className="unit">% of the account's gross exposure, vs the strategy's target band</span></h2>
      <Note text={notes.accounts} />
      <div className="row">
        <label>Account
          <select data-testid="allocation-account" value={account?.key ?? ''} onChange={(e) => setSel(e.target.value)}>
            {accounts.map((a) => <option key={a.key} value={a.key}>{a.key}</option>)}
          </select>
        </label>
        <span className="muted">{strategy ? `bands of ${strategy.name}` : 'no strategy bands for this account'}</span>
      </div>
      {accounts.length > 0 && <EChart option={option} height={240} ariaLabel="allocation chart" />}
      <table>
        <thead><tr><th>Class</th><th className="n">Exposure <span className="unit">{account?.baseCurrency}</span></th><th className="n">Actual %</th><th className="n">Min %</th><th className="n">Target %</th><th className="n">Max %</th></tr></thead>
        <tbody>
          {rows.map((r) => {
            const out = r.band && (r.actual < r.band.minWeight || r.actual > r.band.maxWeight);
            return (
              <tr key={r.assetClass} className={out ? 'near' : ''} data-testid={`alloc-${r.assetClass}`}>
                <td>{r.assetClass}</td><td className="n">{money0(r.exposure)}</td><td className="n">{pct(r.actual)}</td>
                <td className="n">{pct(r.band?.minWeight)}</td><td className="n">{pct(r.band?.targetWeight)}</td><td className="n">{pct(r.band?.maxWeight)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
