/**
 * How an export verification reads on the terminal: the domain's describeExportVerification, which
 * the site's in-browser verifier (/verify/) shows too, so both report a fault in the same words.
 */
export { describeExportVerification } from '@candor/schema/domain';
