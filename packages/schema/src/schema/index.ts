/**
 * The public schema: importing each aggregate's file registers its types on the builder.
 */
import './scalars.js';
import './organization.js';
import './segment.js';
import './definitions.js';
import './document.js';
import './version.js';
import './changelog.js';
import './version-links.js';
import './ai-feature.js';
import './consent-stat.js';
import './editor.js';
import './api-token.js';
import './invitation.js';
import './version-workflow.js';
import './ai-feature-workflow.js';
import './consent-submission.js';
import './consent-release.js';
import './integrity.js';
import './webhook.js';
import './notice.js';
import './notice-failures.js';
import './live-updates.js';
import { builder } from './builder.js';

export type { Context, FaultHooks } from './builder.js';
export { createLoaders } from './loaders.js';
export const schema = builder.toSchema({ sortSchema: false });
