/**
 * The customer sidebar through the built bundle: opening on the selected row or by search, the
 * history newest first as plain data, logging a follow-up (dates move by the tier's cadence unless
 * given), per-customer refusals, purchases and feedback validated with localized field errors and
 * never half-written, the owner list of the customer form, `crm log`, and a constant number of
 * service calls whatever the number of customers.
 */
import { CATALOGS } from '../../../src/i18n';
import { columnLabel } from '../../../src/core/workbook';
import { readTable } from '../../../src/local/inspect';
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import type { Runtime } from '../../../src/local/runtime';
import type { SidebarData, RecordResult } from '../../../src/server/sidebar';
import type { CustomerHit } from '../../../src/core/sidebar';
import { MANAGER, rep, VIEWER } from '../../support/people';
import { customerRecord } from '../../support/rows';
import { crm, expectUserError, tempWorkbook } from '../../support/runner';
import { ASSISTANT, FORMER, HOSTILE, sidebarRecords, sidebarWorkbook } from '../../support/sidebar';
import { NOW, setUpWorkbook, TIME_ZONE } from '../../support/workbook';

const REP1 = rep(1);
const REP2 = rep(2);

function data(rt: Runtime, as: string, id?: string): SidebarData {
  return rt.run('customerSidebarData', id === undefined ? [] : [id], { as }) as SidebarData;
}

function customers(rt: Runtime): Record<string, Record<string, unknown>> {
  return Object.fromEntries(readTable(rt, 'customers').records.map((r) => [String(r.id), r]));
}

function records(rt: Runtime, key: 'interactions' | 'purchases' | 'feedback' | 'auditLog') {
  return readTable(rt, key).records;
}

function snapshot(rt: Runtime) {
  return ['Customers', 'Interactions', 'Purchases', 'Feedback'].map((s) => rt.spreadsheet.snapshot(s).values);
}

describe('opening the sidebar', () => {
  const rt = sidebarWorkbook();

  test('on the selected row of Customers, or of a sheet whose row names a customerId', () => {
    rt.spreadsheet.select('Customers', 'C2');
    expect(data(rt, REP2).customer).toMatchObject({ id: 'C000001', row: 2, ownerName: 'Rep One' });
    // Interactions row 4 is about C000002
    rt.spreadsheet.select('Interactions', 'D4');
    expect(data(rt, REP1).customer?.id).toBe('C000002');
    // elsewhere (or the header): no customer, the sidebar offers search
    rt.spreadsheet.select('Roles', 'A2');
    expect(data(rt, REP1).customer).toBeNull();
    rt.spreadsheet.select('Customers', 'A1');
    expect(data(rt, REP1).customer).toBeNull();
    // an id wins over the selection; an unknown one is refused by name
    expect(data(rt, REP1, 'c000003').customer?.id).toBe('C000003');
    expectUserError(() => data(rt, REP1, 'C000099'), 'sidebar.notFound', { id: 'C000099' });
  });

  test('the history is newest first, of every kind, as plain data (no Dates cross google.script.run)', () => {
    const d = data(rt, REP1, 'C000001');
    expect(d.history.map((e) => [e.kind, e.date])).toEqual([
      ['interaction', '2026-11-01'],
      ['feedback', '2026-10-20'],
      ['purchase', '2026-10-15'],
      ['interaction', '2026-10-02'],
      ['purchase', '2026-09-01'],
    ]);
    expect(d.history[0].fields).toMatchObject({ channel: 'Visit', summary: 'Site visit', loggedBy: REP1 });
    expect(d.customer?.fields).toMatchObject({
      lastContact: '2026-11-01',
      nextFollowUp: '2026-11-15',
      tier: 'A',
    });
    expect(d.customer?.purchases).toEqual({ count: 2, total: 1500 });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    // everyone may look; only the owner (and staff) may act
    expect(data(rt, REP1, 'C000001').may).toEqual({
      logFollowUp: true,
      recordPurchase: true,
      recordFeedback: true,
      manageOpportunities: true,
    });
    expect(data(rt, REP2, 'C000001').may).toEqual({
      logFollowUp: false,
      recordPurchase: false,
      recordFeedback: false,
      manageOpportunities: false,
    });
    expect(data(rt, VIEWER, 'C000001').may.logFollowUp).toBe(false);
    expect(data(rt, ASSISTANT, 'C000001').may.logFollowUp).toBe(true);
  });

  test('search over name, company, phone, e-mail and ID; the exact ID first', () => {
    const ids = (q: string, as = REP2) =>
      (rt.run('searchCustomers', [q], { as }) as CustomerHit[]).map((h) => h.id);
    expect(ids('xinda')).toEqual(['C000001']);
    expect(ids('ZHANG@')).toEqual(['C000001']);
    expect(ids('13912345678')).toEqual(['C000001']);
    expect(ids('8888 0000')).toEqual(['C000003']);
    expect(ids('华鑫')).toEqual(['C000003']);
    expect(ids('c000002')).toEqual(['C000002']);
    expect(ids('C00000')).toEqual(['C000001', 'C000002', 'C000003']);
    expect(ids('<img')).toEqual(['C000002']);
    expect(ids('   ')).toEqual([]);
    expect(ids('nobody')).toEqual([]);
    expect(ids('xinda', VIEWER)).toEqual(['C000001']);
  });
});

