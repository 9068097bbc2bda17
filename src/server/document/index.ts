/**
 * Document state: the workbook adapter (sheets found by key, read and written in blocks), archive
 * and extra sheets, and installable triggers.
 */
export { archiveThreshold, moveToArchive } from './archive-sheet';
export type { ArchiveSpec } from './archive-sheet';
export { extraSheet } from './extra-sheets';
export { ensureTrigger, removeTriggers, triggersOf } from './triggers';
export { Workbook, canEditSheet, ensureColumns, ensureRows } from './workbook';
export type { Table } from './workbook';
