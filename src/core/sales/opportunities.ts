/**
 * Sales opportunities as plain data: reading the sheet's rows, checking a new one, planning a move
 * between stages, and the plain objects google.script.run returns (ISO strings, never Dates, which
 * google.script.run refuses to return).
 *
 * Choices: a move to won or lost sets closedAt (now) and the probability (100 / 0); a move back to
 * an open stage clears closedAt and the lost reason. A lost reason is kept only on lost ones.
 * Moving to the stage it is in is allowed (it may add a lost reason) and changes nothing else.
 */
import { Locale, UserError } from '../../i18n';
import { normalizeEmail } from '../roles';
import { CellValue, formatOpportunityId, parseOpportunityIdNumber, SettingsMap, SheetRow } from '../schema';
import { cellText, dayNumberOf, dayNumberToIso, dayReader, isBlankDay, parseIsoDay } from '../shared';
import { parseNumber } from '../workbook';
import { DEFAULT_PROBABILITY, Stage, stageLabels, stageReader, STAGES } from './stages';

export interface Opportunity {
  row: number;
  id: string;
  customerId: string;
  title: string;
  /** null: the stage cell holds no known label */
  stage: Stage | null;
  amount: number;
  probability: number;
  /** day number, null when blank or not a date */
  expectedClose: number | null;
  owner: string;
  /** instants (ms), null when blank */
  createdAt: number | null;
  closedAt: number | null;
  lostReason: string;
  /** when the stage last changed (ms), null when blank (then createdAt counts) */
  stageChangedAt: number | null;
}

