import { useEffect, useState } from 'react';
import { api, ApiError, errorText } from '../../api/client';
import type { StrategyView, ValidationError } from '../../api/types';
import { errorsFromProblemDetail, toDocument, type Draft } from './draft';

/** POST /strategies with the draft (server errors shown inline, rule errors handed to the editors), then PUT …/deploy. */
export default function StrategyDeployment({ draft, canTrade, blockers, onServerErrors, onCreated }: {
  draft: Draft; canTrade: boolean; blockers: number; onServerErrors: (e: ValidationError[]) => void; onCreated?: (s: StrategyView) => void;
}) {
  const [created, setCreated] = useState<StrategyView | null>(null);
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [msg, setMsg] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showJson, setShowJson] = useState(false);
  // An edit makes the last create's errors stale (the editors clear theirs too).
  useEffect(() => {
    setErrors([]);
    setMsg((m) => (m && /^\d{3}/.test(m) ? null : m));
  }, [draft]);

  const create = async () => {
    setBusy(true); setMsg(null); setErrors([]); onServerErrors([]);
    try {
      const s = await api<StrategyView>('/strategies', { method: 'POST', body: toDocument(draft) });
      setCreated(s);
      setMsg(`Created ${s.id} in ${s.account}: ${s.status}`);
      onCreated?.(s);
    } catch (e) {
      if (e instanceof ApiError) {
        const errs = errorsFromProblemDetail(e.problem.detail, e.problem.field);
        setErrors(errs.length ? errs : [{ field: e.problem.field ?? '$', message: errorText(e) }]);
        onServerErrors(errs);
        setMsg(`${e.status} ${e.problem.title ?? ''}`);
      } else setMsg(errorText(e));
    } finally { setBusy(false); }
  };

  const deploy = async () => {
    if (!created) return;
    setBusy(true);
    try {
      const s = await api<StrategyView>(`/strategies/${encodeURIComponent(created.id)}/deploy`, { method: 'PUT' });
      setCreated(s);
      setMsg(`Deployed ${s.id}: ${s.status}`);
    } catch (e) { setMsg(`Deploy: ${errorText(e)}`); } finally { setBusy(false); }
  };

  return (
    <section className="panel" data-testid="StrategyDeployment">
      <h2>Create and deploy</h2>
      {!canTrade && <p className="muted">Creating and deploying strategies needs a trader key.</p>}
      {canTrade && (
        <div className="row">
          <button className="primary" data-testid="strategy-create" disabled={busy || !!created} onClick={() => void create()}>Create strategy</button>
          <button className="primary" data-testid="strategy-deploy" disabled={busy || !created || created.status === 'Deployed'} onClick={() => void deploy()}>Deploy</button>
          {blockers > 0 && <span className="note">{blockers} problem(s) above; the server will refuse them too</span>}
          {created && <button className="link" onClick={() => { setCreated(null); setMsg(null); }}>start another</button>}
        </div>
      )}
      {msg && <p data-testid="deploy-result">{msg}</p>}
      <ul className="errors" data-testid="create-errors">
        {errors.map((e, i) => <li key={i}>{e.field}{e.line ? ` ${e.line}:${e.column}` : ''}: {e.message}</li>)}
      </ul>
      <button className="link" onClick={() => setShowJson(!showJson)}>{showJson ? 'hide' : 'show'} the JSON this sends</button>
      {showJson && <pre data-testid="draft-json">{JSON.stringify(toDocument(draft), null, 2)}</pre>}
    </section>
  );
}
