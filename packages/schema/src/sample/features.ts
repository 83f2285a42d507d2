/**
 * The two sample AI features, each with three revisions (oldest first):
 *   1. 2023-08-07 — experimental, as first described (terms 2023-03 in force);
 *   2. 2023-09-07 — aligned with the August 2023 terms (terms 2023-08 in force);
 *   3. 2024-06-20 — generally available (terms 2024-06 in force).
 * Each revision is built from the previous one with `revise` (spread plus explicit overrides),
 * and governing clauses only name keys that exist in the version in force at its effectiveAt.
 */
import type { ClauseRef, FeatureFactsInput, SegmentKey } from '../domain/types.js';
import { isoDate } from './clause-helpers.js';
import { PRIVACY_EDITOR, PUBLISHER } from './organization.js';
import { PRIVACY_SLUG } from './privacy-statement.js';
import { TERMS_SLUG } from './terms-of-service.js';
import type { SampleFeature, SampleFeatureRevision } from './types.js';

type FactsBySegment = Record<SegmentKey, FeatureFactsInput>;
type FactOverrides = Partial<Record<SegmentKey, Partial<FeatureFactsInput>>>;

function tos(key: string): ClauseRef {
  return { document: TERMS_SLUG, key };
}

function privacyRef(key: string): ClauseRef {
  return { document: PRIVACY_SLUG, key };
}

/** Facts for a segment to which a feature is not offered; every field still says something. */
function notOffered(whatItDoes: string, governingClauses: ClauseRef[]): FeatureFactsInput {
  return {
    whatItDoes,
    availability: 'not_offered',
    dataCategories: [],
    trainsFirstPartyModels: false,
    sharedWithVendor: false,
    vendorName: null,
    trainsVendorModels: false,
    retention: 'Not applicable: the feature is not offered, so no content is processed for it.',
    retentionDays: null,
    humanReview: false,
    humanReviewDetail: 'Not applicable: the feature is not offered.',
    consentRequiredFrom: [],
    nonConsentOption: 'not_applicable',
    nonConsentDetail: 'Not applicable: the feature cannot be turned on for this segment.',
    defaultState: 'off',
    governingClauses,
  };
}

/** Applies per-segment overrides to a full set of facts. */
function reviseFacts(previous: FactsBySegment, overrides: FactOverrides): FactsBySegment {
  const apply = (segment: SegmentKey): FeatureFactsInput => ({ ...previous[segment], ...overrides[segment] });
  return {
    consumer: apply('consumer'),
    business: apply('business'),
    enterprise: apply('enterprise'),
    education: apply('education'),
    healthcare: apply('healthcare'),
  };
}

/** The next revision: number + 1, new dates and note, facts with explicit overrides. */
function revise(
  previous: SampleFeatureRevision,
  meta: Pick<SampleFeatureRevision, 'publishedAt' | 'effectiveAt' | 'changeNote' | 'author'>,
  overrides: FactOverrides,
): SampleFeatureRevision {
  return { ...meta, number: previous.number + 1, facts: reviseFacts(previous.facts, overrides) };
}

/** The same override for several segments. */
function forSegments(segments: readonly SegmentKey[], override: Partial<FeatureFactsInput>): FactOverrides {
  const result: FactOverrides = {};
  for (const segment of segments) {
    result[segment] = override;
  }
  return result;
}

/** Merges several sets of overrides, segment by segment; later ones win field by field. */
function combine(...overrides: FactOverrides[]): FactOverrides {
  const result: FactOverrides = {};
  for (const override of overrides) {
    for (const segment of Object.keys(override) as SegmentKey[]) {
      result[segment] = { ...result[segment], ...override[segment] };
    }
  }
  return result;
}

/* ------------------------------------------------------------------------------------------ */
/* Meeting summary                                                                             */
/* ------------------------------------------------------------------------------------------ */

const SUMMARY_WHAT =
  'Uses machine learning to transcribe a meeting and write a short summary of the discussion, decisions and next steps, which is sent to the host after the meeting.';

