/**
 * The sample Privacy Statement of Northwind Meetings (sample): two versions, oldest first.
 * Built like the terms: version 2 is version 1 plus explicit edits (see clause-helpers.ts).
 */
import type { ClauseInput } from '../domain/types.js';
import { appendSentence, clause, explain, insertAfter, isoDate, renumber, replaceText } from './clause-helpers.js';
import { PRIVACY_EDITOR } from './organization.js';
import type { SampleDocument, SampleVersion } from './types.js';

export const PRIVACY_SLUG = 'privacy-statement';

const whoWeAre = clause(
  '1',
  '1',
  'Who We Are',
  'This Privacy Statement explains how Northwind Meetings (sample) collects and uses personal data when you use its websites and Services. Northwind is the controller of the personal data described here, except where it processes Customer Content on behalf of a customer: then the customer is the controller and Northwind acts as its processor.',
);

const dataWeCollect = clause(
  '2',
  '2',
  'Data We Collect',
  'We collect account data, such as your name, email address and billing details; Customer Content that you and other participants provide in meetings, webinars and chats; and Service Generated Data, such as device information, IP address, meeting metadata and diagnostic logs. We collect Customer Content only when you or another participant share it through the Services.',
);

const howWeUse = clause(
  '3',
  '3',
  'How We Use Data',
  'We use personal data to provide, secure and support the Services, to bill you, to communicate with you about your account, and to improve the Services using aggregated or de-identified usage information. We do not sell personal data and we do not use Customer Content for advertising.',
);

const sharing = clause(
  '4',
  '4',
  'Sharing',
  'We share personal data with service providers that process it on our behalf under contract, with the other participants in the meetings and chats you join, where the law requires it, and in connection with a merger or acquisition. Our current list of sub-processors is published on our website.',
);

const retention = clause(
  '5',
  '5',
  'Retention',
  'We keep account data for as long as your account is open and for up to 90 days afterwards. Customer Content is kept according to the retention settings chosen by the account owner. Diagnostic logs are deleted after 13 months.',
);

const yourRights = clause(
  '6',
  '6',
  'Your Rights',
  'Depending on where you live, you may have the right to access, correct, delete or export your personal data, and to object to or restrict some processing. To exercise these rights, contact privacy@example.com. If your account is controlled by an organisation, we will forward your request to that organisation.',
);

const changesAndContact = clause(
  '7',
  '7',
  'Changes and Contact',
  'We will tell you about material changes to this Privacy Statement at least 30 days before they take effect. Questions may be sent to privacy@example.com or to Northwind Meetings (sample), 1 Harbour Way, Example City.',
);

const clausesV1: ClauseInput[] = [whoWeAre, dataWeCollect, howWeUse, sharing, retention, yourRights, changesAndContact];

export const privacyV1: SampleVersion = {
  label: '2023-01',
  publishedAt: isoDate('2022-11-15'),
  effectiveAt: isoDate('2023-01-01'),
  material: true,
  changeNote: 'First published version of the Privacy Statement in Candor; the baseline for later comparisons.',
  author: PRIVACY_EDITOR,
  clauses: clausesV1,
  explanations: {
    consumer: explain(
      'Northwind decides how your account data is used and uses it to run the service, bill you and improve the service with aggregated statistics. It does not sell your data or use your meetings for advertising. You can ask to see, correct, export or delete your data.',
      '',
      false,
    ),
    business: explain(
      'For the meetings and chats of your organisation, your organisation decides how the content is used and Northwind processes it on your behalf. Northwind uses account and usage data to run and bill the service. Requests from your members about their data are forwarded to your organisation.',
      '',
      false,
    ),
    enterprise: explain(
      'Northwind processes your organisation’s content as a processor, following your instructions and your Data Processing Addendum. Account data is kept while the account is open and for 90 days afterwards, and diagnostic logs for 13 months.',
      '',
      false,
    ),
    education: explain(
      'Your school controls the content of its meetings and chats, including students’ education records, and Northwind processes it for the school. Students and parents who ask Northwind about their data are referred to the school.',
      '',
      false,
    ),
    healthcare: explain(
      'Your organisation controls the content of its meetings, including protected health information, and Northwind processes it for you under your business associate agreement. Meeting content is kept according to your account’s retention settings.',
      '',
      false,
    ),
  },
};

