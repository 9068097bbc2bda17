/**
 * The modeled Apps Script time of one execution, from what the emulator counted. The emulator
 * charges it to the running execution (execution.ts: the 30 s and 6 min limits) and the bench
 * reports it (bench/measure.ts). Node's wall time
 * of an emulated run says nothing about Google's servers; service calls and cells do. The model is
 * deliberately conservative (every call pays a full round trip) so an action that passes it has room.
 *
 * Constants and where they come from:
 * - CALL_SECONDS 0.16 s per service call, the cost of a call that the look-ahead/write-back cache
 *   cannot absorb. bugbugnow.net, "GoogleAppsScriptのスプレッドシート処理を高速化する" (2019): calling
 *   sheet.getLastRow() on each of 1,000 loop iterations took 160,377 ms against 780 ms with the call
 *   hoisted out of the loop, i.e. about 0.16 s per call. The figure the benchmark was specified
 *   with is of the same order (no published source): 1,000 interleaved getValue/setValue pairs in
 *   about 318 s (0.159 s per call) against about 0.33 s for one getValues/setValues. A read the
 *   cache does serve costs far less (the same bugbugnow.net page: 1,000 getValue calls in 3,064 ms,
 *   about 3 ms each), so for read-mostly actions this is an upper bound.
 * - CELL_WRITE_SECONDS 0.15 ms per cell written, including the commit every execution ends with.
 *   "What is faster: ScriptDb or SpreadsheetApp?" (Stack Overflow answer, mirrored at
 *   ruby-bash.developreference.com/article/29263774): one setValues of a 4,000-cell range took under
 *   50 ms, and 610 ms with a flush() after it: 0.15 ms per cell committed.
 * - CELL_READ_SECONDS 0.01 ms per cell read: an ESTIMATE. No published per-cell figure for large
 *   getValues was found; tanaikech's "Handling 10,000,000 cells in Google Spreadsheet using Google
 *   Apps Script" (gist cc4380692790150cc090114553e38a0e) shows a 10 column x 1,000,000 row sheet can
 *   be read whole within one execution, which bounds it at 36 µs/cell (6 minutes / 10M cells); 10 µs
 *   is that bound's order, chosen below it because reads are not committed.
 * - Cells "written" by a setter that gives a whole range ONE property (setNumberFormat,
 *   setDataValidation, setBackground, ...) are not charged per cell: Sheets stores them per range
 *   (the Sheets API sends one repeatCell / setDataValidation request per GridRange), so their cost
 *   is the call's. The emulator still counts those cells; the results show both.
 * - LOCAL calls cost nothing: builders (newDataValidation(), DataValidationBuilder.*, ...) assemble a
 *   request in the script, and accessors of an object already fetched (User.getEmail on the list
 *   getEditors returned, Range.getA1Notation/getRow/getColumn/getNumRows/getNumColumns, the
 *   handler, id, event type and source of a Trigger getProjectTriggers listed, the id of the
 *   Spreadsheet getActiveSpreadsheet returned) or that only
 *   make a reference (Sheet.getRange, Sheet.getRangeList, RangeList.getRanges) need no round trip. An ASSUMPTION, consistent with the same
 *   bugbugnow.net page (1,000 getRange().getValue() pairs in 3,064 ms: about 3 ms a pair).
 * - APPS_SCRIPT_CPU_FACTOR 3: the script's own JavaScript (the core computation) is assumed to run 3x
 *   slower on Apps Script's V8 than in node on this machine. An ESTIMATE: no published figure found.
 * - ADVANCED_CALL_SECONDS 1.0 s per call of the Sheets advanced service (Sheets.Spreadsheets.get,
 *   batchUpdate, Values.batchGet, Values.batchUpdate; counted as "Sheets.*"): an ESTIMATE. Each is an
 *   HTTPS request to the Sheets API that the spreadsheet service's look-ahead/write-back cache never
 *   absorbs; the closest published measurement is tanaikech's "Best Practices for Discontinuous Cells
 *   on Google Spreadsheet by Google Apps Script" (2023), where one Sheets API call over many ranges
 *   costs about as much as a handful of uncached SpreadsheetApp calls. 1 s is above that on purpose:
 *   a batchUpdate also applies every request it carries. Cells it reads or writes are charged as above.
 * - EXECUTION_LIMIT_SECONDS 360: "Script runtime 6 min / execution" (Apps Script quotas,
 *   developers.google.com/apps-script/guides/services/quotas).
 */
export const COST_MODEL = {
  CALL_SECONDS: 0.16,
  ADVANCED_CALL_SECONDS: 1.0,
  CELL_READ_SECONDS: 0.00001,
  CELL_WRITE_SECONDS: 0.00015,
  APPS_SCRIPT_CPU_FACTOR: 3,
  EXECUTION_LIMIT_SECONDS: 360,
} as const;

