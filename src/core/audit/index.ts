/**
 * The edit audit trail: auditLog rows for edits and the add-on's own actions, the archive plan,
 * and the queue of rows parked in document properties until someone may write the log.
 */
export {
  PENDING_AUDIT_KEYS_PER_FLUSH,
  PENDING_AUDIT_PREFIX,
  PENDING_AUDIT_VALUE_MAX_BYTES,
  decodePendingAudit,
  encodePendingAudit,
  utf8Length,
} from './queue';
export {
  AUDITED_SHEETS,
  LOG_SHEETS,
  AUDIT_ARCHIVE_THRESHOLD,
  AUDIT_TEXT_MAX,
  auditRowForAction,
  auditRowForEdit,
  auditRowsForFieldChanges,
  auditText,
  planAuditArchive,
  summary,
} from './trail';
export type { ActionEvent, AuditRecord, FieldChange } from './trail';
