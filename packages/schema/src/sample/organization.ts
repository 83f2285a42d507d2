import type { SampleEditor, SampleOrganization, SampleSegment } from './types.js';

/** Authors of the sample versions and revisions (all fictional, all at example.com). */
export const LEGAL_EDITOR = 'priya.raman@example.com';
export const PRIVACY_EDITOR = 'lin.chen@example.com';
export const PUBLISHER = 'tomas.berg@example.com';
export const ADMIN = 'amara.okafor@example.com';

export const sampleOrganization: SampleOrganization = {
  slug: 'northwind-meetings-sample',
  name: 'Northwind Meetings (sample)',
  description:
    'Northwind Meetings is a fictional video-meetings company, and everything Candor shows about it is sample data. ' +
    'Its history is modelled on a 2023 story in which a video-meetings provider rewrote its terms of service to ' +
    'cover machine learning and artificial intelligence, and revised them after public criticism. It is not that ' +
    'company: the names, texts, dates and figures here are invented for demonstration.',
  website: 'https://northwind-meetings.example.com',
  isSample: true,
};

/** Exactly the five segments, in the order of SAMPLE_SEGMENT_KEYS. */
export const sampleSegments: SampleSegment[] = [
  {
    key: 'consumer',
    name: 'Consumer (free and individual plans)',
    description:
      'People who use Northwind on a free plan or an individual paid plan, usually as their own account owner.',
  },
  {
    key: 'business',
    name: 'Business (team plans)',
    description:
      'Paid team accounts of small and mid-sized organisations, run by an account owner and one or more administrators.',
  },
  {
    key: 'enterprise',
    name: 'Enterprise (signed agreements)',
    description:
      'Large organisations that buy through a signed order form, often with a negotiated agreement alongside these terms.',
  },
  {
    key: 'education',
    name: 'Education (schools and universities)',
    description:
      'Schools, colleges and universities whose accounts hold students’ education records in meetings, chats and recordings.',
  },
  {
    key: 'healthcare',
    name: 'Healthcare (protected health information)',
    description:
      'Healthcare providers and their partners whose accounts handle protected health information under a business associate agreement.',
  },
];

export const sampleEditors: SampleEditor[] = [
  { email: LEGAL_EDITOR, name: 'Priya Raman', role: 'editor' },
  { email: PRIVACY_EDITOR, name: 'Lin Chen', role: 'editor' },
  { email: PUBLISHER, name: 'Tomás Berg', role: 'publisher' },
  { email: ADMIN, name: 'Amara Okafor', role: 'admin' },
];
