/**
 * RangeList: "A collection of one or more Range instances in the same sheet" (reference), made by
 * Sheet.getRangeList(a1Notations). Each setter applies to every range in one call; the protections
 * of every range are checked before any is written, so a refused write changes nothing.
 */
import { EmulatorError, counted } from '../context';
import { parseA1OrThrow, splitSheet } from './a1';
import type { Env, Proxied } from './env';
import type { SheetModel } from './model';
import { RangeImpl, a1Range } from './range';
import { bounded } from './rect';
import { assertCanEdit } from './rights';

type R = GoogleAppsScript.Spreadsheet.Range;
type RL = GoogleAppsScript.Spreadsheet.RangeList;

type RangeListKeys = 'getRanges' | 'setValue' | 'clearContent' | 'setNumberFormat';

export class RangeListImpl implements Proxied<RL>, Pick<RL, RangeListKeys> {
  _self!: RL;
  constructor(
    readonly _env: Env,
    readonly _sheet: SheetModel,
    /** the script's Range objects (counted) and, uncounted, the same ranges the list writes through */
    readonly _ranges: Array<{ range: R; impl: RangeImpl }>,
  ) {}

  /** Every range writable by the effective user, or nothing is written. */
  private _assertWrite(): void {
    const { ctx, wb } = this._env;
    for (const { impl } of this._ranges)
      assertCanEdit(
        wb,
        this._sheet,
        bounded(impl._rect, this._sheet.maxRows, this._sheet.maxColumns),
        ctx.identity.effective,
        ctx.owner,
      );
  }

  getRanges(): R[] {
    return this._ranges.map((r) => r.range);
  }

  setValue(value: unknown): RL {
    this._assertWrite();
    for (const { impl } of this._ranges) impl.setValue(value);
    return this._self;
  }

  clearContent(): RL {
    this._assertWrite();
    for (const { impl } of this._ranges) impl.clearContent();
    return this._self;
  }

  setNumberFormat(format: string): RL {
    this._assertWrite();
    for (const { impl } of this._ranges) impl.setNumberFormat(format);
    return this._self;
  }
}

/** Sheet.getRangeList: every notation must name a range of this sheet inside its dimensions. */
export function makeRangeList(env: Env, sheet: SheetModel, a1Notations: unknown): RL {
  if (
    !Array.isArray(a1Notations) ||
    a1Notations.length === 0 ||
    a1Notations.some((a) => typeof a !== 'string')
  )
    throw new EmulatorError(
      "The parameters don't match the method signature for SpreadsheetApp.Sheet.getRangeList.",
    );
  const ranges = (a1Notations as string[]).map((a1) => {
    const { sheetName, ref } = splitSheet(a1);
    if (sheetName !== null && sheetName !== sheet.name) throw new EmulatorError('Range not found');
    const rect = parseA1OrThrow(ref);
    const range = a1Range(env, sheet, rect); // checks the dimensions, as getRange(a1) does
    const impl = new RangeImpl(env, sheet, { ...rect });
    impl._self = range;
    return { range, impl };
  });
  const impl = new RangeListImpl(env, sheet, ranges);
  return (impl._self = counted(env.ctx, 'RangeList', impl) as unknown as RL);
}
