import { useEffect, useRef } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as cmPlaceholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult, type Completion } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { Completions, ValidationError } from '../../api/types';

/** line:column (1-based) of an error → a document range (the token at that position). */
export function errorRange(doc: string, line?: number | null, column?: number | null): { from: number; to: number } {
  const lines = doc.split('\n');
  const l = Math.min(Math.max(1, line ?? 1), lines.length);
  let from = 0;
  for (let i = 0; i < l - 1; i++) from += lines[i].length + 1;
  const text = lines[l - 1];
  const col = Math.min(Math.max(1, column ?? 1), text.length + 1);
  from += col - 1;
  const rest = text.slice(col - 1);
  const tok = /^[^\s()]+/.exec(rest);
  return { from, to: from + (tok ? tok[0].length : 0) };
}

export function completionOptions(c: Completions | null, kind: 'trigger' | 'action'): Completion[] {
  if (!c) return [];
  const opts: Completion[] = [];
  for (const s of c.symbols) {
    if (kind === 'action' && s.tradable === false) continue; // reference series can be read, not traded
    opts.push({ label: s.symbol, type: 'variable', detail: s.tradable === false ? `${s.assetClass} (reference)` : s.assetClass });
  }
  for (const a of c.aliases ?? []) opts.push({ label: a.alias, type: 'variable', detail: `alias of ${a.symbol}` });
  if (kind === 'trigger') {
    for (const i of c.indicators) {
      opts.push({ label: i.name, type: 'function', detail: i.signature, info: i.description });
      for (const al of i.aliases ?? []) opts.push({ label: al, type: 'function', detail: `alias of ${i.name}`, info: i.description });
    }
    for (const t of c.timeframes) opts.push({ label: t, type: 'constant', detail: 'timeframe' });
    for (const k of c.keywords) opts.push({ label: k, type: 'keyword' });
  } else {
    for (const a of c.actions) {
      if (typeof a === 'string') opts.push({ label: a, type: 'keyword', detail: 'action' });
      else opts.push({ label: a.verb, type: 'keyword', detail: a.template, info: a.description });
    }
    for (const a of c.assetClasses) opts.push({ label: a, type: 'type', detail: 'asset class' });
  }
  return opts;
}

/**
 * A one-rule CodeMirror editor: completions from /strategies/completions, and the server's errors for its field shown
 * as diagnostics at their line:column (the builder validates the whole draft, debounced, and passes them in).
 */
export default function RuleEditor({ value, onChange, errors, completions, kind, testId, placeholder }: {
  value: string; onChange: (v: string) => void; errors: ValidationError[]; completions: Completions | null;
  kind: 'trigger' | 'action'; testId: string; placeholder?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const compRef = useRef<Completion[]>([]);
  compRef.current = completionOptions(completions, kind);

  useEffect(() => {
    const source = (ctx: CompletionContext): CompletionResult | null => {
      const word = ctx.matchBefore(/[A-Za-z_][\w.]*/);
      if (!word && !ctx.explicit) return null;
      return { from: word ? word.from : ctx.pos, options: compRef.current, validFor: /^[\w.]*$/ };
    };
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
          autocompletion({ override: [source], activateOnTyping: true }),
          lintGutter(),
          EditorView.lineWrapping,
          cmPlaceholder(placeholder ?? ''),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Outside changes (template loaded) replace the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc.toString();
    const diags: Diagnostic[] = errors.map((e) => {
      const r = errorRange(doc, e.line, e.column);
      return { from: Math.min(r.from, doc.length), to: Math.min(r.to, doc.length), severity: 'error', message: `${e.line ?? '?'}:${e.column ?? '?'}: ${e.message}` };
    });
    v.dispatch(setDiagnostics(v.state, diags));
  }, [errors]);

  return <div className="cm-host" ref={host} data-testid={testId} data-errors={errors.length} />;
}
