/**
 * A GraphQL subscriber over Server-Sent Events, as a partner's script would be one: `fetch` with
 * `Accept: text/event-stream` against a real port, the stream parsed line by line (`event:` and
 * `data:` fields, blank line ends an event, `:` lines are pings). Waiting is bounded by a deadline
 * that fails the test; nothing asserts on time.
 */
import type { ExecutionResult } from 'graphql';

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseSubscription {
  status: number;
  headers: Headers;
  /** Every event so far, in order (pings excluded). */
  events: SseEvent[];
  /** The `next` events' GraphQL results, in order. */
  results(): ExecutionResult<Record<string, unknown>>[];
  /** Resolves once `condition` holds for the events so far; fails past `timeoutMs` or when the stream ends first. */
  until(condition: (events: SseEvent[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Whether the server ended the stream. */
  ended(): boolean;
  close(): void;
}

export interface SseOptions {
  method?: 'GET' | 'POST';
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export async function subscribeSse(
  endpoint: string,
  query: string,
  { method = 'POST', variables, headers = {} }: SseOptions = {},
): Promise<SseSubscription> {
  const controller = new AbortController();
  const url = new URL(endpoint);
  if (method === 'GET') {
    url.searchParams.set('query', query);
    if (variables !== undefined) url.searchParams.set('variables', JSON.stringify(variables));
  }
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'text/event-stream',
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: method === 'POST' ? JSON.stringify({ query, variables }) : undefined,
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const waiting = new Set<() => void>();
  let done = false;
  const wake = () => {
    for (const waiter of [...waiting]) waiter();
  };

  void (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    let current: SseEvent = { event: 'message', data: '' };
    let hasData = false;
    const reader = response.body?.getReader();
    try {
      for (let read = await reader?.read(); read !== undefined && !read.done; read = await reader?.read()) {
        buffered += decoder.decode(read.value, { stream: true });
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).replace(/\r$/, '');
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
          if (line === '') {
            if (hasData) events.push(current);
            current = { event: 'message', data: '' };
            hasData = false;
            continue;
          }
          if (line.startsWith(':')) continue;
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') current.event = value;
          if (field === 'data') {
            current.data = hasData ? `${current.data}\n${value}` : value;
            hasData = true;
          }
        }
        wake();
      }
    } catch {
      // Aborted by close(), or the connection dropped: either way the stream is over.
    }
    done = true;
    wake();
  })();

  return {
    status: response.status,
    headers: response.headers,
    events,
    results: () =>
      events
        .filter((event) => event.event === 'next')
        .map((event) => JSON.parse(event.data) as ExecutionResult<Record<string, unknown>>),
    until(condition, timeoutMs = 20_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (condition(events)) finish(resolve);
          else if (done) finish(() => reject(new Error(`stream ended first: ${JSON.stringify(events)}`)));
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no such events within ${timeoutMs} ms: ${JSON.stringify(events)}`))),
          timeoutMs,
        );
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiting.delete(check);
          settle();
        };
        waiting.add(check);
        check();
      });
    },
    ended: () => done,
    close: () => controller.abort(),
  };
}
