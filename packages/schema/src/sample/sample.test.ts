import { describe, expect, it } from 'vitest';

import { SEGMENT_KEYS } from '../domain/types.js';
import { sampleConsentRows } from './consent.js';
import { sampleData } from './index.js';
import { CONSENT_SENTENCE, termsOfService } from './terms-of-service.js';
import type { SampleDocument, SampleVersion } from './types.js';
import { upcomingTermsVersion } from './upcoming.js';

const NOW = new Date('2026-01-15T12:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const data = sampleData(NOW);

function time(iso: string): number {
  return new Date(iso).getTime();
}

function getDocument(slug: string): SampleDocument {
  const found = data.documents.find((d) => d.slug === slug);
  if (!found) {
    throw new Error(`missing document ${slug}`);
  }
  return found;
}

/** The latest version effective on `date` ("the terms on date D"). */
function versionInForce(doc: SampleDocument, date: string): SampleVersion | undefined {
  let current: SampleVersion | undefined;
  for (const version of doc.versions) {
    if (time(version.effectiveAt) <= time(date)) {
      current = version;
    }
  }
  return current;
}

function clauseOf(version: SampleVersion, key: string) {
  return version.clauses.find((c) => c.key === key);
}

describe('sample organisation', () => {
  it('is clearly labelled as fictional sample data', () => {
    expect(data.organization.isSample).toBe(true);
    expect(data.organization.name).toContain('(sample)');
    expect(data.organization.description).toMatch(/fictional/i);
    expect(data.organization.description).toMatch(/2023/);
    expect(new URL(data.organization.website).hostname.endsWith('example.com')).toBe(true);
  });

  it('has exactly the five segments in order', () => {
    expect(data.segments.map((s) => s.key)).toEqual([...SEGMENT_KEYS]);
    for (const segment of data.segments) {
      expect(segment.name.length).toBeGreaterThan(0);
      expect(segment.description.length).toBeGreaterThan(0);
    }
  });

  it('has editors with every role, all at example.com', () => {
    const roles = new Set(data.editors.map((e) => e.role));
    expect(roles).toEqual(new Set(['editor', 'publisher', 'admin']));
    for (const editor of data.editors) {
      expect(editor.email.endsWith('@example.com')).toBe(true);
    }
    expect(new Set(data.editors.map((e) => e.email)).size).toBe(data.editors.length);
  });
});

describe('documents and versions', () => {
  it('has the terms (5 published + 1 upcoming) and the privacy statement (2)', () => {
    expect(data.documents.map((d) => d.slug)).toEqual(['terms-of-service', 'privacy-statement']);
    expect(getDocument('terms-of-service').versions.map((v) => v.label)).toEqual([
      '2022-11',
      '2023-03',
      '2023-08',
      '2024-06',
      '2025-03',
      'next',
    ]);
    expect(getDocument('privacy-statement').versions.map((v) => v.label)).toEqual(['2023-01', '2023-08']);
  });

  const editorEmails = new Set(data.editors.map((e) => e.email));

  for (const doc of data.documents) {
    describe(doc.slug, () => {
      it('has unique version labels, ordered by effectiveAt', () => {
        expect(new Set(doc.versions.map((v) => v.label)).size).toBe(doc.versions.length);
        for (let i = 1; i < doc.versions.length; i += 1) {
          const previous = doc.versions[i - 1];
          const current = doc.versions[i];
          expect(previous && current).toBeTruthy();
          if (previous && current) {
            expect(time(current.effectiveAt)).toBeGreaterThan(time(previous.effectiveAt));
            expect(time(current.publishedAt)).toBeGreaterThanOrEqual(time(previous.publishedAt));
          }
        }
      });

      for (const version of doc.versions) {
        describe(version.label, () => {
          it('has valid ISO dates, publishedAt <= effectiveAt, and respects the notice period if material', () => {
            expect(new Date(version.publishedAt).toISOString()).toBe(version.publishedAt);
            expect(new Date(version.effectiveAt).toISOString()).toBe(version.effectiveAt);
            expect(time(version.publishedAt)).toBeLessThanOrEqual(time(version.effectiveAt));
            if (version.material) {
              expect(time(version.effectiveAt)).toBeGreaterThanOrEqual(
                time(version.publishedAt) + doc.noticePeriodDays * DAY_MS,
              );
            }
          });

          it('has unique clause keys and numbers and non-empty text', () => {
            expect(version.clauses.length).toBeGreaterThan(0);
            expect(new Set(version.clauses.map((c) => c.key)).size).toBe(version.clauses.length);
            expect(new Set(version.clauses.map((c) => c.number)).size).toBe(version.clauses.length);
            for (const c of version.clauses) {
              expect(c.heading.trim().length).toBeGreaterThan(0);
              expect(c.body.trim().length).toBeGreaterThan(0);
              expect(c.body).not.toMatch(/\n{3,}/);
            }
          });

          it('lists clauses in increasing number order', () => {
            const numbers = version.clauses.map((c) => c.number.split('.').map(Number));
            for (let i = 1; i < numbers.length; i += 1) {
              const a = numbers[i - 1] ?? [];
              const b = numbers[i] ?? [];
              const major = (b[0] ?? 0) - (a[0] ?? 0);
              const minor = (b[1] ?? 0) - (a[1] ?? 0);
              expect(major > 0 || (major === 0 && minor > 0)).toBe(true);
            }
          });

          it('explains the version for all five segments', () => {
            expect(Object.keys(version.explanations).sort()).toEqual([...SEGMENT_KEYS].sort());
            const first = doc.versions[0] === version;
            for (const segment of SEGMENT_KEYS) {
              const explanation = version.explanations[segment];
              expect(explanation.summary.trim().length).toBeGreaterThan(0);
              if (first) {
                expect(explanation.whatChanges).toBe('');
                expect(explanation.affected).toBe(false);
              } else {
                expect(explanation.whatChanges.trim().length).toBeGreaterThan(0);
              }
            }
          });

          it('is written by a sample editor', () => {
            expect(editorEmails.has(version.author)).toBe(true);
            expect(version.changeNote.trim().length).toBeGreaterThan(0);
          });
        });
      }
    });
  }
});

describe('terms of service history', () => {
  const versions = termsOfService.versions;
  const byLabel = (label: string): SampleVersion => {
    const found = versions.find((v) => v.label === label);
    if (!found) {
      throw new Error(`missing version ${label}`);
    }
    return found;
  };

  it('keeps the customer content licence (10.1) in every version', () => {
    for (const version of getDocument('terms-of-service').versions) {
      expect(clauseOf(version, '10.1')).toBeDefined();
    }
  });

  it('introduces the AI clauses in the right versions', () => {
    const present = (label: string, key: string) => clauseOf(byLabel(label), key) !== undefined;
    expect(present('2022-11', '10.4')).toBe(false);
    expect(present('2023-03', '10.4')).toBe(true);
    expect(present('2023-03', '10.5')).toBe(false);
    expect(present('2023-08', '10.5')).toBe(true);
    expect(present('2023-08', '10.6')).toBe(true);
    expect(present('2023-08', '10.7')).toBe(false);
    expect(present('2024-06', '10.7')).toBe(true);
  });

  it('has the broad licence in 2023-03 and the consent sentence from 2023-08', () => {
    expect(clauseOf(byLabel('2022-11'), '10.1')?.body).toContain('solely to provide the Services');
    expect(clauseOf(byLabel('2023-03'), '10.1')?.body).toContain(
      'redistribute, publish, import, access, use, store, transmit, review, disclose, preserve, extract, modify, reproduce, share, display, copy, distribute, translate, transcribe, create derivative works, and process',
    );
    expect(clauseOf(byLabel('2023-03'), '10.4')?.body).toContain('training and tuning of algorithms and models');
    expect(clauseOf(byLabel('2023-03'), '10.4')?.body).not.toContain(CONSENT_SENTENCE);
    expect(clauseOf(byLabel('2023-08'), '10.4')?.body).toContain(CONSENT_SENTENCE);
    expect(clauseOf(byLabel('2024-06'), '10.7')?.body).toContain('Acme Models (sample)');
  });

  it('renumbers and moves clauses in 2023-03 while keeping their keys', () => {
    const before = byLabel('2022-11');
    const after = byLabel('2023-03');
    expect(clauseOf(before, '14')?.number).toBe('14');
    expect(clauseOf(after, '14')?.number).toBe('15');
    const position = (v: SampleVersion, key: string) => v.clauses.findIndex((c) => c.key === key);
    expect(position(before, '5')).toBeGreaterThan(position(before, '3'));
    expect(position(after, '5')).toBeLessThan(position(after, '3'));
  });

  it('keeps unchanged clauses byte-identical between consecutive versions', () => {
    const unchanged = (label: string, previousLabel: string) => {
      const previous = byLabel(previousLabel);
      return byLabel(label).clauses.filter((c) => {
        const old = clauseOf(previous, c.key);
        return old !== undefined && old.body === c.body && old.heading === c.heading && old.number === c.number;
      }).length;
    };
    // Most of the text is carried over; only a handful of clauses change each time.
    expect(unchanged('2023-03', '2022-11')).toBeGreaterThanOrEqual(8);
    expect(unchanged('2023-08', '2023-03')).toBeGreaterThanOrEqual(14);
    expect(unchanged('2024-06', '2023-08')).toBeGreaterThanOrEqual(15);
    expect(unchanged('2025-03', '2024-06')).toBeGreaterThanOrEqual(16);
    expect(clauseOf(byLabel('2025-03'), '7')?.body).toBe(clauseOf(byLabel('2022-11'), '7')?.body);
  });

  it('makes version 2025-03 an editorial, non-material change that affects nobody', () => {
    const v5 = byLabel('2025-03');
    expect(v5.material).toBe(false);
    expect(v5.publishedAt).toBe(v5.effectiveAt);
    for (const segment of SEGMENT_KEYS) {
      expect(v5.explanations[segment].affected).toBe(false);
    }
    expect(clauseOf(v5, '12')?.body).toContain('On termination,');
    expect(clauseOf(byLabel('2024-06'), '12')?.body).toContain('On terminaton,');
  });

  it('marks the 2023-03 and 2023-08 changes as affecting every segment', () => {
    for (const label of ['2023-03', '2023-08']) {
      for (const segment of SEGMENT_KEYS) {
        expect(byLabel(label).explanations[segment].affected).toBe(true);
      }
    }
  });
});

describe('upcoming terms version', () => {
  it('is published 3 whole days before now and effective 45 days after, and is material', () => {
    const upcoming = upcomingTermsVersion(NOW);
    const today = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate());
    expect(upcoming.label).toBe('next');
    expect(time(upcoming.publishedAt)).toBe(today - 3 * DAY_MS);
    expect(time(upcoming.effectiveAt)).toBe(today + 45 * DAY_MS);
    expect(upcoming.material).toBe(true);
  });

  it('is appended last to the terms and is not yet in force at now', () => {
    const terms = getDocument('terms-of-service');
    expect(terms.versions.at(-1)?.label).toBe('next');
    expect(versionInForce(terms, NOW.toISOString())?.label).toBe('2025-03');
  });

  it('works with the real clock too', () => {
    const live = sampleData();
    expect(live.documents[0]?.versions.at(-1)?.label).toBe('next');
  });
});

