/**
 * Prisma CLI configuration for the postgresql migration history. Prisma 6.19's JavaScript schema
 * engine runs migrations through the driver adapter, so nothing is downloaded (see README,
 * "Air-gapped install"). The database comes from DATABASE_URL like everywhere else.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { parseDatabaseUrl } from './src/db/database-url.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/postgresql/schema.prisma',
  migrations: { path: 'prisma/postgresql/migrations' },
  adapter: async () => {
    const target = parseDatabaseUrl(process.env.DATABASE_URL);
    if (target.provider !== 'postgresql') {
      throw new Error(`prisma.postgresql.config.ts used with a ${target.provider} DATABASE_URL`);
    }
    return new PrismaPg({ connectionString: target.url });
  },
});
