/**
 * The start of every entry point: the acting user (./identity), role, locale and settings; role
 * checks; the menu for the role; reports to the admins and the wrapper of unattended jobs. The
 * document lock is server/document's.
 */
export { buildMenu, buildMinimalMenu } from './menu';
export {
  begin,
  beginAsInstaller,
  isInteractive,
  interactiveUi,
  readSettings,
  requireAction,
  requireLayout,
  requireTable,
  roleNotice,
} from './session';
export type { Execution } from './session';
export { emailFromUserKey, eventEmail, rememberIdentity, resolveIdentity } from './identity';
export type { Identity, IdentityOptions, IdentitySource } from './identity';
export { adminEmails, notifyAdmins } from './notify';
export type { ReportTopic } from './notify';
export {
  reportLostRole,
  reportingFailures,
  requireInstallerAction,
  runContinuation,
  underLockOrLater,
} from './jobs';
