/**
 * The sample Terms of Service of Northwind Meetings (sample): six published versions, oldest first,
 * one of which (2024-10) was withdrawn before it took effect.
 *
 * Each version is built from the previous one with the helpers in clause-helpers.ts, so the
 * differences are explicit and unchanged clauses are byte-identical across versions.
 *
 * Clause keys are the numbers the clauses had when they first appeared and never change; a clause
 * inserted between existing ones gets a letter suffix (e.g. key "11A", first shown as "12").
 * AI clauses: 10.1 customer content licence (all versions), 10.4 machine learning and AI (from
 * 2023-03), 10.5 consent (from 2023-08), 10.6 education records and PHI (from 2023-08), 10.7
 * third-party model providers and 10.8 AI output retention (from 2024-06).
 */
import type { ClauseInput } from '../domain/types.js';
import {
  appendParagraph,
  appendSentence,
  clause,
  explain,
  insertAfter,
  isoDate,
  mapExplanations,
  moveAfter,
  renumber,
  replaceClause,
  replaceText,
} from './clause-helpers.js';
import { LEGAL_EDITOR, PUBLISHER } from './organization.js';
import type { SampleDocument, SampleVersion } from './types.js';

export const TERMS_SLUG = 'terms-of-service';

/* ------------------------------------------------------------------------------------------ */
/* Version 1 — 2022-11: the early baseline                                                     */
/* ------------------------------------------------------------------------------------------ */

const definitions = clause(
  '1',
  '1',
  'Definitions',
  'In these Terms, “Northwind”, “we” and “us” mean Northwind Meetings (sample), and “you” means the person or organisation that creates an account. “Services” means the video meetings, webinars, team chat and related products that Northwind makes available to you, together with the software used to access them. “End User” means any person who uses the Services under your account or joins a meeting that you host, and “Account Owner” means the person who created or controls your account.',
  '“Customer Content” means the audio, video, chat messages, files, recordings, transcripts and other content that you or your End Users provide, upload or create through the Services. “Service Generated Data” means telemetry, usage, diagnostic and similar data that Northwind collects or generates in connection with the use of the Services.',
);

const accounts = clause(
  '2',
  '2',
  'Accounts and Eligibility',
  // "you account" is a typing error in the original text; it is corrected in version 2025-03.
  'You must be at least 16 years old, or the age of digital consent in your country if it is higher, to create an account. You agree to give accurate registration information and to keep it up to date. You are responsible for maintaining the confidentiality of you account credentials and for all activity that occurs under your account. If you create an account on behalf of an organisation, you confirm that you are authorised to bind that organisation to these Terms.',
);

const acceptableUse = clause(
  '3',
  '3',
  'Acceptable Use',
  'You will not, and will not permit any End User to, use the Services to: (a) break the law or infringe the rights of others; (b) record or monitor anyone without the notice or consent that the law requires; (c) send spam, malware or other harmful code; or (d) interfere with, probe or disrupt the Services or the networks that support them. Northwind may suspend any meeting, account or content that it reasonably believes breaches this Section, and will tell you when it does so unless the law prevents it.',
);

const fees = clause(
  '4',
  '4',
  'Fees and Payment',
  'Paid plans are billed in advance for each subscription period at the prices shown when you order. Fees are non-refundable except where these Terms or the law say otherwise. Northwind may change its prices from the start of a new subscription period by giving you at least 30 days’ notice. If a payment is overdue, Northwind may suspend paid features after notifying you.',
);

const freePlans = clause(
  '5',
  '5',
  'Free Plans and Trials',
  'Northwind may offer free plans and time-limited trials of paid plans. Free plans may be subject to limits on meeting length, number of participants and storage, which Northwind may change on reasonable notice. A trial converts into a paid plan at its end only if you agreed to that when you started it.',
);

const serviceChanges = clause(
  '6',
  '6',
  'Changes to the Services',
  'Northwind continuously develops the Services and may add, change or remove features. If a change materially reduces the functionality of a paid plan that you have purchased, Northwind will tell you in advance, and you may cancel and receive a pro-rata refund of prepaid fees for the remaining period.',
);

