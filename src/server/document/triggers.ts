/**
 * Installable triggers, one per handler: installing twice leaves one, removing touches only the
 * handler's own triggers, never the project's others. ScriptApp lists only the current user's
 * triggers, so features that must know about other users' triggers also record the installer in
 * document properties.
 */
import { asRecord, DOC_KEYS, readJson, writeJson } from './state';

type Trigger = GoogleAppsScript.Script.Trigger;

/**
 * This user's triggers with their handlers, listed once per execution (setup asks about five
 * handlers) and kept current by the functions here that create and delete them.
 */
let listed: Array<{ trigger: Trigger; handler: string }> | null = null;

function projectTriggers(): Array<{ trigger: Trigger; handler: string }> {
  return (listed ??= ScriptApp.getProjectTriggers().map((trigger) => ({
    trigger,
    handler: trigger.getHandlerFunction(),
  })));
}

export function triggersOf(handler: string): Trigger[] {
  return projectTriggers()
    .filter((t) => t.handler === handler)
    .map((t) => t.trigger);
}

function created(handler: string, trigger: Trigger): Trigger {
  projectTriggers().push({ trigger, handler });
  return trigger;
}

function deleteTrigger(trigger: Trigger): void {
  ScriptApp.deleteTrigger(trigger);
  listed = projectTriggers().filter((t) => t.trigger !== trigger);
}

/** Creates the trigger unless this user already has one for the handler; extra copies are removed. */
export function ensureTrigger(
  handler: string,
  create: () => Trigger,
): { trigger: Trigger; created: boolean } {
  const existing = triggersOf(handler);
  for (const extra of existing.slice(1)) deleteTrigger(extra);
  if (existing.length > 0) return { trigger: existing[0], created: false };
  return { trigger: created(handler, create()), created: true };
}

/** Deletes this user's triggers for the handler; returns how many were deleted. */
export function removeTriggers(handler: string): number {
  const existing = triggersOf(handler);
  for (const t of existing) deleteTrigger(t);
  return existing.length;
}

/** The next part of a job split across executions starts a minute later: a one-off trigger cannot fire sooner in practice. */
export const CONTINUE_AFTER_MS = 60_000;

/**
 * Runs `handler` once more in about a minute (or `afterMs`), as this user: the next part of a job too large for
 * one execution. A fired one-off trigger stays listed and never fires again, so it is replaced.
 */
export function continueLater(handler: string, afterMs = CONTINUE_AFTER_MS): void {
  removeTriggers(handler);
  created(handler, ScriptApp.newTrigger(handler).timeBased().after(afterMs).create());
}

// ---- one trigger per kind for the whole document --------------------------------------------
//
// ScriptApp lists only the current user's triggers, so two admins running setup would each
// install their own copy of the edit trigger (two audit rows per edit) or the backup (two copies a
// day). The document's trigger of each kind is recorded here, {handler → installer, uid}: setup by
// a second admin leaves it alone; a handler whose trigger is not the recorded one does nothing and
// deletes itself; an admin takes the trigger over only when its installer lost the role.

export interface DocumentTrigger {
  installer: string;
  uid: string;
  since: string;
}

const isEntry = (v: unknown): v is DocumentTrigger =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as DocumentTrigger).installer === 'string' &&
  typeof (v as DocumentTrigger).uid === 'string';

function readRegistry(): Record<string, DocumentTrigger> {
  const record = readJson(DOC_KEYS.triggers, asRecord) ?? {};
  const out: Record<string, DocumentTrigger> = {};
  for (const [handler, entry] of Object.entries(record)) if (isEntry(entry)) out[handler] = entry;
  return out;
}

function writeEntry(handler: string, entry: DocumentTrigger | null): void {
  const registry = readRegistry();
  if (entry) registry[handler] = entry;
  else delete registry[handler];
  writeJson(DOC_KEYS.triggers, registry);
}

let effective: string | null = null;

/**
 * The account this execution runs as, when the session already knows it (the person revealed as
 * active in a run as the user, or the effective user of a trigger): no Session call then.
 */
export function knowEffectiveUser(email: string): void {
  if (email) effective = email.trim().toLowerCase();
}

/** The account this runs as (once per execution). */
const me = (): string => {
  if (effective === null)
    try {
      effective = Session.getEffectiveUser().getEmail().trim().toLowerCase();
    } catch {
      return '';
    }
  return effective;
};

/** The document's recorded trigger for the handler, if any. */
export function documentTrigger(handler: string): DocumentTrigger | null {
  return readRegistry()[handler] ?? null;
}

export type InstallOutcome = 'installed' | 'kept' | 'claimed' | 'otherInstaller';

export interface InstallResult {
  outcome: InstallOutcome;
  installer: string;
}

/**
 * The document's one trigger for `handler`: kept when it is this account's, left alone when another
 * installer still holds the role (`stillHolds`), else installed (or taken over) as this account's
 * and recorded. This account's extra copies are removed either way.
 */
export function installDocumentTrigger(
  handler: string,
  create: () => Trigger,
  stillHolds: (installer: string) => boolean,
): InstallResult {
  const recorded = documentTrigger(handler);
  const self = me();
  if (recorded && recorded.installer !== self && stillHolds(recorded.installer)) {
    removeTriggers(handler);
    return { outcome: 'otherInstaller', installer: recorded.installer };
  }
  const { trigger, created } = ensureTrigger(handler, create);
  const taken = !!recorded && recorded.installer !== self;
  if (!recorded || taken || recorded.uid !== trigger.getUniqueId())
    writeEntry(handler, { installer: self, uid: trigger.getUniqueId(), since: new Date().toISOString() });
  return { outcome: taken ? 'claimed' : created ? 'installed' : 'kept', installer: self };
}

/** Takes the trigger over whoever recorded it (their copy then finds itself unrecorded and stops). */
export function claimTrigger(handler: string, create: () => Trigger): InstallResult {
  return installDocumentTrigger(handler, create, () => false);
}

/** Removes this account's triggers for the handler, and the record when it was this account's. */
export function removeDocumentTrigger(handler: string): number {
  const recorded = documentTrigger(handler);
  if (recorded && recorded.installer === me()) writeEntry(handler, null);
  return removeTriggers(handler);
}

/**
 * Whether an event comes from the document's trigger for the handler. A copy that is not the
 * recorded one (another admin's from before the record, or one taken over) deletes itself.
 * Without a record (a workbook set up before it existed) this account's own trigger counts.
 */
export function isDocumentTriggerEvent(handler: string, triggerUid: unknown): boolean {
  if (typeof triggerUid !== 'string' || !triggerUid) return false;
  const mine = triggersOf(handler);
  if (!mine.some((t) => t.getUniqueId() === triggerUid)) return false;
  const recorded = documentTrigger(handler);
  if (!recorded) return true;
  if (recorded.uid === triggerUid) return true;
  for (const t of mine) if (t.getUniqueId() === triggerUid) deleteTrigger(t);
  return false;
}
