/**
 * Prisma CLI configuration for the sqlite migration history. Prisma 6.19's JavaScript schema
 * engine runs migrations through the driver adapter, so nothing is downloaded (see README,
 * "Air-gapped install"). The database comes from DATABASE_URL like everywhere else.
 */
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { defineConfig } from 'prisma/config';
import { parseDatabaseUrl } from './src/db/database-url.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/sqlite/schema.prisma',
  migrations: { path: 'prisma/sqlite/migrations' },
  adapter: async () => {
    const target = parseDatabaseUrl(process.env.DATABASE_URL);
    if (target.provider !== 'sqlite') {
      throw new Error(`prisma.sqlite.config.ts used with a ${target.provider} DATABASE_URL`);
    }
    return new PrismaLibSQL({ url: target.url });
  },
});