const northwindIp = clause(
  '7',
  '7',
  'Northwind Intellectual Property',
  'Northwind and its licensors own all rights in the Services, the software and the Northwind brand. Subject to these Terms, Northwind grants you a limited, non-exclusive, non-transferable licence to use the Services during your subscription. You may not copy, reverse engineer or resell the Services except as the law expressly allows.',
);

const feedback = clause(
  '8',
  '8',
  'Feedback',
  'If you send Northwind suggestions or other feedback about the Services, Northwind may use that feedback without restriction and without payment to you. Feedback does not include Customer Content, which is governed by Section 10.',
);

const confidentiality = clause(
  '9',
  '9',
  'Confidentiality',
  'Each party will protect the other’s confidential information with at least reasonable care and use it only to perform under these Terms. Confidential information does not include information that is public through no fault of the receiving party, was already known to it, or was independently developed. A party may disclose confidential information where the law requires, after giving the other party notice where the law permits.',
);

const customerContent = clause(
  '10.1',
  '10.1',
  'Customer Content',
  'As between you and Northwind, you own all Customer Content. You grant Northwind a worldwide, non-exclusive, royalty-free licence to host, store, transmit, display and process Customer Content solely to provide the Services to you and your End Users, including to maintain, secure and support them. This licence ends when the Customer Content is deleted from the Services, except for backup copies that are deleted in the ordinary course.',
);

const serviceGeneratedData = clause(
  '10.2',
  '10.2',
  'Service Generated Data',
  'Northwind may collect and use Service Generated Data to operate, secure, support and improve the Services. Where Northwind shares Service Generated Data outside Northwind, it does so only in aggregated or de-identified form that does not identify you or any End User.',
);

const recordings = clause(
  '10.3',
  '10.3',
  'Recordings and Participant Notice',
  'If you record a meeting or webinar, or turn on a feature that transcribes one, the Services display a notice to participants. You are responsible for obtaining any consent that the law requires from the people you record. Recordings stored in the Northwind cloud are kept according to the retention settings of your account.',
);

const privacy = clause(
  '11',
  '11',
  'Privacy',
  'Northwind processes personal data as described in its Privacy Statement. Where Northwind processes personal data on your behalf as a processor, the Data Processing Addendum applies and prevails over these Terms to the extent of any conflict.',
);

const termination = clause(
  '12',
  '12',
  'Term and Termination',
  // "terminaton" is a typing error in the original text; it is corrected in version 2025-03.
  'These Terms apply from the moment you first use the Services until your account is closed. You may close your account at any time. Northwind may suspend or terminate your account for a material breach that you have not cured within 30 days of notice, or immediately where the law requires. On terminaton, you may export your Customer Content for 30 days, after which Northwind will delete it.',
);

const liability = clause(
  '13',
  '13',
  'Limitation of Liability',
  'Neither party is liable for indirect, incidental or consequential losses, or for lost profits or revenue, arising out of these Terms. Except for your payment obligations and breaches of Section 3, each party’s total liability is limited to the fees paid or payable by you in the twelve months before the claim arose. Nothing in these Terms limits liability that cannot be limited by law.',
);

const governingLaw = clause(
  '14',
  '14',
  'Governing Law and Disputes',
  'These Terms are governed by the laws of the fictional State of Example, without regard to its conflict-of-laws rules. The courts of Example City have exclusive jurisdiction, except that consumers may also bring proceedings in the courts where they live. Legal notices to Northwind must be sent to Northwind Meetings (sample), 1 Harbour Way, Example City, or to legal@example.com.',
);

const clausesV1: ClauseInput[] = [
  definitions,
  accounts,
  acceptableUse,
  fees,
  freePlans,
  serviceChanges,
  northwindIp,
  feedback,
  confidentiality,
  customerContent,
  serviceGeneratedData,
  recordings,
  privacy,
  termination,
  liability,
  governingLaw,
];

