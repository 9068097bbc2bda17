import { createContext } from '../../../src/local/emulator/context';
import { UiEmulator, UI_UNAVAILABLE } from '../../../src/local/emulator/services/ui';
import { HtmlServiceEmulator } from '../../../src/local/emulator/services/html';

function setup() {
  const ctx = createContext('owner@example.com');
  const service = new UiEmulator(ctx, undefined, { addonName: 'Sheets CRM' });
  const html = new HtmlServiceEmulator(ctx, { htmlDir: __dirname });
  return { ctx, service, ui: service.global, HtmlService: html.global };
}

describe('Ui (reference: Class Ui, Class Menu)', () => {
  test('createMenu(...).addItem/addSeparator/addSubMenu/addToUi records the menu bar', () => {
    const { service, ui } = setup();
    ui.createMenu('CRM')
      .addItem('Set up workbook', 'menuSetup')
      .addSeparator()
      .addSubMenu(ui.createMenu('Reports').addItem('KPI dashboard', 'menuReport'))
      .addToUi();
    ui.createAddonMenu().addItem('Open sidebar', 'menuSidebar').addToUi();
    expect(service._menus()).toEqual([
      {
        caption: 'CRM',
        addon: false,
        items: [
          { type: 'item', caption: 'Set up workbook', functionName: 'menuSetup' },
          { type: 'separator' },
          {
            type: 'submenu',
            caption: 'Reports',
            items: [{ type: 'item', caption: 'KPI dashboard', functionName: 'menuReport' }],
          },
        ],
      },
      {
        caption: 'Sheets CRM',
        addon: true,
        items: [{ type: 'item', caption: 'Open sidebar', functionName: 'menuSidebar' }],
      },
    ]);
    service._resetMenus();
    expect(service._menus()).toEqual([]);
  });

  test('alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) return the Button chosen', () => {
    const { service, ui } = setup();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    service._respondWith(['NO']);
    expect(ui.alert('Delete?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Merge', 'Merge 2 duplicates?', ui.ButtonSet.YES_NO_CANCEL)).toBe(ui.Button.YES);
    expect(service._events().map((e) => [e.type, e.title, e.message, e.buttons, e.response])).toEqual([
      ['alert', null, 'Saved', 'OK', 'OK'],
      ['alert', null, 'Delete?', 'YES_NO', 'NO'],
      ['alert', 'Merge', 'Merge 2 duplicates?', 'YES_NO_CANCEL', 'YES'],
    ]);
    expect(() => {
      service._respondWith(['YES']);
      ui.alert('x', ui.ButtonSet.OK_CANCEL);
    }).toThrow('Scripted answer YES is not a button of ButtonSet.OK_CANCEL');
  });

  test('prompt returns a PromptResponse with getResponseText and getSelectedButton', () => {
    const { service, ui } = setup();
    service._respondWith([{ button: 'OK', text: 'C000042' }]);
    const r = ui.prompt('Find customer', 'Customer id:', ui.ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe('C000042');
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    const d = ui.prompt('Name?');
    expect([d.getResponseText(), d.getSelectedButton()]).toEqual(['', 'OK']);
    expect(service._events()[0]).toMatchObject({
      type: 'prompt',
      title: 'Find customer',
      responseText: 'C000042',
    });
  });

  test('showSidebar, showModalDialog and showModelessDialog record the HtmlOutput in order', () => {
    const { service, ui, HtmlService } = setup();
    ui.showSidebar(HtmlService.createHtmlOutput('<p>form</p>').setTitle('Customer'));
    ui.showModalDialog(
      HtmlService.createHtmlOutput('<p>tiers</p>').setWidth(800).setHeight(600),
      'ABC tiers',
    );
    ui.showModelessDialog(HtmlService.createHtmlOutput('<p>help</p>'), 'Help');
    expect(service._events().map((e) => [e.type, e.title, e.html, e.width, e.height])).toEqual([
      ['sidebar', 'Customer', '<p>form</p>', null, null],
      ['modal', 'ABC tiers', '<p>tiers</p>', 800, 600],
      ['modeless', 'Help', '<p>help</p>', null, null],
    ]);
  });

  test('the Ui is not available in a time-driven trigger ("Cannot call SpreadsheetApp.getUi() from this context.")', () => {
    const { ctx, service } = setup();
    expect(service._available()).toBe(true);
    ctx.identity.mode = 'trigger';
    expect(service._available()).toBe(false);
    expect(UI_UNAVAILABLE).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });

  test('menus survive a state round trip; calls are counted as Ui.* and Menu.*', () => {
    const { ctx, service, ui } = setup();
    ui.createMenu('CRM').addItem('Setup', 'menuSetup').addToUi();
    const again = new UiEmulator(ctx, JSON.parse(JSON.stringify(service.toState())));
    expect(again._menus()).toEqual(service._menus());
    expect(ctx.counter.snapshot().calls).toMatchObject({
      'Ui.createMenu': 1,
      'Menu.addItem': 1,
      'Menu.addToUi': 1,
    });
  });
});
