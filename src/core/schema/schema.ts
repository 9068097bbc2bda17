/**
 * The workbook's shape: stable sheet keys and column keys. Tab names and
 * header texts are localized labels (i18n keys `sheet.<key>` and `col.<sheet>.<column>`); the add-on
 * finds sheets and columns by key, never by label or position.
 */

export type ColumnType =
  | 'text'
  | 'id'
  | 'email'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'number'
  | 'money'
  | 'boolean'
  | 'list'
  | 'rating'
  /** a whole number 0-100 */
  | 'percent';

export interface ColumnDef {
  key: string;
  type: ColumnType;
  /** a value is required in every data row */
  required?: boolean;
  /** for type 'list': the settings key that holds the allowed values */
  listSetting?: string;
  /** the sheet whose id column this column refers to */
  references?: SheetKey;
  /** column width in pixels, a hint for setup */
  width?: number;
  /** written only by the add-on (per-customer value): protected like the locked columns */
  computed?: boolean;
}

export interface SheetDef {
  key: SheetKey;
  columns: ColumnDef[];
  /** rows are written only by the add-on (logs, history) */
  systemOnly?: boolean;
}

export const SHEET_KEYS = [
  'customers',
  'interactions',
  'purchases',
  'feedback',
  'opportunities',
  'targets',
  'roles',
  'settings',
  'tierHistory',
  'reminderLog',
  'auditLog',
  'dashboard',
] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

const col = (key: string, type: ColumnType, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  key,
  type,
  ...extra,
});

export const CUSTOMER_COLUMNS: ColumnDef[] = [
  col('id', 'id', { required: true, width: 90 }),
  col('name', 'text', { required: true, width: 160 }),
  col('company', 'text', { width: 180 }),
  col('title', 'text'),
  col('phone', 'phone', { width: 140 }),
  col('email', 'email', { width: 200 }),
  col('address', 'text', { width: 220 }),
  col('region', 'list', { listSetting: 'list.region' }),
  col('industry', 'list', { listSetting: 'list.industry' }),
  col('type', 'list', { listSetting: 'list.type' }),
  col('owner', 'email', { width: 180 }),
  col('status', 'list', { listSetting: 'list.status' }),
  col('tier', 'list', { listSetting: 'list.tier', width: 60 }),
  col('tierLocked', 'boolean', { width: 80 }),
  col('birthday', 'date'),
  col('contractEnd', 'date'),
  col('lastContact', 'date'),
  col('nextFollowUp', 'date'),
  col('satisfaction', 'rating'),
  col('source', 'text'),
  col('notes', 'text', { width: 260 }),
  col('createdAt', 'datetime'),
  col('updatedAt', 'datetime'),
  // Per-customer value, kept by the add-on from the purchases sheet (core/sales `customerValues`).
  col('revenue', 'money', { computed: true }),
  col('orders', 'integer', { computed: true }),
  col('avgOrder', 'money', { computed: true }),
  col('lastPurchase', 'date', { computed: true }),
  // The last 12 months' value, net of returns (core/sales `customerWindowValues`): tiering's default.
  col('revenue12m', 'money', { computed: true }),
  col('orders12m', 'integer', { computed: true }),
];

