/**
 * The generated operation types (apps/api/codegen.ts) are checked against the committed SDL: an
 * operation selecting a field the schema does not have fails generation, and so `pnpm check`,
 * naming the field and its type — for the site's .graphql operations and for the CLI's
 * `graphql()` documents alike.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { SCHEMA, TYPES_CONFIG } from '../../codegen.js';

const dir = mkdtempSync(join(tmpdir(), 'candor-codegen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Generates the types of one document file in memory, as `pnpm codegen` would for its app. */
async function generateFor(file: string, source: string, target: 'site' | 'cli'): Promise<string> {
  const path = join(dir, file);
  writeFileSync(path, source);
  const output =
    target === 'site'
      ? { plugins: ['typescript-operations'], config: TYPES_CONFIG }
      : { preset: 'client' as const, presetConfig: { fragmentMasking: false }, config: TYPES_CONFIG };
  const [types] = await generate(
    { schema: SCHEMA, documents: path, silent: true, generates: { [join(dir, `${target}/`)]: output } },
    false,
  );
  return types?.content ?? '';
}

describe('generated operation types', () => {
  it('types a valid site operation from the SDL', async () => {
    const content = await generateFor('good.graphql', 'query Good { organization { name isSample } }', 'site');
    expect(content).toContain('export type GoodQuery = { organization: { name: string, isSample: boolean } };');
  });

  it('refuses a site operation selecting a field the SDL does not have, naming it', async () => {
    await expect(generateFor('bad.graphql', 'query Bad { organization { name notAField } }', 'site')).rejects.toThrow(
      /Cannot query field "notAField" on type "Organization"/,
    );
  });

  it('refuses a CLI graphql() document selecting a field the SDL does not have, naming it', async () => {
    const source = 'graphql(`query BadCli { aiFeatures { slug retentionDayz } }`);\n';
    await expect(generateFor('bad-command.ts', source, 'cli')).rejects.toThrow(
      /Cannot query field "retentionDayz" on type "AiFeature"/,
    );
  });
});
