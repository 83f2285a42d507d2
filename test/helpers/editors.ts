import { bootstrapAdmin, createInvitation, type PrismaClient, redeemInvitation } from '@candor/schema';
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

/**
 * Enrols a person on the test database as the API would (an invitation from `invitedBy`, redeemed
 * at once) and returns their first token: the services behind createInvitation and enrol, without
 * HTTP, so that setting up spends no request budget and empties no cache.
 */
export async function enrolEditor(
  prisma: PrismaClient,
  person: { email: string; name: string; role: 'EDITOR' | 'PUBLISHER' | 'ADMIN'; invitedBy: string },
  now: Date = new Date(),
): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const { code } = await createInvitation(tx, { editorId: person.invitedBy }, person, now);
    return (await redeemInvitation(tx, { code, tokenName: 'tests' }, now)).token.token;
  });
}

/** Bootstraps an admin on the test database and enrols an editor and a publisher, each with a token. */
export async function setUpEditors(api: TestApi): Promise<EditorTokens> {
  const root = await bootstrapAdmin(api.database.prisma, { email: 'root@example.com', name: 'Root Admin' }, new Date());
  const tokens: Partial<EditorTokens> = { admin: root.token };
  for (const [who, role] of [
    ['editor', 'EDITOR'],
    ['publisher', 'PUBLISHER'],
  ] as const) {
    const email = `${who}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    tokens[who] = await enrolEditor(api.database.prisma, {
      email,
      name: `Test ${who}`,
      role,
      invitedBy: root.editorId,
    });
  }
  return tokens as EditorTokens;
}