/** What google.script.run and `crm opportunity list --json` return for an opportunity. */
export interface OpportunityView {
  id: string;
  customerId: string;
  title: string;
  stage: Stage | null;
  stageLabel: string;
  amount: number;
  probability: number;
  /** YYYY-MM-DD or '' */
  expectedClose: string;
  owner: string;
  /** ISO 8601 instants or '' */
  createdAt: string;
  closedAt: string;
  lostReason: string;
  row: number;
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function instantOf(v: CellValue | undefined): number | null {
  if (isDate(v)) return Number.isNaN(v.getTime()) ? null : v.getTime();
  if (typeof v === 'string' && v.trim() !== '') {
    const ms = Date.parse(v.trim());
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** The sheet's rows as opportunities (blank ids skipped); numbers that do not parse read as 0. */
export function readOpportunities(rows: SheetRow[], settings: SettingsMap, timeZone: string): Opportunity[] {
  const stageOf = stageReader(settings);
  const readDay = dayReader(timeZone);
  const out: Opportunity[] = [];
  for (const r of rows) {
    const v = r.values;
    const id = cellText(v.id).trim().toUpperCase();
    if (!id) continue;
    const stage = stageOf(v.stage);
    const day = readDay(v.expectedClose);
    const probability = parseNumber(v.probability);
    out.push({
      row: r.row,
      id,
      customerId: cellText(v.customerId).trim().toUpperCase(),
      title: cellText(v.title).trim(),
      stage,
      amount: parseNumber(v.amount) ?? 0,
      probability: probability ?? (stage ? DEFAULT_PROBABILITY[stage] : 0),
      expectedClose: isBlankDay(day) || Number.isNaN(day) ? null : day,
      owner: normalizeEmail(v.owner),
      createdAt: instantOf(v.createdAt),
      closedAt: instantOf(v.closedAt),
      lostReason: cellText(v.lostReason).trim(),
      stageChangedAt: instantOf(v.stageChangedAt),
    });
  }
  return out;
}

export function opportunityView(
  o: Opportunity,
  labels: Record<Stage, string>,
  rawStage: string = '',
): OpportunityView {
  return {
    id: o.id,
    customerId: o.customerId,
    title: o.title,
    stage: o.stage,
    stageLabel: o.stage ? labels[o.stage] : rawStage,
    amount: o.amount,
    probability: o.probability,
    expectedClose: o.expectedClose === null ? '' : dayNumberToIso(o.expectedClose),
    owner: o.owner,
    createdAt: o.createdAt === null ? '' : new Date(o.createdAt).toISOString(),
    closedAt: o.closedAt === null ? '' : new Date(o.closedAt).toISOString(),
    lostReason: o.lostReason,
    row: o.row,
  };
}

/** The highest opportunity id number in use (ids of deleted rows may be higher: see the shell). */
export function highestOpportunityNumber(ids: Iterable<unknown>): number {
  let highest = 0;
  for (const id of ids) {
    const n = parseOpportunityIdNumber(cellText(id).trim().toUpperCase());
    if (n !== null && n > highest) highest = n;
  }
  return highest;
}

export interface NewOpportunityInput {
  customerId?: unknown;
  title?: unknown;
  amount?: unknown;
  stage?: unknown;
  probability?: unknown;
  expectedClose?: unknown;
}

/** A checked new opportunity: cell values by column key, ready to append. */
export interface NewOpportunity {
  customerId: string;
  title: string;
  stage: Stage;
  amount: number;
  probability: number;
  /** day number or null */
  expectedClose: number | null;
}

const MAX_TITLE = 200;

/** Checks what a rep typed; refuses with a localized UserError naming the first bad field. */
export function checkNewOpportunity(
  input: NewOpportunityInput,
  settings: SettingsMap,
  locale: Locale,
): NewOpportunity {
  const customerId = cellText(input.customerId).trim().toUpperCase();
  const title = cellText(input.title).replace(/\s+/g, ' ').trim();
  if (!title || title.length > MAX_TITLE) throw new UserError(locale, 'sales.error.badTitle');
  const amount = parseNumber(input.amount);
  if (amount === null || amount < 0)
    throw new UserError(locale, 'sales.error.badAmount', { value: shown(input.amount) });
  const stage =
    input.stage === undefined || input.stage === '' ? 'lead' : parseStage(input.stage, settings, locale);
  let probability = DEFAULT_PROBABILITY[stage];
  if (input.probability !== undefined && input.probability !== '' && input.probability !== null) {
    const p = parseNumber(input.probability);
    if (p === null || !Number.isInteger(p) || p < 0 || p > 100)
      throw new UserError(locale, 'sales.error.badProbability', { value: shown(input.probability) });
    probability = p;
  }
  let expectedClose: number | null = null;
  if (input.expectedClose !== undefined && input.expectedClose !== '' && input.expectedClose !== null) {
    expectedClose = typeof input.expectedClose === 'string' ? parseIsoDay(input.expectedClose.trim()) : null;
    if (expectedClose === null)
      throw new UserError(locale, 'sales.error.badDate', { value: shown(input.expectedClose) });
  }
  return { customerId, title, stage, amount, probability, expectedClose };
}

/** A stage as typed (label, key or default label), or a UserError listing the workbook's labels. */
export function parseStage(value: unknown, settings: SettingsMap, locale: Locale): Stage {
  const stage = stageReader(settings)(value);
  if (stage) return stage;
  const labels = stageLabels(settings, locale);
  throw new UserError(locale, 'sales.error.badStage', {
    stage: shown(value),
    stages: STAGES.map((s) => labels[s]).join(', '),
  });
}

export function nextOpportunityId(highest: number): string {
  return formatOpportunityId(highest + 1);
}

/** The cells a move changes, by column key. */
export interface MovePlan {
  stage: Stage;
  changes: {
    stage: string;
    probability: number;
    closedAt: Date | '';
    lostReason: string;
    /** only when the stage changes: the stuck-in-stage reminder counts from it */
    stageChangedAt?: Date;
  };
  /** true when the move closed it as won just now (a purchase may be recorded) */
  wonNow: boolean;
}

export function planMove(
  o: Opportunity,
  stage: Stage,
  lostReason: string,
  labels: Record<Stage, string>,
  now: Date,
): MovePlan {
  const closing = stage === 'won' || stage === 'lost';
  const same = o.stage === stage;
  const probability = closing
    ? DEFAULT_PROBABILITY[stage]
    : same
      ? o.probability
      : DEFAULT_PROBABILITY[stage];
  const closedAt: Date | '' = closing ? (same && o.closedAt !== null ? new Date(o.closedAt) : now) : '';
  const reason = stage === 'lost' ? lostReason || o.lostReason : '';
  return {
    stage,
    changes: {
      stage: labels[stage],
      probability,
      closedAt,
      lostReason: reason,
      ...(same ? {} : { stageChangedAt: now }),
    },
    wonNow: stage === 'won' && !same,
  };
}

/** The purchase row a won opportunity creates: one order (its id is the opportunity's id). */
export function purchaseFromWon(
  o: Opportunity,
  now: Date,
  timeZone: string,
): { orderId: string; day: string; customerId: string; product: string; quantity: number; amount: number } {
  return {
    orderId: o.id,
    day: dayNumberToIso(dayNumberOf(now, timeZone)),
    customerId: o.customerId,
    product: o.title,
    quantity: 1,
    amount: o.amount,
  };
}

function shown(v: unknown): string {
  const s = cellText(v);
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}
