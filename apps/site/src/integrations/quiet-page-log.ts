/**
 * Keeps `astro build` from printing a line per generated page (two log writes a page: its path,
 * then its time). At 10,000 versions that is 40,000 writes to a pipe on the single thread that
 * renders, a few seconds of a build that must fit in 90 s; nobody reads 20,000 lines. Warnings
 * and errors still print, and one summary line replaces the list. Only at the default level: with
 * `astro build --verbose` every page is listed as usual.
 *
 * Astro has no option for this; its integration logger shares the level with the logger that
 * prints the page list (AstroIntegrationLogger.options), so the level is lowered for page
 * generation only (astro:build:start → astro:build:generated).
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';

export function quietPageLog(): AstroIntegration {
  let quieted: AstroIntegrationLogger['options'] | undefined;
  let started = 0;
  return {
    name: 'candor-quiet-page-log',
    hooks: {
      'astro:build:start': ({ logger }) => {
        const { options } = logger;
        if (options.level !== 'info') return;
        logger.info('building the server bundle and rendering the pages (a line per page: astro build --verbose)');
        started = performance.now();
        options.level = 'warn';
        quieted = options;
      },
      'astro:build:generated': ({ logger }) => {
        if (quieted === undefined) return;
        quieted.level = 'info';
        quieted = undefined;
        logger.info(`server bundle built and pages rendered in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