export const termsV1: SampleVersion = {
  label: '2022-11',
  publishedAt: isoDate('2022-11-15'),
  effectiveAt: isoDate('2023-01-01'),
  material: true,
  changeNote: 'First published version of the Terms of Service in Candor; the baseline for later comparisons.',
  author: LEGAL_EDITOR,
  clauses: clausesV1,
  explanations: {
    consumer: explain(
      'You own what you say, show and share in Northwind meetings, and Northwind may use it only to run the service for you. Usage data leaves Northwind only in aggregated or de-identified form. You can close your account at any time and export your content for 30 days afterwards.',
      '',
      false,
    ),
    business: explain(
      'Your organisation owns the meetings, chats and recordings created under its account, and Northwind may use them only to provide the service. Your account owner and administrators control recording and retention settings for everyone on the account. Paid plans are billed in advance, and price changes need 30 days’ notice.',
      '',
      false,
    ),
    enterprise: explain(
      'Your organisation owns its Customer Content, and Northwind may use it only to provide the service. Where your organisation has signed a Data Processing Addendum, it prevails over these terms for personal data. Each side’s liability is capped at the fees paid in the previous twelve months.',
      '',
      false,
    ),
    education: explain(
      'Your school owns the content created in its meetings, including anything that forms part of students’ education records, and Northwind may use it only to provide the service. Northwind processes personal data for the school as a processor under the Data Processing Addendum. Teachers who record lessons must give participants the notice that the law requires.',
      '',
      false,
    ),
    healthcare: explain(
      'Your organisation owns the content of its meetings, including any protected health information, and Northwind may use it only to provide the service. Protected health information is handled under your business associate agreement and the Data Processing Addendum, which prevail over these terms. Recordings are kept according to your account’s retention settings.',
      '',
      false,
    ),
  },
};

/* ------------------------------------------------------------------------------------------ */
/* Version 2 — 2023-03: the rewrite (broad licence, machine learning and AI)                    */
/* ------------------------------------------------------------------------------------------ */

const broadLicence =
  'You or your End Users may provide, upload or originate Customer Content through the Services. You agree to grant, and hereby grant, Northwind a perpetual, worldwide, non-exclusive, royalty-free, sublicensable and transferable licence and all other rights required or necessary to redistribute, publish, import, access, use, store, transmit, review, disclose, preserve, extract, modify, reproduce, share, display, copy, distribute, translate, transcribe, create derivative works, and process Customer Content, and to perform all acts with respect to Customer Content: (i) as may be necessary for Northwind to provide the Services to you, including to support the Services; (ii) for the purposes described in Section 10.4; and (iii) for any other purpose relating to any use or other act permitted by these Terms.';

const machineLearning = clause(
  '10.4',
  '10.4',
  'Machine Learning and Artificial Intelligence',
  'You agree that Northwind may access and use Service Generated Data and Customer Content for the purposes of product and service development, marketing, analytics, quality assurance, machine learning and artificial intelligence, including for the purposes of training and tuning of algorithms and models, and for training, testing and improvement of the Services and of Northwind’s other products, services and software. Northwind may carry out these activities itself or through its service providers.',
);

const experimentalServices = clause(
  '11A',
  '12',
  'Beta and Experimental Services',
  'Northwind may make features available as beta, preview or experimental (“Experimental Features”). Experimental Features are provided “as is”, may be changed or withdrawn at any time, and are not covered by any service-level commitment. Using an Experimental Feature is optional, and you may stop using it at any time.',
);

