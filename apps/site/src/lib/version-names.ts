/**
 * How a version is named where a reader sees it. A published label that reads like a label
 * ("2025-03", "v4") is shown as "version 2025-03"; a version not yet in force is named by when it
 * takes effect ("the version taking effect on 1 January 2027"), because its label may be a
 * placeholder ("next") that says nothing about when it binds. Labels are the organisation's data:
 * nothing here knows a particular one.
 */
import type { VersionTiming } from './entry-types';
import { formatDate } from './format';

export interface NameableVersion {
  label: string;
  timing: VersionTiming;
  effectiveAt: Date;
}

/** "version 2025-03", or "the version taking effect on 1 January 2027" for one not yet in force. */
export function versionDisplayName(version: NameableVersion): string {
  if (version.timing === 'UPCOMING') return `the version taking effect on ${formatDate(version.effectiveAt)}`;
  if (version.timing === 'WITHDRAWN')
    return `the withdrawn version that was to take effect on ${formatDate(version.effectiveAt)}`;
  return `version ${version.label}`;
}

/** "Terms of Service, version 2025-03" / "Terms of Service changes on 1 January 2027": a heading or link text. */
export function versionTitle(version: NameableVersion & { documentTitle: string }): string {
  if (version.timing === 'UPCOMING') return `${version.documentTitle} changes on ${formatDate(version.effectiveAt)}`;
  if (version.timing === 'WITHDRAWN')
    return `${version.documentTitle}: withdrawn change that was to take effect on ${formatDate(version.effectiveAt)}`;
  return `${version.documentTitle}, version ${version.label}`;
}

/** The name with a capital first letter, for the start of a sentence or a heading. */
export const capitalised = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
