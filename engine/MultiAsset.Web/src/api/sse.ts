// Server-Sent Events over fetch() + ReadableStream, so the X-Api-Key header can be sent (EventSource cannot).
// The parser follows the WHATWG event-stream rules: lines end in \n, \r\n or \r; a blank line dispatches;
// `data:` lines accumulate joined by \n; `:` lines are comments (keepalives); `id:` and `event:` set fields.

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;
  private lastId: string | undefined;
  /** Counts `:` comment lines (keepalives) seen. */
  comments = 0;
  private pendingCR = false;

  /** Feed a decoded chunk (any split); returns the events completed by it. */
  push(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = chunk;
    if (this.pendingCR && text.startsWith('\n')) text = text.slice(1); // \r\n split across chunks
    this.pendingCR = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCR = true;
        }
      }
      start = i + 1;
      this.line(line, out);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  get lastEventId(): string | undefined {
    return this.lastId;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) {
        out.push({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith(':')) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.event = value;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.id = value;
          this.lastId = value;
        }
        break;
      default:
        break; // retry and unknown fields are ignored
    }
  }
}

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'restarted' | 'unavailable' | 'closed';

export interface HelloEvent {
  instance: string;
  startedAt?: string;
  caller?: string;
  role?: string;
  accounts?: string[] | null;
  intervalMs?: number;
  topics?: string[];
}

export interface StreamHandlers {
  onState(state: StreamState, detail?: string): void;
  /** A hello from a different host process than the previous one (not called for the first hello). */
  onRestart(hello: HelloEvent): void;
  onHello(hello: HelloEvent): void;
  onEvent(topic: string, data: unknown): void;
}

export interface StreamOptions {
  url: string;
  apiKey: string | null;
  fetchImpl?: typeof fetch;
  /** Backoff in ms for the n-th consecutive failure (n ≥ 1). */
  backoff?: (n: number) => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const defaultBackoff = (n: number): number => Math.min(30000, 500 * 2 ** Math.min(n - 1, 6));

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/**
 * Keeps one stream open until `abort` is signalled: reconnects with backoff when it ends or fails, and tells the
 * caller when the host behind it is a new process (hello.instance changed), so cached state can be dropped.
 * A 404 (no stream endpoint on this host) reports `unavailable` and stops; 401/403 too.
 */
export async function runStream(opts: StreamOptions, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  const doFetch = opts.fetchImpl ?? fetch;
  const backoff = opts.backoff ?? defaultBackoff;
  const sleep = opts.sleep ?? defaultSleep;
  let instance: string | undefined;
  let failures = 0;
  let lastEventId: string | undefined;
  handlers.onState('connecting');
  while (!signal.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (opts.apiKey) headers['X-Api-Key'] = opts.apiKey;
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const res = await doFetch(opts.url, { headers, signal });
      if (res.status === 404 || res.status === 401 || res.status === 403) {
        handlers.onState('unavailable', `stream answered ${res.status}`);
        return;
      }
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const ev of parser.push(decoder.decode(value, { stream: true }))) {
          if (ev.id) lastEventId = ev.id;
          let data: unknown;
          try {
            data = JSON.parse(ev.data);
          } catch {
            data = ev.data;
          }
          if (ev.event === 'hello') {
            const hello = data as HelloEvent;
            failures = 0;
            if (instance !== undefined && hello.instance !== instance) {
              lastEventId = undefined;
              handlers.onState('restarted');
              handlers.onRestart(hello);
            } else {
              handlers.onState('live');
            }
            instance = hello.instance;
            handlers.onHello(hello);
          } else {
            handlers.onEvent(ev.event, data);
          }
        }
      }
    } catch (e) {
      if (signal.aborted) break;
      void e;
    }
    if (signal.aborted) break;
    failures++;
    handlers.onState('reconnecting');
    await sleep(backoff(failures), signal);
  }
  handlers.onState('closed');
}
