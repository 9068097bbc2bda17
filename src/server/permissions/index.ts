/**
 * Roles and protected ranges: the reconciler, its hourly trigger, hand-over of customers. The edit
 * check that completes the protections lives with the edit trigger (src/server/audit/edit-check.ts).
 */
export { handOverCustomers, menuHandOver } from './hand-over';
export {
  applyPermissions,
  menuApplyPermissions,
  previewOwnerGrouping,
  reconcileProtectionsTrigger,
  setUpProtections,
} from './reconcile';
