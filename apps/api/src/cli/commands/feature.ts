/**
 * `feature create|update|retire|list`: the AI features the organisation defines (admins);
 * `feature template|revise|submit|approve|publish|withdraw`: their revisions, from a YAML or
 * JSON file.
 */
import type { FeatureRevisionStepFragment as RevisionPayload } from '../../generated/cli/graphql.js';
import { graphql } from '../../generated/cli/index.js';
import { type ApiClient, connect, connectAnonymously } from '../api-client.js';
import { API_FLAGS, type FlagSpecs, type Flags, PUBLIC_API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch, type Subcommand } from '../command.js';
import { runDefinitionMutation } from '../definition-mutation.js';
import { readInputFile } from '../files.js';
import { emit, progress, resultJson } from '../output.js';
import { renderFeatureTemplate } from '../templates/feature-template.js';
import { readFeatureTemplate } from '../templates/read-from-api.js';
import { writeTemplate } from '../templates/write-template.js';
import { REVISION_REVIEW_SYNOPSIS, REVISION_REVIEW_USAGE, revisionReviewSubcommands } from './review.js';

graphql(`
  fragment FeatureRevisionStep on FeatureRevisionPayload {
    revision { id number status material effectiveAt publishedAt feature { slug } }
    checkpointSequence
    error { ...CliMutationError }
  }
`);

const REVISE = graphql(`
  mutation FeatureRevise($file: String!) {
    createFeatureRevision(file: $file) { ...FeatureRevisionStep }
  }
`);

const APPROVE = graphql(`
  mutation FeatureApprove($id: ID!) {
    approveFeatureRevision(id: $id) { ...FeatureRevisionStep }
  }
`);

const PUBLISH = graphql(`
  mutation FeaturePublish($id: ID!, $effectiveAt: DateTime) {
    publishFeatureRevision(id: $id, effectiveAt: $effectiveAt) { ...FeatureRevisionStep }
  }
`);

const WITHDRAW = graphql(`
  mutation FeatureWithdraw($id: ID!, $reason: String!) {
    withdrawFeatureRevision(id: $id, reason: $reason) { ...FeatureRevisionStep }
  }
`);

const LIST = graphql(`
  query FeatureList {
    aiFeatures { slug name noticePeriodDays }
  }
`);

async function template(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(
    argv,
    { ...PUBLIC_API_FLAGS, feature: { type: 'string' }, out: { type: 'string' } },
    'feature',
  );
  const input = await readFeatureTemplate(connectAnonymously(flags), flags.required('feature'));
  const text = renderFeatureTemplate(input);
  const out = flags.string('out');
  const written = flags.json && out === undefined ? null : writeTemplate(text, out, 'feature');
  const basis = input.basis === null ? 'no revision yet' : `the facts of revision ${input.basis.number}`;
  progress(
    `template for ${input.feature.slug} written${written === null ? '' : ` to ${written}`}, from ${basis}; fill in changeNote and the explanations, then "feature revise --file F"`,
  );
  if (flags.json) {
    resultJson({
      feature: input.feature.slug,
      basis: input.basis?.number ?? null,
      out: written,
      ...(written === null ? { template: text } : {}),
    });
  }
  return 0;
}

async function revise(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, file: { type: 'string' } }, 'feature');
  const file = readInputFile(flags.required('file'), 'file', 'feature');
  const payload = await connect(flags).mutate(REVISE, { file }, 'createFeatureRevision');
  const revision = required(payload, 'createFeatureRevision');
  progress(
    `revision ${revision.number} of ${revision.feature.slug} drafted; next: "feature submit --id ${revision.id}"`,
  );
  emit(flags.json, payload, () => [revision.id]);
  return 0;
}

/** A step of a revision by id: `run` sends its mutation, with any `extra` flags. */
function step(
  mutation: string,
  extra: FlagSpecs,
  done: string,
  run: (client: ApiClient, id: string, flags: Flags) => Promise<RevisionPayload>,
): Subcommand {
  return async (argv) => {
    const flags = parseFlags(argv, { ...API_FLAGS, id: { type: 'string' }, ...extra }, 'feature');
    const payload = await run(connect(flags), flags.required('id'), flags);
    const revision = required(payload, mutation);
    progress(`revision ${revision.number} of ${revision.feature.slug} ${done}`);
    emit(flags.json, payload, () =>
      revision.status === 'PUBLISHED'
        ? [
            `${revision.id}\t${revision.status}`,
            `effectiveAt: ${revision.effectiveAt ?? '—'}`,
            `material: ${revision.material ? 'yes' : 'no'}`,
            `checkpoint: ${payload.checkpointSequence ?? '—'}`,
          ]
        : [`${revision.id}\t${revision.status}`],
    );
    return 0;
  };
}