const SUMMARY_PROMPT =
  'Participants see a notice when they join a meeting in which meeting summary is on. They can accept and join, or leave the meeting; they cannot join without being included in the summary.';

const summaryConsumerR1: FeatureFactsInput = {
  whatItDoes: SUMMARY_WHAT,
  availability: 'experimental',
  dataCategories: ['audio', 'transcripts', 'chat'],
  trainsFirstPartyModels: true,
  sharedWithVendor: false,
  vendorName: null,
  trainsVendorModels: false,
  retention:
    'Transcripts used to write the summary are kept for 90 days; the summary is kept until the host deletes it.',
  retentionDays: 90,
  humanReview: true,
  humanReviewDetail:
    'Northwind staff may review a small sample of summaries, and the transcript excerpts used to write them, to evaluate and improve quality.',
  consentRequiredFrom: ['account_owner'],
  nonConsentOption: 'leave_only',
  nonConsentDetail: SUMMARY_PROMPT,
  defaultState: 'off',
  governingClauses: [tos('10.1'), tos('10.4')],
};

const summaryR1: SampleFeatureRevision = {
  number: 1,
  publishedAt: isoDate('2023-08-07'),
  effectiveAt: isoDate('2023-08-07'),
  changeNote:
    'First public description of meeting summary as an experimental feature. The account owner turns it on once; other participants are told when they join and can only accept and join, or leave.',
  author: PRIVACY_EDITOR,
  facts: {
    consumer: summaryConsumerR1,
    business: {
      ...summaryConsumerR1,
      consentRequiredFrom: ['account_owner', 'account_admin'],
    },
    enterprise: {
      ...summaryConsumerR1,
      trainsFirstPartyModels: false,
      humanReview: false,
      humanReviewDetail:
        'No human review: enterprise agreements exclude staff access to meeting content for quality purposes.',
      consentRequiredFrom: ['account_owner', 'account_admin'],
    },
    education: notOffered('Not offered to education accounts while the feature is experimental.', [
      tos('10.1'),
      tos('10.4'),
    ]),
    healthcare: notOffered(
      'Not offered to healthcare accounts, so that no protected health information is summarised.',
      [tos('10.1'), tos('10.4')],
    ),
  },
};

const NO_REVIEW =
  'Northwind staff do not review meeting content or summaries. Ratings that users give a summary are collected without the summary text.';

const summaryR2 = revise(
  summaryR1,
  {
    publishedAt: isoDate('2023-09-07'),
    effectiveAt: isoDate('2023-09-07'),
    changeNote:
      'Aligned with the August 2023 terms: summaries and their transcripts are no longer used to train Northwind models, staff no longer review samples, and the feature is offered to education accounts, off by default, with consent from the account owner and an administrator.',
    author: PRIVACY_EDITOR,
  },
  combine(
    forSegments(['consumer', 'business', 'enterprise'], {
      trainsFirstPartyModels: false,
      humanReview: false,
      humanReviewDetail: NO_REVIEW,
    }),
    forSegments(['consumer', 'business', 'enterprise'], {
      governingClauses: [tos('10.1'), tos('10.4'), tos('10.5')],
    }),
    {
      education: {
        ...summaryConsumerR1,
        trainsFirstPartyModels: false,
        humanReview: false,
        humanReviewDetail: NO_REVIEW,
        consentRequiredFrom: ['account_owner', 'account_admin'],
        nonConsentDetail: `${SUMMARY_PROMPT} Schools must offer students who leave another way to follow the lesson.`,
        governingClauses: [tos('10.1'), tos('10.4'), tos('10.5'), tos('10.6')],
      },
      healthcare: {
        whatItDoes:
          'Not offered to healthcare accounts: protected health information is not summarised until the feature supports per-participant consent.',
        governingClauses: [tos('10.4'), tos('10.5'), tos('10.6')],
      },
    },
  ),
);

const SUMMARY_GA_RETENTION =
  'Transcripts used to write the summary are deleted within 30 days; the summary follows the account’s retention settings and can be deleted by the host at any time.';

