/**
 * Small pure helpers every feature uses: A1 notation, calendar days in a time zone, text
 * normalisation, HTML escaping and formula-injection guards.
 */
export { a1Range, columnLetter, columnNumber, quotedSheetName } from './a1';
export {
  addMonths,
  cellToDayNumber,
  civilToDayNumber,
  dayNumberOf,
  dayNumberToCivil,
  dayNumberToDate,
  dayNumberToIso,
  daysInMonth,
  isLeapYear,
  isValidTimeZone,
  lastMonthsWindow,
  offsetMinutes,
  parseIsoDay,
  serialToDate,
  wallClock,
  zonedTimeToInstant,
} from './dates';
export { NULL_DAY, dayReader, isBlankDay } from './day-reader';
export { messageOf } from './errors';
export { escapeHtml } from './escape';
export { literalText, neutralizeCsvCell, neutralizeFormula, phoneCell, unescapeCsvCell } from './injection';
export {
  VERY_SIMILAR,
  cellText,
  closeEnough,
  compactKey,
  companyKey,
  editDistance,
  emailKey,
  foldText,
  foldWidth,
  isVerySimilar,
  nameCompanyKey,
  phoneKey,
  similarity,
} from './normalize';
export type { NameCompanyKey } from './normalize';
