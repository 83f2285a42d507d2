/**
 * The two sample AI features, each with three revisions (oldest first), each governed like a
 * terms version (domain/feature-governance.ts): every revision that changes a material fact for
 * a segment explains itself to that segment and gives the feature's 30 days' notice.
 *   1. published 2023-07-07, effective 2023-08-07 — experimental, as first described (terms
 *      2023-03 in force); material for every segment it is offered to;
 *   2. published 2023-08-07 with the August 2023 terms, effective with them on 2023-09-07 — no
 *      more training of Northwind's models on summaries or drafts, no more staff review;
 *   3. published 2024-05-20, effective 2024-06-20 — generally available (terms 2024-06 in force).
 * Each revision is built from the previous one with `revise` (spread plus explicit overrides),
 * and governing clauses only name keys that exist in the version in force at its effectiveAt.
 */

import { DEFAULT_FEATURE_NOTICE_DAYS } from '../domain/feature-governance.js';
import type { ClauseRef, FeatureFactsInput } from '../domain/types.js';
import { explain, isoDate } from './clause-helpers.js';
import { PRIVACY_EDITOR, PUBLISHER } from './organization.js';
import { PRIVACY_SLUG } from './privacy-statement.js';
import type { SampleSegmentKey } from './segment-keys.js';
import { TERMS_SLUG } from './terms-of-service.js';
import type { SampleFeature, SampleFeatureRevision } from './types.js';

type FactsBySegment = Record<SampleSegmentKey, FeatureFactsInput>;
type FactOverrides = Partial<Record<SampleSegmentKey, Partial<FeatureFactsInput>>>;

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
  const apply = (segment: SampleSegmentKey): FeatureFactsInput => ({ ...previous[segment], ...overrides[segment] });
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
  meta: Pick<SampleFeatureRevision, 'publishedAt' | 'effectiveAt' | 'changeNote' | 'author' | 'explanations'>,
  overrides: FactOverrides,
): SampleFeatureRevision {
  return { ...meta, number: previous.number + 1, facts: reviseFacts(previous.facts, overrides) };
}

