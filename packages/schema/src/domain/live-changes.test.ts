import { describe, expect, it } from 'vitest';
import { type ChangeFilter, changeMatches, subjectOf } from './live-changes.js';

const everything: ChangeFilter = { segment: null, document: null, feature: null, types: null };
const version = {
  type: 'version.published' as const,
  scope: { documents: ['terms'], features: [], segments: ['consumer', 'business'] },
};
const revision = {
  type: 'revision.in_effect' as const,
  scope: { documents: [], features: ['summary'], segments: ['business'] },
};
const release = {
  type: 'consent_release.published' as const,
  scope: { documents: [], features: ['summary', 'compose'], segments: ['consumer'] },
};

describe('changeMatches', () => {
  it('keeps every change without a filter', () => {
    for (const change of [version, revision, release]) expect(changeMatches(everything, change)).toBe(true);
  });

  it('keeps only the changes about a document or a feature, and either when given both', () => {
    const byDocument = { ...everything, document: 'terms' };
    expect([version, revision, release].map((c) => changeMatches(byDocument, c))).toEqual([true, false, false]);
    expect(changeMatches({ ...everything, document: 'privacy' }, version)).toBe(false);
    const byFeature = { ...everything, feature: 'summary' };
    expect([version, revision, release].map((c) => changeMatches(byFeature, c))).toEqual([false, true, true]);
    const both = { ...everything, document: 'terms', feature: 'compose' };
    expect([version, revision, release].map((c) => changeMatches(both, c))).toEqual([true, false, true]);
  });

  it('keeps the changes that apply to a segment', () => {
    const business = { ...everything, segment: 'business' };
    expect([version, revision, release].map((c) => changeMatches(business, c))).toEqual([true, true, false]);
    expect(changeMatches({ ...everything, segment: 'education' }, version)).toBe(false);
    expect(changeMatches({ ...everything, segment: 'consumer', feature: 'summary' }, revision)).toBe(false);
  });

  it('keeps only the listed types', () => {
    const published = { ...everything, types: ['version.published', 'consent_release.published'] as const };
    expect([version, revision, release].map((c) => changeMatches(published, c))).toEqual([true, false, true]);
  });
});

describe('subjectOf', () => {
  it('reads the kind and id of a subject key', () => {
    expect(subjectOf('version:abc')).toEqual({ kind: 'version', id: 'abc' });
    expect(subjectOf('consent_release:x:y')).toEqual({ kind: 'consent_release', id: 'x:y' });
    expect(subjectOf('version:')).toBeNull();
    expect(subjectOf('checkpoint:1')).toBeNull();
    expect(subjectOf('version')).toBeNull();
  });
});