export const SHEETS: Record<SheetKey, SheetDef> = {
  customers: { key: 'customers', columns: CUSTOMER_COLUMNS },
  interactions: {
    key: 'interactions',
    columns: [
      col('date', 'date', { required: true }),
      col('customerId', 'id', { required: true, references: 'customers' }),
      col('channel', 'list', { listSetting: 'list.channel' }),
      col('summary', 'text', { width: 260 }),
      col('outcome', 'list', { listSetting: 'list.outcome' }),
      col('nextStep', 'text'),
      col('nextFollowUp', 'date'),
      col('loggedBy', 'email'),
    ],
  },
  purchases: {
    key: 'purchases',
    columns: [
      col('orderId', 'text', { required: true }),
      col('date', 'date', { required: true }),
      col('customerId', 'id', { required: true, references: 'customers' }),
      col('product', 'text'),
      col('quantity', 'number'),
      col('amount', 'money', { required: true }),
      // sale or return; blank reads as a sale. A return's amount is stored negative.
      col('type', 'list', { listSetting: 'list.purchaseType' }),
    ],
  },
  feedback: {
    key: 'feedback',
    columns: [
      col('date', 'date', { required: true }),
      col('customerId', 'id', { required: true, references: 'customers' }),
      col('rating', 'rating'),
      col('comment', 'text', { width: 260 }),
      col('category', 'list', { listSetting: 'list.feedbackCategory' }),
      col('resolved', 'boolean'),
    ],
  },
  opportunities: {
    key: 'opportunities',
    columns: [
      // O000001: assigned by the add-on (type text: the 'id' rule is the customer id's pattern)
      col('id', 'text', { required: true, width: 90 }),
      col('customerId', 'id', { required: true, references: 'customers' }),
      col('title', 'text', { required: true, width: 220 }),
      col('stage', 'list', { required: true, listSetting: 'list.stage' }),
      col('amount', 'money', { required: true }),
      col('probability', 'percent'),
      col('expectedClose', 'date'),
      col('owner', 'email', { width: 180 }),
      col('createdAt', 'datetime'),
      col('closedAt', 'datetime'),
      col('lostReason', 'text', { width: 220 }),
      // when the stage last changed (set by the add-on): the "stuck in a stage" reminder counts from it
      col('stageChangedAt', 'datetime'),
    ],
  },
  targets: {
    key: 'targets',
    columns: [
      col('owner', 'email', { required: true, width: 200 }),
      col('period', 'text', { required: true }),
      col('revenueTarget', 'money', { required: true }),
    ],
  },
  roles: {
    key: 'roles',
    columns: [
      col('email', 'email', { required: true, width: 200 }),
      col('name', 'text'),
      col('role', 'list', { required: true, listSetting: 'list.role' }),
      col('team', 'text'),
      col('managerEmail', 'email', { width: 200 }),
      col('active', 'boolean'),
    ],
  },
  settings: {
    key: 'settings',
    columns: [col('key', 'text', { required: true, width: 220 }), col('value', 'text', { width: 320 })],
  },
  tierHistory: {
    key: 'tierHistory',
    systemOnly: true,
    columns: [
      col('date', 'datetime'),
      col('customerId', 'id'),
      col('oldTier', 'text'),
      col('newTier', 'text'),
      col('value', 'number'),
      col('method', 'text'),
    ],
  },
  reminderLog: {
    key: 'reminderLog',
    systemOnly: true,
    columns: [
      col('date', 'text'),
      col('rule', 'text'),
      col('customerId', 'id'),
      col('recipient', 'email'),
      col('status', 'text'),
    ],
  },
  auditLog: {
    key: 'auditLog',
    systemOnly: true,
    columns: [
      col('timestamp', 'datetime'),
      col('user', 'email'),
      col('sheet', 'text'),
      col('range', 'text'),
      col('oldValue', 'text', { width: 200 }),
      col('newValue', 'text', { width: 200 }),
      col('action', 'text'),
    ],
  },
  dashboard: { key: 'dashboard', systemOnly: true, columns: [] },
};

export const ROLES = ['admin', 'manager', 'accountManager', 'assistant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function isSheetKey(v: unknown): v is SheetKey {
  return typeof v === 'string' && (SHEET_KEYS as readonly string[]).includes(v);
}

/** Ids look like C000001: assigned by the add-on, never reused. */
export const CUSTOMER_ID_PATTERN = /^C\d{6,}$/;

export function formatCustomerId(n: number): string {
  return 'C' + String(n).padStart(6, '0');
}

export function parseCustomerIdNumber(id: string): number | null {
  return CUSTOMER_ID_PATTERN.test(id) ? Number(id.slice(1)) : null;
}

/** Opportunity ids look like O000001: assigned by the add-on under the document lock, never reused. */
export const OPPORTUNITY_ID_PATTERN = /^O\d{6,}$/;

export function formatOpportunityId(n: number): string {
  return 'O' + String(n).padStart(6, '0');
}

export function parseOpportunityIdNumber(id: string): number | null {
  return OPPORTUNITY_ID_PATTERN.test(id) ? Number(id.slice(1)) : null;
}

/**
 * Developer-metadata key that marks a header cell with its column key and a sheet with its sheet
 * key: the add-on finds columns by this mark, so users may move, rename or insert columns.
 */
export const METADATA_SHEET_KEY = 'sheetsCrm.sheet';
export const METADATA_COLUMN_KEY = 'sheetsCrm.column';

/**
 * Document property holding {sheetKey: sheetId}, the first way a sheet is found (tab names are
 * labels users may rename). Here rather than only in the shell's registry because the local tools
 * find sheets the same way.
 */
export const SHEET_IDS_PROPERTY = 'sheetsCrm.sheetIds';

/** A cell value as getValues returns it: '' for empty, numbers, booleans, strings, Dates. */
export type CellValue = string | number | boolean | Date;

/**
 * One data row of a sheet, keyed by column key, as the shell reads it: `row` is the sheet's own
 * row number (header = 1), so messages can point at it.
 */
export interface SheetRow {
  row: number;
  values: Record<string, CellValue>;
}
