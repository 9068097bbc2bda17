import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createContext } from '../../../src/local/emulator/context';
import { HtmlServiceEmulator } from '../../../src/local/emulator/services/html';

function setup(getGlobals?: () => object) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'html-'));
  fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<h1><?= title ?></h1><?!= include("Style") ?>');
  fs.writeFileSync(path.join(dir, 'Style.html'), '<style>b{}</style>');
  const ctx = createContext('owner@example.com');
  const service = new HtmlServiceEmulator(ctx, { htmlDir: dir, getGlobals });
  return { ctx, dir, HtmlService: service.global };
}

describe('HtmlService (reference: Class HtmlService, HtmlOutput, HtmlTemplate; guide "Templated HTML")', () => {
  test('printing scriptlets <?= ?> escape their output; force-printing <?!= ?> does not', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate(
      "<div><?= '<img src=x onerror=alert(1)>' ?></div><?!= '<b>raw</b>' ?>",
    );
    expect(t.evaluate().getContent()).toBe('<div>&lt;img src=x onerror=alert(1)&gt;</div><b>raw</b>');
    const q = HtmlService.createTemplate(`<a title="<?= v ?>">`);
    (q as unknown as { v: string }).v = `"' & <`;
    expect(q.evaluate().getContent()).toBe('<a title="&quot;&#39; &amp; &lt;">');
  });

  test('standard scriptlets <? ?> run code; properties set on the template are variables', () => {
    const { HtmlService } = setup();
    const t = HtmlService.createTemplate(
      '<ul><? for (const c of customers) { ?><li><?= c ?></li><? } ?></ul>',
    );
    (t as unknown as { customers: string[] }).customers = ['Acme', 'Li & Co'];
    expect(t.evaluate().getContent()).toBe('<ul><li>Acme</li><li>Li &amp; Co</li></ul>');
  });

  test("scriptlets can call the script's globals (the include pattern)", () => {
    const sandbox = vm.createContext({});
    const { HtmlService } = setup(() => sandbox);
    Object.assign(sandbox, {
      HtmlService,
      include: (name: string) => HtmlService.createHtmlOutputFromFile(name).getContent(),
    });
    const t = HtmlService.createTemplateFromFile('Sidebar');
    (t as unknown as { title: string }).title = 'Customers <new>';
    expect(t.evaluate().getContent()).toBe('<h1>Customers &lt;new&gt;</h1><style>b{}</style>');
  });

  test('createHtmlOutputFromFile accepts the name with or without ".html"; a missing file gives "No HTML file named X was found."', () => {
    const { HtmlService } = setup();
    expect(HtmlService.createHtmlOutputFromFile('Style').getContent()).toBe('<style>b{}</style>');
    expect(HtmlService.createHtmlOutputFromFile('Style.html').getContent()).toBe('<style>b{}</style>');
    expect(() => HtmlService.createHtmlOutputFromFile('Index')).toThrow(
      'No HTML file named Index was found.',
    );
    expect(() => HtmlService.createHtmlOutputFromFile('../../etc/passwd')).toThrow('No HTML file named');
  });

  test('HtmlOutput setters chain; appendUntrusted escapes; enums and counts', () => {
    const { ctx, HtmlService } = setup();
    const out = HtmlService.createHtmlOutput('<p>a</p>')
      .setTitle('Tiers')
      .setWidth(400)
      .setHeight(300)
      .append('<p>b</p>')
      .appendUntrusted('<script>x</script>')
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width');
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['Tiers', 400, 300]);
    expect(out.getContent()).toBe('<p>a</p><p>b</p>&lt;script&gt;x&lt;/script&gt;');
    out.setContent('<p>c</p>');
    expect(out.getContent()).toBe('<p>c</p>');
    expect(ctx.counter.snapshot().calls).toMatchObject({
      'HtmlService.createHtmlOutput': 1,
      'HtmlOutput.setTitle': 1,
    });
  });
});