const clausesV2: ClauseInput[] = (() => {
  let c = clausesV1;
  // Free plans now follow the account clause: same key "5", new place and number.
  c = moveAfter(c, '5', '2');
  c = renumber(c, { '5': '3', '3': '4', '4': '5' });
  // The rewrite of the customer content licence and of service generated data.
  c = replaceClause(c, '10.1', {
    heading: 'Customer Content and Licence to Northwind',
    body: [
      broadLicence,
      'You represent that you have obtained, and will maintain, all rights, consents and permissions required to grant the licence in this Section, including from your End Users.',
    ].join('\n\n'),
  });
  c = replaceClause(c, '10.2', {
    heading: 'Service Generated Data; Consent to Use',
    body: 'As between you and Northwind, all rights in Service Generated Data belong to and are retained solely by Northwind. You consent to Northwind’s access, use, collection, creation, modification, distribution, processing, sharing, maintenance and storage of Service Generated Data for any purpose permitted by law, including the purposes described in Section 10.4.',
  });
  // New clause: machine learning and artificial intelligence.
  c = insertAfter(c, '10.3', machineLearning);
  // New clause after Privacy: later clauses are renumbered (keys unchanged).
  c = insertAfter(c, '11', experimentalServices);
  c = renumber(c, { '12': '13', '13': '14', '14': '15' });
  // Acceptable use is now Section 4: fix the cross-reference.
  c = replaceText(c, '13', 'breaches of Section 3', 'breaches of Section 4');
  return c;
})();

export const termsV2: SampleVersion = {
  label: '2023-03',
  // Published 30 days before it took effect, so that the 30-day notice period is respected.
  publishedAt: isoDate('2023-03-01'),
  effectiveAt: isoDate('2023-03-31'),
  material: true,
  changeNote:
    'Rewrite of Section 10: a perpetual, sublicensable licence to Customer Content; Service Generated Data owned by Northwind; new Section 10.4 on machine learning and artificial intelligence. Free plans moved to Section 3; new Section 12 on experimental services; later sections renumbered.',
  author: LEGAL_EDITOR,
  clauses: clausesV2,
  explanations: {
    consumer: explain(
      'Northwind now holds a permanent, transferable licence to what you say, show and share in meetings, for a long list of purposes beyond running the service. New Section 10.4 lets Northwind use your content and your usage data for machine learning and artificial intelligence, including training models. These terms give you no separate way to say no.',
      'Before, Northwind could use your content only to provide the service. Now the licence is perpetual, sublicensable and transferable, covers publishing, modifying and creating derivative works, and extends to product development, marketing and AI training (new Section 10.4). Usage data now belongs to Northwind and may be used for any lawful purpose. Free plans are now Section 3, and a new Section 12 covers experimental features.',
      true,
    ),
    business: explain(
      'Northwind holds a broad, perpetual licence over your organisation’s meetings, chats, files and recordings, and may use them and usage data to develop products and to train machine-learning and AI models (Section 10.4). Your organisation promises that it has the rights and consents needed from its users to grant that licence. Experimental features, such as early AI tools, come without service commitments.',
      'The licence to your organisation’s content is no longer limited to providing the service: it is perpetual, sublicensable and covers AI training. Your organisation now also promises that it has its end users’ permission to grant it. Experimental features are newly defined and can be withdrawn at any time.',
      true,
    ),
    enterprise: explain(
      'The standard terms now give Northwind a broad licence over Customer Content, including for AI training, unless your signed agreement says otherwise. If your enterprise agreement or Data Processing Addendum does not limit Section 10.4, Northwind may use your content and usage data to train models.',
      'Section 10.1 becomes a perpetual, sublicensable licence that is no longer limited to providing the service, and new Section 10.4 allows machine learning and AI training on Customer Content and usage data. Your Data Processing Addendum still prevails for personal data, but the terms do not say how it interacts with AI training. The liability clause is now Section 14.',
      true,
    ),
    education: explain(
      'Your school’s meeting content is now covered by the same broad licence as everyone else’s, including use for AI training under Section 10.4. The terms do not treat education records separately, so any protection depends on your Data Processing Addendum and on the law that applies to your school.',
      'Content that may include students’ education records is now under a perpetual, sublicensable licence that covers product development and AI training. Nothing in the terms excludes education records from training, and the school now promises that it has the consents needed to grant the licence.',
      true,
    ),
    healthcare: explain(
      'The broad licence and the AI-training clause apply to your account too. Your business associate agreement still governs protected health information and prevails where it conflicts, but the terms themselves do not exclude protected health information from training.',
      'Section 10.1 is no longer limited to providing the service, and new Section 10.4 allows AI training on Customer Content. For protected health information, what Northwind may do now depends only on your business associate agreement, so review it against the new clauses.',
      true,
    ),
  },
};

