import { describe, expect, it } from 'vitest';
import { liveReducer, mergeById, type LiveState } from './live';

describe('live store', () => {
  it('merges streamed order rows by id, newest first, updating existing rows', () => {
    const a = [{ id: 3, status: 'working' }, { id: 1, status: 'filled' }];
    const b = [{ id: 3, status: 'filled' }, { id: 4, status: 'accepted' }];
    expect(mergeById(a, b)).toEqual([{ id: 4, status: 'accepted' }, { id: 3, status: 'filled' }, { id: 1, status: 'filled' }]);
  });

  it('drops every cached read on reset (host restarted) and counts the restart', () => {
    const s: LiveState = { data: { orders: [{ id: 1 } as never], fills: [], status: { engine: 'running', strategies: 1, deployed: 1 } }, notes: { alerts: 'x' }, connection: 'live', restarts: 0 };
    const r = liveReducer(s, { type: 'reset' });
    expect(r.data).toEqual({ orders: [], fills: [] });
    expect(r.restarts).toBe(1);
    expect(r.notes).toEqual({});
  });
});
