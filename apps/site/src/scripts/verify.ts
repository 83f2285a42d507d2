/**
 * The in-browser verifier on /verify/ (bundled by Astro from VerifyLayout's <script>): checks a
 * version JSON download against the published manifest, chain and signed checkpoint, or a whole
 * downloaded archive as `candor verify --export` does, with the domain's own code
 * (lib/verify-files.ts) on WebCrypto, and shows the CLI's report lines. Without JavaScript the
 * forms stay hidden and the page's documentation and commands are all there is.
 */

/**
 * The verification code (the domain's verifier, its YAML and Markdown readers: ~50 kB gzipped)
 * is loaded on the first check, not with the page.
 */
const verifier = () => import('./verify-run');

const root = document.querySelector<HTMLElement>('[data-verifier]');

async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} could not be fetched (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

function show(output: HTMLElement, ok: boolean | null, summary: string, lines: readonly string[]): void {
  output.replaceChildren();
  const heading = document.createElement('p');
  heading.dataset.verifierOutcome = ok === null ? 'error' : ok ? 'ok' : 'failed';
  const strong = document.createElement('strong');
  strong.textContent = summary;
  heading.append(strong);
  output.append(heading);
  if (lines.length > 0) {
    const pre = document.createElement('pre');
    pre.dataset.verifierReport = '';
    pre.textContent = lines.join('\n');
    output.append(pre);
  }
}

function wire(form: HTMLFormElement, run: (data: FormData) => Promise<void>): void {
  const output = form.querySelector<HTMLElement>('[data-verifier-output]');
  if (output === null) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show(output, null, 'Checking…', []);
    output.dataset.busy = 'true';
    run(new FormData(form))
      .catch((error: unknown) => {
        show(output, null, error instanceof Error ? error.message : String(error), []);
      })
      .finally(() => {
        delete output.dataset.busy;
      });
  });
}

if (root !== null) {
  const manifestUrl = root.dataset.manifest ?? '';
  const archiveUrl = root.dataset.archive ?? '';
  const versionForm = root.querySelector<HTMLFormElement>('form[data-verify-version]');
  const archiveForm = root.querySelector<HTMLFormElement>('form[data-verify-archive]');

  if (versionForm !== null) {
    const output = versionForm.querySelector<HTMLElement>('[data-verifier-output]') as HTMLElement;
    wire(versionForm, async (data) => {
      const file = data.get('file');
      const chosen = file instanceof File && file.size > 0;
      const text = chosen
        ? await file.text()
        : new TextDecoder().decode(await fetchBytes(String(data.get('version') ?? '')));
      const manifest: unknown = JSON.parse(new TextDecoder().decode(await fetchBytes(manifestUrl)));
      const { settleCrypto, verifyVersionJson } = await verifier();
      const report = await settleCrypto(() => verifyVersionJson(text, manifest));
      show(
        output,
        report.ok,
        report.ok
          ? `OK: ${report.document} ${report.label} is the version the signed checkpoint covers.`
          : `FAILED: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} with ${report.document} ${report.label}.`,
        report.lines,
      );
    });
  }

  if (archiveForm !== null) {
    const output = archiveForm.querySelector<HTMLElement>('[data-verifier-output]') as HTMLElement;
    wire(archiveForm, async (data) => {
      const file = data.get('file');
      const bytes =
        file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : await fetchBytes(archiveUrl);
      const tar = await gunzipIfNeeded(bytes);
      const { settleCrypto, verifyTarArchive } = await verifier();
      const report = await settleCrypto(() => verifyTarArchive(tar));
      show(
        output,
        report.ok,
        report.ok
          ? 'OK: every record of the archive checked out, and the checkpoint is signed.'
          : `FAILED: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} in the archive.`,
        report.lines,
      );
    });
  }
  root.hidden = false;
}
