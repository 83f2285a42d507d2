/**
 * Deterministic monthly consent statistics for the sample features: 24 months (2023-09 to
 * 2025-08) × 2 features × 5 segments = 240 rows. Only aggregates, never accounts. They are
 * published as one consent release (CONSENT_RELEASE), imported from the CSV `sampleConsentCsv`
 * writes a few days after the last month ends.
 *
 * Whether a feature is offered to a segment in a month follows the feature revision in force at
 * the end of that month; rows for months where it is not offered are all zeros. Education and
 * healthcare are deliberately small so that some cells fall below the suppression threshold.
 */

import { CONSENT_CSV_COLUMNS } from '../domain/consent-csv.js';
import type { FeatureAvailability } from '../domain/types.js';
import { isoDate } from './clause-helpers.js';
import { sampleFeatures } from './features.js';
import { PUBLISHER } from './organization.js';
import { SAMPLE_SEGMENT_KEYS, type SampleSegmentKey } from './segment-keys.js';
import type { SampleConsentRelease, SampleConsentRow, SampleFeature } from './types.js';

export const CONSENT_FIRST_PERIOD = '2023-09';
export const CONSENT_MONTHS = 24;

/** The one release of the sample statistics: imported by the publisher after 2025-08 ended. */
export const CONSENT_RELEASE: SampleConsentRelease = {
  releasedAt: isoDate('2025-09-05'),
  editor: PUBLISHER,
};

/** mulberry32: a tiny, well-known 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, used to give each feature × segment its own seed. */
function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The months covered, as "YYYY-MM". */
export function consentPeriods(first: string = CONSENT_FIRST_PERIOD, count: number = CONSENT_MONTHS): string[] {
  const [yearText, monthText] = first.split('-');
  const startYear = Number(yearText);
  const startMonth = Number(monthText);
  if (!Number.isInteger(startYear) || !Number.isInteger(startMonth)) {
    throw new Error(`Sample data: invalid period "${first}"`);
  }
  const periods: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const monthIndex = startMonth - 1 + i;
    const year = startYear + Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    periods.push(`${year}-${String(month).padStart(2, '0')}`);
  }
  return periods;
}

/** The last millisecond of a "YYYY-MM" month, UTC. */
function endOfMonth(period: string): Date {
  const [yearText, monthText] = period.split('-');
  return new Date(Date.UTC(Number(yearText), Number(monthText), 1) - 1);
}

/** Availability of a feature for a segment under the revision in force at `date`. */
export function availabilityAt(feature: SampleFeature, segment: SampleSegmentKey, date: Date): FeatureAvailability {
  let availability: FeatureAvailability = 'not_offered';
  for (const revision of feature.revisions) {
    if (new Date(revision.effectiveAt).getTime() <= date.getTime()) {
      availability = revision.facts[segment].availability;
    }
  }
  return availability;
}

interface Profile {
  /** Accounts eligible in the first month the feature is offered to the segment. */
  eligibleStart: number;
  /** Compound monthly growth of eligible accounts. */
  monthlyGrowth: number;
  /** Share of eligible owners who enabled the feature, in the first month and after 18 months. */
  enabledFrom: number;
  enabledTo: number;
  /** Share of eligible owners who explicitly disabled it, same interpolation. */
  disabledFrom: number;
  disabledTo: number;
  /** Participant prompts per enabling account per month (meeting summary only). */
  promptsPerEnabled: number;
  /** Share of prompted participants who left rather than join, first month and after 18 months. */
  leftFrom: number;
  leftTo: number;
}

const RAMP_MONTHS = 18;

const PROFILES: Record<string, Record<SampleSegmentKey, Profile>> = {
  'meeting-summary': {
    consumer: {
      eligibleStart: 48_200,
      monthlyGrowth: 0.012,
      enabledFrom: 0.04,
      enabledTo: 0.22,
      disabledFrom: 0.24,
      disabledTo: 0.14,
      promptsPerEnabled: 28,
      leftFrom: 0.045,
      leftTo: 0.02,
    },
    business: {
      eligibleStart: 21_300,
      monthlyGrowth: 0.01,
      enabledFrom: 0.06,
      enabledTo: 0.31,
      disabledFrom: 0.29,
      disabledTo: 0.19,
      promptsPerEnabled: 64,
      leftFrom: 0.03,
      leftTo: 0.012,
    },
    enterprise: {
      eligibleStart: 420,
      monthlyGrowth: 0.008,
      enabledFrom: 0.03,
      enabledTo: 0.26,
      disabledFrom: 0.46,
      disabledTo: 0.31,
      promptsPerEnabled: 410,
      leftFrom: 0.02,
      leftTo: 0.008,
    },
    education: {
      eligibleStart: 18,
      monthlyGrowth: 0.03,
      enabledFrom: 0.06,
      enabledTo: 0.3,
      disabledFrom: 0.38,
      disabledTo: 0.3,
      promptsPerEnabled: 11,
      leftFrom: 0.09,
      leftTo: 0.05,
    },
    healthcare: {
      eligibleStart: 6,
      monthlyGrowth: 0.04,
      enabledFrom: 0.12,
      enabledTo: 0.4,
      disabledFrom: 0.34,
      disabledTo: 0.3,
      promptsPerEnabled: 8,
      leftFrom: 0.12,
      leftTo: 0.08,
    },
  },
  'team-chat-compose': {
    consumer: {
      eligibleStart: 35_600,
      monthlyGrowth: 0.015,
      enabledFrom: 0.08,
      enabledTo: 0.21,
      disabledFrom: 0.05,
      disabledTo: 0.08,
      promptsPerEnabled: 0,
      leftFrom: 0,
      leftTo: 0,
    },
    business: {
      eligibleStart: 19_100,
      monthlyGrowth: 0.01,
      enabledFrom: 0.05,
      enabledTo: 0.36,
      disabledFrom: 0.21,
      disabledTo: 0.12,
      promptsPerEnabled: 0,
      leftFrom: 0,
      leftTo: 0,
    },
    enterprise: {
      eligibleStart: 380,
      monthlyGrowth: 0.008,
      enabledFrom: 0.02,
      enabledTo: 0.2,
      disabledFrom: 0.5,
      disabledTo: 0.35,
      promptsPerEnabled: 0,
      leftFrom: 0,
      leftTo: 0,
    },
    education: {
      eligibleStart: 14,
      monthlyGrowth: 0.03,
      enabledFrom: 0.05,
      enabledTo: 0.2,
      disabledFrom: 0.42,
      disabledTo: 0.4,
      promptsPerEnabled: 0,
      leftFrom: 0,
      leftTo: 0,
    },
    healthcare: {
      // Never offered to healthcare accounts: only zero rows are produced.
      eligibleStart: 0,
      monthlyGrowth: 0,
      enabledFrom: 0,
      enabledTo: 0,
      disabledFrom: 0,
      disabledTo: 0,
      promptsPerEnabled: 0,
      leftFrom: 0,
      leftTo: 0,
    },
  },
};

