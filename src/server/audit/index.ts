/**
 * The edit audit trail: the installable edit trigger and rows for the add-on's own actions.
 */
export { flushPendingAudit, recordAction, recordFieldChanges } from './log';
export { installEditAuditTrigger, onEditAudit } from './trail';
