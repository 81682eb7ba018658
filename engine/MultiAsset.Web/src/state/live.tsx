import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api, ApiError, API_BASE, getApiKey } from '../api/client';
import { runStream, type StreamState, type HelloEvent } from '../api/sse';
import type {
  AccountView, Alert, Correlation, ExecutionQuality, Fill, Order, PerformanceRow, RiskReport, StrategyView,
} from '../api/types';

/** The latest value of every read the UI shows; fed by the REST reads at start and then by the stream. */
export interface LiveData {
  status?: { engine: string; strategies: number; deployed: number; caller?: string; role?: string };
  accounts?: AccountView[];
  strategies?: StrategyView[];
  performance?: PerformanceRow[];
  orders: Order[];
  fills: Fill[];
  conflicts?: unknown;
  execution?: ExecutionQuality;
  risk?: RiskReport;
  correlation?: Correlation;
  alerts?: Alert[];
}

export type Topic = Exclude<keyof LiveData, never>;

export interface LiveState {
  data: LiveData;
  /** Per read: why it is missing (e.g. "not on this host (404)"). */
  notes: Partial<Record<Topic, string>>;
  connection: StreamState;
  connectionDetail?: string;
  instance?: string;
  lastUpdate?: number;
  restarts: number;
}

type Action =
  | { type: 'set'; topic: Topic; value: unknown }
  | { type: 'note'; topic: Topic; note: string | null }
  | { type: 'merge'; topic: 'orders' | 'fills'; rows: (Order | Fill)[] }
  | { type: 'conn'; state: StreamState; detail?: string }
  | { type: 'hello'; instance: string }
  | { type: 'reset' };

const empty: LiveData = { orders: [], fills: [] };
const initialState: LiveState = { data: empty, notes: {}, connection: 'connecting', restarts: 0 };

/** Merge rows by id (newest wins), newest id first; keeps at most `cap` rows. */
export function mergeById<T extends { id: number }>(current: T[], incoming: T[], cap = 50000): T[] {
  if (incoming.length === 0) return current;
  const byId = new Map<number, T>();
  for (const r of current) byId.set(r.id, r);
  for (const r of incoming) byId.set(r.id, r);
  const rows = [...byId.values()].sort((a, b) => b.id - a.id);
  return rows.length > cap ? rows.slice(0, cap) : rows;
}

export function liveReducer(s: LiveState, a: Action): LiveState {
  switch (a.type) {
    case 'set': {
      const notes = { ...s.notes };
      delete notes[a.topic];
      return { ...s, data: { ...s.data, [a.topic]: a.value }, notes, lastUpdate: Date.now() };
    }
    case 'merge':
      return {
        ...s,
        data: { ...s.data, [a.topic]: mergeById(s.data[a.topic] as { id: number }[], a.rows as { id: number }[]) },
        lastUpdate: Date.now(),
      };
    case 'note': {
      const notes = { ...s.notes };
      if (a.note) notes[a.topic] = a.note;
      else delete notes[a.topic];
      return { ...s, notes };
    }
    case 'conn':
      return { ...s, connection: a.state, connectionDetail: a.detail };
    case 'hello':
      return { ...s, instance: a.instance };
    case 'reset':
      return { ...s, data: empty, notes: {}, restarts: s.restarts + 1 };
  }
}

/**
 * A risk report as one object. A scoped key's /risk/analysis answers an array of reports (one per visible scope);
 * they are merged: accounts and strategies concatenated, verdicts summed, halted accounts united.
 */
export function normaliseRisk(value: unknown): RiskReport | undefined {
  if (!Array.isArray(value)) return value as RiskReport | undefined;
  const reports = value as RiskReport[];
  if (reports.length === 0) return undefined;
  if (reports.length === 1) return reports[0];
  const verdicts: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.verdicts ?? {})) verdicts[k] = (verdicts[k] ?? 0) + v;
  return {
    ...reports[0],
    globalKillSwitch: reports.some((r) => r.globalKillSwitch),
    haltedAccounts: [...new Set(reports.flatMap((r) => r.haltedAccounts ?? []))],
    verdicts,
    accounts: reports.flatMap((r) => r.accounts ?? []),
    strategies: reports.flatMap((r) => r.strategies ?? []),
  };
}

const LISTS = new Set<Topic>(['accounts', 'strategies', 'performance', 'orders', 'fills', 'alerts']);

/** Each topic in the REST list shape: a stream opened with ?account= sends one account as an object, not a list. */
export function normalise(topic: Topic, value: unknown): unknown {
  if (topic === 'risk') return normaliseRisk(value);
  if (LISTS.has(topic) && value !== null && value !== undefined && !Array.isArray(value)) return [value];
  return value;
}

/** REST reads behind each topic (what a resync fetches). */
export const READS: [Topic, string][] = [
  ['status', '/status'],
  ['accounts', '/accounts'],
  ['strategies', '/strategies'],
  ['performance', '/strategies/performance'],
  ['orders', '/orders?limit=10000'],
  ['fills', '/fills?limit=10000'],
  ['execution', '/execution/quality'],
  ['risk', '/risk/analysis'],
  ['correlation', '/risk/correlation'],
  ['alerts', '/alerts'],
];

const STREAM_TOPICS: Record<string, Topic> = {
  status: 'status', accounts: 'accounts', strategies: 'strategies', performance: 'performance', orders: 'orders',
  fills: 'fills', conflicts: 'conflicts', execution: 'execution', risk: 'risk', correlation: 'correlation', alerts: 'alerts',
};

export interface LiveApi extends LiveState {
  resync(): Promise<void>;
  refresh(topic: Topic): Promise<void>;
}