describe('features', () => {
  it('has meeting summary and team chat compose', () => {
    expect(data.features.map((f) => f.slug)).toEqual(['meeting-summary', 'team-chat-compose']);
  });

  for (const feature of data.features) {
    describe(feature.slug, () => {
      it('numbers revisions 1..n in effective order', () => {
        expect(feature.revisions.map((r) => r.number)).toEqual(feature.revisions.map((_, i) => i + 1));
        for (let i = 1; i < feature.revisions.length; i += 1) {
          const previous = feature.revisions[i - 1];
          const current = feature.revisions[i];
          if (previous && current) {
            expect(time(current.effectiveAt)).toBeGreaterThan(time(previous.effectiveAt));
          }
        }
        for (const revision of feature.revisions) {
          expect(time(revision.publishedAt)).toBeLessThanOrEqual(time(revision.effectiveAt));
        }
      });

      it('states facts for all five segments', () => {
        for (const revision of feature.revisions) {
          expect(Object.keys(revision.facts).sort()).toEqual([...SEGMENT_KEYS].sort());
          for (const segment of SEGMENT_KEYS) {
            const facts = revision.facts[segment];
            expect(facts.whatItDoes.trim().length).toBeGreaterThan(0);
            expect(facts.retention.trim().length).toBeGreaterThan(0);
            expect(facts.humanReviewDetail.trim().length).toBeGreaterThan(0);
            expect(facts.nonConsentDetail.trim().length).toBeGreaterThan(0);
            expect(facts.governingClauses.length).toBeGreaterThan(0);
            if (facts.sharedWithVendor) {
              expect(facts.vendorName).not.toBeNull();
            } else {
              expect(facts.vendorName).toBeNull();
              expect(facts.trainsVendorModels).toBe(false);
            }
          }
        }
      });

      it('only references clauses that exist in the version in force at each revision', () => {
        for (const revision of feature.revisions) {
          for (const segment of SEGMENT_KEYS) {
            for (const ref of revision.facts[segment].governingClauses) {
              const inForce = versionInForce(getDocument(ref.document), revision.effectiveAt);
              expect(inForce, `${feature.slug} r${revision.number} ${segment} ${ref.document}`).toBeDefined();
              expect(
                inForce && clauseOf(inForce, ref.key),
                `${feature.slug} r${revision.number} ${segment} ${ref.document} ${ref.key}`,
              ).toBeTruthy();
            }
          }
        }
      });
    });
  }

  it('stops first-party training for consumers after the August 2023 terms', () => {
    const summary = data.features.find((f) => f.slug === 'meeting-summary');
    expect(summary?.revisions[0]?.facts.consumer.trainsFirstPartyModels).toBe(true);
    expect(summary?.revisions[1]?.facts.consumer.trainsFirstPartyModels).toBe(false);
    expect(summary?.revisions[0]?.facts.business.nonConsentOption).toBe('leave_only');
  });

  it('uses the third-party vendor without vendor training for team chat compose once generally available', () => {
    const compose = data.features.find((f) => f.slug === 'team-chat-compose');
    const latest = compose?.revisions.at(-1);
    expect(latest?.facts.business.availability).toBe('generally_available');
    expect(latest?.facts.business.sharedWithVendor).toBe(true);
    expect(latest?.facts.business.vendorName).toBe('Acme Models (sample)');
    expect(latest?.facts.business.trainsVendorModels).toBe(false);
    expect(latest?.facts.healthcare.availability).toBe('not_offered');
  });
});

