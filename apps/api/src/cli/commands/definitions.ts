/**
 * `org`, `segment`, `document`: what the organisation defines, changed through the API by an
 * admin (AI features: feature.ts). Every change is public and recorded in the definitions chain.
 */
import { graphql } from '../../generated/cli/index.js';
import { connectAnonymously } from '../api-client.js';
import { API_FLAGS, type FlagSpecs, type Flags, PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch, type Subcommand } from '../command.js';
import { runDefinitionMutation } from '../definition-mutation.js';
import { splitList } from '../organisation-spec.js';
import { emit } from '../output.js';

const text = { type: 'string' } as const;
const NOTICE_MAX_DAYS = 3_650;
const POSITION_MAX = 100_000;

/** A subcommand that parses its flags, then runs a definition mutation. */
const withFlags =
  (topic: string, specs: FlagSpecs, work: (flags: Flags) => Promise<number>): Subcommand =>
  (argv) =>
    work(parseFlags(argv, { ...API_FLAGS, ...specs }, topic));

// --------------------------------------------------------------------------------------------
// org

const ORG_FIELDS = ['name', 'legalName', 'description', 'website', 'contactEmail', 'publicKeyId'];

const orgSet = withFlags(
  'org',
  { name: text, 'legal-name': text, description: text, website: text, contact: text, 'public-key-id': text },
  (flags) =>
    runDefinitionMutation(
      flags,
      'updateOrganization',
      {
        name: ['String', flags.string('name')],
        legalName: ['String', flags.string('legal-name')],
        description: ['String', flags.string('description')],
        website: ['String', flags.string('website')],
        contactEmail: ['String', flags.string('contact')],
        publicKeyId: ['String', flags.string('public-key-id')],
      },
      (slug) => `organisation ${slug} updated; the change is recorded publicly`,
      { optional: ORG_FIELDS },
    ),
);

const ORG_SHOW = graphql(`
  query OrgShow {
    organization { slug name legalName description website contactEmail publicKeyId isSample }
  }
`);

async function orgShow(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, PUBLIC_API_FLAGS, 'org');
  const data = await connectAnonymously(flags).query(ORG_SHOW, {});
  emit(flags.json, data.organization, () =>
    Object.entries(data.organization).map(([field, value]) => `${field}: ${value ?? '—'}`),
  );
  return 0;
}

export const orgCommands: CommandGroup = {
  name: 'org',
  synopsis: [
    ['org set [--name N] [--legal-name L] [--website URL] [--contact C] …', 'change the organisation profile (admins)'],
    ['org show', 'print the organisation profile'],
  ],
  usage: `usage:
  pnpm candor org set [--name N] [--legal-name L] [--description D] [--website URL]
                      [--contact EMAIL|URL] [--public-key-id ID]
  pnpm candor org show

"set" changes the organisation profile (admins only): only the fields given change; the change
is public and recorded in the definitions chain. Prints the organisation's slug (which never
changes). "show" prints the profile (public, no token).

flags:
  --name N            the organisation's name
  --legal-name L      its registered name ("" when it is the name)
  --description D     a sentence about it
  --website URL       its web address (http or https)
  --contact EMAIL|URL where readers send questions about the terms
  --public-key-id ID  the signing key id it publishes (16 hex digits: the "key:" line of "pnpm candor verify")`,
  run: (argv) => dispatch('org', argv, { set: orgSet, show: orgShow }),
};

// --------------------------------------------------------------------------------------------
// segment

const position = (flags: Flags) => flags.integer('position', 0, POSITION_MAX);

const segmentCreate = withFlags('segment', { key: text, name: text, description: text, position: text }, (flags) =>
  runDefinitionMutation(
    flags,
    'createSegment',
    {
      key: ['String!', flags.required('key')],
      name: ['String!', flags.required('name')],
      description: ['String', flags.string('description')],
      position: ['Int', position(flags)],
    },
    (key) => `segment ${key} created`,
  ),
);

const segmentUpdate = withFlags('segment', { key: text, name: text, description: text, position: text }, (flags) =>
  runDefinitionMutation(
    flags,
    'updateSegment',
    {
      key: ['String!', flags.required('key')],
      name: ['String', flags.string('name')],
      description: ['String', flags.string('description')],
      position: ['Int', position(flags)],
    },
    (key) => `segment ${key} updated; what was published for it is unchanged`,
    { optional: ['name', 'description', 'position'] },
  ),
);

const segmentRetire = withFlags('segment', { key: text }, (flags) =>
  runDefinitionMutation(
    flags,
    'retireSegment',
    { key: ['String!', flags.required('key')] },
    (key) => `segment ${key} retired; what was published for it stays readable`,
  ),
);

const SEGMENT_LIST = graphql(`
  query SegmentList {
    segments(includeRetired: true) { key name description position retiredAt }
  }
`);

async function segmentList(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, PUBLIC_API_FLAGS, 'segment');
  const data = await connectAnonymously(flags).query(SEGMENT_LIST, {});
  emit(flags.json, data.segments, () =>
    data.segments.map((s) => [s.key, s.name, s.retiredAt === null ? 'live' : `retired ${s.retiredAt}`].join('\t')),
  );
  return 0;
}

