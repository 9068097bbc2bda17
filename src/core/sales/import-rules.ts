/**
 * Import rules of the opportunities and targets sheets (core/workbook `planImport` checks the cells
 * first: types, required columns, the stage list in either language, dates, amounts).
 *
 * Opportunities, as `addOpportunity` makes them:
 * - The customer must exist; an account manager imports only opportunities of their own customers
 *   (a row of another's customer is rejected), managers and admins anyone's.
 * - Owner: blank is the customer's owner (else the importer); a given owner must be an active person
 *   on the Roles sheet, and an account manager may give only themselves.
 * - Ids: blank gets the next O000001-style id above the highest ever assigned (never reused); a row
 *   may bring an id never assigned (an export of another workbook); one assigned before and gone is
 *   refused. A row whose id is already there is skipped; so is a row without id equal to one there
 *   (same customer, title, amount and expected close), so importing a file twice adds nothing.
 * - Probability blank: the stage's default. Created, stage changed: now when blank. Closed: now for
 *   a won or lost one when blank; a closed date on an open stage, or a lost reason on one not lost,
 *   is refused (a move to an open stage clears both).
 * - Importing a won opportunity records no purchase (moving one to won in the sidebar can).
 *
 * Targets: one per person and period. The person must be an active user on the Roles sheet
 * (stored in lower case) and, for a manager, in their team (as `crm perf` scopes them: people
 * whose manager they are or who share their team, and themselves); admins set anyone's. The period
 * is stored as `parsePeriod` normalises it (2026-q4 → 2026-Q4); a person and period already there,
 * or earlier in the file, is skipped and reported, never summed or overwritten.
 */
import { Locale, t } from '../../i18n';
import { editsAllCustomers, normalizeEmail, RoleEntry } from '../roles';
import { OPPORTUNITY_ID_PATTERN, parseOpportunityIdNumber, Role, SettingsMap, SheetRow } from '../schema';
import { cellText, dayReader, foldText } from '../shared';
import {
  columnLabel,
  importSkip,
  Known,
  parseNumber,
  RowProblem,
  SheetImportRules,
  whereText,
} from '../workbook';
import { nextOpportunityId } from './opportunities';
import { visiblePeople } from './performance';
import { parsePeriod } from './period';
import { DEFAULT_PROBABILITY, stageLabels, stageReader, STAGES } from './stages';

export interface Importer {
  /** normalised */
  email: string;
  role: Role;
}

export interface OpportunityImportArgs {
  locale: Locale;
  timeZone: string;
  settings: SettingsMap;
  importer: Importer;
  /** the opportunities sheet's rows */
  existing: readonly SheetRow[];
  /** customer id (upper case) → its owner, normalised ('' for none) */
  customerOwners: ReadonlyMap<string, string>;
  /** normalised e-mails of active people on the Roles sheet */
  activeEmails: ReadonlySet<string>;
  /** the highest opportunity id number ever assigned (kept by the shell) */
  highestIdAssigned: number;
  now: Date;
}

const blank = (v: unknown) => cellText(v).trim() === '';

