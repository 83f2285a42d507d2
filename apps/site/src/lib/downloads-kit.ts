/**
 * What the test suite (test/site/downloads.test.ts, verify-browser.test.ts) uses of the site's
 * downloads and verifier, to check the built files with the very code that made and checks them.
 */

export { CANONICAL_JQ } from './canonical-jq';
export { CONSENT_CSV_HEADER, FACTS_CSV_HEADER, sha256Line } from './downloads';
export { readTar, writeTar } from './tar';
export { exportFromTar, verifyExportFiles, verifyTarArchive, verifyVersionJson, versionFromJson } from './verify-files';
export { versionJson } from './version-json';
