/** The SpreadsheetApp global: the active spreadsheet, builders, flush and the enums. */
import { EmulatorError, counted } from '../context';
import { makeCfBuilder } from './conditional-format';
import { enumOf } from './enums';
import type { Env } from './env';
import { activeSheetModel, makeSpreadsheet } from './spreadsheet';
import { makeSheet } from './sheet';
import { makeValidationBuilder } from './validation';

export class SpreadsheetAppImpl {
  readonly DataValidationCriteria = enumOf('DataValidationCriteria');
  readonly ProtectionType = enumOf('ProtectionType');
  readonly DeveloperMetadataLocationType = enumOf('DeveloperMetadataLocationType');
  readonly DeveloperMetadataVisibility = enumOf('DeveloperMetadataVisibility');
  readonly BooleanCriteria = enumOf('BooleanCriteria');
  readonly RelativeDate = enumOf('RelativeDate');
  readonly BorderStyle = enumOf('BorderStyle');
  readonly WrapStrategy = enumOf('WrapStrategy');
  readonly Dimension = enumOf('Dimension');
  readonly CopyPasteType = enumOf('CopyPasteType');

  constructor(private readonly _env: Env) {}

  getActiveSpreadsheet() {
    return makeSpreadsheet(this._env);
  }
  getActive() {
    return makeSpreadsheet(this._env);
  }
  openById(id: string) {
    if (id !== this._env.wb.init.id)
      throw new EmulatorError(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return makeSpreadsheet(this._env);
  }
  getActiveSheet() {
    return makeSheet(this._env, activeSheetModel(this._env));
  }
  getActiveRange() {
    return makeSpreadsheet(this._env).getActiveRange();
  }
  getCurrentCell() {
    return makeSpreadsheet(this._env).getCurrentCell();
  }
  setActiveSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet) {
    return sheet.activate();
  }
  setActiveRange(range: GoogleAppsScript.Spreadsheet.Range) {
    return range.activate();
  }
  /** Writes are applied immediately in memory, so flush has nothing to do. */
  flush() {}
  newDataValidation() {
    return makeValidationBuilder(this._env);
  }
  newConditionalFormatRule() {
    return makeCfBuilder(this._env);
  }
  getUi() {
    if (!this._env.getUi) throw new EmulatorError('Cannot call SpreadsheetApp.getUi() from this context.');
    return this._env.getUi();
  }
}

export function makeApp(env: Env): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return counted(
    env.ctx,
    'SpreadsheetApp',
    new SpreadsheetAppImpl(env),
  ) as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
