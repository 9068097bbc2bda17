/**
 * Roles and protected ranges: the reconciler, its hourly trigger, hand-over of customers.
 */
export { handOverCustomers, menuHandOver } from './hand-over';
export {
  applyPermissions,
  menuApplyPermissions,
  previewOwnerGrouping,
  protectCustomerRows,
  reconcileProtectionsTrigger,
  setUpProtections,
} from './reconcile';