/** The same override for several segments. */
function forSegments(segments: readonly SampleSegmentKey[], override: Partial<FeatureFactsInput>): FactOverrides {
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
    for (const segment of Object.keys(override) as SampleSegmentKey[]) {
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
  publishedAt: isoDate('2023-07-07'),
  effectiveAt: isoDate('2023-08-07'),
  changeNote:
    'First public description of meeting summary as an experimental feature, a month before it can be turned on. The account owner turns it on once; other participants are told when they join and can only accept and join, or leave.',
  author: PRIVACY_EDITOR,
  explanations: {
    consumer: explain(
      'Meeting summary writes a short summary of a meeting for the host. It is experimental and stays off until you, as account owner, turn it on. While it is on, Northwind uses the transcripts and summaries to train its own AI models, staff may read a small sample of them to check quality, and transcripts are kept for 90 days.',
      'This is the first description of meeting summary: from 7 August 2023 you can turn it on. People who join your meetings while it is on are told so, and can only join and be included, or leave.',
      true,
    ),
    business: explain(
      'Meeting summary writes a short summary of your organisation’s meetings for the host. It is experimental and stays off until your account owner or an administrator turns it on. While it is on, Northwind uses the transcripts and summaries to train its own AI models, staff may read a small sample of them, and transcripts are kept for 90 days.',
      'This is the first description of meeting summary: from 7 August 2023 your account owner or an administrator can turn it on for the organisation. Members and guests are told when they join and cannot opt out except by leaving the meeting.',
      true,
    ),
    enterprise: explain(
      'Meeting summary writes a short summary of your organisation’s meetings for the host. It is experimental and stays off until your account owner or an administrator turns it on. Your summaries and transcripts are not used to train AI models and are not read by Northwind staff; transcripts are kept for 90 days.',
      'This is the first description of meeting summary: from 7 August 2023 your account owner or an administrator can turn it on. Participants are told when they join and can only join or leave, so decide internally before turning it on.',
      true,
    ),
  },
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
    publishedAt: isoDate('2023-08-07'),
    effectiveAt: isoDate('2023-09-07'),
    changeNote:
      'Aligned with the August 2023 terms, published with them and effective with them: summaries and their transcripts are no longer used to train Northwind models, staff no longer review samples, and the feature is offered to education accounts, off by default, with consent from the account owner and an administrator.',
    author: PRIVACY_EDITOR,
    explanations: {
      consumer: explain(
        'Your meeting summaries and their transcripts are not used to train Northwind’s AI models, and Northwind staff do not read them. The feature is otherwise unchanged: it is off until you turn it on.',
        'Training on summaries and transcripts stops, and so does staff review of samples (Sections 10.4 and 10.5 of the August 2023 terms). Northwind stopped both on 7 August 2023, when it announced this change; from 7 September 2023 they are binding commitments.',
        true,
      ),
      business: explain(
        'Your organisation’s meeting summaries and their transcripts are not used to train Northwind’s AI models, and Northwind staff do not read them. Your account owner or an administrator still decides whether the feature is on.',
        'Training on summaries and transcripts stops, and so does staff review of samples (Sections 10.4 and 10.5 of the August 2023 terms). Nothing changes for members and guests: they are still told when they join and can only join or leave.',
        true,
      ),
      education: explain(
        'Meeting summary can now be used by schools, as an experimental feature that is off until both the account owner and an administrator turn it on. Summaries and transcripts of lessons are not used to train AI models and are not read by Northwind staff.',
        'Meeting summary was not offered to education accounts before. If your school turns it on, students and staff are told when they join a lesson and can only join or leave, so the school must offer those who leave another way to follow the lesson.',
        true,
      ),
    },
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
    explanations: {
      consumer: explain(
        'Meeting summary is generally available. The transcripts used to write a summary are deleted within 30 days, and the summary follows your account’s retention settings.',
        'The feature is no longer experimental, so every commitment of the June 2024 terms applies to it (Section 10.8), and transcripts are deleted within 30 days instead of being kept for 90.',
        true,
      ),
      business: explain(
        'Meeting summary is generally available to your organisation. The transcripts used to write a summary are deleted within 30 days, and summaries follow the organisation’s retention settings.',
        'The feature is no longer experimental (Section 12 of the June 2024 terms) and transcripts are deleted within 30 days instead of 90. Who turns it on, and what members and guests can do, is unchanged.',
        true,
      ),
      enterprise: explain(
        'Meeting summary is generally available. Transcripts are deleted within 30 days and summaries follow your retention settings; your signed agreement still applies on top of these terms.',
        'The feature is no longer experimental and carries the full commitments of Sections 10.4 to 10.8; transcripts are deleted within 30 days instead of 90, which your records of processing may need to reflect.',
        true,
      ),
      education: explain(
        'Meeting summary is generally available to schools, still off until the account owner and an administrator turn it on. Transcripts of lessons are deleted within 30 days.',
        'The feature is no longer experimental, and transcripts are deleted within 30 days instead of 90 (Section 10.8). Education records are still never used for training without the school’s written consent.',
        true,
      ),
      healthcare: explain(
        'Meeting summary is offered to healthcare accounts as an experimental feature, off by default. Every participant is asked when they join; if anyone declines, no summary is made and everyone can stay in the meeting. Transcripts and summaries are deleted after 30 days unless the host saves the summary to your own records.',
        'Meeting summary was not offered to healthcare accounts before. It needs consent from the account owner, an administrator and every participant, and it is never used to train models or read by Northwind staff.',
        true,
      ),
    },
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
  noticePeriodDays: DEFAULT_FEATURE_NOTICE_DAYS,
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
  publishedAt: isoDate('2023-07-07'),
  effectiveAt: isoDate('2023-08-07'),
  changeNote:
    'First public description of team chat compose as an experimental feature for team accounts, turned on by the account owner or an administrator, a month before it can be turned on.',
  author: PRIVACY_EDITOR,
  explanations: {
    business: explain(
      'Team chat compose drafts chat messages from a short prompt and the recent conversation. It is experimental and stays off until your account owner or an administrator turns it on. While it is on, prompts and drafts are used to train Northwind’s own AI models, staff may review a small sample, and they are kept for 30 days.',
      'This is the first description of team chat compose: from 7 August 2023 it can be turned on. The other people in a conversation, whose recent messages are used to write a draft, are not asked.',
      true,
    ),
    enterprise: explain(
      'Team chat compose drafts chat messages from a short prompt and the recent conversation. It is experimental and stays off until your account owner or an administrator turns it on. Prompts and drafts are not used to train AI models and are not reviewed by Northwind staff; they are kept for 30 days.',
      'This is the first description of team chat compose: from 7 August 2023 it can be turned on. The other people in a conversation, whose recent messages are used to write a draft, are not asked.',
      true,
    ),
  },
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
    publishedAt: isoDate('2023-08-07'),
    effectiveAt: isoDate('2023-09-07'),
    changeNote:
      'Aligned with the August 2023 terms, published with them and effective with them: chat messages, prompts and drafts are no longer used to train Northwind models and staff no longer review samples.',
    author: PRIVACY_EDITOR,
    explanations: {
      business: explain(
        'Your organisation’s chat messages, prompts and drafts are not used to train Northwind’s AI models, and Northwind staff do not review them. Your account owner or an administrator still decides whether the feature is on.',
        'Training on chat messages, prompts and drafts stops, and so does staff review of samples (Sections 10.4 and 10.5 of the August 2023 terms). Northwind stopped both on 7 August 2023, when it announced this change; from 7 September 2023 they are binding commitments.',
        true,
      ),
    },
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
    explanations: {
      consumer: explain(
        'Team chat compose is available on individual plans, off until you turn it on. Drafts are written by a model of Acme Models (sample), which receives your prompt and recent messages, may not train on them and deletes them once it returns the draft. Northwind keeps prompts and drafts for 30 days to detect abuse.',
        'Team chat compose was not offered on individual plans before. The people whose recent messages are used to write a draft are not asked, so think about who is in a conversation before using it.',
        true,
      ),
      business: explain(
        'Team chat compose is generally available and on by default for team accounts; your account owner or an administrator can turn it off. Drafts are written by a model of Acme Models (sample), which may not train on what it receives and deletes it once it returns the draft.',
        'Three changes: the feature is on unless your account owner or an administrator turns it off; prompts and recent messages are sent to Acme Models (sample) (Section 10.7); and it is no longer experimental. Turn it off in the account settings if your organisation does not want messages sent to a model provider.',
        true,
      ),
      enterprise: explain(
        'Team chat compose is generally available, still off until your account owner or an administrator turns it on. Drafts are written by a model of Acme Models (sample), which may not train on what it receives and deletes it once it returns the draft.',
        'The feature is no longer experimental, and prompts and recent messages are now sent to a third-party model provider, Acme Models (sample) (Section 10.7), which your vendor-management process may need to record.',
        true,
      ),
      education: explain(
        'Team chat compose is offered to schools as an experimental feature, off until the account owner or an administrator turns it on. Drafts are written by a model of Acme Models (sample), which may not train on what it receives.',
        'Team chat compose was not offered to education accounts before. If your school turns it on, message text is sent to Acme Models (sample) under a no-training, delete-after-use agreement; education records are still never used for training without written consent.',
        true,
      ),
    },
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
  noticePeriodDays: DEFAULT_FEATURE_NOTICE_DAYS,
  name: 'Team chat compose',
  description:
    'AI drafting of team chat messages: from a short prompt and the recent conversation, the feature proposes a message that the user edits and sends.',
  revisions: [composeR1, composeR2, composeR3],
};

export const sampleFeatures: SampleFeature[] = [meetingSummary, teamChatCompose];
