/** The part of the in-browser verifier (verify.ts) loaded on the first check: the domain's code. */
export { settleCrypto } from '@candor/schema/domain';
export { verifyTarArchive, verifyVersionJson } from '../lib/verify-files';
