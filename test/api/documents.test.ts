import { describe, expect, it } from 'vitest';
import { errorCode, useTestApi } from '../helpers/testkit.js';

const api = useTestApi();

interface VersionNode {
  label: string;
  effectiveAt: string;
  publishedAt: string;
  timing: string;
}

describe('documents and versions', () => {
  it('marks the organisation as sample data', async () => {
    const data = await api.current.execute<{ organization: { isSample: boolean; sampleNotice: string | null } }>(
      '{ organization { isSample sampleNotice } }',
    );
    expect(data.organization.isSample).toBe(true);
    expect(data.organization.sampleNotice).toMatch(/sample/i);
  });

  it('lists five segments in display order', async () => {
    const data = await api.current.execute<{ segments: { key: string }[] }>('{ segments { key name } }');
    expect(data.segments.map((s) => s.key)).toEqual(['consumer', 'business', 'enterprise', 'education', 'healthcare']);
  });

  it('lists versions newest first, including the upcoming one', async () => {
    const data = await api.current.execute<{ document: { versions: { edges: { node: VersionNode }[] } } }>(`{
      document(slug: "terms-of-service") {
        versions(first: 20) { edges { node { label effectiveAt publishedAt timing } } }
      }
    }`);
    const nodes = data.document.versions.edges.map((e) => e.node);
    expect(nodes.map((n) => n.label)).toEqual([
      'next',
      '2025-03',
      '2024-10',
      '2024-06',
      '2023-08',
      '2023-03',
      '2022-11',
    ]);
    expect(nodes.map((n) => n.timing)).toEqual([
      'UPCOMING',
      'IN_FORCE',
      'WITHDRAWN',
      'SUPERSEDED',
      'SUPERSEDED',
      'SUPERSEDED',
      'SUPERSEDED',
    ]);
  });

  it('pages through versions with cursors', async () => {
    type Page = {
      document: {
        versions: {
          edges: { cursor: string; node: { label: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const first = await api.current.execute<Page>(
      '{ document(slug: "terms-of-service") { versions(first: 4) { edges { cursor node { label } } pageInfo { hasNextPage endCursor } } } }',
    );
    expect(first.document.versions.edges).toHaveLength(4);
    expect(first.document.versions.pageInfo.hasNextPage).toBe(true);
    const second = await api.current.execute<Page>(
      `{ document(slug: "terms-of-service") { versions(first: 4, after: "${first.document.versions.pageInfo.endCursor}") { edges { cursor node { label } } pageInfo { hasNextPage endCursor } } } }`,
    );
    expect(second.document.versions.edges.map((e) => e.node.label)).toEqual(['2023-08', '2023-03', '2022-11']);
    expect(second.document.versions.pageInfo.hasNextPage).toBe(false);
  });

  it('returns the current and upcoming versions', async () => {
    const data = await api.current.execute<{ document: { current: { label: string }; upcoming: { label: string }[] } }>(
      '{ document(slug: "terms-of-service") { current(segment: "education") { label } upcoming { label } } }',
    );
    expect(data.document.current.label).toBe('2025-03');
    expect(data.document.upcoming.map((v) => v.label)).toEqual(['next']);
  });

  it('looks up the version in force on a date by effective date, not publication date', async () => {
    // 2023-03 was published on 1 March 2023 but only took effect on 31 March.
    const query = (date: string) =>
      api.current.execute<{ document: { asOf: { label: string } | null } }>(
        `{ document(slug: "terms-of-service") { asOf(date: "${date}", segment: "education") { label } } }`,
      );
    expect((await query('2023-03-15')).document.asOf?.label).toBe('2022-11');
    expect((await query('2023-03-31')).document.asOf?.label).toBe('2023-03');
    expect((await query('2023-03-30')).document.asOf?.label).toBe('2022-11');
    expect((await query('2022-12-31')).document.asOf).toBeNull();
    expect((await query('2023-06-01')).document.asOf?.label).toBe('2023-03');
  });

  it('answers the AI-training question for education on 2023-06-01 in one request', async () => {
    const data = await api.current.execute<{
      document: {
        asOf: {
          label: string;
          clause: { number: string; body: string };
          explanation: { summary: string };
          next: {
            label: string;
            changes: { changes: { key: string; kind: string }[] };
            explanation: { whatChanges: string };
          };
        };
      };
    }>(`{
      document(slug: "terms-of-service") {
        asOf(date: "2023-06-01", segment: "education") {
          label
          clause(key: "10.4") { number heading body }
          explanation(segment: "education") { summary }
          next {
            label effectiveAt
            explanation(segment: "education") { whatChanges }
            changes { changes { key kind } }
          }
        }
      }
    }`);
    const version = data.document.asOf;
    expect(version.label).toBe('2023-03');
    expect(version.clause.body).toMatch(/machine learning|artificial intelligence/i);
    expect(version.next.label).toBe('2023-08');
    expect(version.next.changes.changes.find((c) => c.key === '10.4')?.kind).toBe('MODIFIED');
    expect(version.next.explanation.whatChanges.length).toBeGreaterThan(0);
  });

  it('finds a version by label, clauses by key, and walks previous/next', async () => {
    const data = await api.current.execute<{
      document: {
        version: {
          previous: { label: string };
          next: { label: string };
          clauses: { key: string }[];
          contentHash: string;
          previousHash: string;
        };
      };
    }>(`{
      document(slug: "terms-of-service") {
        version(label: "2023-08") {
          previous { label contentHash }
          next { label }
          clauses(keys: ["10.4", "10.5", "missing"]) { key }
          contentHash previousHash
        }
      }
    }`);
    const version = data.document.version;
    expect(version.previous.label).toBe('2023-03');
    expect(version.next.label).toBe('2024-06');
    expect(version.clauses.map((c) => c.key)).toEqual(['10.4', '10.5']);
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(version.previousHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares two versions clause by clause', async () => {
    const data = await api.current.execute<{
      document: {
        compare: {
          summary: Record<string, number>;
          changes: {
            key: string;
            kind: string;
            moved: boolean;
            renumbered: boolean;
            bodyDiff: { op: string; text: string }[] | null;
          }[];
        };
      };
    }>(`{
      document(slug: "terms-of-service") {
        compare(from: "2022-11", to: "2023-03") {
          summary { added removed modified moved unchanged }
          changes { key kind moved renumbered bodyDiff { op text } }
        }
      }
    }`);
    const { summary, changes } = data.document.compare;
    expect(summary.added).toBeGreaterThanOrEqual(2);
    expect(summary.moved).toBeGreaterThanOrEqual(1);
    const licence = changes.find((c) => c.key === '10.1');
    expect(licence?.kind).toBe('MODIFIED');
    expect(licence?.bodyDiff?.some((part) => part.op === 'INSERT' && /redistribute/.test(part.text))).toBe(true);
    expect(changes.find((c) => c.key === '10.4')?.kind).toBe('ADDED');
  });

  it('compares a version with itself as no changes', async () => {
    const data = await api.current.execute<{
      document: { compare: { changes: unknown[]; summary: { unchanged: number } } };
    }>(
      '{ document(slug: "terms-of-service") { compare(from: "2023-08", to: "2023-08") { changes { key } summary { unchanged } } } }',
    );
    expect(data.document.compare.changes).toEqual([]);
    expect(data.document.compare.summary.unchanged).toBeGreaterThan(10);
  });

  it('refuses a comparison whose from is after to', async () => {
    const result = await api.current.request(
      '{ document(slug: "terms-of-service") { compare(from: "2024-06", to: "2023-03") { from } } }',
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('from');
  });
});
