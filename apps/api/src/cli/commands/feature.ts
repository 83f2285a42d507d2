/** `feature revise|submit|approve|publish`: AI-feature revisions from a YAML or JSON file. */
import { connect, ERROR_SELECTION, type Payload } from '../api-client.js';
import { API_FLAGS, type FlagSpecs, parseFlags } from '../args.js';
import { type CommandGroup, dispatch, type Subcommand } from '../command.js';
import { readInputFile } from '../files.js';
import { emit, progress } from '../output.js';

interface RevisionPayload extends Payload {
  revision: {
    id: string;
    number: number;
    status: string;
    effectiveAt: string | null;
    publishedAt: string | null;
    feature: { slug: string };
  } | null;
}

const REVISION_SELECTION = `revision { id number status effectiveAt publishedAt feature { slug } } ${ERROR_SELECTION}`;

async function revise(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, file: { type: 'string' } }, 'feature');
  const file = readInputFile(flags.required('file'), 'file', 'feature');
  const payload = await connect(flags).mutate<RevisionPayload>(
    `mutation Revise($file: String!) { createFeatureRevision(file: $file) { ${REVISION_SELECTION} } }`,
    { file },
    'createFeatureRevision',
  );
  const revision = required(payload, 'createFeatureRevision');
  progress(
    `revision ${revision.number} of ${revision.feature.slug} drafted; next: "feature submit --id ${revision.id}"`,
  );
  emit(flags.json, payload, () => [revision.id]);
  return 0;
}

function step(mutation: string, extra: FlagSpecs, done: string): Subcommand {
  return async (argv) => {
    const flags = parseFlags(argv, { ...API_FLAGS, id: { type: 'string' }, ...extra }, 'feature');
    const id = flags.required('id');
    const effectiveAt = 'effective-at' in extra ? flags.instant('effective-at') : undefined;
    const withDate = 'effective-at' in extra;
    const payload = await connect(flags).mutate<RevisionPayload>(
      `mutation Step($id: ID!${withDate ? ', $effectiveAt: DateTime' : ''}) {
        ${mutation}(id: $id${withDate ? ', effectiveAt: $effectiveAt' : ''}) { ${REVISION_SELECTION} }
      }`,
      withDate ? { id, effectiveAt: effectiveAt?.toISOString() ?? null } : { id },
      mutation,
    );
    const revision = required(payload, mutation);
    progress(`revision ${revision.number} of ${revision.feature.slug} ${done}`);
    emit(flags.json, payload, () =>
      revision.status === 'PUBLISHED'
        ? [`${revision.id}\t${revision.status}`, `effectiveAt: ${revision.effectiveAt ?? '—'}`]
        : [`${revision.id}\t${revision.status}`],
    );
    return 0;
  };
}

function required(payload: RevisionPayload, mutation: string): NonNullable<RevisionPayload['revision']> {
  if (payload.revision === null) throw new Error(`${mutation} answered neither a revision nor an error`);
  return payload.revision;
}

export const featureCommands: CommandGroup = {
  name: 'feature',
  synopsis: [
    ['feature revise --file F.yaml', 'draft an AI-feature revision from YAML or JSON; prints its id'],
    ['feature submit --id ID', 'submit a revision for review'],
    ['feature approve --id ID', 'approve a revision (publisher, not its author)'],
    ['feature publish --id ID [--effective-at ISO]', 'publish an approved revision'],
  ],
  usage: `usage:
  pnpm candor feature revise --file meeting-summary.yaml
  pnpm candor feature submit --id ID
  pnpm candor feature approve --id ID
  pnpm candor feature publish --id ID [--effective-at ISO]

An AI-feature revision goes through the same steps as a terms version. The file (YAML or JSON)
holds feature (slug), changeNote and facts with an entry for every segment and every field of
the facts label (README, "AI-feature revisions"). "revise" prints the new revision's id; the
other steps print "<id> <status>". Approving and publishing need a publisher who is not the
author.

flags:
  --file F          the revision file
  --id ID           the revision's id (from "feature revise")
  --effective-at T  when the revision takes effect (default: now)`,
  run: (argv) =>
    dispatch('feature', argv, {
      revise,
      submit: step('submitFeatureRevision', {}, 'is in review'),
      approve: step('approveFeatureRevision', {}, 'approved; next: "feature publish"'),
      publish: step('publishFeatureRevision', { 'effective-at': { type: 'string' } }, 'published'),
    }),
};
