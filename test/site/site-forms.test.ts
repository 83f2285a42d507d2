/**
 * The server's site-forms plugin (apps/api/src/plugins/use-site-forms.ts) on the built sample
 * site and its database: the compare form's GET lands on the pair page (older first), the "as of"
 * form's on the version in force that day; anything else lands on the form's page at an anchor
 * that explains, and no input can make it redirect off the site.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CandorYoga } from '@candor/api';
import type { Database } from '@candor/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSiteForms } from '../../apps/api/src/plugins/use-site-forms.js';
import { TEST_NOW } from '../helpers/providers.js';
import { openSiteApi } from './site-files.js';

let api: { database: Database; yoga: CandorYoga };

beforeAll(async () => {
  api = await openSiteApi();
});

afterAll(async () => {
  await api?.database.close();
});

const compare = '/documents/terms-of-service/compare/';
const asOf = '/documents/terms-of-service/as-of/';

async function locationOf(path: string): Promise<{ status: number; location: string | null }> {
  const response = await api.yoga.fetch(`http://site.test${path}`, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
}

describe('the compare form', () => {
  it('redirects to the pair page, older first, whichever order the versions were picked in', async () => {
    expect(await locationOf(`${compare}?from=2022-11&to=2023-08`)).toEqual({
      status: 303,
      location: `${compare}2022-11/2023-08/`,
    });
    expect(await locationOf(`${compare}?from=2023-08&to=2022-11`)).toEqual({
      status: 303,
      location: `${compare}2022-11/2023-08/`,
    });
  });

  it('explains on the compare page what went wrong: the same version, an unknown one, a bad spelling', async () => {
    expect(await locationOf(`${compare}?from=2023-03&to=2023-03`)).toEqual({
      status: 303,
      location: `${compare}#same-version`,
    });
    expect(await locationOf(`${compare}?from=2023-03&to=1999-01`)).toEqual({
      status: 303,
      location: `${compare}#not-available`,
    });
    expect(await locationOf(`${compare}?from=2023-03`)).toEqual({
      status: 303,
      location: `${compare}#unknown-version`,
    });
  });

  it('never redirects off the site, whatever the labels say', async () => {
    for (const bad of [
      '//evil.example/x',
      'https://evil.example',
      '../../../etc/passwd',
      '%2F%2Fevil.example',
      '2023-03/../../x',
      'a b',
      'A'.repeat(200),
    ]) {
      for (const query of [
        `from=${encodeURIComponent(bad)}&to=2023-03`,
        `from=2023-03&to=${encodeURIComponent(bad)}`,
      ]) {
        const { status, location } = await locationOf(`${compare}?${query}`);
        expect(status, query).toBe(303);
        expect(location, query).toBe(`${compare}#unknown-version`);
      }
    }
  });

  it('leaves the compare page itself, and unknown documents, to the static site', async () => {
    expect((await locationOf(compare)).status).toBe(200);
    expect((await locationOf('/documents/no-such-document/compare/?from=a&to=b')).status).toBe(404);
    expect((await locationOf('/documents/Not..A-Slug/compare/?from=a&to=b')).status).toBe(404);
  });
});

describe('the "as of" form', () => {
  it('redirects to the version in force at the end of that day (the domain rule)', async () => {
    expect(await locationOf(`${asOf}?date=2023-05-01`)).toEqual({
      status: 303,
      location: '/documents/terms-of-service/2023-03/',
    });
    // Effective that day: already in force.
    expect((await locationOf(`${asOf}?date=2023-09-07`)).location).toBe('/documents/terms-of-service/2023-08/');
    expect((await locationOf(`${asOf}?date=2023-09-06`)).location).toBe('/documents/terms-of-service/2023-03/');
    // The withdrawn version (to take effect 1 November 2024) never applied.
    expect((await locationOf(`${asOf}?date=2024-11-15`)).location).toBe('/documents/terms-of-service/2024-06/');
  });

  it('explains a date before the first version and a malformed date on the "as of" page', async () => {
    expect(await locationOf(`${asOf}?date=2000-01-01`)).toEqual({ status: 303, location: `${asOf}#before-first` });
    for (const bad of ['yesterday', '2023-02-30', '2023-5-1', '//evil.example', '']) {
      expect(await locationOf(`${asOf}?date=${encodeURIComponent(bad)}`), bad).toEqual({
        status: 303,
        location: `${asOf}#invalid-date`,
      });
    }
    expect((await locationOf(asOf)).status).toBe(200);
  });
});

describe('a long history, where a consecutive pair has no page of its own', () => {
  it('sends the pair to the newer version’s changes page when that page compares the two', async () => {
    // A site directory holding only the compare page and one changes page, as a build of more than
    // 30 versions leaves a consecutive pair; the sample database says what each changes page compares.
    const root = mkdtempSync(join(tmpdir(), 'candor-site-forms-'));
    try {
      for (const page of ['documents/terms-of-service/compare', 'documents/terms-of-service/2023-08/changes']) {
        mkdirSync(join(root, page), { recursive: true });
        writeFileSync(join(root, page, 'index.html'), '<!doctype html>');
      }
      const plugin = useSiteForms({ root, database: api.database, clock: () => TEST_NOW });
      const answer = async (path: string) => {
        let response: Response | undefined;
        const url = new URL(`http://site.test${path}`);
        await (plugin.onRequest as (payload: unknown) => Promise<void>)({
          request: new Request(url),
          url,
          endResponse: (given: Response) => {
            response = given;
          },
        });
        return response === undefined ? null : { status: response.status, location: response.headers.get('location') };
      };
      const changes = { status: 303, location: '/documents/terms-of-service/2023-08/changes/' };
      expect(await answer(`${compare}?from=2023-03&to=2023-08`)).toEqual(changes);
      expect(await answer(`${compare}?from=2023-08&to=2023-03`)).toEqual(changes);
      // 2023-08 is not compared with 2022-11, and 2023-03's changes page is not in this directory.
      expect(await answer(`${compare}?from=2022-11&to=2023-08`)).toEqual({
        status: 303,
        location: `${compare}#not-available`,
      });
      expect(await answer(`${compare}?from=2022-11&to=2023-03`)).toEqual({
        status: 303,
        location: `${compare}#not-available`,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
