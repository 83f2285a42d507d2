/** `stats import`: consent statistics from CSV (publishers), all rows or none. */
import { connect, ERROR_SELECTION, type Payload } from '../api-client.js';
import { API_FLAGS, parseFlags } from '../args.js';
import { type CommandGroup, dispatch } from '../command.js';
import { readInputFile } from '../files.js';
import { emit, progress } from '../output.js';

interface ImportPayload extends Payload {
  importId: string | null;
  rowCount: number | null;
}

async function importCsv(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, { ...API_FLAGS, file: { type: 'string' } }, 'stats');
  const csv = readInputFile(flags.required('file'), 'file', 'stats');
  const payload = await connect(flags).mutate<ImportPayload>(
    `mutation Import($csv: String!) { importConsentStatistics(csv: $csv) { importId rowCount ${ERROR_SELECTION} } }`,
    { csv },
    'importConsentStatistics',
  );
  progress(`import ${payload.importId ?? '—'} done; small cells are suppressed when published`);
  emit(flags.json, payload, () => [`imported ${payload.rowCount ?? 0} rows`]);
  return 0;
}

export const statsCommands: CommandGroup = {
  name: 'stats',
  synopsis: [['stats import --file F.csv', 'import consent statistics; a refusal lists every bad row']],
  usage: `usage:
  pnpm candor stats import --file stats.csv

Imports consent statistics (publishers and admins): one row per feature × segment × month with
the header
  feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft
All rows or none: when any row is invalid nothing is imported and every problem is printed with
its line number (the header is line 1). Rows already published are refused, never overwritten.
Prints "imported N rows".

flags:
  --file F       the CSV file`,
  run: (argv) => dispatch('stats', argv, { import: importCsv }),
};
