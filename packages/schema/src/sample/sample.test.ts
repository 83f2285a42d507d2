import { describe, expect, it } from 'vitest';
import { parseConsentCsv } from '../domain/consent-csv.js';
import { materialChanges } from '../domain/feature-governance.js';
import { sampleConsentCsv, sampleConsentRows } from './consent.js';
import { sampleData } from './index.js';
import { SAMPLE_SEGMENT_KEYS } from './segment-keys.js';
import { CONSENT_SENTENCE, DE_IDENTIFIED_SENTENCE, termsOfService } from './terms-of-service.js';
import type { SampleDocument, SampleFeatureRevision, SampleVersion, SampleWithdrawal } from './types.js';
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

/** The latest version effective on `date` ("the terms on date D"); withdrawn ones never bind. */
function versionInForce(doc: SampleDocument, date: string): SampleVersion | undefined {
  let current: SampleVersion | undefined;
  for (const version of doc.versions) {
    if (version.withdrawal === undefined && time(version.effectiveAt) <= time(date)) {
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
    expect(data.segments.map((s) => s.key)).toEqual([...SAMPLE_SEGMENT_KEYS]);
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
  it('has the terms (6 published, one of them withdrawn, + 1 upcoming) and the privacy statement (2)', () => {
    expect(data.documents.map((d) => d.slug)).toEqual(['terms-of-service', 'privacy-statement']);
    expect(getDocument('terms-of-service').versions.map((v) => v.label)).toEqual([
      '2022-11',
      '2023-03',
      '2023-08',
      '2024-06',
      '2024-10',
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
            expect(Object.keys(version.explanations).sort()).toEqual([...SAMPLE_SEGMENT_KEYS].sort());
            const first = doc.versions[0] === version;
            for (const segment of SAMPLE_SEGMENT_KEYS) {
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
    expect(unchanged('2024-10', '2024-06')).toBeGreaterThanOrEqual(20);
    // 2025-03 was drafted from 2024-06, the version in force before it: 2024-10 was withdrawn.
    expect(unchanged('2025-03', '2024-06')).toBeGreaterThanOrEqual(16);
    expect(clauseOf(byLabel('2025-03'), '7')?.body).toBe(clauseOf(byLabel('2022-11'), '7')?.body);
  });

  it('makes version 2025-03 an editorial, non-material change that affects nobody', () => {
    const v5 = byLabel('2025-03');
    expect(v5.material).toBe(false);
    expect(v5.publishedAt).toBe(v5.effectiveAt);
    for (const segment of SAMPLE_SEGMENT_KEYS) {
      expect(v5.explanations[segment].affected).toBe(false);
    }
    expect(clauseOf(v5, '12')?.body).toContain('On termination,');
    expect(clauseOf(byLabel('2024-06'), '12')?.body).toContain('On terminaton,');
  });

  it('withdrew version 2024-10, which rewrote the consent rule of 10.4, before it took effect', () => {
    const withdrawn = byLabel('2024-10');
    expect(withdrawn.material).toBe(true);
    expect(clauseOf(withdrawn, '10.4')?.body).toContain(DE_IDENTIFIED_SENTENCE);
    expect(clauseOf(byLabel('2024-06'), '10.4')?.body).toContain(CONSENT_SENTENCE);
    expect(clauseOf(byLabel('2025-03'), '10.4')?.body).toBe(clauseOf(byLabel('2024-06'), '10.4')?.body);
    expect(time(withdrawn.withdrawal?.withdrawnAt ?? '')).toBeGreaterThan(time(withdrawn.publishedAt));
    expect(time(withdrawn.withdrawal?.withdrawnAt ?? '')).toBeLessThan(time(withdrawn.effectiveAt));
    expect(withdrawn.withdrawal?.reason).toMatch(/before it took effect/);
    // Never in force: the day it would have taken effect, 2024-06 still binds.
    expect(versionInForce(getDocument('terms-of-service'), withdrawn.effectiveAt)?.label).toBe('2024-06');
  });

  it('marks the 2023-03 and 2023-08 changes as affecting every segment', () => {
    for (const label of ['2023-03', '2023-08']) {
      for (const segment of SAMPLE_SEGMENT_KEYS) {
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
          expect(Object.keys(revision.facts).sort()).toEqual([...SAMPLE_SEGMENT_KEYS].sort());
          for (const segment of SAMPLE_SEGMENT_KEYS) {
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
          for (const segment of SAMPLE_SEGMENT_KEYS) {
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

/** The records of one document or feature, as the seed publishes them. */
interface Timed {
  publishedAt: string;
  effectiveAt: string;
  withdrawal?: SampleWithdrawal | undefined;
}

const timelines: [string, readonly Timed[]][] = [
  ...data.documents.map((d): [string, readonly Timed[]] => [`document ${d.slug}`, d.versions]),
  ...data.features.map((f): [string, readonly Timed[]] => [`feature ${f.slug}`, f.revisions]),
];

describe('publication history', () => {
  const withdrawers = new Set(data.editors.filter((e) => e.role !== 'editor').map((e) => e.email));

  for (const [name, records] of timelines) {
    describe(name, () => {
      it('is listed in publication order and takes effect in that order (withdrawn records aside)', () => {
        // So each record is compared with the one listed before it that was not withdrawn, the
        // seed needs no rebase, and no publication could have silently undone a scheduled one.
        for (let i = 1; i < records.length; i += 1) {
          expect(time(records[i]?.publishedAt ?? '')).toBeGreaterThanOrEqual(time(records[i - 1]?.publishedAt ?? ''));
        }
        const binding = records.filter((r) => r.withdrawal === undefined);
        for (let i = 1; i < binding.length; i += 1) {
          expect(time(binding[i]?.effectiveAt ?? '')).toBeGreaterThan(time(binding[i - 1]?.effectiveAt ?? ''));
        }
      });

      it('withdraws a record only while it is scheduled, before the next publication, with a reason', () => {
        for (const [index, record] of records.entries()) {
          const withdrawal = record.withdrawal;
          if (withdrawal === undefined) continue;
          expect(new Date(withdrawal.withdrawnAt).toISOString()).toBe(withdrawal.withdrawnAt);
          expect(time(withdrawal.withdrawnAt)).toBeGreaterThan(time(record.publishedAt));
          expect(time(withdrawal.withdrawnAt)).toBeLessThan(time(record.effectiveAt));
          const next = records[index + 1];
          if (next) expect(time(withdrawal.withdrawnAt)).toBeLessThanOrEqual(time(next.publishedAt));
          expect(withdrawal.reason.trim()).toBe(withdrawal.reason);
          expect(withdrawal.reason.length).toBeGreaterThan(0);
          expect(withdrawers.has(withdrawal.editor)).toBe(true);
        }
      });
    });
  }

  it('has exactly one withdrawal, of terms version 2024-10, in the past', () => {
    const withdrawn = timelines.flatMap(([name, records]) =>
      records.flatMap((r) => (r.withdrawal ? [`${name} ${'label' in r ? String(r.label) : ''}`] : [])),
    );
    expect(withdrawn).toEqual(['document terms-of-service 2024-10']);
    const version = getDocument('terms-of-service').versions.find((v) => v.label === '2024-10');
    expect(time(version?.withdrawal?.withdrawnAt ?? '')).toBeLessThan(NOW.getTime());
  });
});

describe('AI-feature governance', () => {
  for (const feature of data.features) {
    describe(feature.slug, () => {
      it('explains each revision to exactly the segments it changes materially, and gives notice when material', () => {
        expect(feature.noticePeriodDays).toBe(30);
        let base: SampleFeatureRevision | null = null;
        for (const revision of feature.revisions) {
          const changes = materialChanges(base?.facts ?? null, revision.facts);
          const where = `${feature.slug} r${revision.number}`;
          expect(Object.keys(revision.explanations).sort(), where).toEqual([...changes.keys()].sort());
          for (const explanation of Object.values(revision.explanations)) {
            expect(explanation.summary.trim().length, where).toBeGreaterThan(0);
            expect(explanation.whatChanges.trim().length, where).toBeGreaterThan(0);
            expect(explanation.affected, where).toBe(true);
          }
          if (changes.size > 0) {
            expect(time(revision.effectiveAt), where).toBeGreaterThanOrEqual(
              time(revision.publishedAt) + feature.noticePeriodDays * DAY_MS,
            );
          }
          if (revision.withdrawal === undefined) base = revision;
        }
      });

      it('explains its first revision to every segment it is offered to', () => {
        const first = feature.revisions[0];
        const offered = SAMPLE_SEGMENT_KEYS.filter((segment) => first?.facts[segment].availability !== 'not_offered');
        expect(offered.length).toBeGreaterThan(0);
        expect(Object.keys(first?.explanations ?? {}).sort()).toEqual([...offered].sort());
      });
    });
  }

  it('tells the August 2023 story: meeting summary stops training on summaries, announced with a month of notice', () => {
    const summary = data.features.find((f) => f.slug === 'meeting-summary');
    const [before, august] = summary?.revisions ?? [];
    if (!before || !august) throw new Error('meeting summary needs two revisions');
    const changes = materialChanges(before.facts, august.facts);
    for (const segment of ['consumer', 'business'] as const) {
      expect(changes.get(segment)).toContain('trainsFirstPartyModels');
      expect(august.explanations[segment]?.whatChanges).toMatch(/training/i);
    }
    expect(changes.get('education')).toContain('consentRequiredFrom');
    // Announced and effective with the August 2023 terms.
    const terms = getDocument('terms-of-service').versions.find((v) => v.label === '2023-08');
    expect(august.publishedAt).toBe(terms?.publishedAt);
    expect(august.effectiveAt).toBe(terms?.effectiveAt);
    expect(time(august.effectiveAt) - time(august.publishedAt)).toBeGreaterThanOrEqual(30 * DAY_MS);
  });
});

describe('consent release', () => {
  it('publishes every consent row in one release, imported after the last month ended and before now', () => {
    const release = data.consentRelease;
    const last = [...new Set(data.consent.map((r) => r.period))].sort().at(-1) ?? '';
    const [year, month] = last.split('-').map(Number);
    const endOfLast = Date.UTC(year ?? 0, month ?? 0, 1);
    expect(new Date(release.releasedAt).toISOString()).toBe(release.releasedAt);
    expect(time(release.releasedAt)).toBeGreaterThanOrEqual(endOfLast);
    expect(time(release.releasedAt)).toBeLessThan(NOW.getTime());
    expect(data.editors.find((e) => e.email === release.editor)?.role).toBe('publisher');
  });

  it('is the CSV the import accepts, row for row', () => {
    const csv = sampleConsentCsv(data.consent);
    expect(csv).toBe(sampleConsentCsv(sampleConsentRows()));
    const parsed = parseConsentCsv(csv, {
      segments: [...SAMPLE_SEGMENT_KEYS],
      features: data.features.map((f) => f.slug),
      currentMonth: '2025-09',
    });
    expect(parsed.map(({ line: _line, ...row }) => row)).toEqual(data.consent);
  });
});