describe('logging a follow-up', () => {
  test("appends the interaction (loggedBy, now) and moves lastContact and nextFollowUp by the tier's cadence", () => {
    const rt = sidebarWorkbook();
    const before = records(rt, 'auditLog').length;
    const result = rt.run(
      'logFollowUp',
      [
        {
          customerId: 'C000001',
          channel: 'wechat',
          summary: 'Renewal call',
          outcome: 'Positive',
          nextStep: 'Send quote',
        },
      ],
      { as: REP1 },
    ) as RecordResult;
    expect(result).toMatchObject({ status: 'saved', customerId: 'C000001', row: 5 });
    expect(result.status === 'saved' && result.message).toBe(
      'Follow-up logged for C000001. Next follow-up: 2026-12-07.',
    );
    // today is 23 Nov in Shanghai; tier A's cadence is 14 days
    expect(customers(rt).C000001).toMatchObject({ lastContact: '2026-11-23', nextFollowUp: '2026-12-07' });
    const logged = records(rt, 'interactions').pop()!;
    expect(logged).toMatchObject({
      customerId: 'C000001',
      channel: 'WeChat',
      summary: 'Renewal call',
      outcome: 'Positive',
      nextStep: 'Send quote',
      nextFollowUp: '2026-12-07',
      loggedBy: REP1,
      date: expect.stringMatching(/^2026-11-23/),
    });
    const interactions = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Interactions')!;
    expect((interactions.getRange(5, 1).getValue() as Date).getTime()).toBe(NOW);
    // the audit row (an account manager's waits in document properties until an admin's run)
    rt.run('logFollowUp', [{ customerId: 'C000003', summary: 'Intro call' }], { as: MANAGER });
    const audit = records(rt, 'auditLog').slice(before);
    expect(audit.map((a) => String(a.action).split(' ')[0])).toEqual(['logFollowUp', 'logFollowUp']);
    expect(audit.map((a) => a.user)).toEqual([REP1, MANAGER]);
    // newest first in the history
    expect(data(rt, REP1, 'C000001').history[0]).toMatchObject({
      kind: 'interaction',
      date: '2026-11-23',
      fields: { summary: 'Renewal call' },
    });
  });

  test('a next follow-up given wins over the cadence; a bad one is a field error and nothing is written', () => {
    const rt = sidebarWorkbook();
    const before = snapshot(rt);
    const bad = rt.run('logFollowUp', [{ customerId: 'C000001', summary: '', nextFollowUp: '2026-02-30' }], {
      as: REP1,
    }) as RecordResult;
    expect(bad.status).toBe('invalid');
    expect(bad.status === 'invalid' && bad.issues.map((i) => [i.columnKey, i.code])).toEqual([
      ['nextFollowUp', 'date'],
      ['summary', 'required'],
    ]);
    expect(snapshot(rt)).toEqual(before);
    rt.run('logFollowUp', [{ customerId: 'C000001', summary: 'Call', nextFollowUp: '2026-12-01' }], {
      as: REP1,
    });
    expect(customers(rt).C000001).toMatchObject({ lastContact: '2026-11-23', nextFollowUp: '2026-12-01' });
  });

  test("an account manager is refused on another's customer, nothing written; assistants add the interaction only", () => {
    const rt = sidebarWorkbook();
    const before = snapshot(rt);
    const params = { id: 'C000002', owner: REP2 };
    expectUserError(
      () => rt.run('logFollowUp', [{ customerId: 'C000002', summary: 'x' }], { as: REP1 }),
      'sidebar.notYourCustomer',
      params,
    );
    expectUserError(
      () => rt.run('recordPurchase', [{ customerId: 'C000002', amount: 5 }], { as: REP1 }),
      'sidebar.notYourCustomer',
      params,
    );
    expectUserError(
      () => rt.run('recordFeedback', [{ customerId: 'C000002', rating: 5 }], { as: REP1 }),
      'sidebar.notYourCustomer',
      params,
    );
    expectUserError(
      () => rt.run('logFollowUp', [{ customerId: 'C000001', summary: 'x' }], { as: VIEWER }),
      'error.notAllowed',
    );
    expect(snapshot(rt)).toEqual(before);

    const result = rt.run('logFollowUp', [{ customerId: 'C000002', summary: 'Booked a visit' }], {
      as: ASSISTANT,
    }) as RecordResult;
    expect(result.status === 'saved' && result.message).toBe(
      CATALOGS.en['sidebar.loggedOnly'].replace('{id}', 'C000002'),
    );
    expect(records(rt, 'interactions').pop()).toMatchObject({ customerId: 'C000002', loggedBy: ASSISTANT });
    expect(customers(rt).C000002.lastContact).toBe('');
    // a manager moves anyone's dates (C000002: tier B, 30 days)
    rt.run('logFollowUp', [{ customerId: 'C000002', summary: 'Met' }], { as: MANAGER });
    expect(customers(rt).C000002).toMatchObject({ lastContact: '2026-11-23', nextFollowUp: '2026-12-23' });
  });
});

