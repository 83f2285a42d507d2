/**
 * What an organisation defines about itself — its profile, its segments, its documents and its AI
 * features — as data (issue 13). Nothing here is compiled in: the sample organisation is one
 * example. This file validates definitions and gives each change to them a canonical, hashed form,
 * so the public history of "who we are and whom each policy applies to" is as checkable as the
 * policies themselves.
 *
 * ## Canonical form of a definition change, format `candor-definition/1`
 *
 * The contentHash of a change is the lowercase hex SHA-256 of the UTF-8 bytes of one line of JSON:
 *
 *   {"format":"candor-definition/1","at":D,"subject":S,"key":S,"action":S,"values":V,"previousHash":H}
 *
 *   subject = "organization" | "segment" | "document" | "feature"
 *   key     = the organisation's slug, the segment key, or the document or feature slug
 *   action  = "created" | "updated" | "retired"
 *   V       = the subject's public fields after the change, an object with its members sorted by
 *             name (UTF-16 code units); values are strings, integers, booleans, null or arrays of
 *             strings (a document's segments, sorted).
 *   D, S, H as in canonical.ts (ISO instant, normalised JSON string, previous hash or null).
 */
import { normaliseText } from './canonical.js';
import { DomainError, throwIfProblems, type ValidationProblem } from './errors.js';
import { sha256Hex } from './hash.js';
import { isSha256Hex, isSlug } from './identifiers.js';

export const DEFINITION_FORMAT = 'candor-definition/1';

export const DEFINITION_SUBJECTS = ['organization', 'segment', 'document', 'feature'] as const;
export type DefinitionSubject = (typeof DEFINITION_SUBJECTS)[number];

export const DEFINITION_ACTIONS = ['created', 'updated', 'retired'] as const;
export type DefinitionAction = (typeof DEFINITION_ACTIONS)[number];

