import type { Caller } from './roles';

/** The actor recorded for what workflows and schedules do on their own. */
export const SYSTEM_CALLER: Caller = { userId: 'system', username: 'lindung-system', roles: [] };
