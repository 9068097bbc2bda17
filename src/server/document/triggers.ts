/**
 * Installable triggers, one per handler: installing twice leaves one, removing touches only the
 * handler's own triggers, never the project's others. ScriptApp lists only the current user's
 * triggers, so features that must know about other users' triggers also record the installer in
 * document properties.
 */
type Trigger = GoogleAppsScript.Script.Trigger;

export function triggersOf(handler: string): Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
}

/** Creates the trigger unless this user already has one for the handler; extra copies are removed. */
export function ensureTrigger(
  handler: string,
  create: () => Trigger,
): { trigger: Trigger; created: boolean } {
  const existing = triggersOf(handler);
  for (const extra of existing.slice(1)) ScriptApp.deleteTrigger(extra);
  if (existing.length > 0) return { trigger: existing[0], created: false };
  return { trigger: create(), created: true };
}

/** Deletes this user's triggers for the handler; returns how many were deleted. */
export function removeTriggers(handler: string): number {
  const existing = triggersOf(handler);
  for (const t of existing) ScriptApp.deleteTrigger(t);
  return existing.length;
}
