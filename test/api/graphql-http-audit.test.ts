/**
 * The GraphQL-over-HTTP conformance audit (graphql-http's `serverAudits`) against the real
 * server listening on a port: every MUST audit is its own test case; SHOULD and MAY audits are
 * reported, and any failure outside the documented list below fails the suite.
 */
import { type AuditResult, serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useListeningServer, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();
const server = useListeningServer(() => api.current.yoga);

/**
 * SHOULD/MAY audits Candor knowingly does not meet, and why (docs/partner-api.md, "HTTP endpoints"), keyed by
 * audit id. None: the params stage (apps/api/src/pipeline/params.ts) answers every malformed
 * request with 400, whatever media type it asked for; only a document that fails to parse or
 * validate is answered 200 to a client asking for the legacy `application/json`, as the spec says.
 */
const KNOWN_RECOMMENDATION_GAPS: Record<string, string> = {};

/** A script, not a browser: it may send the CSRF header on every request (docs/partner-api.md, "HTTP endpoints"). */
const fetchWithCsrfHeader = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('x-graphql-yoga-csrf', '1');
  return fetch(input, { ...init, headers });
};

const audits = serverAudits({ url: () => `${server.current.url}/graphql`, fetchFn: fetchWithCsrfHeader });
const describeFailure = (result: AuditResult) =>
  result.status === 'ok' ? 'ok' : `${result.reason}\n${JSON.stringify(result.response?.status ?? null)}`;

describe('GraphQL over HTTP audit (graphql-http)', () => {
  describe('MUST', () => {
    for (const audit of audits.filter((candidate) => candidate.name.startsWith('MUST'))) {
      it(`${audit.id}: ${audit.name}`, async () => {
        const result = await audit.fn();
        expect(result.status, describeFailure(result)).toBe('ok');
      });
    }
  });

  it('meets every SHOULD and MAY audit except the documented gaps', async () => {
    const recommendations = audits.filter((audit) => !audit.name.startsWith('MUST'));
    const results = await Promise.all(recommendations.map((audit) => audit.fn()));
    const failing = results.filter((result) => result.status !== 'ok');
    for (const result of failing) {
      console.info(`graphql-http ${result.id} ${result.name}: ${describeFailure(result)}`);
    }
    expect(failing.map((result) => result.id).sort()).toEqual(Object.keys(KNOWN_RECOMMENDATION_GAPS).sort());
  });
});
