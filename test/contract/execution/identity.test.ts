/**
 * Who Session reveals, per execution kind and account (src/local/emulator/execution.ts).
 * Reference, User.getEmail(): "the user's email address is not available in any context that
 * allows a script to run without that user's authorization, like a simple onOpen(e) or onEdit(e)
 * trigger ... However, these restrictions generally do not apply if the developer runs the script
 * themselves or belongs to the same Google Workspace domain as the user."
 */
import { probed, probeRuntime, PROBE_NOW, PROBE_OWNER, RECORD } from '../../support/probe';
import type { AccountProfile } from '../../../src/local/emulator/account';

const REP = 'rep@example.com';
const OUTSIDER = 'outsider@gmail.com';

const CODE = `${RECORD}
function who(e) {
  return {
    active: Session.getActiveUser().getEmail(),
    effective: Session.getEffectiveUser().getEmail(),
    key: Session.getTemporaryActiveUserKey(),
    eUser: e && e.user ? e.user.getEmail() : null,
    authMode: e ? String(e.authMode) : null,
  };
}
function onOpen(e) { record('onOpen', who(e)); }
function onEdit(e) { record('onEdit', who(e)); }
function audit(e) { record('audit', who(e)); }
function daily(e) { record('daily', who(e)); }
function menuItem() { record('menu', who()); }
function installEdit() {
  ScriptApp.newTrigger('audit').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}
function installDaily() { ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).create(); }
`;

interface Who {
  active: string;
  effective: string;
  key: string;
  eUser: string | null;
  authMode: string | null;
}

function setup(account: AccountProfile) {
  return probeRuntime(CODE, account);
}

describe('simple triggers (onOpen, onEdit) reveal the address only to the owner or, on Workspace, the domain', () => {
  test('consumer: a rep editing gets "" from getActiveUser, getEffectiveUser and e.user; e.authMode is LIMITED', () => {
    const rt = setup('consumer');
    rt.userEdit(REP, 'Data', 'A1', 'x');
    expect(probed<Who>(rt, 'onEdit')).toMatchObject({
      active: '',
      effective: '',
      eUser: '',
      authMode: 'LIMITED',
    });
    rt.open(REP);
    expect(probed<Who>(rt, 'onOpen')).toMatchObject({ active: '', eUser: '', authMode: 'LIMITED' });
  });

  test('consumer: "the developer runs the script themselves": the owner is revealed', () => {
    const rt = setup('consumer');
    rt.userEdit(PROBE_OWNER, 'Data', 'A1', 'x');
    expect(probed<Who>(rt, 'onEdit')).toMatchObject({ active: PROBE_OWNER, eUser: PROBE_OWNER });
  });

  test('workspace: "belongs to the same Google Workspace domain": a colleague is revealed, an outside collaborator is not', () => {
    const rt = setup('workspace');
    rt.userEdit(REP, 'Data', 'A1', 'x');
    expect(probed<Who>(rt, 'onEdit')).toMatchObject({ active: REP, eUser: REP });
    rt.userEdit(OUTSIDER, 'Data', 'A1', 'y');
    expect(probed<Who>(rt, 'onEdit')).toMatchObject({ active: '', eUser: '' });
  });
});

describe('authorized calls and installable triggers', () => {
  test('a menu item the person authorized knows their address, on consumer too', () => {
    const rt = setup('consumer');
    rt.run('menuItem', [], { as: REP });
    expect(probed<Who>(rt, 'menu')).toMatchObject({ active: REP, effective: REP });
  });

  test('installable edit trigger: runs as the installer ("returns the account of the user who created the trigger"); the editor stays hidden on consumer', () => {
    const rt = setup('consumer');
    rt.run('installEdit', [], { as: PROBE_OWNER });
    rt.userEdit(REP, 'Data', 'A1', 'x');
    expect(probed<Who>(rt, 'audit')).toMatchObject({
      active: '',
      effective: PROBE_OWNER,
      eUser: '',
      authMode: 'FULL',
    });
  });

  test('installable edit trigger on workspace: an editor of the domain is revealed', () => {
    const rt = setup('workspace');
    rt.run('installEdit', [], { as: PROBE_OWNER });
    rt.userEdit(REP, 'Data', 'A1', 'x');
    expect(probed<Who>(rt, 'audit')).toMatchObject({ active: REP, effective: PROBE_OWNER, eUser: REP });
  });

  test('time-driven trigger: getEffectiveUser is the installer, not the owner', () => {
    const rt = setup('consumer');
    rt.run('installDaily', [], { as: REP });
    rt.tick(PROBE_NOW + 2 * 86_400_000);
    expect(probed<Who>(rt, 'daily')).toMatchObject({ effective: REP, active: REP });
  });
});

describe('getTemporaryActiveUserKey: "unique to the active user but does not reveal the user identity"', () => {
  test('the same person has the same key in a hidden simple trigger and in an authorized call; another person another', () => {
    const rt = setup('consumer');
    rt.userEdit(REP, 'Data', 'A1', 'x');
    const hidden = probed<Who>(rt, 'onEdit');
    rt.run('menuItem', [], { as: REP });
    const known = probed<Who>(rt, 'menu');
    expect(hidden.active).toBe('');
    expect(hidden.key).toBe(known.key);
    expect(hidden.key).not.toContain('rep');
    rt.userEdit('rep2@example.com', 'Data', 'A1', 'y');
    expect(probed<Who>(rt, 'onEdit').key).not.toBe(hidden.key);
  });
});
