/**
 * One execution as Apps Script runs it: its kind, the identity it may reveal, its auth mode and
 * its time limit.
 *
 * Kinds (guides/triggers): a simple trigger (onOpen, onEdit) runs as the person at the keyboard
 * without their authorization; an installable trigger ("Installable triggers always run under the
 * account of the person who created them") and a time-driven trigger run as their installer; an
 * authorized call (a menu item, google.script.run) runs as the person who authorized the script.
 *
 * Identity. Reference, User.getEmail(): "the user's email address is not available in any context
 * that allows a script to run without that user's authorization, like a simple onOpen(e) or
 * onEdit(e) trigger ... However, these restrictions generally do not apply if the developer runs
 * the script themselves or belongs to the same Google Workspace domain as the user." So in
 * triggers the active user's address is '' unless the person is the script's owner, the trigger's
 * installer (who authorized it), or, on a workspace account, of the owner's or installer's domain.
 * Session.getEffectiveUser(): "If the script is running under an installable trigger, this returns
 * the account of the user who created the trigger. In most other scenarios, this returns the same
 * account as getActiveUser()."
 *
 * Time. Quotas page, current limitations: "Script runtime 6 min / execution"; guides/triggers,
 * simple triggers: "They cannot run for longer than 30 seconds." An execution's emulated time is
 * the cost model (cost-model.ts) of its calls and cells plus the clock it moved (lock waits,
 * Utilities.sleep, slow sends). Past the limit it is killed with Apps Script's text "Exceeded
 * maximum execution time"; a kill cannot be caught by the script: every later call throws again
 * and the runtime reports the kill even when the script swallowed the error.
 */
import { domainOf, type AccountProfile } from './account';
import { COST_MODEL } from './cost-model';

export type ExecutionKind = 'simple' | 'installable' | 'timeDriven' | 'authorized';
export type AuthModeName = 'LIMITED' | 'FULL';

export const EXCEEDED_MAX_TIME = 'Exceeded maximum execution time';
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
export const EXECUTION_LIMIT_MS = COST_MODEL.EXECUTION_LIMIT_SECONDS * 1000;

/** Reference, guides/triggers: simple triggers run in AuthMode.LIMITED; the others with FULL. */
export function authModeOf(kind: ExecutionKind): AuthModeName {
  return kind === 'simple' ? 'LIMITED' : 'FULL';
}

export function limitOf(kind: ExecutionKind): number {
  return kind === 'simple' ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
}

export function isTriggerKind(kind: ExecutionKind): boolean {
  return kind !== 'authorized';
}

export interface WhoRuns {
  kind: ExecutionKind;
  /** who acts: the editor or opener, the installer of a time-driven trigger, the caller */
  person: string;
  /** who installed the trigger (installable and time-driven) */
  installer?: string;
  owner: string;
  account: AccountProfile;
}

/** The address Session.getActiveUser() and e.user reveal: the person's, or ''. */
export function revealedActive(w: WhoRuns): string {
  const person = w.person.toLowerCase();
  if (!person || w.kind === 'authorized') return person;
  const owner = w.owner.toLowerCase();
  const installer = (w.installer ?? '').toLowerCase();
  if (person === owner || (installer && person === installer)) return person;
  if (w.account === 'workspace') {
    const d = domainOf(person);
    if (d && (d === domainOf(owner) || (installer && d === domainOf(installer)))) return person;
  }
  return '';
}

/** The address Session.getEffectiveUser() reveals. */
export function revealedEffective(w: WhoRuns): string {
  if (w.kind === 'installable' || w.kind === 'timeDriven') return (w.installer ?? w.person).toLowerCase();
  return revealedActive(w);
}

/** The running execution's clock of emulated time. */
export class ExecutionBudget {
  private modeledMs = 0;
  killed = false;

  constructor(
    readonly kind: ExecutionKind,
    private readonly startClock: number,
    private readonly clockNow: () => number,
    readonly limitMs: number = limitOf(kind),
  ) {}

  /** emulated ms so far: modeled service time plus the clock the execution moved */
  elapsedMs(): number {
    return this.modeledMs + Math.max(0, this.clockNow() - this.startClock);
  }

  charge(ms: number): void {
    this.modeledMs += ms;
    this.check();
  }

  check(): void {
    if (this.killed || this.elapsedMs() > this.limitMs) {
      this.killed = true;
      throw new ExecutionKilled();
    }
  }
}

export class ExecutionKilled extends Error {
  constructor() {
    super(EXCEEDED_MAX_TIME);
    this.name = 'Exception';
  }
}