/* ------------------------------------------------------------------------------------------ */
/* Version 3 — 2023-08: the correction (consent, first-party only, ownership, education, PHI)  */
/* ------------------------------------------------------------------------------------------ */

export const CONSENT_SENTENCE =
  'Notwithstanding the above, Northwind will not use audio, video or chat Customer Content to train our artificial intelligence models without your consent.';

const consentOfOwners = clause(
  '10.5',
  '10.5',
  'Consent of Account Owners and Administrators',
  'Northwind will ask for consent before it uses audio, video or chat Customer Content to train artificial intelligence models, and only the Account Owner or an account administrator can give that consent for an account. Consent can be withdrawn at any time in the account settings, and withdrawal applies to Customer Content created after it. Where consent is given, Northwind uses that Customer Content only to improve its own artificial intelligence services and never to train third-party artificial intelligence models. End Users who join a meeting in which an artificial intelligence feature is turned on are told so when they join.',
);

const educationAndHealth = clause(
  '10.6',
  '10.6',
  'Education Records and Protected Health Information',
  'Northwind will not use education records that it processes for an educational institution, or protected health information that it processes under a business associate agreement, to train any artificial intelligence model without the prior written consent of the institution or covered entity. This commitment applies in addition to, and does not reduce, the protections in your Data Processing Addendum or business associate agreement.',
);

const clausesV3: ClauseInput[] = (() => {
  let c = clausesV2;
  c = replaceText(
    c,
    '10.1',
    '(ii) for the purposes described in Section 10.4;',
    '(ii) for the purposes described in Section 10.4, subject to Sections 10.5 and 10.6;',
  );
  c = appendParagraph(
    c,
    '10.1',
    'For clarity, as between you and Northwind, you and your End Users own all Customer Content, and nothing in these Terms transfers that ownership to Northwind. Northwind uses Customer Content to provide the Services that you ask for: for example, if you livestream a webinar to a third-party video site, Northwind processes the webinar’s audio and video to deliver the livestream, but the content remains yours.',
  );
  c = appendSentence(c, '10.4', CONSENT_SENTENCE);
  c = insertAfter(c, '10.4', consentOfOwners);
  c = insertAfter(c, '10.5', educationAndHealth);
  return c;
})();

export const termsV3: SampleVersion = {
  label: '2023-08',
  publishedAt: isoDate('2023-08-07'),
  effectiveAt: isoDate('2023-09-07'),
  material: true,
  changeNote:
    'Correction in favour of customers: Section 10.4 now says Northwind will not use audio, video or chat Customer Content to train its AI models without consent; new Section 10.5 (consent by account owners and administrators, first-party models only), new Section 10.6 (education records and protected health information), and Section 10.1 confirms that customers keep ownership. The version takes effect after the 30-day notice period, but Northwind committed to apply the consent sentence of Section 10.4 immediately, from 7 August 2023.',
  author: LEGAL_EDITOR,
  clauses: clausesV3,
  explanations: {
    consumer: explain(
      'Northwind still holds a broad licence over your content, but it will not use your audio, video or chat to train its AI models unless you, as the account owner, consent. If you consent, your content only improves Northwind’s own AI services and never trains other companies’ models. You keep ownership of everything you create.',
      'A new sentence in Section 10.4 and new Section 10.5 mean that your audio, video and chat are no longer used to train AI without your consent, which you can withdraw in your settings. Section 10.1 now says plainly that you own your content. Northwind applied the consent commitment from the day it published this version, before the version took effect.',
      true,
    ),
    business: explain(
      'Your account owner or administrators decide whether Northwind may use the organisation’s audio, video and chat to train AI models; without their consent, it is not used. Other members and meeting guests do not give that consent themselves; they are told when they join a meeting with an AI feature on. The organisation keeps ownership of its content.',
      'Training on audio, video and chat now needs consent from the account owner or an administrator (Section 10.5), and any such use is limited to Northwind’s own AI services, never third-party models. Section 10.1 confirms that your organisation owns its content: livestreaming a webinar to a video site, for example, does not transfer ownership. Files and usage data are not covered by the consent commitment.',
      true,
    ),
    enterprise: explain(
      'Audio, video and chat from your organisation are not used to train AI models unless an account owner or administrator consents, and then only for Northwind’s own services. Your signed agreement still applies on top of these terms, and your organisation keeps ownership of its content.',
      'The consent requirement in Sections 10.4 and 10.5 now limits the AI-training licence added in March 2023. Consent is given by your account owner or administrators, not by individual employees, so decide internally who may give it. Files and usage data can still be used for AI as before, unless your agreement says otherwise.',
      true,
    ),
    education: explain(
      'Education records that Northwind processes for your school are not used to train any AI model without the school’s prior written consent (Section 10.6). Audio, video and chat are also covered by the general consent rule, which only your account owner or administrators can waive. The school keeps ownership of its content.',
      'New Section 10.6 protects education records from AI training unless the school consents in writing, on top of the account-level consent in Section 10.5. Schools no longer have to rely only on their Data Processing Addendum for this protection.',
      true,
    ),
    healthcare: explain(
      'Protected health information that Northwind handles under your business associate agreement is not used to train any AI model without your organisation’s prior written consent. The consent rule for audio, video and chat also applies, and your business associate agreement continues to prevail.',
      'New Section 10.6 means protected health information is not used to train AI without written consent from your organisation, in addition to the account-level consent in Section 10.5. Any training that is consented to is limited to Northwind’s own models.',
      true,
    ),
  },
};

