/**
 * The Sheets advanced service (manifest: enabledAdvancedServices "Sheets" v4): one batchUpdate sends
 * any number of requests (protections, validation rules, formats) as one call, where SpreadsheetApp
 * needs one or more calls per range. A script without the service fails loudly with the reason.
 */
type Request = GoogleAppsScript.Sheets.Schema.Request;

/** Requests per batchUpdate call: far below the API's request size limit. */
export const REQUESTS_PER_CALL = 500;

export function sheetsService(): GoogleAppsScript.Sheets {
  if (typeof Sheets === 'undefined' || !Sheets || !Sheets.Spreadsheets) {
    throw new Error(
      'The Sheets advanced service is not enabled: add it (Sheets API v4) in the Apps Script editor, or push appsscript.json again.',
    );
  }
  return Sheets;
}

/**
 * Requests left to go out with the run's next batchUpdate: setup's validation rules travel with its
 * protections, one call for both (a run ends with flushRequests, so none are left behind).
 */
let queued: Request[] = [];

export function queueRequests(requests: Request[]): void {
  queued.push(...requests);
}

/** Sends what is queued; returns the calls made (0 for none). */
export function flushRequests(spreadsheetId: string): number {
  return batchUpdate(spreadsheetId, []);
}

/**
 * Sends the queued requests and these, REQUESTS_PER_CALL per batchUpdate; returns the calls made (0
 * for none).
 */
export function batchUpdate(spreadsheetId: string, given: Request[]): number {
  const requests = queued.length ? [...queued, ...given] : given;
  queued = [];
  let calls = 0;
  for (let i = 0; i < requests.length; i += REQUESTS_PER_CALL) {
    sheetsService().Spreadsheets!.batchUpdate(
      { requests: requests.slice(i, i + REQUESTS_PER_CALL) },
      spreadsheetId,
    );
    calls++;
  }
  return calls;
}
