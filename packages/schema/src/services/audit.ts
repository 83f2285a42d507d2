import type { PrismaClient } from '../db/client.js';
import type { Viewer } from './tokens.js';

type Writer = Pick<PrismaClient, 'auditEvent'>;

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  beforeId?: string | null;
  afterId?: string | null;
  outcome: 'OK' | 'REFUSED' | 'ERROR';
  errorCode?: string | null;
  /** A short, safe description: never a token, never the submitted text. */
  detail?: string;
}

/** Appends one audit event. Call it inside the mutation's transaction for successful writes. */
export async function writeAudit(writer: Writer, viewer: Viewer | null, entry: AuditEntry, at: Date): Promise<void> {
  await writer.auditEvent.create({
    data: {
      at,
      editorId: viewer?.editorId ?? null,
      tokenId: viewer?.tokenId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      beforeId: entry.beforeId ?? null,
      afterId: entry.afterId ?? null,
      outcome: entry.outcome,
      errorCode: entry.errorCode ?? null,
      detail: entry.detail ?? '',
    },
  });
}
