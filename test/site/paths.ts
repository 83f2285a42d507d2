import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const SITE_PACKAGE = join(REPOSITORY_ROOT, 'apps/site');
/** Test output that is never committed (git-ignored): build log, screenshots. */
export const ARTIFACTS = join(REPOSITORY_ROOT, 'test/artifacts');