/** Features whose meetings show a participant prompt (joined / left are known). */
const FEATURES_WITH_PARTICIPANT_PROMPT = new Set(['meeting-summary']);

function lerp(from: number, to: number, progress: number): number {
  return from + (to - from) * progress;
}

function rowsFor(feature: SampleFeature, segment: SampleSegmentKey, periods: readonly string[]): SampleConsentRow[] {
  const profile = PROFILES[feature.slug]?.[segment];
  if (!profile) {
    throw new Error(`Sample data: no consent profile for ${feature.slug} / ${segment}`);
  }
  const hasPrompt = FEATURES_WITH_PARTICIPANT_PROMPT.has(feature.slug);
  const random = mulberry32(hashString(`${feature.slug}/${segment}`));
  /** A multiplicative jitter of ±spread around 1. */
  const jitter = (spread: number): number => 1 + (random() * 2 - 1) * spread;

  const rows: SampleConsentRow[] = [];
  let monthsOffered = 0;
  for (const period of periods) {
    const availability = availabilityAt(feature, segment, endOfMonth(period));
    if (availability === 'not_offered' || availability === 'retired') {
      rows.push({
        feature: feature.slug,
        segment,
        period,
        accountsEligible: 0,
        ownersEnabled: 0,
        ownersDisabled: 0,
        ownersUndecided: 0,
        participantsJoined: hasPrompt ? 0 : null,
        participantsLeft: hasPrompt ? 0 : null,
      });
      continue;
    }
    const progress = Math.min(1, monthsOffered / RAMP_MONTHS);
    monthsOffered += 1;

    const eligible = Math.max(
      1,
      Math.round(profile.eligibleStart * (1 + profile.monthlyGrowth) ** (monthsOffered - 1) * jitter(0.03)),
    );
    const enabledShare = Math.min(0.95, lerp(profile.enabledFrom, profile.enabledTo, progress) * jitter(0.12));
    const disabledShare = lerp(profile.disabledFrom, profile.disabledTo, progress) * jitter(0.12);
    const ownersEnabled = Math.min(eligible, Math.round(eligible * enabledShare));
    const ownersDisabled = Math.min(eligible - ownersEnabled, Math.round(eligible * disabledShare));
    const ownersUndecided = eligible - ownersEnabled - ownersDisabled;

    let participantsJoined: number | null = null;
    let participantsLeft: number | null = null;
    if (hasPrompt) {
      const prompts = Math.round(ownersEnabled * profile.promptsPerEnabled * jitter(0.15));
      const leftShare = lerp(profile.leftFrom, profile.leftTo, progress) * jitter(0.2);
      participantsLeft = Math.min(prompts, Math.round(prompts * leftShare));
      participantsJoined = prompts - participantsLeft;
    }

    rows.push({
      feature: feature.slug,
      segment,
      period,
      accountsEligible: eligible,
      ownersEnabled,
      ownersDisabled,
      ownersUndecided,
      participantsJoined,
      participantsLeft,
    });
  }
  return rows;
}

/**
 * All consent rows, ordered by feature, then segment (SAMPLE_SEGMENT_KEYS order), then period.
 * Deterministic: the same call always returns the same numbers.
 */
export function sampleConsentRows(): SampleConsentRow[] {
  const periods = consentPeriods();
  const rows: SampleConsentRow[] = [];
  for (const feature of sampleFeatures) {
    for (const segment of SAMPLE_SEGMENT_KEYS) {
      rows.push(...rowsFor(feature, segment, periods));
    }
  }
  return rows;
}

/**
 * The consent rows as the CSV a publisher imports (domain/consent-csv.ts): the header in
 * CONSENT_CSV_COLUMNS order, one LF-terminated line per row in the given order, unknown
 * participant counts left empty. Deterministic, so its SHA-256 identifies the sample's import.
 */
export function sampleConsentCsv(rows: readonly SampleConsentRow[]): string {
  const lines = rows.map((row) => CONSENT_CSV_COLUMNS.map((column) => String(row[column] ?? '')).join(','));
  return `${[CONSENT_CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
