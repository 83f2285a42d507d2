/**
 * Consent statistics through review, as the API takes them (issue 14): one editor submits, a
 * publisher who did not submit approves, a publisher publishes. Each step's payload is returned
 * so that a test can stop at the step it is about.
 */
import { asToken, type EditorTokens } from './editors.js';
import type { TestApi } from './testkit.js';

export const CONSENT_HEADER =
  'feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft';

export interface ConsentError {
  code: string;
  message: string;
  field: string | null;
  problems: { line: number | null; column: number | null; field: string; message: string }[];
}

export interface SubmissionPayload {
  submission: { id: string; status: string; kind: string; rowCount: number; reason: string | null } | null;
  error: ConsentError | null;
}

export interface PublishPayload extends SubmissionPayload {
  contentHash: string | null;
  checkpointSequence: number | null;
}

const ERROR = 'error { code message field problems { line column field message } }';
const SUBMISSION = 'submission { id status kind rowCount reason }';

async function call<T>(api: TestApi, token: string, mutation: string, variables: Record<string, unknown>): Promise<T> {
  const name = mutation.slice(mutation.indexOf('{') + 1, mutation.indexOf('(', mutation.indexOf('{'))).trim();
  const { body } = await asToken<Record<string, T>>(api, token, mutation, variables);
  if (body.errors !== undefined || body.data === undefined) throw new Error(JSON.stringify(body.errors));
  return body.data[name] as T;
}

export const submitStatistics = (api: TestApi, token: string, csv: string, reason?: string) =>
  reason === undefined
    ? call<SubmissionPayload>(
        api,
        token,
        `mutation ($csv: String!) { submitConsentStatistics(csv: $csv) { ${SUBMISSION} ${ERROR} } }`,
        { csv },
      )
    : call<SubmissionPayload>(
        api,
        token,
        `mutation ($csv: String!, $reason: String!) { submitConsentCorrection(csv: $csv, reason: $reason) { ${SUBMISSION} ${ERROR} } }`,
        { csv, reason },
      );

export const approveStatistics = (api: TestApi, token: string, id: string) =>
  call<SubmissionPayload>(
    api,
    token,
    `mutation ($id: ID!) { approveConsentSubmission(id: $id) { ${SUBMISSION} ${ERROR} } }`,
    {
      id,
    },
  );

export const rejectStatistics = (api: TestApi, token: string, id: string, reason: string) =>
  call<SubmissionPayload>(
    api,
    token,
    `mutation ($id: ID!, $reason: String!) { rejectConsentSubmission(id: $id, reason: $reason) { ${SUBMISSION} ${ERROR} } }`,
    { id, reason },
  );

export const publishStatistics = (api: TestApi, token: string, id: string) =>
  call<PublishPayload>(
    api,
    token,
    `mutation ($id: ID!) { publishConsentSubmission(id: $id) { ${SUBMISSION} contentHash checkpointSequence ${ERROR} } }`,
    { id },
  );

/**
 * The whole way: the editor submits, the publisher approves and publishes. Returns the first
 * refusal, or the publication.
 */
export async function releaseStatistics(
  api: TestApi,
  tokens: EditorTokens,
  csv: string,
  reason?: string,
): Promise<PublishPayload> {
  const submitted = await submitStatistics(api, tokens.editor, csv, reason);
  if (submitted.submission === null) return { ...submitted, contentHash: null, checkpointSequence: null };
  const approved = await approveStatistics(api, tokens.publisher, submitted.submission.id);
  if (approved.error !== null) return { ...approved, contentHash: null, checkpointSequence: null };
  return publishStatistics(api, tokens.publisher, submitted.submission.id);
}
