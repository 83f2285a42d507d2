/**
 * The JSON download of a version: the same fields as the GraphQL `Version` the site was built
 * from (clauses, explanations, stored changes, hashes), with the organisation and its sample-data
 * notice so the file says what it is wherever it ends up.
 */
import type { Organization, VersionEntry } from './entry-types';

export function versionJson(organization: Organization, version: VersionEntry, documentTitle: string): string {
  const {
    document,
    documentTitle: _title,
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
