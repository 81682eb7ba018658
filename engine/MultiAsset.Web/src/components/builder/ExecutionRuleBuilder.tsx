import type { Completions, ValidationError } from '../../api/types';
import RuleEditor from './RuleEditor';
import { REBALANCE_ACTIONS, REBALANCE_TYPES, type Draft } from './draft';

/**
 * Execution rules (trigger + action) and rebalancing rules, each in a CodeMirror editor. The builder validates the
 * whole draft against /strategies/validate as you type; errors land on the editor of their field at line:column and in
 * the list below.
 */
export default function ExecutionRuleBuilder({ draft, setDraft, errors, completions, note, validating }: {
  draft: Draft; setDraft: (d: Draft) => void; errors: ValidationError[]; completions: Completions | null; note?: string | null; validating?: boolean;
}) {
  const errs = (field: string) => errors.filter((e) => e.field === field);
  const ruleErrors = errors.filter((e) => /^(executionRules|rebalancingRules)/.test(e.field));
  const setRule = (i: number, k: 'trigger' | 'action', v: string) =>
    setDraft({ ...draft, executionRules: draft.executionRules.map((r, j) => (j === i ? { ...r, [k]: v } : r)) });
  const setReb = (i: number, patch: Partial<Draft['rebalancingRules'][number]>) =>
    setDraft({ ...draft, rebalancingRules: draft.rebalancingRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  return (
    <section className="panel" data-testid="ExecutionRuleBuilder">
      <h2>Execution rules <span className="unit">{validating ? 'validating…' : 'validated as you type'}</span></h2>
      {note && <p className="note" data-testid="validate-note">⚠ {note}</p>}
      {draft.executionRules.map((r, i) => (
        <div className="rule" key={i} data-testid={`rule-${i}`}>
          <div className="row"><b>Rule {i + 1}</b><span className="spacer" /><button className="link" data-testid={`rule-remove-${i}`}
            onClick={() => setDraft({ ...draft, executionRules: draft.executionRules.filter((_, j) => j !== i) })}>remove</button></div>
          <div className="muted">When (trigger)</div>
          <RuleEditor testId={`rule-editor-${i}-trigger`} kind="trigger" value={r.trigger} onChange={(v) => setRule(i, 'trigger', v)}
            errors={errs(`executionRules[${i}].trigger`)} completions={completions} placeholder="BTC momentum(1h) > 0.03 AND NASDAQ momentum(1h) > 0.02" />
          <div className="muted">Then (action)</div>
          <RuleEditor testId={`rule-editor-${i}-action`} kind="action" value={r.action} onChange={(v) => setRule(i, 'action', v)}
            errors={errs(`executionRules[${i}].action`)} completions={completions} placeholder="Increase crypto allocation by 5%" />
        </div>
      ))}
      <button data-testid="rule-add" onClick={() => setDraft({ ...draft, executionRules: [...draft.executionRules, { trigger: '', action: '' }] })}>Add execution rule</button>

      <h3>Rebalancing rules</h3>
      {draft.rebalancingRules.map((r, i) => (
        <div className="rule" key={i} data-testid={`rebalance-${i}`}>
          <div className="row">
            <select value={r.type} onChange={(e) => setReb(i, { type: e.target.value })}>{REBALANCE_TYPES.map((t) => <option key={t}>{t}</option>)}</select>
            <select value={r.action} onChange={(e) => setReb(i, { action: e.target.value })}>{REBALANCE_ACTIONS.map((t) => <option key={t}>{t}</option>)}</select>
            <span className="spacer" />
            <button className="link" onClick={() => setDraft({ ...draft, rebalancingRules: draft.rebalancingRules.filter((_, j) => j !== i) })}>remove</button>
          </div>
          <div className="muted">Condition {r.type === 'Time' ? '(a duration, e.g. 1d)' : r.type === 'Threshold' ? '(descriptive; classes are checked against rebalanceThreshold)' : '(a trigger, e.g. BTC volatility(1d) > 1.0)'}</div>
          <RuleEditor testId={`rebalance-editor-${i}`} kind="trigger" value={r.condition} onChange={(v) => setReb(i, { condition: v })}
            errors={errs(`rebalancingRules[${i}].condition`)} completions={completions} />
        </div>
      ))}
      <button data-testid="rebalance-add" onClick={() => setDraft({ ...draft, rebalancingRules: [...draft.rebalancingRules, { type: 'Threshold', condition: 'any asset class more than rebalanceThreshold from target', action: 'Rebalance', intervalSeconds: null }] })}>Add rebalancing rule</button>

      <ul className="errors" data-testid="validate-errors">
        {ruleErrors.map((e, i) => (
          <li key={i} data-testid="validate-error">{e.field} {e.line ?? '?'}:{e.column ?? '?'}: {e.message}</li>
        ))}
      </ul>
    </section>
  );
}
