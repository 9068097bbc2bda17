/**
 * Permissions core: plain data in, plain data out. The shell
 *  1. reads the roles sheet (parseRoles) and the sheets' layouts (SheetLayout: size, customers'
 *     header), never the rows: the plan is bounded by people, not rows;
 *  2. calls planProtections(input) for the desired protections;
 *  3. reads the protected ranges (one Sheets.Spreadsheets.get with a fields mask) into
 *     ExistingProtection (sheet-level as range null) and calls diffProtections(plan.protections,
 *     existing, { owner, effectiveUser, sizes: plan.layouts });
 *  4. sends create, then update, then delete as batchUpdate requests, and shows
 *     driftReport(diff, locale);
 *  5. the installable edit trigger calls checkEdit for each person's edit and reverts what the
 *     role matrix forbids but protections do not cover (edit-check.ts).
 * Protections restrict editing, never reading; the owner can always edit; rights through a group or
 * the domain are not visible here. The system sheets (logs, tier history, dashboard) are editable by
 * admins only, so code that writes them must run as an admin (installable triggers run as their
 * installer) or its account must be passed in `systemWriters`.
 */
export * from './range';
export * from './types';
export {
  MAX_PROTECTIONS,
  planProtections,
  protectionDescription,
  protectionIdOf,
  protectionGroupOf,
} from './plan';
export { checkEdit, ownershipColumnOf } from './edit-check';
export type { EditFacts, EditVerdict } from './edit-check';
export { fingerprintDigest, fingerprintText } from './fingerprint';
export { effectiveEditRights, protectionCovers } from './rights';
export type { EditRights } from './rights';
export { diffProtections, diffIsEmpty } from './diff';
export type {
  CreateItem,
  DeleteItem,
  DiffOptions,
  ProtectionDiff,
  ProtectionStep,
  UpdateChanges,
  UpdateItem,
} from './diff';
export { driftReport } from './report';
export type { DriftReport } from './report';
export { groupRowsByOwnerOrder, planHandOver } from './rows';
export type { HandOverPlan, OwnerGrouping } from './rows';
export { systemWriterRoles, systemWriters } from './writers';