/* ------------------------------------------------------------------------------------------ */
/* Version 4 — 2024-06: AI features generally available, AI output retention, model providers  */
/* ------------------------------------------------------------------------------------------ */

const modelProviders = clause(
  '10.7',
  '10.7',
  'Third-Party Model Providers',
  'Some AI Features use models operated by a third-party provider. Where they do, Northwind sends the provider only the content needed to produce the AI Output, under a written agreement that prohibits the provider from using that content to train or improve its models and requires it to delete the content once the AI Output is returned. The team chat compose feature uses models provided by Acme Models (sample). Northwind lists its current model providers in its AI feature disclosures and will give at least 30 days’ notice before adding a provider.',
);

const aiOutputRetention = clause(
  '10.8',
  '10.8',
  'AI Output and Retention',
  'AI Outputs are kept according to the retention settings of your account, and you can delete them at any time. The audio, transcripts and messages that Northwind processes to generate an AI Output are deleted within 30 days after the AI Output is generated, unless you have chosen to keep them as part of a recording or chat history. AI Outputs may be inaccurate, and you are responsible for reviewing them before relying on them.',
);

const clausesV4: ClauseInput[] = (() => {
  let c = clausesV3;
  c = appendParagraph(
    c,
    '1',
    '“AI Features” means features of the Services that use artificial intelligence or machine learning to generate content, such as meeting summaries or drafted messages, and “AI Output” means the content they generate. AI Output is Customer Content.',
  );
  c = insertAfter(c, '10.6', modelProviders);
  c = insertAfter(c, '10.7', aiOutputRetention);
  c = replaceClause(c, '11A', { heading: 'Experimental Services and AI Feature Availability' });
  c = appendParagraph(
    c,
    '11A',
    'AI Features that Northwind describes as generally available in its AI feature disclosures are part of the Services and are no longer Experimental Features; the commitments in Sections 10.4 to 10.8 apply to them in full.',
  );
  return c;
})();