export function opportunityImportRules(args: OpportunityImportArgs): SheetImportRules {
  const { locale, importer } = args;
  const stageOf = stageReader(args.settings);
  const readDay = dayReader(args.timeZone);
  const label = (columnKey: string) => columnLabel(locale, 'opportunities', columnKey);
  // The same opportunity without its id: customer, title, amount and expected close day.
  const sameKey = (v: Record<string, unknown>) =>
    [
      cellText(v.customerId).trim().toUpperCase(),
      foldText(cellText(v.title)).trim(),
      String(parseNumber(v.amount) ?? cellText(v.amount)),
      String(readDay(v.expectedClose)),
    ].join('\u0000');
  const byId = new Map<string, Known>();
  const bySame = new Map<string, Known>();
  for (const r of args.existing) {
    const id = cellText(r.values.id).trim().toUpperCase();
    const known = { row: r.row, line: null, id: id || null };
    if (id && !byId.has(id)) byId.set(id, known);
    const key = sameKey(r.values);
    if (!bySame.has(key)) bySame.set(key, known);
  }
  let highest = args.highestIdAssigned;
  const mayAll = editsAllCustomers(importer.role);

  return {
    highestIdAssigned: () => highest,
    row(values, line) {
      const problems: RowProblem[] = [];
      const customerId = cellText(values.customerId);
      const customerOwner = args.customerOwners.get(customerId) ?? '';
      if (!mayAll && customerOwner !== importer.email)
        problems.push({
          columnKey: 'customerId',
          message: t(locale, 'sales.error.notYourCustomer', { id: customerId }),
        });

      const givenOwner = normalizeEmail(values.owner);
      if (givenOwner && !args.activeEmails.has(givenOwner))
        problems.push({
          columnKey: 'owner',
          message: t(locale, 'validation.owner', { column: label('owner'), value: givenOwner }),
        });
      else if (givenOwner && !mayAll && givenOwner !== importer.email)
        problems.push({
          columnKey: 'owner',
          message: t(locale, 'import.ownerNotYou', { column: label('owner') }),
        });

      const stage = stageOf(values.stage);
      if (stage === null) {
        const labels = stageLabels(args.settings, locale);
        problems.push({
          columnKey: 'stage',
          message: t(locale, 'sales.error.badStage', {
            stage: cellText(values.stage),
            stages: STAGES.map((s) => labels[s]).join(', '),
          }),
        });
      } else {
        const closed = stage === 'won' || stage === 'lost';
        if (!closed && !blank(values.closedAt))
          problems.push({
            columnKey: 'closedAt',
            message: t(locale, 'import.closedOnOpenStage', {
              column: label('closedAt'),
              stage: cellText(values.stage),
            }),
          });
        if (stage !== 'lost' && !blank(values.lostReason))
          problems.push({
            columnKey: 'lostReason',
            message: t(locale, 'import.lostReasonNotLost', { column: label('lostReason') }),
          });
      }

      const givenId = cellText(values.id).trim().toUpperCase();
      if (givenId && !OPPORTUNITY_ID_PATTERN.test(givenId))
        problems.push({
          columnKey: 'id',
          message: t(locale, 'import.badOpportunityId', { column: label('id'), value: givenId }),
        });
      if (problems.length || stage === null) return { problems };

      const there = givenId ? byId.get(givenId) : bySame.get(sameKey(values));
      if (there) {
        const where = whereText(locale, there);
        const message = givenId
          ? t(locale, 'import.skipOpportunityId', { line, id: givenId, where })
          : t(locale, 'import.skipOpportunity', { line, id: there.id ?? '', where });
        return { skip: importSkip(line, givenId ? 'id' : 'sameRow', there, message) };
      }
      let id = givenId;
      if (id) {
        const n = parseOpportunityIdNumber(id) ?? 0;
        if (n <= highest)
          return {
            problems: [{ columnKey: null, message: t(locale, 'import.opportunityIdRetired', { id }) }],
          };
        highest = n;
      } else {
        id = nextOpportunityId(highest);
        highest += 1;
      }

      const now = args.now;
      values.id = id;
      values.owner = givenOwner || customerOwner || importer.email;
      if (values.probability === '') values.probability = DEFAULT_PROBABILITY[stage];
      if (values.createdAt === '') values.createdAt = now;
      if (values.stageChangedAt === '') values.stageChangedAt = now;
      if ((stage === 'won' || stage === 'lost') && values.closedAt === '') values.closedAt = now;
      const known = { row: null, line, id };
      byId.set(id, known);
      const key = sameKey(values);
      if (!bySame.has(key)) bySame.set(key, known);
      return { write: true, id };
    },
  };
}

export interface TargetImportArgs {
  locale: Locale;
  importer: Importer;
  /** the targets sheet's rows */
  existing: readonly SheetRow[];
  /** the Roles sheet, parsed */
  roles: RoleEntry[];
}

export function targetImportRules(args: TargetImportArgs): SheetImportRules {
  const { locale } = args;
  const active = new Set(args.roles.filter((r) => r.active).map((r) => r.email));
  const team = visiblePeople(args.importer, args.roles);
  const keyOf = (owner: string, period: string) => owner + '\u0000' + period;
  const known = new Map<string, Known>();
  for (const r of args.existing) {
    const period = parsePeriod(cellText(r.values.period));
    const owner = normalizeEmail(r.values.owner);
    if (!period || !owner) continue;
    const key = keyOf(owner, period.label);
    if (!known.has(key)) known.set(key, { row: r.row, line: null, id: null });
  }
  return {
    row(values, line) {
      const problems: RowProblem[] = [];
      const owner = normalizeEmail(values.owner);
      if (!active.has(owner))
        problems.push({
          columnKey: 'owner',
          message: t(locale, 'validation.owner', {
            column: columnLabel(locale, 'targets', 'owner'),
            value: owner,
          }),
        });
      else if (team !== null && !team.has(owner))
        problems.push({ columnKey: 'owner', message: t(locale, 'import.targetNotYourTeam', { owner }) });
      const period = parsePeriod(cellText(values.period));
      if (!period)
        problems.push({
          columnKey: 'period',
          message: t(locale, 'sales.error.badPeriod', { period: cellText(values.period) }),
        });
      if (problems.length || !period) return { problems };
      const key = keyOf(owner, period.label);
      const there = known.get(key);
      if (there) {
        const where = whereText(locale, there);
        const message = t(locale, 'import.skipTarget', { line, owner, period: period.label, where });
        return { skip: importSkip(line, 'key', there, message) };
      }
      known.set(key, { row: null, line, id: null });
      values.owner = owner;
      values.period = period.label;
      return { write: true };
    },
  };
}
