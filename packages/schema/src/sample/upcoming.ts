/**
 * A scheduled, not yet effective Terms of Service version, dated relative to `now` so that the
 * sample always shows an upcoming change. Built from version 2025-03 with the same helpers.
 */
import type { ClauseInput } from '../domain/types.js';
import { addDays, clause, explain, insertAfter, replaceText } from './clause-helpers.js';
import { LEGAL_EDITOR } from './organization.js';
import { termsV5 } from './terms-of-service.js';
import type { SampleVersion } from './types.js';

/** Days between publication and `now`, and between `now` and the effective date. */
export const UPCOMING_PUBLISHED_DAYS_AGO = 3;
export const UPCOMING_EFFECTIVE_IN_DAYS = 45;

const startOfUtcDay = (date: Date): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

const humanReview = clause(
  '10.9',
  '10.9',
  'Human Review of AI Features',
  'Northwind staff will not review Customer Content or AI Output to evaluate or improve AI Features unless the Account Owner has opted in to the AI quality programme in the account settings. Opting in is never required to use an AI Feature and can be reversed at any time. This Section does not limit review that is necessary to investigate abuse, to comply with the law or to answer a support request that you make.',
);

const upcomingClauses: ClauseInput[] = (() => {
  let c = termsV5.clauses;
  c = replaceText(
    c,
    '10.8',
    'are deleted within 30 days after the AI Output is generated',
    'are deleted within 7 days after the AI Output is generated',
  );
  c = insertAfter(c, '10.8', humanReview);
  return c;
})();

/**
 * The upcoming version: published three days before `now`, effective 45 days after it.
 * Meant to be appended after version 2025-03, so `now` should be later than March 2025.
 */
export function upcomingTermsVersion(now: Date): SampleVersion {
  return {
    label: 'next',
    // Whole UTC days, like a real announcement ("effective 13 January"), not the seed's clock time.
    publishedAt: addDays(startOfUtcDay(now), -UPCOMING_PUBLISHED_DAYS_AGO),
    effectiveAt: addDays(startOfUtcDay(now), UPCOMING_EFFECTIVE_IN_DAYS),
    material: true,
    changeNote:
      'Scheduled change: new Section 10.9 makes human review of AI Features opt-in only; Section 10.8 shortens the deletion period for the inputs of AI Output from 30 to 7 days.',
    author: LEGAL_EDITOR,
    clauses: upcomingClauses,
    explanations: {
      consumer: explain(
        'Once this version takes effect, Northwind staff will not look at your content or AI outputs to improve AI features unless you opt in, and the audio, transcripts and messages used to create an AI output are deleted within 7 days. Everything else stays as it is today.',
        'New Section 10.9 makes human review of AI features opt-in only, and Section 10.8 shortens the deletion period for AI inputs from 30 to 7 days. You do not need to do anything; if you want to help Northwind evaluate its AI features, you can opt in from your account settings.',
        true,
      ),
      business: explain(
        'Northwind staff will not review your organisation’s content or AI outputs to improve AI features unless the account owner opts in. The inputs of meeting summaries and drafted messages are deleted within 7 days instead of 30.',
        'Human review of AI features becomes opt-in only, and only the account owner can opt in for the organisation (Section 10.9). Inputs of AI outputs are kept for 7 days instead of 30 (Section 10.8), so check whether any internal process relied on the longer period.',
        true,
      ),
      enterprise: explain(
        'Human review of AI features happens only if your account owner opts in, and the inputs of AI outputs are deleted within 7 days. Your signed agreement still applies on top of these terms.',
        'New Section 10.9 turns human review of AI features into an opt-in programme controlled by the account owner; reviews needed for abuse investigations, legal obligations or your own support requests remain possible. Section 10.8 shortens the retention of AI inputs from 30 to 7 days.',
        true,
      ),
      education: explain(
        'Staff review of AI features needs the school’s opt-in, and the inputs of AI outputs are deleted within 7 days. Education records are still not used for training without written consent.',
        'Human review of AI features becomes opt-in only (Section 10.9), which means classroom content is not looked at to improve AI features unless the school opts in. Inputs of AI outputs are deleted within 7 days instead of 30 (Section 10.8).',
        true,
      ),
      healthcare: explain(
        'Staff review of meeting summaries needs your organisation’s opt-in, and the transcripts used to create them are deleted within 7 days. Protected health information is still not used for training without written consent.',
        'For healthcare accounts, which can use meeting summary only, the transcripts used to write a summary are deleted within 7 days instead of 30 (Section 10.8), and human review becomes opt-in only (Section 10.9).',
        true,
      ),
    },
  };
}