describe('consent statistics', () => {
  const rows = data.consent;

  it('has 24 months × 2 features × 5 segments = 240 unique rows', () => {
    expect(rows).toHaveLength(240);
    const keys = new Set(rows.map((r) => `${r.feature}/${r.segment}/${r.period}`));
    expect(keys.size).toBe(240);
    const periods = [...new Set(rows.map((r) => r.period))].sort();
    expect(periods).toHaveLength(24);
    expect(periods[0]).toBe('2023-09');
    expect(periods.at(-1)).toBe('2025-08');
  });

  it('is deterministic', () => {
    expect(sampleConsentRows()).toEqual(rows);
  });

  it('has non-negative integers and owner counts that add up to the eligible accounts', () => {
    for (const row of rows) {
      const counts = [
        row.accountsEligible,
        row.ownersEnabled,
        row.ownersDisabled,
        row.ownersUndecided,
        row.participantsJoined ?? 0,
        row.participantsLeft ?? 0,
      ];
      for (const n of counts) {
        expect(Number.isInteger(n) && n >= 0).toBe(true);
      }
      expect(row.ownersEnabled + row.ownersDisabled + row.ownersUndecided).toBe(row.accountsEligible);
    }
  });

  it('has participant outcomes only for meeting summary', () => {
    for (const row of rows) {
      if (row.feature === 'meeting-summary') {
        expect(row.participantsJoined).not.toBeNull();
        expect(row.participantsLeft).not.toBeNull();
      } else {
        expect(row.participantsJoined).toBeNull();
        expect(row.participantsLeft).toBeNull();
      }
    }
  });

  it('has zero rows where a feature is not offered', () => {
    const healthcareCompose = rows.filter((r) => r.feature === 'team-chat-compose' && r.segment === 'healthcare');
    expect(healthcareCompose).toHaveLength(24);
    for (const row of healthcareCompose) {
      expect(row.accountsEligible).toBe(0);
    }
    const earlyHealthcareSummary = rows.find(
      (r) => r.feature === 'meeting-summary' && r.segment === 'healthcare' && r.period === '2024-05',
    );
    expect(earlyHealthcareSummary?.accountsEligible).toBe(0);
    const laterHealthcareSummary = rows.find(
      (r) => r.feature === 'meeting-summary' && r.segment === 'healthcare' && r.period === '2024-06',
    );
    expect(laterHealthcareSummary?.accountsEligible).toBeGreaterThan(0);
  });

  it('has large consumer and business numbers and several small cells that need suppression', () => {
    const consumer = rows.find(
      (r) => r.feature === 'meeting-summary' && r.segment === 'consumer' && r.period === '2025-08',
    );
    expect(consumer?.accountsEligible).toBeGreaterThan(10_000);
    const small = rows.flatMap((r) =>
      [r.ownersEnabled, r.ownersDisabled, r.ownersUndecided, r.participantsJoined, r.participantsLeft].filter(
        (n): n is number => n !== null && n >= 1 && n <= 9,
      ),
    );
    expect(small.length).toBeGreaterThanOrEqual(5);
    const smallRows = rows.filter((r) => r.accountsEligible >= 1 && r.accountsEligible <= 9);
    expect(smallRows.length).toBeGreaterThan(0);
  });

  it('shows growing adoption for business meeting summary', () => {
    const business = rows.filter((r) => r.feature === 'meeting-summary' && r.segment === 'business');
    const first = business[0];
    const last = business.at(-1);
    expect(first && last && last.ownersEnabled > first.ownersEnabled * 2).toBe(true);
  });
});
