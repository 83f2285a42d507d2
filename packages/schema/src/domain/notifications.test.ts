import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { endpointWants, notificationEvent, parseEventTypes } from './notifications.js';

const published = new Date('2026-03-01T10:00:00Z');
const effective = new Date('2026-04-01T00:00:00Z');
const version = {
  kind: 'version' as const,
  id: 'v1',
  document: 'terms of use',
  label: '2026-04',
  comparedWith: '2026-01',
  material: true,
  publishedAt: published,
  effectiveAt: effective,
};

describe('notificationEvent', () => {
  it('announces a publication at once, with the public identifiers and site links', () => {
    const row = notificationEvent('version.published', version, published);
    expect(row).toMatchObject({ type: 'version.published', subjectKey: 'version:v1', material: true });
    expect(row.dueAt).toEqual(published);
    expect(JSON.parse(row.payload)).toEqual({
      type: 'version.published',
      timestamp: '2026-03-01T10:00:00.000Z',
      data: {
        id: 'v1',
        document: 'terms of use',
        label: '2026-04',
        material: true,
        publishedAt: '2026-03-01T10:00:00.000Z',
        effectiveAt: '2026-04-01T00:00:00.000Z',
        links: {
          page: '/documents/terms%20of%20use/2026-04/',
          changes: '/documents/terms%20of%20use/2026-04/changes/',
          document: '/documents/terms%20of%20use/',
        },
      },
    });
  });

  it('links no comparison for a first version (it has no changes page)', () => {
    const row = notificationEvent('version.published', { ...version, comparedWith: null }, published);
    expect(JSON.parse(row.payload).data.links.changes).toBeNull();
  });

  it('makes "in effect" due at the effective date, stamped with it', () => {
    const row = notificationEvent('version.in_effect', version, published);
    expect(row.dueAt).toEqual(effective);
    expect(JSON.parse(row.payload).timestamp).toBe('2026-04-01T00:00:00.000Z');
  });

  it('describes revisions and consent releases', () => {
    const revision = notificationEvent(
      'revision.published',
      {
        kind: 'revision',
        id: 'r1',
        feature: 'assist',
        number: 3,
        material: false,
        publishedAt: published,
        effectiveAt: effective,
      },
      published,
    );
    expect(JSON.parse(revision.payload).data.links.page).toBe('/ai-features/assist/#revision-3');
    const release = notificationEvent(
      'consent_release.published',
      { kind: 'consent_release', id: 'c1', releasedAt: published, correction: true, rows: 12 },
      published,
    );
    expect(release).toMatchObject({ subjectKey: 'consent_release:c1', material: false });
    expect(JSON.parse(release.payload).data).toMatchObject({ kind: 'CORRECTION', rows: 12 });
  });

  it('refuses a type that does not fit the subject', () => {
    expect(() => notificationEvent('revision.published', version, published)).toThrow(DomainError);
  });
});

describe('endpoint filters', () => {
  it('takes every type when empty, else only the listed ones', () => {
    expect(endpointWants('', 'version.published')).toBe(true);
    expect(endpointWants('version.published, revision.published', 'revision.published')).toBe(true);
    expect(endpointWants('version.published', 'version.withdrawn')).toBe(false);
    expect(parseEventTypes('version.published,nonsense')).toEqual(['version.published']);
  });
});
