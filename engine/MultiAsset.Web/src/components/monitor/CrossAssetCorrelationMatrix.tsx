import { useMemo, useState } from 'react';
import EChart from '../../charts/EChart';
import { useLive } from '../../state/live';
import { num, time } from '../../format';
import Note from '../Note';
import type { Correlation } from '../../api/types';

/** Cells [x, y, ρ] of the instruments of the chosen classes (null ρ = a variance still zero: left blank). */
export function correlationCells(c: Correlation, classes: Set<string>): { symbols: string[]; cells: [number, number, number][] } {
  const idx = c.instruments.map((s, i) => i).filter((i) => !c.assetClasses || classes.has(c.assetClasses[i]));
  const cells: [number, number, number][] = [];
  idx.forEach((i, x) => idx.forEach((j, y) => {
    const v = c.correlation[i]?.[j];
    if (typeof v === 'number') cells.push([x, y, +v.toFixed(3)]);
  }));
  return { symbols: idx.map((i) => c.instruments[i]), cells };
}

export default function CrossAssetCorrelationMatrix() {
  const { data, notes } = useLive(['correlation']);
  const c = data.correlation;
  const [classes, setClasses] = useState(new Set(['STOCK', 'FOREX', 'CRYPTO']));
  const { symbols, cells } = useMemo(() => (c ? correlationCells(c, classes) : { symbols: [], cells: [] }), [c, classes]);
  const option = useMemo(() => ({
    tooltip: { position: 'top', formatter: (p: { value: [number, number, number] }) => `${symbols[p.value[0]]} / ${symbols[p.value[1]]}: ρ = ${p.value[2].toFixed(3)}` },
    grid: { left: 70, right: 20, top: 10, bottom: 90 },
    xAxis: { type: 'category', data: symbols, axisLabel: { rotate: 90, color: '#8795a3', fontSize: 10 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: symbols, axisLabel: { color: '#8795a3', fontSize: 10 }, splitArea: { show: true } },
    visualMap: { min: -1, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 200, textStyle: { color: '#8795a3' }, inRange: { color: ['#2166ac', '#f7f7f7', '#b2182b'] } },
    series: [{ name: 'correlation', type: 'heatmap', data: cells, progressive: 0, emphasis: { itemStyle: { borderColor: '#fff', borderWidth: 1 } } }],
  }), [symbols, cells]);
  const breaks = (c as (Correlation & { breaks?: Record<string, unknown>[] }) | undefined)?.breaks ?? [];
  return (
    <section className="panel" data-testid="CrossAssetCorrelationMatrix">
      <h2>Correlation matrix <span className="unit">live EWMA ρ of per-interval log returns, −1…1{c?.asOf ? ` · as of ${time(c.asOf)}` : ''}{c && c.warm === false ? ' · warming up' : ''}</span></h2>
      <Note text={notes.correlation} />
      <div className="row">
        {['STOCK', 'FOREX', 'CRYPTO'].map((k) => (
          <label key={k}><input type="checkbox" checked={classes.has(k)} onChange={() => {
            const n = new Set(classes); if (n.has(k)) n.delete(k); else n.add(k); setClasses(n);
          }} />{k}</label>
        ))}
        <span className="muted" data-testid="corr-count">{symbols.length} instruments</span>
      </div>
      {c && <EChart option={option} height={Math.max(320, symbols.length * 14 + 110)} ariaLabel="correlation heatmap" />}
      {breaks.length > 0 && (
        <>
          <h3>Correlation breaks (|ρ − ρ long-run| over the threshold)</h3>
          <table data-testid="correlation-breaks">
            <thead><tr><th>Pair</th><th className="n">ρ live</th><th className="n">ρ long-run</th><th className="n">change</th></tr></thead>
            <tbody>{breaks.slice(0, 12).map((b, i) => (
              <tr key={i}><td>{String(b.a ?? '')} / {String(b.b ?? '')}</td><td className="n">{num(b.correlation as number, 3)}</td><td className="n">{num(b.longRun as number, 3)}</td><td className="n">{num(b.change as number, 3)}</td></tr>
            ))}</tbody>
          </table>
          {breaks.length > 12 && <p className="muted">and {breaks.length - 12} more</p>}
        </>
      )}
    </section>
  );
}