export const termsV4: SampleVersion = {
  label: '2024-06',
  publishedAt: isoDate('2024-05-20'),
  effectiveAt: isoDate('2024-06-20'),
  material: true,
  changeNote:
    'AI Features and AI Output defined (Section 1); generally available AI Features are no longer experimental (Section 12); new Section 10.7 on third-party model providers, naming Acme Models (sample) for team chat compose, which may not train on Customer Content; new Section 10.8 on retention of AI Output and its inputs.',
  author: LEGAL_EDITOR,
  clauses: clausesV4,
  explanations: {
    consumer: explain(
      'AI features that Northwind calls generally available, such as meeting summary, are now a regular part of the service. Content processed to create an AI output is deleted within 30 days, and the outputs themselves follow your retention settings. If a feature uses another company’s model, that company may not train on your content.',
      'AI outputs are now defined and count as your content (Section 1). New Section 10.8 sets retention: the audio, transcripts and messages used to generate an AI output are deleted within 30 days. New Section 10.7 covers third-party model providers: team chat compose, now offered on individual plans, sends the messages it needs to Acme Models (sample), which may not train on them.',
      true,
    ),
    business: explain(
      'Meeting summary and team chat compose are generally available. Team chat compose sends the messages needed for a draft to Acme Models (sample), which must delete them after responding and may not train on them. AI outputs are your organisation’s content and follow its retention settings.',
      'AI features move from experimental to generally available, with the same commitments as the rest of the service (Section 12). Section 10.7 names Acme Models (sample) as the model provider for team chat compose and promises 30 days’ notice before a provider is added. Section 10.8 limits how long the inputs of AI features are kept to 30 days.',
      true,
    ),
    enterprise: explain(
      'Meeting summary and team chat compose are generally available, and your administrators decide whether to turn them on. Team chat compose relies on Acme Models (sample), which may use the content only to return a draft and must then delete it. Your signed agreement still applies on top of these terms.',
      'Generally available AI features now carry the full commitments of Sections 10.4 to 10.8. New Section 10.7 introduces a third-party model provider, Acme Models (sample), with a no-training and delete-after-use obligation and 30 days’ notice of new providers, which your vendor-management process may need to record. Section 10.8 deletes AI inputs within 30 days.',
      true,
    ),
    education: explain(
      'Meeting summary is generally available to schools but stays off until an administrator turns it on; team chat compose is offered as an experimental feature. Education records are still not used for training without written consent, and Acme Models (sample) may not train on anything it receives.',
      'Team chat compose becomes available to schools and, when used, sends message text to Acme Models (sample) under a no-training, delete-after-use agreement (Section 10.7). The inputs of AI features are deleted within 30 days (Section 10.8). The written-consent rule for education records in Section 10.6 is unchanged.',
      true,
    ),
    healthcare: explain(
      'Meeting summary is offered to healthcare accounts as an experimental feature, off by default, and needs the consent of every participant. Team chat compose is not offered to healthcare accounts, so no protected health information is sent to a third-party model provider. Protected health information is still not used for training without written consent.',
      'New Sections 10.7 and 10.8 set rules for third-party model providers and for retention of AI inputs and outputs. For healthcare accounts the practical change is that meeting summary becomes available, off by default, while team chat compose remains unavailable.',
      true,
    ),
  },
};

/* ------------------------------------------------------------------------------------------ */
/* Version 2024-10 — scheduled, then withdrawn before it took effect                          */
/* ------------------------------------------------------------------------------------------ */

/** What version 2024-10 would have put in place of the consent sentence of Section 10.4. */
export const DE_IDENTIFIED_SENTENCE =
  'Notwithstanding the above, Northwind will not use audio, video or chat Customer Content to train our artificial intelligence models without your consent, except Customer Content that Northwind has de-identified, which Northwind may use to train its own artificial intelligence models unless the Account Owner objects in the account settings.';

const clausesWithdrawn: ClauseInput[] = replaceText(clausesV4, '10.4', CONSENT_SENTENCE, DE_IDENTIFIED_SENTENCE);

/**
 * A material version published with full notice and withdrawn two and a half weeks later,
 * before it took effect: it never bound anyone, stays in the history and the hash chain, and
 * version 2025-03 is compared with 2024-06 (the version in force before it), not with this one.
 */
