import { badInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

interface PageArgs {
  first?: number | null;
  last?: number | null;
}

/**
 * Connection size options shared by every connection. Pothos would silently clamp an oversized
 * page; partners get a coded error naming the argument instead.
 */
export const pageSize = {
  defaultSize: DEFAULT_PAGE_SIZE,
  maxSize: (args: PageArgs) => {
    for (const name of ['first', 'last'] as const) {
      const value = args[name];
      if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
        throw badInput(`${name} must be between 1 and ${MAX_PAGE_SIZE}, got ${value}`, name);
      }
    }
    return MAX_PAGE_SIZE;
  },
};
