import { fileURLToPath } from 'node:url';

/** The providers Candor ships migrations for; each has its own schema file and history. */
export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const packageRoot = fileURLToPath(new URL('../', import.meta.url));
export const datamodelPath = fileURLToPath(new URL('../prisma/datamodel.prisma', import.meta.url));

export const providerSchemaPath = (provider: Provider): string =>
  fileURLToPath(new URL(`../prisma/${provider}/schema.prisma`, import.meta.url));

export const migrationsPath = (provider: Provider): string =>
  fileURLToPath(new URL(`../prisma/${provider}/migrations`, import.meta.url));

export const prismaConfigPath = (provider: Provider): string =>
  fileURLToPath(new URL(`../prisma.${provider}.config.ts`, import.meta.url));
