/**
 * Builds the Pagefind search index while Astro renders, instead of running the pagefind CLI over
 * dist/ afterwards. Astro renders pages on one thread; Pagefind's Node API drives the pagefind
 * binary in its own process, so parsing and indexing each page (the bulk of Pagefind's work, about
 * 5 ms a version page) runs on the machine's other core as the pages come out of the middleware
 * (src/middleware.ts). Only writing the index files is left for after the last page.
 *
 * Same output as `pagefind --site dist`: the same pages (those with data-pagefind-body), the same
 * URLs, and the whole bundle (index, fragments, pagefind.js, the UI) in dist/pagefind/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { type SearchIndexSink, setSearchIndexSink } from '../lib/search-index-sink';

/**
 * Pages handed to Pagefind but not yet indexed. Past this, rendering waits: Pagefind keeps up on
 * a quiet machine, and a bound keeps a slow one from queueing the whole site's HTML in memory.
 */
const MAX_PENDING_PAGES = 32;

class PagefindSink implements SearchIndexSink {
  private readonly pending = new Set<Promise<void>>();
  private readonly errors: string[] = [];
  pages = 0;

  constructor(private readonly index: PagefindIndex) {}

  /** How long rendering waited for Pagefind to catch up (it should not, with a core of its own). */
  waitedMs = 0;

  async add(url: string, html: string): Promise<void> {
    if (this.pending.size >= MAX_PENDING_PAGES) {
      const started = performance.now();
      while (this.pending.size >= MAX_PENDING_PAGES) await Promise.race(this.pending);
      this.waitedMs += performance.now() - started;
    }
    this.pages++;
    const added: Promise<void> = this.index.addHTMLFile({ url, content: html }).then(
      ({ errors }) => {
        for (const error of errors) this.errors.push(`${url}: ${error}`);
      },
      (error: unknown) => {
        this.errors.push(`${url}: ${String(error)}`);
      },
    );
    const tracked = added.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Waits for every page handed over; throws if Pagefind refused any. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
    if (this.errors.length > 0) throw new Error(`Pagefind could not index:\n${this.errors.join('\n')}`);
  }
}

/** CPU seconds and peak memory of the pagefind process(es) this process started (Linux; else null). */
function pagefindProcessStats(): { cpuSeconds: number; peakMegabytes: number } | null {
  try {
    const children = readdirSync('/proc/self/task').flatMap((task) =>
      readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
    );
    let cpuSeconds = 0;
    let peakMegabytes = 0;
    for (const pid of children) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(pagefind')) continue;
      // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuSeconds += (Number(fields[11]) + Number(fields[12])) / 100;
      const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      peakMegabytes = Math.max(peakMegabytes, Math.round(Number(peak ?? 0) / 1024));
    }
    return { cpuSeconds, peakMegabytes };
  } catch {
    return null;
  }
}

async function writeIndex(
  sink: PagefindSink,
  index: PagefindIndex,
  dir: URL,
  logger: AstroIntegrationLogger,
  whileWriting: WhileWriting | undefined,
) {
  const started = performance.now();
  await sink.settle();
  const settled = performance.now();
  // Pagefind writes in its own process; this thread meanwhile does the other post-build work.
  const [{ errors }] = await Promise.all([
    index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) }),
    whileWriting?.(dir),
  ]);
  if (errors.length > 0) throw new Error(`Pagefind could not write the index:\n${errors.join('\n')}`);
  const stats = pagefindProcessStats();
  // One line the benchmarks read (bench/src/site.bench.ts): keep its shape.
  logger.info(
    `Pagefind: ${sink.pages} pages indexed while rendering; last pages ${Math.round(settled - started)} ms, index written in ${Math.round(performance.now() - settled)} ms` +
      (stats === null
        ? ''
        : ` (pagefind process: ${stats.cpuSeconds.toFixed(2)} s CPU, peak ${stats.peakMegabytes} MB)`) +
      `; rendering waited ${Math.round(sink.waitedMs)} ms for Pagefind`,
  );
}

/** Other work for the build's end, done on this thread while Pagefind writes the index. */
export type WhileWriting = (dir: URL) => Promise<void>;

export function searchIndex(options: { whileWriting?: WhileWriting } = {}): AstroIntegration {
  let index: PagefindIndex | undefined;
  let sink: PagefindSink | undefined;
  return {
    name: 'candor-search-index',
    hooks: {
      'astro:build:start': async () => {
        const created = await createIndex({});
        if (created.index === undefined) throw new Error(`Pagefind could not start: ${created.errors.join('; ')}`);
        index = created.index;
        sink = new PagefindSink(index);
        setSearchIndexSink(sink);
      },
      'astro:build:done': async ({ dir, logger }) => {
        setSearchIndexSink(undefined);
        try {
          if (index !== undefined && sink !== undefined)
            await writeIndex(sink, index, dir, logger, options.whileWriting);
        } finally {
          await close();
        }
      },
    },
  };
}
