import { useMemo, useState } from 'react';
import EChart from '../../charts/EChart';
import { useLive } from '../../state/live';
import { bps, int, money0, pctFrac, micros } from '../../format';
import Note from '../Note';
import type { ExecutionQuality, QualityRow } from '../../api/types';

const DIMS: { key: keyof Omit<ExecutionQuality, 'overall'>; label: string }[] = [
  { key: 'byVenue', label: 'Venue' }, { key: 'byAlgorithm', label: 'Algorithm' }, { key: 'byStrategy', label: 'Strategy' }, { key: 'byAssetClass', label: 'Asset class' },
];

/** Fill rate, slippage vs arrival and implementation shortfall (bps), latency, by venue / algorithm / strategy / class. */
export default function ExecutionQualityAnalyzer() {
  const { data, notes } = useLive(['execution']);
  const q = data.execution;
  const [dim, setDim] = useState<(typeof DIMS)[number]['key']>('byVenue');
  const rows: QualityRow[] = q ? [...(q[dim] ?? []), { ...q.overall, key: 'all' }] : [];
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v?.toFixed?.(2)} bps` },
    legend: { top: 0, textStyle: { color: '#8795a3' } },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((r) => r.key), axisLabel: { color: '#8795a3', rotate: 30 } },
    yAxis: { type: 'value', name: 'bps', axisLabel: { color: '#8795a3' }, splitLine: { lineStyle: { color: '#26313d' } } },
    series: [
      { name: 'slippage vs arrival', type: 'bar', data: rows.map((r) => r.slippageVsArrivalBps ?? null) },
      { name: 'implementation shortfall', type: 'bar', data: rows.map((r) => r.implementationShortfallBps ?? null) },
    ],
  }), [rows]);
  return (
    <section className="panel" data-testid="ExecutionQualityAnalyzer">
      <h2>Execution quality <span className="unit">bps of notional (positive = cost); notional in USD</span></h2>
      <Note text={notes.execution} />
      <div className="row tabs">
        {DIMS.map((d) => <button key={d.key} data-testid={`eq-${d.key}`} className={dim === d.key ? 'active' : ''} onClick={() => setDim(d.key)}>{d.label}</button>)}
      </div>
      {q && <EChart option={option} height={220} ariaLabel="execution quality chart" />}
      <div style={{ overflowX: 'auto' }}>
        <table>
          <thead><tr><th>{DIMS.find((d) => d.key === dim)?.label}</th><th className="n">Orders</th><th className="n">Fills</th><th className="n">Filled notional</th><th className="n">Fill rate</th><th className="n">Slippage vs arrival</th><th className="n">Impl. shortfall</th><th className="n">Shortfall total <span className="unit">USD</span></th><th className="n">Decision→ack p50</th><th className="n">Ack→fill p50</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`eq-row-${r.key}`}>
                <td>{r.key}</td><td className="n">{int(r.orders)}</td><td className="n">{int(r.fills)}</td><td className="n">{money0(r.filledNotional)}</td>
                <td className="n">{pctFrac(r.fillRate)}</td><td className="n">{bps(r.slippageVsArrivalBps)}</td><td className="n">{bps(r.implementationShortfallBps)}</td>
                <td className="n">{money0(r.shortfall?.total)}</td><td className="n">{micros(r.latency?.decisionToAck?.p50Micros)}</td><td className="n">{micros(r.latency?.ackToFirstFill?.p50Micros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
