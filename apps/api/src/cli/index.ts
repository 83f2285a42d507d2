/**
 * `pnpm candor <command>`: operator and editor commands. This file only dispatches to the
 * command groups and turns their typed errors into messages and exit codes (usage.ts lists
 * them: 0 success, 1 refused or verification failed, 2 usage error, 3 API unreachable or
 * authentication failed).
 */
import { ConfigError } from '../env.js';
import { wantsHelp } from './args.js';
import type { CommandGroup } from './command.js';
import { adminCommands } from './commands/admin.js';
import { checkpointCommands } from './commands/checkpoint.js';
import { dbCommands } from './commands/db.js';
import { documentCommands, orgCommands, segmentCommands } from './commands/definitions.js';
import { draftCommands } from './commands/draft.js';
import { editorCommands } from './commands/editor.js';
import { exportCommand } from './commands/export.js';
import { featureCommands } from './commands/feature.js';
import { importCommands } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { enrolCommand, inviteCommands } from './commands/invite.js';
import { keysCommands } from './commands/keys.js';
import { noticesCommands } from './commands/notices.js';
import { partnerCommands } from './commands/partner.js';
import { commentCommand, rejectCommand, requestChangesCommand } from './commands/review.js';
import { statsCommands } from './commands/stats.js';
import { tokenCommands } from './commands/token.js';
import { verifyCommand } from './commands/verify.js';
import { approveCommand, publishCommand, submitCommand, withdrawCommand } from './commands/workflow.js';
import { CliError, EXIT, GraphQLRequestError, RefusedError, UsageError } from './errors.js';
import { describeMutationError, progress } from './output.js';
import { groupHelp, overview } from './usage.js';

/** In the order the overview lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  dbCommands,
  keysCommands,
  initCommand,
  adminCommands,
  importCommands,
  orgCommands,
  segmentCommands,
  documentCommands,
  inviteCommands,
  enrolCommand,
  editorCommands,
  tokenCommands,
  partnerCommands,
  draftCommands,
  submitCommand,
  approveCommand,
  requestChangesCommand,
  rejectCommand,
  commentCommand,
  publishCommand,
  withdrawCommand,
  noticesCommands,
  featureCommands,
  statsCommands,
  exportCommand,
  checkpointCommands,
  verifyCommand,
];

export async function run(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const group = COMMAND_GROUPS.find((g) => g.name === topic);
    process.stdout.write(group === undefined ? overview(COMMAND_GROUPS) : groupHelp(group));
    return name === undefined ? EXIT.USAGE : EXIT.OK;
  }
  const group = COMMAND_GROUPS.find((g) => g.name === name);
  if (group === undefined) throw new UsageError(`unknown command "${name}"`);
  if (wantsHelp(rest) || rest[0] === 'help') {
    process.stdout.write(groupHelp(group));
    return EXIT.OK;
  }
  return group.run(rest);
}

/** Prints a failure on stderr and returns its exit code. */
export function report(error: unknown): number {
  if (error instanceof UsageError) {
    progress(`error: ${error.message}`);
    progress(`run "pnpm candor ${error.topic === undefined ? 'help' : `${error.topic} --help`}" for usage`);
  } else if (error instanceof RefusedError) {
    for (const line of describeMutationError(error.error)) progress(line);
  } else if (error instanceof GraphQLRequestError) {
    for (const e of error.errors) {
      progress(`error: ${e.code ?? 'ERROR'}: ${e.message}${e.requestId === null ? '' : ` (request ${e.requestId})`}`);
    }
  } else if (error instanceof CliError) {
    progress(`error: ${error.message}`);
  } else if (error instanceof ConfigError) {
    progress(error.message);
    return EXIT.USAGE;
  } else {
    progress(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EXIT.FAILED;
  }
  return error.exitCode;
}

/** Exits once stdout has taken everything written to it (pipes may be asynchronous). */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.exit(code));
}

run(process.argv.slice(2)).then(exit, (error: unknown) => exit(report(error)));