/** Calls answered inside the script (see LOCAL above). */
export const LOCAL_CALL =
  /^(SpreadsheetApp\.new\w+|(DataValidationBuilder|ConditionalFormatRuleBuilder|EmbeddedChartBuilder|BooleanCondition|ChartOptions)\.\w+|User\.getEmail|Trigger\.(getHandlerFunction|getUniqueId|getEventType|getTriggerSource|getTriggerSourceId)|Spreadsheet\.getId|Range\.(getA1Notation|getRow|getColumn|getNumRows|getNumColumns|getLastRow|getLastColumn)|Sheet\.getRange|Sheet\.getRangeList|RangeList\.getRanges)$/;

/**
 * Range-wide single-property setters: one request per range whatever its size (see above). A
 * RangeList's setValue is not one of them: one call, and every cell of every range it writes is
 * charged as a cell written.
 */
export const RANGE_PROPERTY_SETTER =
  /^(Range|RangeList)\.(set(NumberFormat|DataValidation|Background|FontWeight|FontColor|FontStyle|FontSize|FontFamily|HorizontalAlignment|VerticalAlignment|Wrap|WrapStrategy|Border|TextRotation)|clearFormat|clearDataValidations|clearNote)$/;

/** Calls of the Sheets advanced service: one HTTPS request each (see ADVANCED_CALL_SECONDS). */
export const ADVANCED_CALL = /^Sheets\./;

export interface CostInput {
  /** calls per "Class.method" of every Apps Script service (spreadsheet, properties, lock, mail, ...) */
  calls: Record<string, number>;
  cellsRead: number;
  /** cells written with content (values, formulas, notes, per-cell formats): charged per cell */
  cellsWritten: number;
  /** node time of the action's pure core, when one is measured */
  coreMs?: number | null;
}

export interface ModeledTime {
  seconds: number;
  /** calls that pay a round trip (all but LOCAL ones) */
  remoteCalls: number;
  callsSeconds: number;
  cellsSeconds: number;
  cpuSeconds: number;
}

export function modeledTime(input: CostInput): ModeledTime {
  let remoteCalls = 0;
  let callsSeconds = 0;
  for (const [method, n] of Object.entries(input.calls)) {
    if (LOCAL_CALL.test(method)) continue;
    remoteCalls += n;
    callsSeconds +=
      n * (ADVANCED_CALL.test(method) ? COST_MODEL.ADVANCED_CALL_SECONDS : COST_MODEL.CALL_SECONDS);
  }
  const cellsSeconds =
    input.cellsRead * COST_MODEL.CELL_READ_SECONDS + input.cellsWritten * COST_MODEL.CELL_WRITE_SECONDS;
  const cpuSeconds = ((input.coreMs ?? 0) / 1000) * COST_MODEL.APPS_SCRIPT_CPU_FACTOR;
  return {
    seconds: callsSeconds + cellsSeconds + cpuSeconds,
    remoteCalls,
    callsSeconds,
    cellsSeconds,
    cpuSeconds,
  };
}

/** The model's constants and sources, for RESULTS.md. */
export const COST_MODEL_NOTES = [
  'No cost for local calls (an assumption): builders (newDataValidation(), DataValidationBuilder.*, ...), accessors of objects already fetched (User.getEmail, the handler and id of a listed Trigger, Spreadsheet.getId, Range.getA1Notation, getRow, ...) and Sheet.getRange, Sheet.getRangeList, RangeList.getRanges (references).',
  `${COST_MODEL.CALL_SECONDS} s per other service call (an uncached round trip: 1,000 getLastRow() calls in a loop took 160 s, bugbugnow.net 2019; 1,000 interleaved getValue/setValue pairs about 318 s). Conservative: a cached read costs about 3 ms.`,
  `${COST_MODEL.ADVANCED_CALL_SECONDS} s per call of the Sheets advanced service (Sheets.Spreadsheets.get, batchUpdate, Values.batchGet/batchUpdate: one Sheets API request each, whatever it carries): an estimate above the per-request cost tanaikech measured (2023, "Best Practices for Discontinuous Cells").`,
  `${COST_MODEL.CELL_WRITE_SECONDS * 1000} ms per cell written (one setValues of 4,000 cells plus flush() took 610 ms: Stack Overflow, "What is faster: ScriptDb or SpreadsheetApp?").`,
  'Cells given one property by a range-wide setter (setNumberFormat, setDataValidation, setBackground, ...) are charged as one call, not per cell: Sheets stores such properties per range.',
  `${COST_MODEL.CELL_READ_SECONDS * 1000} ms per cell read: an estimate (no published per-cell read figure found; a 10M-cell sheet can be read within one execution, tanaikech 2022, so at most 0.036 ms).`,
  `Core JavaScript ${COST_MODEL.APPS_SCRIPT_CPU_FACTOR}x slower on Apps Script than in node here: an estimate (no published figure found).`,
  `Limit: ${COST_MODEL.EXECUTION_LIMIT_SECONDS} s per execution (Apps Script quotas: script runtime 6 min / execution).`,
];
