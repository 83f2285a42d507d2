/**
 * `pnpm db:migration <name>`: adds one migration per provider for the current datamodel.
 * Writes prisma/<provider>/migrations/<UTC timestamp>_<name>/{migration.sql,schema.snapshot.prisma}.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeAll } from './compose-schemas.js';
import { hasDrift, pendingSql, SNAPSHOT_FILE } from './migrations.js';
import { migrationsPath, PROVIDERS, providerSchemaPath } from './paths.js';

const name = process.argv[2];
if (name === undefined || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: pnpm db:migration <name>   (name: lowercase letters, digits and _)');
  process.exit(2);
}

composeAll();
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
let written = 0;
for (const provider of PROVIDERS) {
  if (!hasDrift(provider)) {
    console.log(`${provider}: datamodel unchanged, no migration needed`);
    continue;
  }
  const sql = pendingSql(provider);
  const folder = join(migrationsPath(provider), `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), sql);
  copyFileSync(providerSchemaPath(provider), join(folder, SNAPSHOT_FILE));
  writeFileSync(
    join(migrationsPath(provider), 'migration_lock.toml'),
    `# Written by scripts/add-migration.ts; Prisma checks the provider.\nprovider = "${provider}"\n`,
  );
  console.log(`${provider}: wrote ${folder}`);
  written += 1;
}
console.log(written === 0 ? 'nothing to do' : `added ${written} migration(s); review the SQL, then commit it`);
