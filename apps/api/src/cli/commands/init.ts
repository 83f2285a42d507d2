/** `init`: turns an empty database into a real organisation, from flags or a YAML file. */
import { initOrganization, type OrganizationSpec } from '@candor/schema';
import { type Flags, parseFlags } from '../args.js';
import type { CommandGroup } from '../command.js';
import { refusingDomainErrors, withDatabaseWork } from '../database-work.js';
import { UsageError } from '../errors.js';
import { readInputFile } from '../files.js';
import { specFromFlags, specFromYaml } from '../organisation-spec.js';
import { emit, progress } from '../output.js';

const FLAGS = {
  file: { type: 'string' },
  name: { type: 'string' },
  slug: { type: 'string' },
  'legal-name': { type: 'string' },
  description: { type: 'string' },
  website: { type: 'string' },
  contact: { type: 'string' },
  segment: { type: 'string', multiple: true },
  document: { type: 'string', multiple: true },
  'document-segments': { type: 'string', multiple: true },
  'document-kind': { type: 'string', multiple: true },
  'document-notice-days': { type: 'string', multiple: true },
  feature: { type: 'string', multiple: true },
} as const;

/** Flags that describe the organisation, which `--file` replaces. */
const SPEC_FLAGS = Object.keys(FLAGS).filter((name) => name !== 'file');

async function init(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, FLAGS, 'init');
  const spec = await refusingDomainErrors(async () => specOf(flags));
  const outcome = await withDatabaseWork(async ({ now, signer, transaction }) => {
    progress(`setting up ${spec.organization.name} (${spec.organization.slug})…`);
    return transaction((tx) => initOrganization(tx, { now, signer, editorId: null }, spec));
  });
  const segments = spec.segments.map((s) => s.key);
  for (const segment of spec.segments) progress(`segment ${segment.key}: ${segment.name}`);
  for (const document of spec.documents)
    progress(`document ${document.slug}: ${document.title} (segments: ${(document.segments ?? segments).join(', ')})`);
  for (const feature of spec.features) progress(`AI feature ${feature.slug}: ${feature.name}`);
  const summary = {
    organization: outcome.organization.slug,
    segments,
    documents: spec.documents.map((d) => d.slug),
    features: spec.features.map((f) => f.slug),
    checkpointSequence: outcome.checkpoint.sequence,
  };
  emit(flags.json, summary, () => [
    `${summary.organization}\t${count(segments.length, 'segment')}, ${count(summary.documents.length, 'document')}, ${count(summary.features.length, 'AI feature')}`,
    `checkpoint: ${summary.checkpointSequence}`,
  ]);
  for (const line of nextSteps(spec)) progress(line);
  return 0;
}

function specOf(flags: Flags): OrganizationSpec {
  const file = flags.string('file');
  if (file !== undefined) {
    const mixed = SPEC_FLAGS.filter((name) => flags.has(name));
    if (mixed.length > 0)
      throw new UsageError(
        `--file holds the whole organisation; leave out ${mixed.map((n) => `--${n}`).join(', ')}`,
        'init',
      );
    return specFromYaml(readInputFile(file, 'file', 'init'));
  }
  if (!flags.has('name'))
    throw new UsageError('--name is required (or describe the organisation in --file org.yaml)', 'init');
  return specFromFlags({
    name: flags.required('name'),
    slug: flags.string('slug'),
    legalName: flags.string('legal-name'),
    description: flags.string('description'),
    website: flags.string('website'),
    contact: flags.string('contact'),
    segments: flags.list('segment'),
    documents: flags.list('document'),
    documentSegments: flags.list('document-segments'),
    documentKinds: flags.list('document-kind'),
    documentNoticeDays: flags.list('document-notice-days'),
    features: flags.list('feature'),
  });
}

function nextSteps(spec: OrganizationSpec): string[] {
  const document = spec.documents[0]?.slug ?? 'SLUG';
  return [
    '',
    'next steps:',
    '  1. the first admin and its API token (printed once; store it):',
    '       pnpm candor admin bootstrap --email you@example.com --name "Your Name"',
    '  2. bring the history you already have (one transaction per document), e.g.:',
    `       pnpm candor import git --repo DIR --file PATH --document ${document} --dry-run`,
    '     or write a first version and publish it through the workflow (API started with pnpm start):',
    '       pnpm candor draft create --file first-version.md   (then submit, approve, publish)',
    '  3. build the public site: pnpm site:build',
  ];
}

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

export const initCommand: CommandGroup = {
  name: 'init',
  synopsis: [
    ['init --name N --segment key=Name … [--document slug=Title …]', 'set up your organisation in an empty database'],
    ['init --file org.yaml', 'the same, described in a YAML file'],
  ],
  usage: `usage:
  pnpm candor init --name N [--slug S] [--legal-name L] [--website URL] [--contact EMAIL|URL]
                   --segment key=Name [--segment key=Name …]
                   [--document slug=Title …] [--document-segments slug=key,key …]
                   [--document-kind slug=kind …] [--document-notice-days slug=days …]
                   [--feature slug=Name …]
  pnpm candor init --file org.yaml

Turns an empty database (DATABASE_URL, migrated first) into your organisation: its profile,
segments, documents and AI features, in one transaction with one signed checkpoint. Every
definition is public and recorded in the definitions chain. Refused (exit 1), with nothing
written, when the database already holds an organisation, a segment, a document, an AI feature
or a version; to keep the sample from ever being loaded into a new database, start the API with
CANDOR_SEED_ON_EMPTY=false. Afterwards, change definitions through the API ("org set",
"segment", "document", "feature create|update|retire").

Prints "<organisation slug> <counts>" and the checkpoint; progress and next steps on stderr.

flags:
  --name N                    the organisation's name (required unless --file)
  --slug S                    its stable slug (default: from the name, "Acme Health" → acme-health)
  --legal-name L              its registered name, when it differs from the name
  --description D             a sentence about it
  --website URL               its web address (http or https)
  --contact EMAIL|URL         where readers send questions about the terms
  --segment key=Name          a segment (repeat, in display order; at least one). The key is
                              stable and appears in URLs: lowercase words joined by hyphens
  --document slug=Title       a document (repeat, in display order)
  --document-segments slug=a,b  the segments that document applies to (default: every segment)
  --document-kind slug=kind   its kind: terms (default), privacy, acceptable-use,
                              data-processing-addendum, subprocessor-list, ai-terms,
                              cookie-policy or other
  --document-notice-days slug=days  days of notice a material change gives (default 30)
  --feature slug=Name         an AI feature (repeat); its facts are published later as revisions
  --file F.yaml               everything above from a YAML file instead of flags:

    organization:
      name: Acme Health
      slug: acme-health              # optional, from the name
      legalName: Acme Health, Inc.   # optional
      website: https://acme.example  # optional
      contactEmail: legal@acme.example  # optional
    segments:                        # at least one, in display order
      - key: clinics
        name: Clinics
        description: Practices that book through Acme.   # optional
      - key: patients
        name: Patients
    documents:                       # optional
      - slug: terms-of-service
        title: Terms of Service
        kind: terms                  # optional, default terms
        noticePeriodDays: 30         # optional, default 30
        segments: [clinics, patients]  # optional, default every segment
    features:                        # optional
      - slug: visit-notes
        name: Visit notes
        description: Drafts a visit summary.  # optional

  An unknown field, a missing one or a value of the wrong shape is refused (exit 1) with every
  problem named by its field and line, e.g. documents[1].segments.`,
  run: init,
};
