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

import { render, screen, waitFor } from '@testing-library/react';
import { vi } from 'vitest';
import { LiveProvider, useLive } from './live';
import ConnectionBadge from '../components/ConnectionBadge';

function Probe() {
  const { data, restarts } = useLive();
  return <div data-testid="probe">{`orders=${data.orders.map((o) => o.id).join(',')} engine=${data.status?.engine ?? ''} restarts=${restarts}`}</div>;
}

describe('LiveProvider', () => {
  it('on a new host instance drops the cached (streamed and fetched) orders and refetches the REST reads', async () => {
    const enc = new TextEncoder();
    const sse = (text: string, keepOpen = false) => new Response(new ReadableStream<Uint8Array>({
      start(c) { c.enqueue(enc.encode(text)); if (!keepOpen) c.close(); },
    }), { status: 200 });
    let streams = 0;
    let orderReads = 0;
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes('/stream')) {
        streams++;
        if (streams === 1) return sse('event: hello\ndata: {"instance":"A"}\n\nevent: orders\ndata: [{"id":5,"status":"working"}]\n\n');
        return sse('event: hello\ndata: {"instance":"B"}\n\n: keepalive\n\n', true);
      }
      if (url.includes('/orders')) {
        orderReads++;
        return new Response(JSON.stringify(orderReads === 1 ? [{ id: 4 }, { id: 3 }] : [{ id: 1 }]), { status: 200 });
      }
      if (url.includes('/status')) return new Response(JSON.stringify({ engine: 'running', strategies: 1, deployed: 1 }), { status: 200 });
      return new Response('{"title":"Not found"}', { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<LiveProvider><Probe /><ConnectionBadge /></LiveProvider>);
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('restarts=1'), { timeout: 4000 });
    // after the restart only what the new process reports is left: order 1 from the refetch (5, 4 and 3 are dropped)
    await waitFor(() => expect(screen.getByTestId('probe')).toHaveTextContent('orders=1 engine=running restarts=1'));
    expect(orderReads).toBe(2);
    await waitFor(() => expect(screen.getByTestId('connection-state')).toHaveTextContent('host restarted'));
  });
});

import { normaliseRisk } from './live';

describe('normaliseRisk', () => {
  it('merges the array a scoped key gets into one report', () => {
    const a = { globalKillSwitch: false, haltedAccounts: ['x'], verdicts: { Accepted: 2 }, accounts: [{ account: 'x' }], strategies: [] };
    const b = { globalKillSwitch: false, haltedAccounts: [], verdicts: { Accepted: 3, MaxQuantity: 1 }, accounts: [{ account: 'y' }], strategies: [] };
    const r = normaliseRisk([a, b])!;
    expect(r.accounts.map((x) => x.account)).toEqual(['x', 'y']);
    expect(r.verdicts).toEqual({ Accepted: 5, MaxQuantity: 1 });
    expect(r.haltedAccounts).toEqual(['x']);
    expect(normaliseRisk([a])).toBe(a);
    expect(normaliseRisk(a)).toBe(a);
  });
});

import { normalise } from './live';

describe('normalise', () => {
  it('wraps a lone account (a stream opened with ?account=) into the list shape', () => {
    expect(normalise('accounts', { key: 'a' })).toEqual([{ key: 'a' }]);
    expect(normalise('accounts', [{ key: 'a' }])).toEqual([{ key: 'a' }]);
    expect(normalise('status', { engine: 'running' })).toEqual({ engine: 'running' });
  });
});

describe('useLive(topics)', () => {
  it('re-renders a component only when one of its topics changes', async () => {
    const enc = new TextEncoder();
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes('/stream')) {
        return new Response(new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(enc.encode('event: hello\ndata: {"instance":"A"}\n\nevent: status\ndata: {"engine":"running"}\n\n'));
            for (let i = 1; i <= 5; i++) setTimeout(() => c.enqueue(enc.encode(`event: fills\ndata: [{"id":${i}}]\n\n`)), i * 20);
          },
        }), { status: 200 });
      }
      return new Response('{"title":"Not found"}', { status: 404 });
    });
    vi.stubGlobal('fetch', fetchMock);
    let statusRenders = 0;
    let fillsRenders = 0;
    function StatusOnly() { const { data } = useLive(['status']); statusRenders++; return <span data-testid="s">{data.status?.engine ?? ''}</span>; }
    function FillsOnly() { const { data } = useLive(['fills']); fillsRenders++; return <span data-testid="f">{data.fills.length}</span>; }
    render(<LiveProvider><StatusOnly /><FillsOnly /></LiveProvider>);
    await waitFor(() => expect(screen.getByTestId('f')).toHaveTextContent('5'));
    expect(screen.getByTestId('s')).toHaveTextContent('running');
    expect(fillsRenders).toBeGreaterThanOrEqual(5);
    expect(statusRenders).toBeLessThanOrEqual(3); // first render, the note of its 404 REST read, the status event: not the 5 fills
  });
});