/** The kinds of policy Candor knows how to label; `other` for anything else. */
export const DOCUMENT_KINDS = [
  'terms',
  'privacy',
  'acceptable-use',
  'data-processing-addendum',
  'subprocessor-list',
  'ai-terms',
  'cookie-policy',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface OrganizationProfile {
  slug: string;
  name: string;
  legalName: string;
  description: string;
  website: string;
  contactEmail: string;
  publicKeyId: string | null;
}

export interface SegmentDefinition {
  key: string;
  name: string;
  description: string;
  position: number;
}

export interface DocumentDefinition {
  slug: string;
  title: string;
  description: string;
  kind: DocumentKind;
  noticePeriodDays: number;
  position: number;
  /** Keys of the segments it applies to; at least one. */
  segments: string[];
}

export interface FeatureDefinition {
  slug: string;
  name: string;
  description: string;
  position: number;
  noticePeriodDays: number;
}

export type DefinitionValues = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

const NAME_MAX = 200;
const DESCRIPTION_MAX = 5_000;
const NOTICE_MAX_DAYS = 3_650;
const POSITION_MAX = 100_000;
/** Segment keys appear in URLs and CSV files: the same spelling as slugs, shorter. */
export const SEGMENT_KEY_MAX_LENGTH = 40;

export function isSegmentKey(value: string): boolean {
  return value.length <= SEGMENT_KEY_MAX_LENGTH && isSlug(value);
}

/** Collects the problems of one field-by-field check. */
class Problems {
  readonly list: ValidationProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  text(field: string, value: string, { required = true, max = NAME_MAX } = {}): void {
    if (required && value.trim() === '') this.add(field, 'is required');
    else if (value.length > max) this.add(field, `must be at most ${max} characters`);
  }

  integer(field: string, value: number, min: number, max: number): void {
    if (!Number.isInteger(value) || value < min || value > max)
      this.add(field, `must be a whole number from ${min} to ${max}`);
  }

  slug(field: string, value: string): void {
    if (!isSlug(value))
      this.add(field, 'must be lowercase letters and digits in words joined by single hyphens, at most 64 characters');
  }
}

const WEB_ADDRESS = /^https?:\/\/[^\s/?#]+\.[^\s]*$/i;
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateOrganizationProfile(profile: OrganizationProfile): void {
  const problems = new Problems();
  problems.slug('slug', profile.slug);
  problems.text('name', profile.name);
  problems.text('legalName', profile.legalName, { required: false });
  problems.text('description', profile.description, { required: false, max: DESCRIPTION_MAX });
  if (profile.website !== '' && !WEB_ADDRESS.test(profile.website))
    problems.add('website', 'must be an http(s) address such as https://example.com');
  if (
    profile.contactEmail !== '' &&
    !EMAIL_ADDRESS.test(profile.contactEmail) &&
    !WEB_ADDRESS.test(profile.contactEmail)
  )
    problems.add('contactEmail', 'must be an e-mail address or an http(s) address');
  if (profile.publicKeyId !== null && !/^[0-9a-f]{16}$/.test(profile.publicKeyId))
    problems.add('publicKeyId', 'must be 16 lowercase hexadecimal digits (the "key:" line of pnpm candor verify)');
  throwIfProblems(problems.list, 'The organisation profile');
}

export function validateSegmentDefinition(segment: SegmentDefinition): void {
  const problems = new Problems();
  if (!isSegmentKey(segment.key))
    problems.add(
      'key',
      `must be lowercase letters and digits in words joined by single hyphens, at most ${SEGMENT_KEY_MAX_LENGTH} characters`,
    );
  problems.text('name', segment.name);
  problems.text('description', segment.description, { required: false, max: DESCRIPTION_MAX });
  problems.integer('position', segment.position, 0, POSITION_MAX);
  throwIfProblems(problems.list, `Segment "${segment.key}"`);
}

export function validateDocumentDefinition(
  document: DocumentDefinition,
  /** Keys of the segments that exist and are not retired. */
  liveSegments: readonly string[],
): void {
  const problems = new Problems();
  problems.slug('slug', document.slug);
  problems.text('title', document.title);
  problems.text('description', document.description, { required: false, max: DESCRIPTION_MAX });
  if (!(DOCUMENT_KINDS as readonly string[]).includes(document.kind))
    problems.add('kind', `must be one of ${DOCUMENT_KINDS.join(', ')}`);
  problems.integer('noticePeriodDays', document.noticePeriodDays, 0, NOTICE_MAX_DAYS);
  problems.integer('position', document.position, 0, POSITION_MAX);
  if (document.segments.length === 0) problems.add('segments', 'must name at least one segment');
  const seen = new Set<string>();
  for (const key of document.segments) {
    if (seen.has(key)) problems.add('segments', `names "${key}" twice`);
    seen.add(key);
    if (!liveSegments.includes(key))
      problems.add(
        'segments',
        `"${key}" is not a segment in use (segments: ${liveSegments.join(', ') || 'none defined yet'})`,
      );
  }
  throwIfProblems(problems.list, `Document "${document.slug}"`);
}

export function validateFeatureDefinition(feature: FeatureDefinition): void {
  const problems = new Problems();
  problems.slug('slug', feature.slug);
  problems.text('name', feature.name);
  problems.text('description', feature.description, { required: false, max: DESCRIPTION_MAX });
  problems.integer('position', feature.position, 0, POSITION_MAX);
  problems.integer('noticePeriodDays', feature.noticePeriodDays, 0, NOTICE_MAX_DAYS);
  throwIfProblems(problems.list, `AI feature "${feature.slug}"`);
}

/** The public fields of a definition, as a change records them. */
export function definitionValues(
  definition: OrganizationProfile | SegmentDefinition | DocumentDefinition | FeatureDefinition,
  retiredAt: Date | null = null,
): DefinitionValues {
  const values: Record<string, string | number | boolean | null | readonly string[]> = { ...definition };
  if ('segments' in definition) values.segments = [...definition.segments].sort();
  values.retiredAt = retiredAt === null ? null : retiredAt.toISOString();
  return values;
}

export interface CanonicalDefinitionChangeInput {
  at: Date;
  subject: DefinitionSubject;
  key: string;
  action: DefinitionAction;
  values: DefinitionValues;
  previousHash: string | null;
}

/** The canonical text of a definition change (format at the top of this file). */
export function canonicalDefinitionChange(input: CanonicalDefinitionChangeInput): string {
  if (input.previousHash !== null && !isSha256Hex(input.previousHash)) {
    throw invalid('previousHash must be 64 lowercase hexadecimal digits or null.', 'previousHash');
  }
  if (Number.isNaN(input.at.getTime())) throw invalid('at is not a valid date.', 'at');
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(input.values).sort()) {
    const value = input.values[name];
    values[name] =
      typeof value === 'string' ? normaliseText(value) : Array.isArray(value) ? value.map(normaliseText) : value;
  }
  return JSON.stringify({
    format: DEFINITION_FORMAT,
    at: input.at.toISOString(),
    subject: input.subject,
    key: normaliseText(input.key),
    action: input.action,
    values,
    previousHash: input.previousHash,
  });
}

export const definitionChangeHash = (input: CanonicalDefinitionChangeInput): string =>
  sha256Hex(canonicalDefinitionChange(input));

const invalid = (message: string, field: string): DomainError => new DomainError('BAD_USER_INPUT', message, field);