export const termsWithdrawn: SampleVersion = {
  label: '2024-10',
  publishedAt: isoDate('2024-10-01'),
  effectiveAt: isoDate('2024-11-01'),
  material: true,
  changeNote:
    'Section 10.4: Northwind may train its own AI models on de-identified audio, video and chat Customer Content unless the account owner objects. Withdrawn on 18 October 2024, before it took effect.',
  author: LEGAL_EDITOR,
  clauses: clausesWithdrawn,
  explanations: {
    consumer: explain(
      'Northwind would be able to train its own AI models on your audio, video and chat once it has removed what identifies you, unless you object in your account settings. Content that still identifies you would keep needing your consent.',
      'Section 10.4 would add an exception to the consent rule: de-identified content could be used for training unless you object, instead of only with your consent.',
      true,
    ),
    business: explain(
      'Northwind would be able to train its own AI models on your organisation’s de-identified audio, video and chat unless the account owner objects. Content that still identifies people would keep needing the consent of the account owner or an administrator.',
      'Section 10.4 would turn consent into an opt-out for de-identified content: only the account owner could object, in the account settings, and members and guests would not be asked.',
      true,
    ),
    enterprise: explain(
      'De-identified audio, video and chat from your organisation could train Northwind’s own AI models unless your account owner objects. Your signed agreement would still apply on top of these terms.',
      'Section 10.4 would add an opt-out exception to the consent rule for de-identified content. Check whether your agreement already excludes training on de-identified data; if not, decide whether your account owner should object.',
      true,
    ),
    education: explain(
      'De-identified audio, video and chat could train Northwind’s own AI models unless the account owner objects. Education records would still need the school’s written consent (Section 10.6).',
      'Section 10.4 would add an opt-out exception for de-identified content; the written-consent rule for education records in Section 10.6 would not change.',
      true,
    ),
    healthcare: explain(
      'De-identified audio, video and chat could train Northwind’s own AI models unless the account owner objects. Protected health information would still need your organisation’s written consent (Section 10.6).',
      'Section 10.4 would add an opt-out exception for de-identified content; the written-consent rule for protected health information in Section 10.6 and your business associate agreement would not change.',
      true,
    ),
  },
  withdrawal: {
    withdrawnAt: isoDate('2024-10-18'),
    reason:
      'Withdrawn before it took effect: customers pointed out that de-identified recordings and chats can still reveal who took part, and Northwind decided not to make this change. Section 10.4 stays as in version 2024-06: no training on audio, video or chat without consent.',
    editor: PUBLISHER,
  },
};

/* ------------------------------------------------------------------------------------------ */
/* Version 5 — 2025-03: editorial corrections only                                             */
/* ------------------------------------------------------------------------------------------ */

const clausesV5: ClauseInput[] = (() => {
  let c = clausesV4;
  c = replaceText(c, '2', 'confidentiality of you account credentials', 'confidentiality of your account credentials');
  c = replaceText(c, '12', 'On terminaton,', 'On termination,');
  c = replaceText(
    c,
    '14',
    'Northwind Meetings (sample), 1 Harbour Way, Example City, or to legal@example.com.',
    'Northwind Meetings (sample), 250 Quay Street, Example City, or to legal-notices@example.com.',
  );
  c = replaceClause(c, '10.3', { heading: 'Recording, Transcription and Participant Notices' });
  return c;
})();

const EDITORIAL_CHANGE =
  'Nothing of substance changes. This version corrects two typing errors, renames the heading of Section 10.3 and gives a new postal and email address for legal notices.';

export const termsV5: SampleVersion = {
  label: '2025-03',
  publishedAt: isoDate('2025-03-01'),
  effectiveAt: isoDate('2025-03-01'),
  material: false,
  changeNote:
    'Editorial only: typing errors corrected in Sections 2 and 13, heading of Section 10.3 reworded, new address for legal notices in Section 15.',
  author: PUBLISHER,
  clauses: clausesV5,
  explanations: mapExplanations(termsV4.explanations, (previous) => explain(previous.summary, EDITORIAL_CHANGE, false)),
};

export const termsOfService: SampleDocument = {
  slug: TERMS_SLUG,
  title: 'Terms of Service',
  description:
    'The contract between Northwind Meetings (sample) and everyone who uses its meetings, webinars and team chat, including how customer content may be used for machine learning and AI.',
  kind: 'terms',
  noticePeriodDays: 30,
  versions: [termsV1, termsV2, termsV3, termsV4, termsWithdrawn, termsV5],
};
