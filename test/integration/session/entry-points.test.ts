import { expectUserError } from '../../support/runner';
/**
 * Server-side checks everywhere: every top-level function of the built dist/Code.js
 * (menu handlers, triggers, google.script.run targets) is called as a viewer and as someone not on
 * the Roles sheet, and must refuse with the localized "may not" message, writing nothing. Hidden
 * menu items are not security: google.script.run can call any of them with any arguments.
 *
 * A new entry point that does not refuse a viewer fails this test until it checks the role, or is
 * added to VIEWER_MAY_CALL below with the reason a viewer may call it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOGS } from '../../../src/i18n';
import { DEFAULT_DIST, Runtime } from '../../../src/local/runtime';
import { loadSample } from '../../../src/local/sample';

const OWNER = 'owner@example.com';
const VIEWER = 'viewer@example.com';
const STRANGER = 'stranger@example.com';

/** Entry points a viewer may call, each with the reason. */
const VIEWER_MAY_CALL: Record<string, string> = {
  onOpen: 'simple trigger: builds the menu for whoever opens the spreadsheet (items hidden by role)',
  onInstall: 'simple trigger: the same as onOpen when the add-on is installed',
  menuAbout: 'read-only: tells the user who the add-on thinks they are, and why a viewer is a viewer',
  onEdit:
    'simple edit trigger: returns without acting unless the editor may edit customers; it must not throw at people',
  onEditAudit:
    "installable edit trigger: acts only on an event from one of the caller's own triggers (a viewer has none), else returns",
  menuCustomerSidebar:
    'read-only: opens the customer sidebar; Sheets shows every cell to everyone with access, and the sidebar offers a viewer no action',
  customerSidebarData:
    "read-only: a customer's row and history, which a viewer can read in the sheets anyway",
  searchCustomers:
    'read-only: finds customers by name, company, phone, e-mail or ID among rows a viewer can read anyway',
  scheduledRetiering:
    'monthly trigger: acts only for the recorded installer (then requires applyTiers); for anyone else it only removes their own stray trigger',
};

/** The top-level function declarations of the built bundle: what Apps Script can call. */
function entryPoints(): string[] {
  const code = readFileSync(path.join(DEFAULT_DIST, 'Code.js'), 'utf8');
  return [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\(/gm)].map((m) => m[1]).sort();
}

/** The localized refusal, with the role and any action filled in. */
function refusal(role: string): RegExp {
  const template = CATALOGS.en['error.notAllowed'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    '^' + template.replace('\\{role\\}', role).replace('\\{action\\}', '[^\\n]+') + '(\\n|$)',
  );
}

function sampleWorkbook(): Runtime {
  const rt = Runtime.create({ owner: OWNER, now: Date.parse('2026-03-02T09:00:00+08:00') });
  rt.run('menuSetup', ['en']);
  loadSample(rt, 'en');
  return rt;
}

function outcome(rt: Runtime, fn: string, as: string): string {
  try {
    rt.run(fn, [], { as });
  } catch (e) {
    const message = String((e as { message?: unknown }).message ?? e);
    const written = rt.lastStats?.cellsWritten ?? 0;
    return written ? `refused after writing ${written} cells: ${message}` : message;
  }
  return 'ran';
}

describe('every entry point checks the role on the server', () => {
  const rt = sampleWorkbook();
  const names = entryPoints();

  test('the bundle has entry points, and every allowlisted one still exists', () => {
    expect(names.length).toBeGreaterThan(10);
    expect(names).toEqual(expect.arrayContaining(Object.keys(VIEWER_MAY_CALL)));
  });

  test.each([
    ['a viewer', VIEWER, 'Viewer', null],
    [
      'someone not on the Roles sheet',
      STRANGER,
      'Viewer',
      CATALOGS.en['error.notInRoles'].replace('{email}', STRANGER),
    ],
  ])('%s is refused by every entry point but the allowlisted ones', (_who, as, role, notice) => {
    const failures: string[] = [];
    for (const fn of names.filter((n) => !(n in VIEWER_MAY_CALL))) {
      const result = outcome(rt, fn, as);
      if (!refusal(role).test(result)) failures.push(`${fn}: ${result}`);
      else if (notice && !result.includes(notice))
        failures.push(`${fn}: refused without saying why: ${result}`);
    }
    expect(failures).toEqual([]);
  });

  test('the allowlisted ones, called by a viewer, write nothing', () => {
    for (const fn of Object.keys(VIEWER_MAY_CALL)) {
      expect([fn, outcome(rt, fn, VIEWER), rt.lastStats?.cellsWritten]).toEqual([fn, 'ran', 0]);
    }
  });

  test('a user whose e-mail the add-on cannot see is a viewer, told why', () => {
    expect(outcome(rt, 'menuSetup', '')).toContain(CATALOGS.en['error.unknownUser']);
    rt.run('menuAbout', [], { as: '' });
    expect(rt.services.ui._events().pop()!.message).toContain(CATALOGS.en['error.unknownUser']);
  });

  test('a rep calling admin and manager functions directly is refused', () => {
    const rep = 'rep1@example.com';
    for (const fn of ['menuSetup', 'applyPermissions', 'handOverCustomers', 'applyTiers'].filter((n) =>
      names.includes(n),
    )) {
      expect([fn, outcome(rt, fn, rep)]).toEqual([fn, expect.stringMatching(refusal('Account manager'))]);
    }
  });

  test("per-row actions check ownership: a rep cannot save another rep's customer", () => {
    if (!names.includes('saveCustomer')) return;
    const customers = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Customers')!;
    const [id, owner] = [customers.getRange('A2').getValue(), customers.getRange('K2').getValue()];
    const other = owner === 'rep1@example.com' ? 'rep2@example.com' : 'rep1@example.com';
    expectUserError(
      () => rt.run('saveCustomer', [{ name: 'Taken over' }, { id }], { as: other }),
      'form.notYourCustomer',
      {
        id,
        owner,
      },
    );
    expect(customers.getRange('B2').getValue()).not.toBe('Taken over');
  });
});