describe('purchases and feedback', () => {
  test("an account manager records their own customer's purchase and feedback, through the protections", () => {
    const rt = sidebarWorkbook();
    const bought = rt.run(
      'recordPurchase',
      [{ customerId: 'C000001', product: 'CRM Pro', quantity: '3', amount: '1,200.50' }],
      {
        as: REP1,
      },
    ) as RecordResult;
    expect(bought).toMatchObject({
      status: 'saved',
      row: 4,
      message: 'Purchase SO0000009 recorded for C000001.',
    });
    expect(records(rt, 'purchases').pop()).toMatchObject({
      orderId: 'SO0000009',
      date: '2026-11-23',
      customerId: 'C000001',
      product: 'CRM Pro',
      quantity: 3,
      amount: 1200.5,
    });
    const felt = rt.run(
      'recordFeedback',
      [{ customerId: 'C000001', rating: '5', category: 'service', comment: '=HYPERLINK("x")' }],
      {
        as: REP1,
      },
    ) as RecordResult;
    expect(felt).toMatchObject({ status: 'saved', message: 'Feedback recorded for C000001.' });
    // formula-like text is stored as text
    expect(records(rt, 'feedback').pop()).toMatchObject({ rating: 5, category: 'Service', resolved: false });
    const cell = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Feedback')!.getRange(3, 4);
    expect(cell.getFormula()).toBe('');
    expect(
      data(rt, REP1, 'C000001')
        .history.slice(0, 2)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['feedback', 'purchase']);
  });

  test('invalid fields come back one by one with localized messages, and nothing is written', () => {
    const rt = sidebarWorkbook();
    const before = snapshot(rt);
    const result = rt.run(
      'recordPurchase',
      [{ customerId: 'C000001', date: '2026-13-01', quantity: 'two', amount: '-5' }],
      { as: REP1 },
    ) as RecordResult;
    expect(result.status === 'invalid' && result.issues.map((i) => [i.columnKey, i.code])).toEqual([
      ['date', 'date'],
      ['quantity', 'number'],
      ['amount', 'negativeSale'],
    ]);
    expect(result.status === 'invalid' && result.issues[2].message).toBe(
      'Amount: -5 is negative; only a return (type "Return") may have a negative amount.',
    );
    const feedback = rt.run('recordFeedback', [{ customerId: 'C000001', rating: '7', category: 'Weather' }], {
      as: REP1,
    }) as RecordResult;
    expect(feedback.status === 'invalid' && feedback.issues.map((i) => [i.columnKey, i.code])).toEqual([
      ['rating', 'rating'],
      ['category', 'list'],
    ]);
    expect(snapshot(rt)).toEqual(before);
  });

  test('in a Chinese workbook the refusals and field errors are Chinese', () => {
    const rt = setUpWorkbook({
      locale: 'zh-CN',
      timeZone: TIME_ZONE,
      records: sidebarRecords(),
      setUpAgain: true,
    });
    const result = rt.run('recordPurchase', [{ customerId: 'C000001', amount: 'abc' }], {
      as: REP1,
    }) as RecordResult;
    expect(result.message).toBe(CATALOGS['zh-CN']['sidebar.fixErrors']);
    expect(result.status === 'invalid' && result.issues[0].message).toContain(
      columnLabel('zh-CN', 'purchases', 'amount'),
    );
    expect(() => rt.run('logFollowUp', [{ customerId: 'C000002', summary: 'x' }], { as: REP1 })).toThrow(
      CATALOGS['zh-CN']['sidebar.notYourCustomer'].replace('{id}', 'C000002').replace('{owner}', REP2),
    );
  });
});

