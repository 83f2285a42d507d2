/**
 * `pnpm db:check`: fails when the datamodel and either provider's migration history drift apart,
 * or when the committed composed schemas are stale. Run in CI (part of `pnpm test`).
 */
import { readFileSync } from 'node:fs';
import { composeSchema } from './compose-schemas.js';
import { hasDrift, migrationFolders } from './migrations.js';
import { datamodelPath, PROVIDERS, providerSchemaPath } from './paths.js';

const problems: string[] = [];
const datamodel = readFileSync(datamodelPath, 'utf8');
for (const provider of PROVIDERS) {
  if (readFileSync(providerSchemaPath(provider), 'utf8') !== composeSchema(provider, datamodel)) {
    problems.push(`${provider}: prisma/${provider}/schema.prisma is stale; run pnpm generate`);
    continue;
  }
  if (migrationFolders(provider).length === 0) {
    problems.push(`${provider}: no migrations; run pnpm db:migration init`);
  } else if (hasDrift(provider)) {
    problems.push(`${provider}: datamodel differs from the last migration; run pnpm db:migration <name>`);
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  process.exit(1);
}
console.log(`✓ datamodel matches the latest migration of ${PROVIDERS.join(' and ')}`);
