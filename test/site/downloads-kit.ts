/**
 * The site's downloads kit (apps/site/src/lib/downloads-kit.ts: the code that writes and checks the
 * downloads), loaded at run time. The site's sources use the bundler's extensionless imports,
 * which this package's NodeNext typecheck cannot follow, so the few types the tests use are
 * restated here; vitest runs the real modules.
 */
export interface DownloadsKit {
  CONSENT_CSV_HEADER: string[];
  FACTS_CSV_HEADER: string[];
  readTar(archive: Uint8Array): { path: string; content: Uint8Array }[];
  exportFromTar(files: readonly { path: string; content: Uint8Array }[]): { root: string; files: Map<string, string> };
  verifyVersionJson(
    text: string,
    manifest: unknown,
  ): { ok: boolean; problems: { code: string; message: string }[]; lines: string[] };
  versionJson(organization: unknown, version: unknown, documentTitle: string): string;
}

const SPECIFIER = '@candor/site/downloads-kit';

export const loadDownloadsKit = (): Promise<DownloadsKit> => import(SPECIFIER) as Promise<DownloadsKit>;