export const segmentCommands: CommandGroup = {
  name: 'segment',
  synopsis: [
    ['segment create --key K --name N [--description D] [--position P]', 'add a segment (admins)'],
    ['segment update --key K [--name N] [--description D] [--position P]', 'rename, redescribe or reorder one'],
    ['segment retire --key K', 'retire a segment; its history stays readable'],
    ['segment list', 'list every segment, retired ones included'],
  ],
  usage: `usage:
  pnpm candor segment create --key K --name N [--description D] [--position P]
  pnpm candor segment update --key K [--name N] [--description D] [--position P]
  pnpm candor segment retire --key K
  pnpm candor segment list

A segment is a class of customer: documents apply to segments, and every explanation, AI-feature
fact and statistic is per segment. Its key is chosen once and never changes (it appears in URLs
and API arguments); renaming or retiring never rewrites what was published, and the change
itself is recorded publicly. Retiring is refused while the segment is the only one of a live
document. create, update and retire need an admin token and print the key; "list" is public and
prints "<key> <name> live|retired <date>" (tab-separated).

flags:
  --key K           the segment's key: lowercase letters and digits in words joined by hyphens,
                    at most 40 characters, e.g. healthcare
  --name N          its name as readers see it
  --description D   a sentence about whom it covers
  --position P      display order, smallest first (default: after the others)`,
  run: (argv) =>
    dispatch('segment', argv, {
      create: segmentCreate,
      update: segmentUpdate,
      retire: segmentRetire,
      list: segmentList,
    }),
};

// --------------------------------------------------------------------------------------------
// document

const DOCUMENT_FLAGS = {
  slug: text,
  title: text,
  description: text,
  kind: text,
  'notice-days': text,
  segments: text,
  position: text,
} as const satisfies FlagSpecs;

const documentArguments = (flags: Flags, required: 'String!' | 'String') => {
  const segments = flags.string('segments');
  return {
    slug: ['String!', flags.required('slug')],
    title: [required, required === 'String!' ? flags.required('title') : flags.string('title')],
    description: ['String', flags.string('description')],
    kind: ['String', flags.string('kind')],
    noticePeriodDays: ['Int', flags.integer('notice-days', 0, NOTICE_MAX_DAYS)],
    segments: ['[String!]', segments === undefined ? undefined : splitList(segments)],
    position: ['Int', position(flags)],
  } as const;
};

const documentCreate = withFlags('document', DOCUMENT_FLAGS, (flags) =>
  runDefinitionMutation(flags, 'createDocument', documentArguments(flags, 'String!'), (slug) => {
    return `document ${slug} created; next: publish its first version ("draft create", or "import git|ota")`;
  }),
);

const documentUpdate = withFlags('document', DOCUMENT_FLAGS, (flags) =>
  runDefinitionMutation(
    flags,
    'updateDocument',
    documentArguments(flags, 'String'),
    (slug) => `document ${slug} updated; its published versions are unchanged`,
    { optional: ['title', 'description', 'kind', 'noticePeriodDays', 'segments', 'position'] },
  ),
);

const documentRetire = withFlags('document', { slug: text }, (flags) =>
  runDefinitionMutation(
    flags,
    'retireDocument',
    { slug: ['String!', flags.required('slug')] },
    (slug) => `document ${slug} retired; its published versions stay readable`,
  ),
);

const DOCUMENT_LIST = graphql(`
  query DocumentList {
    documents(first: 100) { edges { node { slug title kind noticePeriodDays retiredAt segments { key } } } }
  }
`);

async function documentList(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, PUBLIC_API_FLAGS, 'document');
  const data = await connectAnonymously(flags).query(DOCUMENT_LIST, {});
  const documents = data.documents.edges.map((e) => e.node);
  emit(flags.json, documents, () =>
    documents.map((d) =>
      [
        d.slug,
        d.title,
        d.kind,
        d.segments.map((s) => s.key).join(','),
        d.retiredAt === null ? 'live' : `retired ${d.retiredAt}`,
      ].join('\t'),
    ),
  );
  return 0;
}

export const documentCommands: CommandGroup = {
  name: 'document',
  synopsis: [
    ['document create --slug S --title T [--kind K] [--notice-days N] [--segments a,b]', 'add a document (admins)'],
    ['document update --slug S [--title T] [--kind K] [--notice-days N] [--segments a,b]', 'change a document'],
    ['document retire --slug S', 'retire a document; its versions stay readable'],
    ['document list', 'list every document with its segments'],
  ],
  usage: `usage:
  pnpm candor document create --slug S --title T [--kind K] [--notice-days N] [--segments a,b]
                              [--description D] [--position P]
  pnpm candor document update --slug S [--title T] [--kind K] [--notice-days N] [--segments a,b]
                              [--description D] [--position P]
  pnpm candor document retire --slug S
  pnpm candor document list

A document is one policy (terms, privacy policy, a healthcare addendum…) that applies to some
segments: a segment's views, feeds and explanations show only the documents that apply to it.
Its slug never changes; renaming, re-scoping or retiring never rewrites a published version,
and the change itself is recorded publicly. A retired document takes no new versions.
create, update and retire need an admin token and print the slug; "list" is public and prints
"<slug> <title> <kind> <segments> live|retired <date>" (tab-separated).

flags:
  --slug S          the document's slug, e.g. terms-of-service
  --title T         its title as readers see it
  --kind K          terms (default), privacy, acceptable-use, data-processing-addendum,
                    subprocessor-list, ai-terms, cookie-policy or other
  --notice-days N   days of notice a material change must give (default 30)
  --segments a,b    keys of the segments it applies to (default on create: every segment;
                    on update: replaces the list)
  --description D   a sentence about it
  --position P      display order, smallest first (default: after the others)`,
  run: (argv) =>
    dispatch('document', argv, {
      create: documentCreate,
      update: documentUpdate,
      retire: documentRetire,
      list: documentList,
    }),
};
