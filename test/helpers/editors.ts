import { bootstrapAdmin } from '@candor/schema';
import type { TestApi } from './testkit.js';

export interface EditorTokens {
  admin: string;
  editor: string;
  publisher: string;
}

/** Runs a GraphQL request with a bearer token through the in-process server. */
export async function asToken<T = Record<string, unknown>>(
  api: TestApi,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{
  status: number;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const response = await api.yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** Bootstraps an admin on the test database and creates an editor and a publisher with tokens. */
export async function setUpEditors(api: TestApi): Promise<EditorTokens> {
  const admin = (
    await bootstrapAdmin(api.database.prisma, { email: 'root@example.com', name: 'Root Admin' }, new Date())
  ).token;
  const tokens: Partial<EditorTokens> = { admin };
  for (const [who, role] of [
    ['editor', 'EDITOR'],
    ['publisher', 'PUBLISHER'],
  ] as const) {
    const email = `${who}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const created = await asToken<{ createEditor: { error: unknown } }>(
      api,
      admin,
      `mutation { createEditor(email: "${email}", name: "Test ${who}", role: ${role}) { error { code message } } }`,
    );
    if (created.body.data?.createEditor.error != null) throw new Error(JSON.stringify(created.body));
    const token = await asToken<{ createToken: { token: string | null; error: unknown } }>(
      api,
      admin,
      `mutation { createToken(email: "${email}", name: "tests") { token error { code message } } }`,
    );
    const secret = token.body.data?.createToken.token;
    if (secret == null) throw new Error(JSON.stringify(token.body));
    tokens[who] = secret;
  }
  return tokens as EditorTokens;
}
