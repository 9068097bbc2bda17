/**
 * Rules Sheets itself enforces on people's edits, proven through the runner: `crm edit`
 * is a user's edit, so a refused value exits 1 with Sheets' message and the rule's help text.
 */
import { crm, tempWorkbook } from '../../support/runner';

let wb: string;
beforeAll(async () => {
  wb = tempWorkbook();
  expect((await crm(wb, 'init', '--sample')).code).toBe(0);
});

async function refused(...args: string[]): Promise<string> {
  const r = await crm(wb, 'edit', ...args);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('There was a problem');
  return r.stderr;
}

async function accepted(...args: string[]): Promise<void> {
  const r = await crm(wb, 'edit', ...args);
  expect([r.code, r.stderr]).toEqual([0, '']);
}

test('email: not-an-email is refused with the help text; a valid address passes', async () => {
  expect(await refused('customers', '2', 'email', 'not-an-email')).toContain('Enter an e-mail address.');
  await accepted('customers', '2', 'email', 'new.address@example.com');
  const rows = (await crm(wb, 'dump', 'customers', '--json')).json() as Array<{ email: string }>;
  expect(rows[0].email).toBe('new.address@example.com');
});

test('phone: +86 numbers pass, letters are refused', async () => {
  await accepted('customers', '2', 'phone', '+86 138 0013 8000');
  await accepted('customers', '3', 'phone', '(010) 8888-0000');
  expect(await refused('customers', '2', 'phone', 'call me')).toContain('Enter a phone number');
});

test('owner must be an active user of the roles sheet', async () => {
  expect(await refused('customers', '2', 'owner', 'stranger@example.com')).toContain(
    'active user listed on the Roles sheet',
  );
  await accepted('customers', '2', 'owner', 'rep2@example.com');
});

test('satisfaction 6 is refused, 4 passes; dates, dropdowns and amounts are checked too', async () => {
  expect(await refused('customers', '2', 'satisfaction', '6')).toContain('whole number from 1 to 5');
  await accepted('customers', '2', 'satisfaction', '4');
  expect(await refused('customers', '2', 'birthday', 'soon')).toContain('Enter a date');
  expect(await refused('customers', '2', 'region', 'Mars')).toContain('list.region');
  expect(await refused('purchases', '2', 'amount', '-5')).toContain('0 or more');
});

test('an interaction with an unknown customer id is refused; a known one passes', async () => {
  expect(await refused('interactions', '2', 'customerId', 'C999999')).toContain('ID of an existing customer');
  await accepted('interactions', '2', 'customerId', 'C000007');
});
