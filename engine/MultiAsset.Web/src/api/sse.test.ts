import { describe, expect, it, vi } from 'vitest';
import { SseParser, runStream, type StreamState } from './sse';

describe('SseParser', () => {
  it('parses events split across chunks at any byte', () => {
    const text = 'event: status\nid: 1\ndata: {"engine":"running"}\n\nevent: orders\nid: 2\ndata: [1,2]\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const p = new SseParser();
      const evs = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(evs).toEqual([
        { event: 'status', data: '{"engine":"running"}', id: '1' },
        { event: 'orders', data: '[1,2]', id: '2' },
      ]);
    }
  });

  it('joins multi-line data with \\n and handles CRLF and CR line ends', () => {
    const p = new SseParser();
    expect(p.push('event: x\r\ndata: {"a":\r\ndata: 1}\r\n\r\n')).toEqual([{ event: 'x', data: '{"a":\n1}', id: undefined }]);
    expect(p.push('data: a\rdata: b\r\r')).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });

  it('treats a CRLF split between chunks as one line end', () => {
    const p = new SseParser();
    expect([...p.push('data: a\r'), ...p.push('\n\r'), ...p.push('\n')]).toEqual([{ event: 'message', data: 'a', id: undefined }]);
  });

  it('skips comments (keepalives) and dispatches nothing for an event without data', () => {
    const p = new SseParser();
    expect(p.push(': keepalive\n\n: keepalive\n\nevent: alerts\n\n')).toEqual([]);
    expect(p.comments).toBe(2);
    expect(p.push('data:no-space\n\n')).toEqual([{ event: 'message', data: 'no-space', id: undefined }]);
  });
});

function streamResponse(chunks: string[]): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      c.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('runStream', () => {
  it('sends the key, reconnects when the stream ends, and reports a restart on a new hello.instance', async () => {
    const ctrl = new AbortController();
    const hello = (i: string) => `event: hello\nid: 0\ndata: {"instance":"${i}","topics":["status"]}\n\n`;
    const responses = [
      streamResponse([hello('A'), 'event: status\nid: 1\ndata: {"engine":"running"}\n\n']),
      streamResponse([hello('A'), ': keepalive\n\n']),
      streamResponse([hello('B'), 'event: status\nid: 1\ndata: {"engine":"running","n":2}\n\n']),
    ];
    const fetchImpl = vi.fn(async () => {
      const r = responses.shift();
      if (!r) { ctrl.abort(); throw new Error('aborted'); }
      return r;
    });
    const states: StreamState[] = [];
    const events: [string, unknown][] = [];
    const restarts: string[] = [];
    await runStream(
      { url: '/api/multi-asset/stream?interval=1000', apiKey: 'k1', fetchImpl: fetchImpl as unknown as typeof fetch, sleep: async () => {} },
      {
        onState: (s) => states.push(s),
        onHello: () => {},
        onRestart: (h) => restarts.push(h.instance),
        onEvent: (t, d) => events.push([t, d]),
      },
      ctrl.signal,
    );
    expect((fetchImpl.mock.calls[0] as unknown as [string, RequestInit])[1].headers).toMatchObject({ 'X-Api-Key': 'k1' });
    expect(restarts).toEqual(['B']);
    expect(events).toEqual([['status', { engine: 'running' }], ['status', { engine: 'running', n: 2 }]]);
    expect(states).toContain('reconnecting');
    expect(states).toContain('restarted');
    expect(states.filter((s) => s === 'live').length).toBe(2); // first hello, and the same instance after a reconnect
  });

  it('backs off more after each consecutive failure and stops on 404 (no stream on this host)', async () => {
    const ctrl = new AbortController();
    const sleeps: number[] = [];
    let n = 0;
    const fetchImpl = vi.fn(async () => {
      n++;
      if (n <= 3) throw new TypeError('connection refused');
      return new Response('', { status: 404 });
    });
    const states: StreamState[] = [];
    await runStream(
      { url: '/s', apiKey: null, fetchImpl: fetchImpl as unknown as typeof fetch, sleep: async (ms) => { sleeps.push(ms); } },
      { onState: (s) => states.push(s), onHello: () => {}, onRestart: () => {}, onEvent: () => {} },
      ctrl.signal,
    );
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(states.at(-1)).toBe('unavailable');
  });
});