const summaryR3 = revise(
  summaryR2,
  {
    publishedAt: isoDate('2024-05-20'),
    effectiveAt: isoDate('2024-06-20'),
    changeNote:
      'Generally available with the June 2024 terms: transcripts deleted within 30 days (Section 10.8). Offered to healthcare accounts as an experimental feature, off by default, where every participant must consent and anyone who declines can still join without a summary being made.',
    author: PUBLISHER,
  },
  combine(
    forSegments(['consumer', 'business', 'enterprise', 'education'], {
      availability: 'generally_available',
      retention: SUMMARY_GA_RETENTION,
      retentionDays: null,
    }),
    forSegments(['consumer', 'business', 'enterprise'], {
      governingClauses: [tos('10.1'), tos('10.4'), tos('10.5'), tos('10.8'), privacyRef('3A')],
    }),
    {
      education: {
        governingClauses: [tos('10.1'), tos('10.4'), tos('10.5'), tos('10.6'), tos('10.8'), privacyRef('3A')],
      },
      healthcare: {
        whatItDoes: SUMMARY_WHAT,
        availability: 'experimental',
        dataCategories: ['audio', 'transcripts'],
        retention:
          'Transcripts and summaries are deleted 30 days after the meeting unless the host saves the summary to the organisation’s own records.',
        retentionDays: 30,
        humanReview: false,
        humanReviewDetail: NO_REVIEW,
        consentRequiredFrom: ['account_owner', 'account_admin', 'end_user'],
        nonConsentOption: 'join_without_feature',
        nonConsentDetail:
          'Every participant is asked when they join. If anyone declines, no summary is made for that meeting and everyone can stay in it.',
        defaultState: 'off',
        governingClauses: [tos('10.1'), tos('10.4'), tos('10.5'), tos('10.6'), tos('10.8'), privacyRef('3A')],
      },
    },
  ),
);

const meetingSummary: SampleFeature = {
  slug: 'meeting-summary',
  name: 'Meeting summary',
  description:
    'Machine-learning summarisation of meetings: a transcript of the meeting is turned into a short written summary for the host. The account owner turns it on; other participants are told when they join.',
  revisions: [summaryR1, summaryR2, summaryR3],
};

/* ------------------------------------------------------------------------------------------ */
/* Team chat compose                                                                           */
/* ------------------------------------------------------------------------------------------ */

const COMPOSE_WHAT =
  'Drafts a new message or a reply in team chat from a short prompt and the recent messages of the conversation; the user edits the draft before sending it.';

const COMPOSE_NO_PROMPT =
  'There is no participant prompt: the person drafting chooses to use the feature, and the other members of the conversation, whose recent messages are used as context, are not asked.';

const composeBusinessR1: FeatureFactsInput = {
  whatItDoes: COMPOSE_WHAT,
  availability: 'experimental',
  dataCategories: ['chat'],
  trainsFirstPartyModels: true,
  sharedWithVendor: false,
  vendorName: null,
  trainsVendorModels: false,
  retention: 'Prompts, context messages and drafts are kept for 30 days.',
  retentionDays: 30,
  humanReview: true,
  humanReviewDetail: 'Northwind staff may review a small sample of prompts and drafts to evaluate and improve quality.',
  consentRequiredFrom: ['account_owner', 'account_admin'],
  nonConsentOption: 'not_applicable',
  nonConsentDetail: COMPOSE_NO_PROMPT,
  defaultState: 'off',
  governingClauses: [tos('10.1'), tos('10.4')],
};

const composeR1: SampleFeatureRevision = {
  number: 1,
  publishedAt: isoDate('2023-08-07'),
  effectiveAt: isoDate('2023-08-07'),
  changeNote:
    'First public description of team chat compose as an experimental feature for team accounts, turned on by the account owner or an administrator.',
  author: PRIVACY_EDITOR,
  facts: {
    consumer: notOffered('Not offered on free and individual plans while the feature is experimental.', [
      tos('10.1'),
      tos('10.4'),
    ]),
    business: composeBusinessR1,
    enterprise: {
      ...composeBusinessR1,
      trainsFirstPartyModels: false,
      humanReview: false,
      humanReviewDetail:
        'No human review: enterprise agreements exclude staff access to chat content for quality purposes.',
    },
    education: notOffered('Not offered to education accounts.', [tos('10.1'), tos('10.4')]),
    healthcare: notOffered('Not offered to healthcare accounts.', [tos('10.1'), tos('10.4')]),
  },
};

