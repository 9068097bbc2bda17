/**
 * Who may import into which sheet, from DESIGN's role matrix: the shared data sheets and targets
 * are managers' and admins'; opportunities account managers' too (their own customers, per row);
 * roles admins' only. The menu shows Import to every role that may import something.
 */
import { importSheetsFor, menuFor } from '../../../src/core/roles';
import { ROLES } from '../../../src/core/schema';

describe('import rights', () => {
  test('the sheets each role may import into', () => {
    expect(Object.fromEntries(ROLES.map((r) => [r, importSheetsFor(r)]))).toEqual({
      admin: ['customers', 'interactions', 'purchases', 'feedback', 'opportunities', 'targets', 'roles'],
      manager: ['customers', 'interactions', 'purchases', 'feedback', 'opportunities', 'targets'],
      accountManager: ['opportunities'],
      assistant: [],
      viewer: [],
    });
  });

  test('the Import menu item shows for exactly the roles that may import something', () => {
    const shows = (role: (typeof ROLES)[number]) =>
      menuFor(role).some((e) => e !== 'separator' && e.functionName === 'menuImport');
    expect(ROLES.filter(shows)).toEqual(['admin', 'manager', 'accountManager']);
  });
});
