/**
 * Time-driven and installable jobs: nobody watches them run, so a failure is mailed to the admins
 * rather than left in the installer's execution log, and a job whose installer lost the role says
 * so (once a day) instead of failing quietly every hour. A job too large for one execution goes on
 * in the next (runContinuation, underLockOrLater).
 */
import { Action, can } from '../../core/roles';
import { messageOf } from '../../core/shared';
import { UserError } from '../../i18n';
import { continueLater, withDocumentLock } from '../document';
import { notifyAdmins } from './notify';
import { beginAsInstaller, Execution, requireAction } from './session';

const REPORTED = '__sheetsCrmReported';

/**
 * Runs a job; when it throws in a trigger's run (`event` carries a triggerUid), the admins get the
 * localized reason (once a day per job), then it rethrows. A person calling the same function from
 * a menu or the runner sees the error themselves.
 */
export function reportingFailures<T>(job: string, fn: () => T, event?: { triggerUid?: unknown } | null): T {
  try {
    return fn();
  } catch (e) {
    const unattended = !!event?.triggerUid;
    if (unattended && !(e && typeof e === 'object' && (e as Record<string, unknown>)[REPORTED])) {
      try {
        const ex = beginAsInstaller();
        notifyAdmins(
          ex,
          'notify.topic.jobFailed',
          ex.t('notify.jobFailed', { job, email: ex.user.email || '?', message: messageOf(e) }),
          `failed:${job}`,
        );
      } catch (inner) {
        console.error(
          `Sheets CRM: job ${job} failed (${messageOf(e)}); reporting it failed too: ${messageOf(inner)}`,
        );
      }
    }
    throw e;
  }
}

/**
 * The installer of a job must still hold the role for it: otherwise the admins are told (once a
 * day) what to do, and the job refuses. A recurring job's trigger is taken over by running setup;
 * the next part of a split job (`continuation`) is started again by someone who holds the role.
 */
export function requireInstallerAction(
  ex: Execution,
  action: Action,
  job: string,
  kind: 'recurring' | 'continuation' = 'recurring',
): void {
  if (can(ex.user.role, action)) return;
  reportLostRole(ex, job, kind);
  try {
    requireAction(ex, action);
  } catch (e) {
    if (e instanceof UserError) Object.defineProperty(e, REPORTED, { value: true });
    throw e;
  }
}

/** Tells the admins (once a day) that the job's installer lost the role, and what to do. */
export function reportLostRole(
  ex: Execution,
  job: string,
  kind: 'recurring' | 'continuation' = 'recurring',
): void {
  const key = kind === 'recurring' ? 'notify.installerLostRole' : 'notify.continuationLostRole';
  notifyAdmins(
    ex,
    'notify.topic.installerLostRole',
    ex.t(key, { job, email: ex.user.email || '?' }),
    `lostRole:${job}`,
  );
}

type TriggerEvent = { triggerUid?: unknown } | null | undefined;

/**
 * The next part of a job split across executions: its one-off trigger firing (as the installer,
 * who must still hold `action`), or a person running it at once (`crm`), who must hold it too.
 * A trigger run's failure is mailed like any job's.
 */
export function runContinuation<T>(
  handler: string,
  action: Action,
  event: TriggerEvent,
  fn: (ex: Execution) => T,
): T {
  return reportingFailures(
    handler,
    () => {
      const ex = beginAsInstaller();
      if (event?.triggerUid) requireInstallerAction(ex, action, handler, 'continuation');
      else requireAction(ex, action);
      return fn(ex);
    },
    event,
  );
}

/**
 * Runs a continuation's part under the document lock. A busy document (someone applying, say) is
 * tried again a minute later rather than given up; a person running it is told it is busy.
 */
export function underLockOrLater<T>(
  ex: Execution,
  handler: string,
  event: TriggerEvent,
  fn: () => T,
): T | null {
  return withDocumentLock<T | null>(ex, fn, {
    onBusy: () => {
      if (!event?.triggerUid) throw new UserError(ex.locale, 'error.busy');
      continueLater(handler);
      return null;
    },
  });
}
