import { createCandorYoga, createLogger } from '@candor/api';
import { describe, expect, it } from 'vitest';
import { testSigner, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
// Values are Go floats: NaN and Inf in any case (prom-client writes `Nan`).
const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([+-]?(?:[0-9.]+(?:[eE][+-]?[0-9]+)?|[Ii][Nn][Ff]|[Nn][Aa][Nn]))(?: -?[0-9]+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line is a
 * HELP or TYPE comment for a well-formed metric name, or a sample with well-formed labels and a
 * number; each family is declared before its samples. Throws on anything else.
 */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const declared = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('# HELP ')) {
      const [name] = line.slice(7).split(' ');
      if (name === undefined || !METRIC_NAME.test(name)) throw new Error(`bad HELP line: ${line}`);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (name === undefined || !METRIC_NAME.test(name) || type === undefined || !TYPES.has(type)) {
        throw new Error(`bad TYPE line: ${line}`);
      }
      declared.set(name, type);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`bad sample line: ${line}`);
    const [, name = '', labelText = '', value = ''] = match;
    const family = name.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!declared.has(name) && !declared.has(family)) throw new Error(`sample before its TYPE: ${line}`);
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const label = LABEL.exec(labelText);
      if (label === null) throw new Error(`bad labels: ${line}`);
      labels[label[1] ?? ''] = label[2] ?? '';
    }
    samples.push({ name, labels, value: Number(value) });
  }
  return samples;
}

const scrape = async () => {
  const response = await api.current.yoga.fetch('http://yoga/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
};

const sampleSum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);

const post = (query: string) =>
  api.current.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });

describe('GET /metrics', () => {
  it('counts requests by method, route and status, and times them', async () => {
    const graphqlOk = { method: 'POST', route: '/graphql', status: '200' };
    const before = await scrape();
    for (let i = 0; i < 3; i += 1) expect((await post('{ segments { key } }')).status).toBe(200);
    await api.current.yoga.fetch('http://yoga/healthz');
    const after = await scrape();
    expect(sampleSum(after, 'candor_http_requests_total', graphqlOk)).toBe(
      sampleSum(before, 'candor_http_requests_total', graphqlOk) + 3,
    );
    expect(sampleSum(after, 'candor_http_requests_total', { route: '/healthz', status: '200' })).toBe(
      sampleSum(before, 'candor_http_requests_total', { route: '/healthz', status: '200' }) + 1,
    );
    // The previous scrape is a request too.
    expect(sampleSum(after, 'candor_http_requests_total', { route: '/metrics' })).toBeGreaterThanOrEqual(1);
    const timed = { method: 'POST', route: '/graphql' };
    expect(sampleSum(after, 'candor_http_request_duration_seconds_count', timed)).toBe(
      sampleSum(before, 'candor_http_request_duration_seconds_count', timed) + 3,
    );
    expect(sampleSum(after, 'candor_http_request_duration_seconds_sum', timed)).toBeGreaterThan(
      sampleSum(before, 'candor_http_request_duration_seconds_sum', timed),
    );
  });

  it('counts GraphQL errors by extensions.code', async () => {
    const before = await scrape();
    const notFound = (await (await post('{ document(slug: "no-such-document") { title } }')).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(notFound.errors[0]?.extensions.code).toBe('NOT_FOUND');
    await post('{ segments { nonsense } }');
    const after = await scrape();
    expect(sampleSum(after, 'candor_graphql_errors_total', { code: 'NOT_FOUND' })).toBe(
      sampleSum(before, 'candor_graphql_errors_total', { code: 'NOT_FOUND' }) + 1,
    );
    expect(sampleSum(after, 'candor_graphql_errors_total')).toBe(sampleSum(before, 'candor_graphql_errors_total') + 2);
  });

  it('never labels a series with a raw path', async () => {
    await api.current.yoga.fetch('http://yoga/some/random/path-4f2a9c');
    await api.current.yoga.fetch('http://yoga/graphql/../../etc/passwd');
    const samples = await scrape();
    const routes = new Set(
      samples.flatMap((sample) => (sample.labels.route === undefined ? [] : [sample.labels.route])),
    );
    expect(
      [...routes].every((route) => ['/graphql', '/healthz', '/readyz', '/metrics', 'site', 'other'].includes(route)),
    ).toBe(true);
    expect(sampleSum(samples, 'candor_http_requests_total', { route: 'other' })).toBeGreaterThanOrEqual(1);
  });

  it('shows the cache, rate-limit and query-limit counters and the process metrics', async () => {
    const samples = await scrape();
    const names = new Set(samples.map((sample) => sample.name));
    for (const result of ['hit', 'miss']) {
      expect(samples.some((s) => s.name === 'candor_response_cache_total' && s.labels.result === result)).toBe(true);
    }
    for (const scope of ['token', 'ip']) {
      expect(samples.some((s) => s.name === 'candor_rate_limit_rejections_total' && s.labels.scope === scope)).toBe(
        true,
      );
    }
    const text = await (await api.current.yoga.fetch('http://yoga/metrics')).text();
    expect(text).toContain('# TYPE candor_query_limit_rejections_total counter');
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('is not served when CANDOR_METRICS=false', async () => {
    const yoga = createCandorYoga({
      database: api.current.database,
      env: { CANDOR_METRICS: false },
      clock: () => new Date(),
      logger: createLogger('silent'),
      signer: testSigner(),
    });
    const response = await yoga.fetch('http://yoga/metrics');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('candor_http_requests_total');
  });
});
