/**
 * The JSON download of a version: the same fields as the GraphQL `Version` the site was built
 * from (clauses, explanations, stored changes, hashes), with the organisation and its sample-data
 * notice so the file says what it is wherever it ends up.
 *
 * Stable byte for byte: nothing in it depends on when the site was built, so two builds of the same
 * data publish the same file and a hash of it stays valid. `timing` (in force, upcoming, superseded
 * — relative to the build's clock) is left out; the version's page states it, and the dates it is
 * derived from (effectiveAt, the withdrawal) are here. The proof of notice (`notice`) is left out
 * too: its counts change as deliveries are retried; the page shows it as of the build.
 */
import type { Organization, VersionEntry } from './entry-types';

export function versionJson(organization: Organization, version: VersionEntry, documentTitle: string): string {
  const {
    document,
    documentTitle: _title,
    // Relative to the build's clock: on the page, never in the download (see above).
    timing: _timing,
    // Proof of notice changes after publication (retries, dead letters): on the page, as of the build.
    notice: _notice,
    previousLabel,
    nextLabel,
    explanations,
    clauses,
    changes,
    ...rest
  } = version;
  return `${JSON.stringify(
    {
      organization: {
        slug: organization.slug,
        name: organization.name,
        isSample: organization.isSample,
        sampleNotice: organization.sampleNotice,
      },
      document: { slug: document, title: documentTitle },
      ...rest,
      explanations: explanations.map(({ segment, ...explanation }) => ({ segment: { key: segment }, ...explanation })),
      previous: previousLabel === null ? null : { label: previousLabel },
      next: nextLabel === null ? null : { label: nextLabel },
      clauses: clauses.map(({ anchor: _anchor, ...clause }) => clause),
      changes:
        changes === null
          ? null
          : {
              from: changes.fromLabel === null ? null : { label: changes.fromLabel },
              rebased: changes.rebased,
              reason: changes.reason,
              comparedAt: changes.comparedAt,
              summary: changes.summary,
              changes: changes.changes,
            },
    },
    null,
    2,
  )}\n`;
}