async function withdraw(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, id: { type: 'string' }, reason: { type: 'string' } }, 'feature');
  const id = flags.required('id');
  const reason = flags.required('reason');
  const payload = await connect(flags).mutate(WITHDRAW, { id, reason }, 'withdrawFeatureRevision');
  const revision = required(payload, 'withdrawFeatureRevision');
  progress(
    `revision ${revision.number} of ${revision.feature.slug} withdrawn; it stays in the history and the hash chain`,
  );
  emit(flags.json, payload, () => [`${revision.id}\tWITHDRAWN`, `checkpoint: ${payload.checkpointSequence ?? '—'}`]);
  return 0;
}

function required(payload: RevisionPayload, mutation: string): NonNullable<RevisionPayload['revision']> {
  if (payload.revision === null) throw new Error(`${mutation} answered neither a revision nor an error`);
  return payload.revision;
}

// --------------------------------------------------------------------------------------------
// Definitions

const DEFINITION_FLAGS = {
  ...API_FLAGS,
  slug: { type: 'string' },
  name: { type: 'string' },
  description: { type: 'string' },
  'notice-days': { type: 'string' },
  position: { type: 'string' },
} as const satisfies FlagSpecs;

const definitionArguments = (flags: Flags, name: 'String!' | 'String') =>
  ({
    slug: ['String!', flags.required('slug')],
    name: [name, name === 'String!' ? flags.required('name') : flags.string('name')],
    description: ['String', flags.string('description')],
    noticePeriodDays: ['Int', flags.integer('notice-days', 0, 3_650)],
    position: ['Int', flags.integer('position', 0, 100_000)],
  }) as const;

const create: Subcommand = (argv) => {
  const flags = parseFlags(argv, DEFINITION_FLAGS, 'feature');
  return runDefinitionMutation(
    flags,
    'createAiFeature',
    definitionArguments(flags, 'String!'),
    (slug) => `AI feature ${slug} created; next: publish its facts with "feature revise --file F.yaml"`,
  );
};

const update: Subcommand = (argv) => {
  const flags = parseFlags(argv, DEFINITION_FLAGS, 'feature');
  return runDefinitionMutation(
    flags,
    'updateAiFeature',
    definitionArguments(flags, 'String'),
    (slug) => `AI feature ${slug} updated; its published revisions are unchanged`,
    { optional: ['name', 'description', 'noticePeriodDays', 'position'] },
  );
};

const retire: Subcommand = (argv) => {
  const flags = parseFlags(argv, { ...API_FLAGS, slug: { type: 'string' } }, 'feature');
  return runDefinitionMutation(
    flags,
    'retireAiFeature',
    { slug: ['String!', flags.required('slug')] },
    (slug) => `AI feature ${slug} retired; its revisions and statistics stay readable`,
  );
};

async function list(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, PUBLIC_API_FLAGS, 'feature');
  const data = await connectAnonymously(flags).query(LIST, {});
  emit(flags.json, data.aiFeatures, () => data.aiFeatures.map((f) => `${f.slug}\t${f.name}`));
  return 0;
}