const aiFeatures = clause(
  '3A',
  '4',
  'Artificial Intelligence Features',
  'Some features, such as meeting summary and team chat compose, use artificial intelligence to process Customer Content. We do not use audio, video or chat content to train artificial intelligence models unless the account owner or an administrator has consented, and we never use it to train third-party models. When an account turns on an AI feature, participants are told so as they join a meeting. Education records and protected health information are not used for training without the written consent of the institution or covered entity.',
);

const clausesV2: ClauseInput[] = (() => {
  let c = clausesV1;
  c = replaceText(
    c,
    '3',
    'using aggregated or de-identified usage information.',
    'using aggregated or de-identified usage information, including to develop machine-learning features as described in Section 4.',
  );
  c = insertAfter(c, '3', aiFeatures);
  c = renumber(c, { '4': '5', '5': '6', '6': '7', '7': '8' });
  c = appendSentence(
    c,
    '5',
    'Transcripts processed to create a meeting summary are deleted within 90 days, and the summary is kept until the host deletes it.',
  );
  return c;
})();

export const privacyV2: SampleVersion = {
  label: '2023-08',
  publishedAt: isoDate('2023-08-11'),
  effectiveAt: isoDate('2023-09-11'),
  material: true,
  changeNote:
    'New Section 4 on artificial intelligence features (consent before training on audio, video or chat; no third-party training; education records and protected health information); retention of meeting summary transcripts; later sections renumbered.',
  author: PRIVACY_EDITOR,
  clauses: clausesV2,
  explanations: {
    consumer: explain(
      'Your audio, video and chat are not used to train AI models unless you, as account owner, consent, and never to train other companies’ models. When you join a meeting that uses an AI feature, you are told as you join. Transcripts used to create a meeting summary are deleted within 90 days.',
      'A new Section 4 explains the AI features and the consent rule for training, and Section 6 adds how long meeting summary transcripts are kept. Your other rights and the way to exercise them are unchanged.',
      true,
    ),
    business: explain(
      'Your account owner or administrators decide whether the organisation’s audio, video and chat may be used to train Northwind’s AI models; members and guests are told when an AI feature is on. Northwind processes the organisation’s content on its behalf, as before.',
      'The statement now describes the AI features, the consent that only your account owner or administrators can give, and the 90-day deletion of meeting summary transcripts (new Section 4 and Section 6).',
      true,
    ),
    enterprise: explain(
      'The statement now matches the August 2023 terms: no training on audio, video or chat without consent from your account owner or administrators, and no training of third-party models. Your Data Processing Addendum continues to govern Northwind’s processing as a processor.',
      'New Section 4 describes the AI features and the consent rule, and Section 6 sets a 90-day deletion period for meeting summary transcripts. Record the change in your processing register if you use the AI features.',
      true,
    ),
    education: explain(
      'Education records are not used to train AI models without the school’s written consent, and students are told when they join a lesson with an AI feature on. The school still controls its content.',
      'New Section 4 states the written-consent rule for education records and the notice given to participants when an AI feature is on.',
      true,
    ),
    healthcare: explain(
      'Protected health information is not used to train AI models without your organisation’s written consent, and patients and staff are told when they join a meeting with an AI feature on. Your business associate agreement still governs protected health information.',
      'New Section 4 states the written-consent rule for protected health information and the notice shown to participants. The AI features themselves are not yet offered to healthcare accounts.',
      true,
    ),
  },
};

export const privacyStatement: SampleDocument = {
  slug: PRIVACY_SLUG,
  title: 'Privacy Statement',
  description:
    'How Northwind Meetings (sample) collects, uses, shares and keeps personal data, including the data processed by its AI features.',
  kind: 'privacy',
  noticePeriodDays: 30,
  versions: [privacyV1, privacyV2],
};