/** The store behind the context: components subscribe to the topics they show, not to every event. */
interface LiveStore {
  getState(): LiveState;
  subscribe(listener: () => void): () => void;
  dispatch(a: Action): void;
  resync(): Promise<void>;
  refresh(topic: Topic): Promise<void>;
}

function createStore(initial: LiveState): LiveStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    subscribe: (l) => { listeners.add(l); return () => listeners.delete(l); },
    dispatch: (a) => { state = liveReducer(state, a); listeners.forEach((l) => l()); },
    resync: async () => {},
    refresh: async () => {},
  };
}

const LiveContext = createContext<LiveStore | null>(null);

export function LiveProvider({ children, disabled, scopeAccounts, pollMs = 5000 }: {
  children: ReactNode; disabled?: boolean; scopeAccounts?: string[] | null; pollMs?: number;
}) {
  const [store] = useState(() => createStore(initialState));
  const dispatch = store.dispatch;
  const skip = useRef(new Set<Topic>());
  const scopeKey = scopeAccounts ? scopeAccounts.join('\u0001') : '';

  const refresh = useCallback(async (topic: Topic) => {
    const path = READS.find(([t]) => t === topic)?.[1];
    if (!path) return;
    try {
      const value = await api<unknown>(path);
      const v = normalise(topic, value);
      if ((topic === 'orders' || topic === 'fills') && Array.isArray(v)) dispatch({ type: 'merge', topic, rows: v as Order[] });
      else dispatch({ type: 'set', topic, value: v });
    } catch (e) {
      const note = e instanceof ApiError
        ? e.status === 404 ? (skip.current.add(topic), `not on this host yet (${path} answered 404)`) : e.status === 403 ? `not allowed for this key (403)` : `${e.status}: ${e.message}`
        : String(e);
      dispatch({ type: 'note', topic, note });
    }
  }, []);

  const resync = useCallback(async () => {
    await Promise.all(READS.filter(([t]) => !skip.current.has(t)).map(([t]) => refresh(t)));
  }, [refresh]);

  useEffect(() => {
    if (disabled) return;
    const ctrl = new AbortController();
    if (scopeKey) {
      // Firm-wide reads refuse a scoped key (403): not asked for, and said so.
      skip.current.add('execution');
      skip.current.add('conflicts');
      dispatch({ type: 'note', topic: 'execution', note: 'execution quality is firm-wide: it needs a key without an account scope' });
    }
    let poll: ReturnType<typeof setInterval> | undefined;
    void resync();
    const scoped = scopeKey ? scopeKey.split('\u0001') : [];
    const qs = scoped.length === 1 ? `&account=${encodeURIComponent(scoped[0])}` : '';
    void runStream(
      { url: `${API_BASE}/stream?interval=1000${qs}`, apiKey: getApiKey() },
      {
        onState: (st, detail) => {
          dispatch({ type: 'conn', state: st, detail });
          // "host restarted" is news for a while; then the badge says live (and still mentions the restart).
          if (st === 'restarted') setTimeout(() => { if (!ctrl.signal.aborted) dispatch({ type: 'conn', state: 'live', detail: 'after a host restart' }); }, 10000);
          if (st === 'unavailable' && !poll && !ctrl.signal.aborted) {
            poll = setInterval(() => void resync(), pollMs); // degrade: no stream on this host → slow polling
          }
        },
        onHello: (h: HelloEvent) => dispatch({ type: 'hello', instance: h.instance }),
        onRestart: () => {
          // A new host process: everything cached may be stale (orders renumbered, strategies gone). Drop and refetch
          // everything, including reads the old process did not have.
          skip.current.clear();
          dispatch({ type: 'reset' });
          if (scopeKey) {
            skip.current.add('execution');
            skip.current.add('conflicts');
            dispatch({ type: 'note', topic: 'execution', note: 'execution quality is firm-wide: it needs a key without an account scope' });
          }
          void resync();
        },
        onEvent: (topic, data) => {
          const t = STREAM_TOPICS[topic];
          if (!t) return;
          const value = normalise(t, data);
          if ((t === 'orders' || t === 'fills') && Array.isArray(value)) dispatch({ type: 'merge', topic: t, rows: value as Order[] });
          else dispatch({ type: 'set', topic: t, value });
        },
      },
      ctrl.signal,
    );
    return () => {
      ctrl.abort();
      if (poll) clearInterval(poll);
    };
  }, [disabled, resync, scopeKey, pollMs]);

  store.resync = resync;
  store.refresh = refresh;
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

/**
 * The live state. With `topics`, the component re-renders only when one of those topics' data or notes changes
 * (everything else in the returned value may be older); without, on every change.
 */
export function useLive(topics?: readonly Topic[]): LiveApi {
  const store = useContext(LiveContext);
  if (!store) throw new Error('useLive outside LiveProvider');
  const cache = useRef<{ key: unknown[]; value: LiveApi } | null>(null);
  const getSnapshot = () => {
    const st = store.getState();
    const key: unknown[] = topics ? [...topics.map((t) => st.data[t]), ...topics.map((t) => st.notes[t])] : [st];
    const c = cache.current;
    if (c && c.key.length === key.length && c.key.every((k, n) => k === key[n])) return c.value;
    const value: LiveApi = { ...st, resync: () => store.resync(), refresh: (t) => store.refresh(t) };
    cache.current = { key, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

/** For tests and storybook-like use: a provider with fixed data and no network. */
export function StaticLiveProvider({ data, notes, connection = 'live', children }: {
  data: Partial<LiveData>; notes?: LiveState['notes']; connection?: StreamState; children: ReactNode;
}) {
  const [store] = useState(() => createStore({ data: { ...empty, ...data }, notes: notes ?? {}, connection, restarts: 0 }));
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}
