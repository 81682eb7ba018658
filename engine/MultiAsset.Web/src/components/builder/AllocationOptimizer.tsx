import { useState } from 'react';
import { api, errorText } from '../../api/client';
import type { AllocationBand } from '../../api/types';
import { pct, pctFrac } from '../../format';
import { applyWeights, validateAllocation, weightsByClass, type Draft } from './draft';

interface OptimizeResponse {
  weights: Record<string, number>;
  expectedReturn?: number | null;
  volatility?: number;
  sharpe?: number | null;
  estimates?: { assets?: string[]; observations?: number; asOf?: string };
  excluded?: unknown;
}

const METHODS = ['RiskParity', 'MeanVariance', 'Momentum', 'BlackLitterman'];

/**
 * Target / min / max bands per class, validated as the API does; POST /optimize on the account's live estimates
 * (portfolioId = the draft's account, assets = its instruments when given), then "apply weights" into the bands.
 */
export default function AllocationOptimizer({ draft, setDraft, classOf, canTrade }: {
  draft: Draft; setDraft: (d: Draft) => void; classOf: (s: string) => string | undefined; canTrade: boolean;
}) {
  const errs = validateAllocation(draft);
  const [method, setMethod] = useState('RiskParity');
  const [result, setResult] = useState<OptimizeResponse | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const byClass = result ? weightsByClass(result.weights, classOf) : null;
  const sum = draft.allocation.reduce((s, b) => s + (Number.isFinite(b.targetWeight) ? b.targetWeight : 0), 0);

  const set = (i: number, k: keyof AllocationBand, v: string) => {
    const allocation = draft.allocation.map((b, j) => (j === i ? { ...b, [k]: v === '' ? NaN : Number(v) } : b));
    setDraft({ ...draft, allocation });
  };

  const optimize = async () => {
    setBusy(true); setErr(null); setResult(null);
    try {
      const body: Record<string, unknown> = { optimizationMethod: method, portfolioId: draft.account };
      if (draft.instruments && draft.instruments.length > 1) body.assets = draft.instruments;
      setResult(await api<OptimizeResponse>('/optimize', { method: 'POST', body }));
    } catch (e) { setErr(errorText(e)); } finally { setBusy(false); }
  };

  return (
    <section className="panel" data-testid="AllocationOptimizer">
      <h2>Allocation bands <span className="unit">% of the strategy's capital; min ≤ target ≤ max, targets sum to 100 %</span></h2>
      <table>
        <thead><tr><th>Class</th><th className="n">Min %</th><th className="n">Target %</th><th className="n">Max %</th><th className="n">Rebalance threshold %</th></tr></thead>
        <tbody>
          {draft.allocation.map((b, i) => (
            <tr key={b.assetClass} data-testid={`band-${b.assetClass}`}>
              <td>{b.assetClass}</td>
              {(['minWeight', 'targetWeight', 'maxWeight', 'rebalanceThreshold'] as const).map((k) => (
                <td key={k} className="n"><input type="number" step="any" data-testid={`band-${b.assetClass}-${k}`} value={Number.isFinite(b[k] as number) ? (b[k] as number) : ''} onChange={(e) => set(i, k, e.target.value)} /></td>
              ))}
            </tr>
          ))}
          <tr><td>sum of targets</td><td /><td className="n" data-testid="band-sum">{pct(sum)}</td><td /><td /></tr>
        </tbody>
      </table>
      {draft.allocation.length === 0 && <p className="muted">Choose asset classes first.</p>}
      <ul className="errors" data-testid="allocation-errors">{errs.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
      {canTrade ? (
        <div className="row">
          <select value={method} onChange={(e) => setMethod(e.target.value)} data-testid="optimize-method">{METHODS.map((m) => <option key={m}>{m}</option>)}</select>
          <button data-testid="optimize-run" disabled={busy || !draft.account} onClick={() => void optimize()}>{busy ? 'Optimising…' : `Optimise on live estimates (${draft.account})`}</button>
          {err && <span className="error" data-testid="optimize-error">{err}</span>}
        </div>
      ) : <p className="muted">The optimiser needs a trader key.</p>}
      {result && byClass && (
        <div data-testid="optimize-result">
          <p className="muted">Expected return {pctFrac(result.expectedReturn)} p.a., volatility {pctFrac(result.volatility)} p.a.; instrument weights: {Object.entries(result.weights).map(([k, v]) => `${k} ${pctFrac(v, 1)}`).join(', ')}</p>
          <p>By class: {Object.entries(byClass).map(([k, v]) => `${k} ${pct(v)}`).join(', ') || 'no instruments of known classes'}</p>
          <button data-testid="optimize-apply" disabled={!Object.keys(byClass).length} onClick={() => setDraft(applyWeights(draft, byClass))}>Apply weights to the bands</button>
        </div>
      )}
    </section>
  );
}
