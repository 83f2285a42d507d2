import { type CandorYoga, createCandorYoga, createLogger } from '@candor/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EditorTokens, setUpEditors } from '../helpers/editors.js';
import { testSigner, useTestApi } from '../helpers/testkit.js';
import { throwingQueryField } from '../helpers/throwing-resolver.js';

const api = useTestApi();
const secretOf = (token: string) => token.replace(/^cnd_[a-z0-9]{10}_/, '');
const prefixOf = (token: string) => /^cnd_([a-z0-9]{10})_/.exec(token)?.[1] ?? 'none';

describe('logs hold no tokens, mutation bodies or secrets', () => {
  let tokens: EditorTokens;
  let lines: string[];
  let yoga: CandorYoga;

  beforeAll(async () => {
    tokens = await setUpEditors(api.current);
    lines = [];
    yoga = createCandorYoga({
      database: api.current.database,
      env: {},
      clock: () => new Date(),
      // Debug: the most the server ever writes.
      logger: createLogger('debug', (line) => lines.push(line)),
      signer: testSigner(),
      // A resolver that fails with the admin's real token in its message, as a careless error
      // message from a library could.
      extraPlugins: [
        throwingQueryField(
          'segments',
          () =>
            new Error(
              `token lookup failed for Bearer ${tokens.admin} (${tokens.admin}) via postgresql://candor:hunter2@db:5432/candor`,
            ),
        ),
      ],
    });
  });

  const send = (body: unknown, headers: Record<string, string> = {}) =>
    yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('logs a thrown error with its request id and the token prefix, never the token secret', async () => {
    lines.length = 0;
    const response = await send({ query: '{ segments { key } }' }, { 'x-request-id': 'log-test-request-0001' });
    const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'log-test-request-0001' },
    });
    const log = lines.join('');
    expect(log).not.toContain(secretOf(tokens.admin));
    expect(log).not.toContain('hunter2');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const logged = entries.find((entry) => entry.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 'error', requestId: 'log-test-request-0001' });
    // What is left is still useful: the token's prefix and the database host.
    expect(JSON.stringify(logged)).toContain(`cnd_${prefixOf(tokens.admin)}_[REDACTED]`);
    expect(JSON.stringify(logged)).toContain('postgresql://candor:[REDACTED]@db:5432/candor');
  });

  it('logs neither the token nor the body of a mutation, nor the secret it returns', async () => {
    lines.length = 0;
    const email = 'quiet-zebra-7731@example.com';
    const invited = await send(
      {
        query:
          'mutation Invite($email: String!, $name: String!) { createInvitation(email: $email, name: $name, role: EDITOR) { code error { code } } }',
        variables: { email, name: 'Okapi Lantern Verbatim' },
      },
      { authorization: `Bearer ${tokens.admin}` },
    );
    const invitation = ((await invited.json()) as { data: { createInvitation: { code: string; error: unknown } } }).data
      .createInvitation;
    expect(invitation.error).toBeNull();
    const enrolled = await send({
      query: 'mutation Enrol($code: String!) { enrol(code: $code, tokenName: "Heliotrope Marker") { token } }',
      variables: { code: invitation.code },
    });
    const newToken = ((await enrolled.json()) as { data: { enrol: { token: string } } }).data.enrol.token;
    expect(newToken).toMatch(/^cnd_/);
    const refused = await send(
      { query: 'mutation { revokeToken(prefix: "Sapphire") { revoked } }' },
      { authorization: `Bearer cnd_abcdefghij_${'x'.repeat(43)}` },
    );
    expect(refused.status).toBe(401);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const secret of [
      secretOf(tokens.admin),
      secretOf(newToken),
      invitation.code.replace(/^cni_[a-z0-9]{10}_/, ''),
      'x'.repeat(43),
      'Bearer',
      email,
      'Okapi Lantern Verbatim',
      'Heliotrope Marker',
      'Sapphire',
      'createInvitation(',
      'mutation',
    ]) {
      expect(log, secret).not.toContain(secret);
    }
    const requests = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.msg === 'request');
    expect(requests).toHaveLength(3);
    for (const entry of requests) {
      expect(Object.keys(entry).sort()).toEqual(
        [
          'adapter',
          'durationMs',
          'level',
          'method',
          'msg',
          'path',
          'requestId',
          'span_id',
          'status',
          'time',
          'trace_id',
        ].sort(),
      );
    }
  });

  it('logs the path of a GET request without its query string', async () => {
    lines.length = 0;
    const query = encodeURIComponent('{ organization { name } }');
    await yoga.fetch(`http://yoga/graphql?query=${query}&variables=%7B%22secret%22%3A%22Cobalt%22%7D`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(lines.join('')).not.toContain('Cobalt');
    expect(lines.join('')).not.toContain('organization');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({ msg: 'request', path: '/graphql', method: 'GET' });
  });
});
