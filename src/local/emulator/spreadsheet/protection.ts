/**
 * Protection: protected ranges and sheets. Follows the reference: a new protection mirrors the
 * spreadsheet's permissions until a script changes its editors; at that point the editors become
 * the spreadsheet's editors plus the effective user, and neither the owner nor the current user
 * can be removed. Changing a protection requires being one of its editors.
 */
import { EmulatorError, counted } from '../context';
import { type Env, type Proxied, emailOf } from './env';
import type { ProtectionModel, RangeRef, SheetModel } from './model';
import { makeRange, type RangeImpl } from './range';
import { PROTECTED_MESSAGE, isProtectionEditor, spreadsheetEditors } from './rights';
import { makeUser } from './user';
import { enumValue } from './enums';

type P = GoogleAppsScript.Spreadsheet.Protection;

export function newProtection(
  env: Env,
  type: 'RANGE' | 'SHEET',
  sheet: SheetModel,
  ref: RangeRef | null,
): ProtectionModel {
  const p: ProtectionModel = {
    id: env.wb.newId(),
    type,
    sheetId: sheet.id,
    ref,
    rangeName: null,
    description: '',
    editors: null,
    domainEdit: false,
    warningOnly: false,
    unprotected: [],
  };
  env.wb.protections.push(p);
  return p;
}

type Keys =
  | 'addEditor'
  | 'addEditors'
  | 'canDomainEdit'
  | 'canEdit'
  | 'getDescription'
  | 'getEditors'
  | 'getProtectionType'
  | 'getRange'
  | 'getRangeName'
  | 'getUnprotectedRanges'
  | 'isWarningOnly'
  | 'remove'
  | 'removeEditor'
  | 'removeEditors'
  | 'setDescription'
  | 'setDomainEdit'
  | 'setRange'
  | 'setRangeName'
  | 'setUnprotectedRanges'
  | 'setWarningOnly'
  | 'setNamedRange';

export class ProtectionImpl implements Proxied<P>, Pick<P, Keys> {
  _self!: P;
  constructor(
    private readonly _env: Env,
    readonly _p: ProtectionModel,
  ) {}

  private _me(): string {
    return this._env.ctx.identity.effective;
  }
  private _assertEditor(): void {
    const { wb, ctx } = this._env;
    if (!isProtectionEditor(wb, this._p, this._me(), ctx.owner)) throw new EmulatorError(PROTECTED_MESSAGE);
  }
  /** The editor list, materialised from the spreadsheet's on the first change (reference). */
  private _editors(): string[] {
    if (this._p.editors === null) {
      const base = spreadsheetEditors(this._env.wb, this._env.ctx.owner);
      const me = this._me();
      this._p.editors = me && !base.includes(me) ? [...base, me] : base;
    }
    return this._p.editors;
  }
  private _sheet(): SheetModel {
    return this._env.wb.sheetById(this._p.sheetId)!;
  }

  addEditor(user: unknown) {
    this._assertEditor();
    const email = emailOf(user);
    const list = this._editors();
    if (!list.includes(email)) list.push(email);
    return this._self;
  }
  addEditors(emails: string[]) {
    for (const e of emails) this.addEditor(e);
    return this._self;
  }
  removeEditor(user: unknown) {
    return this.removeEditors([user as string]);
  }
  /** "Neither the owner of the spreadsheet nor the current user can be removed." (reference) */
  removeEditors(users: unknown) {
    this._assertEditor();
    const keep = new Set([this._env.ctx.owner, this._me()]);
    const drop = new Set((Array.isArray(users) ? users : [users]).map(emailOf).filter((e) => !keep.has(e)));
    this._p.editors = this._editors().filter((e) => !drop.has(e));
    return this._self;
  }
  getEditors() {
    const list = this._p.editors ?? spreadsheetEditors(this._env.wb, this._env.ctx.owner);
    return list.map((e) => makeUser(this._env, e));
  }
  canDomainEdit() {
    return this._p.domainEdit;
  }
  setDomainEdit(editable: boolean) {
    this._assertEditor();
    this._editors();
    this._p.domainEdit = !!editable;
    return this._self;
  }
  canEdit() {
    return isProtectionEditor(this._env.wb, this._p, this._me(), this._env.ctx.owner);
  }
  getDescription() {
    return this._p.description;
  }
  setDescription(d: string) {
    this._assertEditor();
    this._p.description = String(d);
    return this._self;
  }
  getProtectionType() {
    return enumValue<GoogleAppsScript.Spreadsheet.ProtectionType>('ProtectionType', this._p.type);
  }
  getRange() {
    const sheet = this._sheet();
    if (this._p.type === 'SHEET')
      return makeRange(this._env, sheet, { row: 1, col: 1, rows: sheet.maxRows, cols: sheet.maxColumns });
    return makeRange(this._env, sheet, this._p.ref!.rect);
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range) {
    this._assertEditor();
    if (this._p.type === 'SHEET')
      throw new EmulatorError('The range of a sheet protection cannot be changed.');
    const impl = range as unknown as RangeImpl;
    this._p.sheetId = impl._sheet.id;
    this._p.ref = { sheetId: impl._sheet.id, rect: { ...impl._rect } };
    this._p.rangeName = null;
    return this._self;
  }
  getRangeName() {
    return this._p.rangeName as string;
  }
  setRangeName(name: string) {
    this._assertEditor();
    const nr = this._env.wb.namedRanges.find((n) => n.name === name);
    if (!nr) throw new EmulatorError('Range not found');
    this._p.ref = nr.ref;
    this._p.sheetId = nr.ref.sheetId;
    this._p.rangeName = name;
    return this._self;
  }
  setNamedRange(namedRange: GoogleAppsScript.Spreadsheet.NamedRange) {
    return this.setRangeName(namedRange.getName());
  }
  getUnprotectedRanges() {
    return this._p.unprotected.map((u) => makeRange(this._env, this._sheet(), u.rect));
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]) {
    this._assertEditor();
    if (this._p.type !== 'SHEET')
      throw new EmulatorError('Unprotected ranges can only be set on a sheet protection.');
    this._p.unprotected = ranges
      .map((r) => r as unknown as RangeImpl)
      .filter((r) => r._sheet.id === this._p.sheetId)
      .map((r) => ({ sheetId: r._sheet.id, rect: { ...r._rect } }));
    return this._self;
  }
  isWarningOnly() {
    return this._p.warningOnly;
  }
  setWarningOnly(warningOnly: boolean) {
    this._assertEditor();
    this._p.warningOnly = !!warningOnly;
    return this._self;
  }
  remove() {
    this._assertEditor();
    this._env.wb.protections = this._env.wb.protections.filter((x) => x !== this._p);
  }
}

export function makeProtection(env: Env, p: ProtectionModel): P {
  const impl = new ProtectionImpl(env, p);
  return (impl._self = counted(env.ctx, 'Protection', impl) as unknown as P);
}
