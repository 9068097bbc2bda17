/**
 * The start of every entry point: the acting user, role, locale and settings; role checks; the
 * menu for the role. The document lock is server/document's.
 */
export { buildMenu, buildMinimalMenu } from './menu';
export { begin, isInteractive, readSettings, requireAction, requireTable, roleNotice } from './session';
export type { Execution } from './session';