export const featureCommands: CommandGroup = {
  name: 'feature',
  synopsis: [
    ['feature create --slug S --name N [--description D] [--notice-days N]', 'add an AI feature (admins)'],
    ['feature update --slug S [--name N] [--description D] [--notice-days N]', 'change an AI feature'],
    ['feature retire --slug S', 'retire an AI feature; its revisions stay readable'],
    ['feature list', 'list the AI features'],
    ['feature template --feature SLUG [--out F.yaml]', "write a feature's current facts as a revision to edit"],
    ['feature revise --file F.yaml', 'draft an AI-feature revision from YAML or JSON; prints its id'],
    ['feature submit --id ID [--comment T]', 'submit a revision for review, or again after changes'],
    ['feature approve --id ID', 'approve a revision (publisher, not its author)'],
    ['feature publish --id ID [--effective-at ISO]', 'publish an approved revision'],
    ['feature withdraw --id ID --reason R', 'withdraw a published revision before it takes effect'],
    ...REVISION_REVIEW_SYNOPSIS,
  ],
  usage: `usage:
  pnpm candor feature create --slug S --name N [--description D] [--notice-days N] [--position P]
  pnpm candor feature update --slug S [--name N] [--description D] [--notice-days N] [--position P]
  pnpm candor feature retire --slug S
  pnpm candor feature list
  pnpm candor feature template --feature meeting-summary [--out meeting-summary.yaml]
  pnpm candor feature revise --file meeting-summary.yaml
  pnpm candor feature submit --id ID [--comment T]
  pnpm candor feature approve --id ID
  pnpm candor feature publish --id ID [--effective-at ISO]
  pnpm candor feature withdraw --id ID --reason R
  pnpm candor feature edit --id ID --file meeting-summary.yaml
  pnpm candor feature show --id ID
  pnpm candor feature request-changes --id ID --comment T
  pnpm candor feature reject --id ID --reason T
  pnpm candor feature comment --id ID --text T
  pnpm candor feature delete --id ID

create, update and retire define the feature itself (admins only; each prints its slug, and
the change is recorded publicly). Its slug never changes; renaming or retiring never rewrites a
published revision. "list" is public and prints "<slug> <name>" (tab-separated).

"template" writes the feature's facts as a revision file in YAML, ready to edit: those of its
newest published revision not withdrawn (a scheduled one included), for every segment in use
(a segment without facts, or a feature without a revision, starts as not offered with its texts
to write), with placeholders to fill in: changeNote and an explanation per segment (summary,
whatChanges, affected; delete those a revision does not need). Left empty, each is refused by
"revise", naming its line. It reads the public API (no token) and writes to --out, or to
stdout; it never overwrites a file.

An AI-feature revision goes through the same steps as a terms version. The file (YAML or JSON)
holds feature (slug), changeNote and facts with an entry for every segment and every field of
the facts label (docs/publishing.md, "AI-feature revisions"; values of availability, dataCategories,
consentRequiredFrom, nonConsentOption and defaultState in either casing, not_offered or the
API's NOT_OFFERED), and optionally explanations: a map from segment to { summary, whatChanges,
affected }, as in a version's front matter. Any other key is an error naming its line
(effectiveAt is given with "feature publish --effective-at"; material is computed):

  explanations:
    consumer:
      summary: Your meeting summaries train our own models.
      whatChanges: From the effective date, summaries of your meetings train our models.
      affected: true

A revision is material when it changes, for some segment, a material fact (availability, data
read, model training, sharing with a vendor, retention, human review, who consents, what a
participant who does not consent can do, default state) against the revision in force right
before it takes effect. A material revision needs an explanation for each such segment
(EXPLANATIONS_MISSING) and the feature's notice period (NOTICE_PERIOD: pass --effective-at);
a wording change publishes at once. A revision that a scheduled one would undo is refused
(CONFLICTS_WITH_SCHEDULED): withdraw the scheduled one and re-issue it on top, or schedule
this one at or after it.

"revise" prints the new revision's id; the other steps print "<id> <status>", and publish and
withdraw the signed checkpoint they issued. Approving, publishing and withdrawing need a
publisher; approving one who is not the author. A withdrawn revision never takes effect; it
stays in the history and the hash chain, marked withdrawn, with its reason.

${REVISION_REVIEW_USAGE}

flags:
  --slug S          the feature's slug, e.g. meeting-summary
  --name N          its name as readers see it
  --description D   a sentence about what it does
  --notice-days N   days of notice a material revision must give (default 30)
  --position P      display order, smallest first (default: after the others)
  --feature S       template: the feature's slug (required)
  --out F           template: the file to write (must not exist); stdout when omitted
  --file F          the revision file
  --id ID           the revision's id (from "feature revise")
  --effective-at T  when the revision takes effect (default: now)
  --reason R        withdraw: why, 1–2000 characters, shown to the public; reject: why, for
                    the author and editors
  --comment T       request-changes: what to change (required); submit: a note for the reviewer
  --text T          comment: the comment
  --json            template: print { feature, basis, out } (and the template itself when
                    there is no --out) as JSON`,
  run: (argv) =>
    dispatch('feature', argv, {
      create,
      update,
      retire,
      list,
      template,
      revise,
      approve: step('approveFeatureRevision', {}, 'approved; next: "feature publish"', (client, id) =>
        client.mutate(APPROVE, { id }, 'approveFeatureRevision'),
      ),
      publish: step(
        'publishFeatureRevision',
        { 'effective-at': { type: 'string' } },
        'published',
        (client, id, flags) =>
          client.mutate(
            PUBLISH,
            { id, effectiveAt: flags.instant('effective-at')?.toISOString() ?? null },
            'publishFeatureRevision',
          ),
      ),
      withdraw,
      // submit (with --comment), edit, show, request-changes, reject, comment, delete
      ...revisionReviewSubcommands,
    }),
};