describe('opportunities in the sidebar', () => {
  test("listed newest first, in the history, moved by the customer's rep; another rep may only look", () => {
    const rt = sidebarWorkbook();
    const first = rt.run('addOpportunity', [{ customerId: 'C000001', title: 'Pilot', amount: 5000 }], {
      as: REP1,
    }) as {
      id: string;
    };
    rt.run(
      'addOpportunity',
      [{ customerId: 'C000001', title: 'Rollout', amount: 20000, stage: 'proposal' }],
      { as: REP1 },
    );
    const d = data(rt, REP1, 'C000001');
    expect(d.opportunities.map((o) => [o.title, o.stage])).toEqual([
      ['Rollout', 'proposal'],
      ['Pilot', 'lead'],
    ]);
    expect(d.history.filter((e) => e.kind === 'opportunity').map((e) => e.fields.title)).toEqual([
      'Rollout',
      'Pilot',
    ]);
    expect(d.may.manageOpportunities).toBe(true);
    expect(d.options.stages.map((s) => s.key)).toEqual([
      'lead',
      'qualified',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(data(rt, REP2, 'C000001').may.manageOpportunities).toBe(false);
    rt.run('moveOpportunity', [first.id, 'lost', 'Budget cut'], { as: REP1 });
    expect(data(rt, REP1, 'C000001').opportunities[1]).toMatchObject({
      stage: 'lost',
      lostReason: 'Budget cut',
    });
  });

  test("a purchase from the sidebar runs the after-write hooks: the customer's value follows", () => {
    const rt = sidebarWorkbook();
    // (an account manager's purchases wait for the nightly job: the value columns are managers')
    rt.run('recordPurchase', [{ customerId: 'C000003', amount: 250, product: 'Setup' }], { as: MANAGER });
    rt.run('recordPurchase', [{ customerId: 'C000003', amount: 750 }], { as: MANAGER });
    expect(customers(rt).C000003).toMatchObject({ revenue: 1000, orders: 2, lastPurchase: '2026-11-23' });
  });
});

describe('the customer form', () => {
  test('offers the active people of the Roles sheet as the owner, with their names', () => {
    const rt = sidebarWorkbook();
    rt.spreadsheet.select('Customers', 'A2');
    const form = rt.run('customerFormData', ['C000001'], { as: MANAGER }) as {
      fields: Array<{ key: string; options?: string[]; optionLabels?: string[] }>;
    };
    const owner = form.fields.find((f) => f.key === 'owner')!;
    expect(owner.options).toEqual(expect.arrayContaining([MANAGER, REP1, REP2, ASSISTANT]));
    expect(owner.options).not.toContain(FORMER);
    expect(owner.optionLabels?.[owner.options!.indexOf(REP1)]).toBe(`Rep One <${REP1}>`);
  });
});

describe('crm log', () => {
  test('logs as the --as user; refusals and field errors exit 1 with nothing written', async () => {
    const file = tempWorkbook();
    writeWorkbookFile(file, sidebarWorkbook().toFile('test'));
    const ok = await crm(
      file,
      'log',
      'C000001',
      '--summary',
      'Phoned',
      '--channel',
      'Phone',
      '--next-step',
      'Quote',
      '--as',
      REP1,
    );
    expect([ok.code, ok.stdout.trim()]).toEqual([
      0,
      'Follow-up logged for C000001. Next follow-up: 2026-12-07.',
    ]);
    const json = await crm(file, 'dump', 'interactions', '--json');
    expect(JSON.parse(json.stdout).pop()).toMatchObject({
      summary: 'Phoned',
      nextStep: 'Quote',
      loggedBy: REP1,
    });
    const refused = await crm(file, 'log', 'C000002', '--summary', 'x', '--as', REP1);
    expect([refused.code, refused.stderr]).toEqual([
      1,
      expect.stringContaining('belongs to rep2@example.com'),
    ]);
    const invalid = await crm(
      file,
      'log',
      'C000001',
      '--summary',
      'x',
      '--next-follow-up',
      'soon',
      '--as',
      REP1,
    );
    expect([invalid.code, invalid.stderr]).toEqual([
      1,
      expect.stringContaining('Next follow-up: "soon" is not a date'),
    ]);
    const usage = await crm(file, 'log', '--summary', 'x');
    expect(usage.code).toBe(2);
    const given = await crm(
      file,
      'log',
      'C000003',
      '--summary',
      'x',
      '--next-follow-up',
      '2027-01-05',
      '--json',
    );
    expect(JSON.parse(given.stdout)).toMatchObject({ status: 'saved', customerId: 'C000003' });
  });
});

describe('service calls', () => {
  /** The sidebar workbook with `n` customers in all, each with an interaction, one owner's run. */
  function sized(n: number): Runtime {
    const extra = Array.from({ length: n - 3 }, (_, i) =>
      customerRecord(i + 4, REP1, { phone: `+86 139 0000 ${String(i).padStart(4, '0')}` }),
    );
    const rt = sidebarWorkbook(extra);
    return rt;
  }

  test('opening, searching, logging and recording make the same calls at 100 and 2,000 customers', () => {
    const counts = (rt: Runtime) => {
      const out: Record<string, Record<string, number>> = {};
      const step = (name: string, fn: string, args: unknown[]) => {
        rt.run(fn, args, { as: REP1 });
        out[name] = { ...rt.lastStats!.calls };
      };
      rt.spreadsheet.select('Customers', 'B2');
      step('open', 'customerSidebarData', []);
      step('search', 'searchCustomers', ['xinda']);
      step('log', 'logFollowUp', [{ customerId: 'C000001', summary: 'Call' }]);
      step('purchase', 'recordPurchase', [{ customerId: 'C000001', amount: 10 }]);
      step('feedback', 'recordFeedback', [{ customerId: 'C000001', rating: 3 }]);
      return out;
    };
    const small = counts(sized(100));
    const large = counts(sized(2000));
    expect(large).toEqual(small);
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    // customers and roles and settings (begin) whole; of interactions, purchases, feedback and
    // opportunities the header and the customerId column, then this customer's rows in one
    // Sheets.Spreadsheets.Values.batchGet each
    expect(small.open['Range.getValues']).toBe(10);
    const batchGets = Object.entries(small.open)
      .filter(([k]) => /batchGet$/.test(k))
      .reduce((a, [, n]) => a + n, 0);
    expect(batchGets).toBeGreaterThanOrEqual(1);
    expect(batchGets).toBeLessThanOrEqual(4);
    expect(total(small.open)).toBeLessThan(80);
  });
});

test('a hostile name is data, not markup, all the way to the page', () => {
  const rt = sidebarWorkbook();
  expect(data(rt, REP2, 'C000002').customer?.fields.name).toBe(HOSTILE);
});
