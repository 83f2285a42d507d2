/**
 * Testing-only fault injection, switched on by CANDOR_FAULT_* variables (README, "Durability and
 * faults"). With none set this returns nothing and the code paths are the normal ones.
 */
import type { FaultHooks } from '@candor/schema';
import type { Env } from './env.js';
import type { Logger } from './logger.js';

/** Logs `signal` (the line a fault test waits for before it acts), then waits `pauseMs`. */
const pauseAt = (logger: Logger, signal: string, pauseMs: number) =>
  pauseMs <= 0
    ? undefined
    : async () => {
        logger.info(signal, { pauseMs });
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      };

export function faultHooksFrom(
  env: Pick<Env, 'CANDOR_FAULT_PUBLISH_PAUSE_MS' | 'CANDOR_FAULT_CHECKPOINT_PAUSE_MS'>,
  logger: Logger,
): FaultHooks | undefined {
  const { CANDOR_FAULT_PUBLISH_PAUSE_MS: publishPause, CANDOR_FAULT_CHECKPOINT_PAUSE_MS: checkpointPause } = env;
  if (publishPause <= 0 && checkpointPause <= 0) return undefined;
  logger.warn('fault injection on: publishes pause inside their transaction', { publishPause, checkpointPause });
  return {
    afterFirstPublishWrite: pauseAt(logger, 'publish transaction open', publishPause),
    afterCheckpointSequenceRead: pauseAt(logger, 'checkpoint sequence read', checkpointPause),
  };
}
