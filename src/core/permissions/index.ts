/**
 * Permissions core: plain data in, plain data out. The shell
 *  1. reads the roles sheet (parseRoles), the sheets' layouts (SheetLayout), the customers' owner
 *     and id columns, and the customerId column of interactions and feedback, once each;
 *  2. calls planProtections(input) for the desired protections;
 *  3. reads Spreadsheet.getProtections(RANGE and SHEET) into ExistingProtection (range via
 *     a1ToRange(range.getA1Notation()), sheet-level as range null) and calls diffProtections(plan
 *     .protections, existing, { owner, effectiveUser, sizes: plan.layouts });
 *  4. applies create, then update, then delete, running each item's steps in order (see
 *     diff.ts), and shows driftReport(diff, locale).
 * Protections restrict editing, never reading; the owner can always edit; rights through a group or
 * the domain are not visible here. The system sheets (logs, tier history, dashboard) are editable by
 * admins only, so code that writes them must run as an admin (installable triggers run as their
 * installer) or its account must be passed in `systemWriters`.
 */
export * from './range';
export * from './types';
export { planProtections, protectionDescription, protectionIdOf, protectionGroupOf } from './plan';
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
