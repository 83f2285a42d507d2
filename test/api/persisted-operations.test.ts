import { isPersistedDocument, MANIFEST_PATH, sha256Hex, sitePersistedOperations } from '@candor/api';
import { describe, expect, it } from 'vitest';
import { send, useInstance } from '../helpers/shared-state.js';
import { useTestApi } from '../helpers/testkit.js';

const organizationDocument = [...sitePersistedOperations().byHash.values()].find((document) =>
  document.includes('query SiteOrganization'),
) as string;
const organizationHash = sha256Hex(organizationDocument);
const byHash = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Body {
  data?: { organization?: { name: string } } | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

describe('persisted operations', () => {
  const api = useTestApi();
  // A tiny cost limit: the site's bulk operations pass only because they are trusted documents.
  const yoga = useInstance(api, { CANDOR_RESPONSE_CACHE: true, CANDOR_MAX_COST: 50 });

  it('publishes the manifest: hash → document, with an ETag, to any origin', async () => {
    const response = await yoga.current.fetch(`http://yoga${MANIFEST_PATH}`, {
      headers: { origin: 'https://partner.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const manifest = (await response.json()) as Record<string, string>;
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(4);
    for (const [hash, document] of Object.entries(manifest)) expect(sha256Hex(document)).toBe(hash);
    expect(manifest[organizationHash]).toBe(organizationDocument);
    const etag = response.headers.get('etag') ?? '';
    const again = await yoga.current.fetch(`http://yoga${MANIFEST_PATH}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('runs an operation by its hash over POST, choosing it by operationName', async () => {
    const response = await send(yoga.current, {
      extensions: byHash(organizationHash),
      operationName: 'SiteOrganization',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    expect(body.errors).toBeUndefined();
    expect(body.data?.organization?.name).toBeTruthy();
  });

  it('runs an operation by its hash over GET, cacheable by CDNs and by the response cache', async () => {
    const request = { method: 'GET' as const, extensions: byHash(organizationHash), operationName: 'SiteOrganization' };
    const first = await send(yoga.current, request);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(first.headers.get('etag')).toBeTruthy();
    const second = await send(yoga.current, request);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.text()).toBe(await first.text());
    const revalidated = await send(yoga.current, {
      ...request,
      headers: { 'if-none-match': first.headers.get('etag') ?? '' },
    });
    expect(revalidated.status).toBe(304);
  });

  it.each(['GET', 'POST'] as const)(
    'refuses an unknown hash over %s with PERSISTED_QUERY_NOT_FOUND',
    async (method) => {
      const response = await send(yoga.current, { method, extensions: byHash('0'.repeat(64)) });
      expect(response.status).toBe(404);
      const body = (await response.json()) as Body;
      expect(body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(body.errors?.[0]?.message).toMatch(/persisted-operations\.json/);
    },
  );

  it('still answers documents sent in full, and refuses a request with neither document nor hash', async () => {
    expect((await send(yoga.current, { query: '{ segments { key } }' })).status).toBe(200);
    // The same answer as yoga gives without persisted operations (400, or 200 for application/json).
    const empty = await send(yoga.current, { headers: { accept: 'application/graphql-response+json' } });
    expect(empty.status).toBe(400);
    const error = ((await empty.json()) as Body).errors?.[0];
    expect(error).toMatchObject({ message: 'Must provide query string.', extensions: { code: 'BAD_REQUEST' } });
  });

  it('exempts exactly the persisted documents from the cost limit', async () => {
    expect(isPersistedDocument(organizationDocument)).toBe(true);
    const trusted = await send(yoga.current, { query: organizationDocument, operationName: 'SiteOrganization' });
    expect(((await trusted.json()) as Body).errors).toBeUndefined();
    const altered = await send(yoga.current, { query: `${organizationDocument}\n`, operationName: 'SiteOrganization' });
    expect(((await altered.json()) as Body).errors?.[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
  });
});