const COMPOSE_NO_REVIEW = 'Northwind staff do not review prompts, context messages or drafts.';

const composeR2 = revise(
  composeR1,
  {
    publishedAt: isoDate('2023-09-07'),
    effectiveAt: isoDate('2023-09-07'),
    changeNote:
      'Aligned with the August 2023 terms: chat messages, prompts and drafts are no longer used to train Northwind models and staff no longer review samples.',
    author: PRIVACY_EDITOR,
  },
  {
    consumer: { governingClauses: [tos('10.4'), tos('10.5')] },
    business: {
      trainsFirstPartyModels: false,
      humanReview: false,
      humanReviewDetail: COMPOSE_NO_REVIEW,
      governingClauses: [tos('10.1'), tos('10.4'), tos('10.5')],
    },
    enterprise: {
      humanReviewDetail: COMPOSE_NO_REVIEW,
      governingClauses: [tos('10.1'), tos('10.4'), tos('10.5')],
    },
    education: {
      whatItDoes: 'Not offered to education accounts: education records in chats are not sent to AI drafting.',
      governingClauses: [tos('10.4'), tos('10.6')],
    },
    healthcare: {
      whatItDoes:
        'Not offered to healthcare accounts: protected health information in chats is not sent to AI drafting.',
      governingClauses: [tos('10.4'), tos('10.6')],
    },
  },
);

const VENDOR = 'Acme Models (sample)';

const composeVendorFacts: Partial<FeatureFactsInput> = {
  availability: 'generally_available',
  sharedWithVendor: true,
  vendorName: VENDOR,
  trainsVendorModels: false,
  retention:
    'Acme Models (sample) deletes the prompt and context as soon as it returns a draft; Northwind keeps prompts and drafts for 30 days for abuse monitoring.',
  retentionDays: 30,
  governingClauses: [tos('10.1'), tos('10.4'), tos('10.5'), tos('10.7'), tos('10.8'), privacyRef('3A')],
};

const composeR3 = revise(
  composeR2,
  {
    publishedAt: isoDate('2024-05-20'),
    effectiveAt: isoDate('2024-06-20'),
    changeNote:
      'Generally available with the June 2024 terms. Drafts are now produced by a model of Acme Models (sample), which receives the prompt and context but may not train on them (Section 10.7). Offered on individual plans, and to education accounts as an experimental feature, off by default.',
    author: PUBLISHER,
  },
  {
    consumer: {
      ...composeR2.facts.business,
      ...composeVendorFacts,
      consentRequiredFrom: ['account_owner'],
      nonConsentDetail:
        'There is no participant prompt: on an individual plan the account owner is the person drafting; people in the conversation whose recent messages are used as context are not asked.',
    },
    business: { ...composeVendorFacts, defaultState: 'on' },
    enterprise: composeVendorFacts,
    education: {
      ...composeR2.facts.business,
      ...composeVendorFacts,
      availability: 'experimental',
      defaultState: 'off',
      governingClauses: [
        tos('10.1'),
        tos('10.4'),
        tos('10.5'),
        tos('10.6'),
        tos('10.7'),
        tos('10.8'),
        privacyRef('3A'),
      ],
    },
    healthcare: {
      whatItDoes:
        'Not offered to healthcare accounts: drafting uses a third-party model provider, and protected health information is not sent to it.',
      governingClauses: [tos('10.6'), tos('10.7')],
    },
  },
);

const teamChatCompose: SampleFeature = {
  slug: 'team-chat-compose',
  name: 'Team chat compose',
  description:
    'AI drafting of team chat messages: from a short prompt and the recent conversation, the feature proposes a message that the user edits and sends.',
  revisions: [composeR1, composeR2, composeR3],
};

export const sampleFeatures: SampleFeature[] = [meetingSummary, teamChatCompose];
