import type { AssetClass, ClassLimit } from '../../api/types';
import { validateLimits, type Draft } from './draft';

const FIELDS: { k: keyof ClassLimit; label: string; unit: string }[] = [
  { k: 'maxAllocation', label: 'Max allocation', unit: '%' },
  { k: 'maxDrawdown', label: 'Max drawdown', unit: '%' },
  { k: 'maxLeverage', label: 'Max leverage', unit: '×' },
  { k: 'stopLossThreshold', label: 'Stop-loss threshold', unit: '%' },
];

/** riskParameters.assetClassLimits per selected class (percent, as in the seed's documents; leverage a multiple). */
export default function RiskParameterConfig({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  const limits = draft.riskParameters.assetClassLimits ?? {};
  const errs = validateLimits(draft);
  const set = (c: AssetClass, k: keyof ClassLimit, v: string) => {
    const next = { ...limits, [c]: { ...(limits[c] ?? {}), [k]: v === '' ? null : Number(v) } };
    setDraft({ ...draft, riskParameters: { ...draft.riskParameters, assetClassLimits: next } });
  };
  return (
    <section className="panel" data-testid="RiskParameterConfig">
      <h2>Risk parameters per class</h2>
      <table>
        <thead><tr><th>Class</th>{FIELDS.map((f) => <th key={f.k} className="n">{f.label} <span className="unit">{f.unit}</span></th>)}</tr></thead>
        <tbody>
          {draft.assetClasses.map((c) => (
            <tr key={c}>
              <td>{c}</td>
              {FIELDS.map((f) => (
                <td key={f.k} className="n"><input type="number" step="any" data-testid={`limit-${c}-${f.k}`} value={limits[c]?.[f.k] ?? ''} onChange={(e) => set(c, f.k, e.target.value)} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="errors">{errs.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
    </section>
  );
}
