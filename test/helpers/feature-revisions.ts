/**
 * A fresh AI feature of the test's own and its revisions through the editor workflow
 * (draft → review → approval → publication), so that governance tests do not depend on which
 * revisions the sample history schedules.
 */
import type { ExplanationInput, FeatureFactsInput } from '@candor/schema/domain';
import { stringify } from 'yaml';
import { asToken, type EditorTokens } from './editors.js';
import type { TestApi } from './testkit.js';

/** Facts offered to every segment: the starting label of a test feature. */
export const OFFERED: FeatureFactsInput = {
  whatItDoes: 'Summarises a meeting from its transcript.',
  availability: 'generally_available',
  dataCategories: ['audio', 'transcripts'],
  trainsFirstPartyModels: false,
  sharedWithVendor: false,
  vendorName: null,
  trainsVendorModels: false,
  retention: 'Deleted 30 days after the meeting.',
  retentionDays: 30,
  humanReview: false,
  humanReviewDetail: 'No person reads the summaries.',
  consentRequiredFrom: ['account_owner'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: 'A participant who does not agree can only leave the meeting.',
  defaultState: 'off',
  governingClauses: [],
};

export type Label = Record<string, FeatureFactsInput>;

export const DAY_MS = 86_400_000;
export const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

export const explanation = (segment: string): ExplanationInput => ({
  summary: `What the feature does with ${segment} accounts' meetings, in plain words.`,
  whatChanges: `What changes for ${segment} accounts.`,
  affected: true,
});

export interface RevisionResult {
  revision: { id: string; number: number; status: string; material: boolean; effectiveAt: string | null } | null;
  checkpointSequence: number | null;
  error: { code: string; message: string; field: string | null } | null;
}

const RESULT = 'revision { id number status material effectiveAt } checkpointSequence error { code message field }';

export class FeatureWorkflow {
  segments: string[] = [];

  constructor(
    private readonly api: () => TestApi,
    private readonly tokens: () => EditorTokens,
    readonly slug: string,
  ) {}

  /** Creates the feature (a configuration row, as the seed writes them) and reads the segments. */
  async create(noticePeriodDays = 30): Promise<void> {
    const { prisma } = this.api().database;
    await prisma.aiFeature.create({
      data: {
        slug: this.slug,
        name: `Test ${this.slug}`,
        description: 'A feature of the tests.',
        position: 90,
        noticePeriodDays,
      },
    });
    this.segments = (await prisma.segment.findMany({ orderBy: { position: 'asc' } })).map((s) => s.key);
  }

  /** Every segment with OFFERED, changed by `change`. */
  label(change: (label: Label) => void = () => {}): Label {
    const label: Label = Object.fromEntries(this.segments.map((segment) => [segment, { ...OFFERED }]));
    change(label);
    return label;
  }

  async mutate(token: string, field: string, args: string): Promise<RevisionResult> {
    const { body } = await asToken<Record<string, RevisionResult>>(
      this.api(),
      token,
      `mutation { ${field}(${args}) { ${RESULT} } }`,
    );
    if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
    return body.data?.[field] as RevisionResult;
  }

  /** Drafts a revision (editor); returns its id. */
  async draft(facts: Label, explanations?: Record<string, ExplanationInput>, changeNote = 'A test revision.') {
    const file = stringify({ feature: this.slug, changeNote, facts, ...(explanations ? { explanations } : {}) });
    const created = await this.mutate(this.tokens().editor, 'createFeatureRevision', `file: ${JSON.stringify(file)}`);
    if (created.revision === null) throw new Error(JSON.stringify(created.error));
    return created.revision.id;
  }

  /** Submits a draft (editor); submission runs publication's checks that need no date. */
  submit(id: string): Promise<RevisionResult> {
    return this.mutate(this.tokens().editor, 'submitFeatureRevision', `id: "${id}"`);
  }

  /** Drafts (editor), submits and approves (publisher) a revision; returns its id. */
  async approved(facts: Label, explanations?: Record<string, ExplanationInput>, changeNote = 'A test revision.') {
    const id = await this.draft(facts, explanations, changeNote);
    const submitted = await this.submit(id);
    if (submitted.error !== null) throw new Error(JSON.stringify(submitted.error));
    const approved = await this.mutate(this.tokens().publisher, 'approveFeatureRevision', `id: "${id}"`);
    if (approved.error !== null) throw new Error(JSON.stringify(approved.error));
    return id;
  }

  /**
   * Marks a draft approved in the database, past submission's checks: for tests of what
   * publication refuses on its own (a row that got to APPROVED some other way).
   */
  async approvedByHand(id: string): Promise<string> {
    await this.api().database.prisma.aiFeatureRevision.update({ where: { id }, data: { status: 'APPROVED' } });
    return id;
  }

  publish(id: string, effectiveAt?: Date): Promise<RevisionResult> {
    const at = effectiveAt === undefined ? '' : `, effectiveAt: "${effectiveAt.toISOString()}"`;
    return this.mutate(this.tokens().publisher, 'publishFeatureRevision', `id: "${id}"${at}`);
  }

  withdraw(id: string, reason: string, token = this.tokens().publisher): Promise<RevisionResult> {
    return this.mutate(token, 'withdrawFeatureRevision', `id: "${id}", reason: ${JSON.stringify(reason)}`);
  }

  /** Explanations for every segment. */
  explainAll(): Record<string, ExplanationInput> {
    return Object.fromEntries(this.segments.map((segment) => [segment, explanation(segment)]));
  }
}
