import { createContext } from '../../../src/local/emulator/context';
import {
  BODY_TOO_LARGE,
  MailAppEmulator,
  QUOTA_EXCEEDED,
  TOO_MANY_RECIPIENTS,
} from '../../../src/local/emulator/services/mail';
import type { AccountProfile } from '../../../src/local/emulator/account';

const DAY = 86_400_000;

function setup(dailyQuota?: number, account: AccountProfile = 'consumer') {
  const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'), account);
  const service = new MailAppEmulator(ctx, undefined, { dailyQuota });
  return { ctx, service, MailApp: service.global };
}

describe('MailApp (reference: Class MailApp, Quotas for Google Services)', () => {
  test('sendEmail(recipient, subject, body) leaves the message in the outbox, sent as the effective user', () => {
    const { service, MailApp, ctx } = setup();
    MailApp.sendEmail('am@example.com', 'Follow-ups today', '3 customers are due.');
    expect(service._outbox()).toEqual([
      {
        id: 'm1',
        from: 'owner@example.com',
        to: ['am@example.com'],
        cc: [],
        bcc: [],
        subject: 'Follow-ups today',
        body: '3 customers are due.',
        htmlBody: null,
        name: null,
        replyTo: null,
        noReply: false,
        attachments: [],
        sentAt: '2026-03-02T01:00:00.000Z',
      },
    ]);
    expect(ctx.counter.snapshot().calls['MailApp.sendEmail']).toBe(1);
  });

  test('sendEmail(recipient, subject, body, options) and sendEmail(message) carry html, name, cc, bcc, replyTo', () => {
    const { service, MailApp } = setup();
    MailApp.sendEmail('a@example.com', 'S1', 'plain', {
      htmlBody: '<b>html</b>',
      name: 'Sheets CRM',
      cc: 'b@example.com, Carol <c@example.com>',
      replyTo: 'mgr@example.com',
      noReply: true,
    });
    MailApp.sendEmail({ to: 'd@example.com', bcc: 'e@example.com', subject: 'S2', htmlBody: '<i>x</i>' });
    const [a, b] = service._outbox();
    expect(a).toMatchObject({
      htmlBody: '<b>html</b>',
      name: 'Sheets CRM',
      cc: ['b@example.com', 'c@example.com'],
    });
    expect(a).toMatchObject({ replyTo: 'mgr@example.com', noReply: true });
    expect(b).toMatchObject({
      to: ['d@example.com'],
      bcc: ['e@example.com'],
      subject: 'S2',
      body: '',
      htmlBody: '<i>x</i>',
    });
  });

  test('quota "based on the number of email recipients": to, cc and bcc all count', () => {
    const { MailApp } = setup();
    expect(MailApp.getRemainingDailyQuota()).toBe(100); // consumer account
    MailApp.sendEmail({
      to: 'a@example.com,b@example.com',
      cc: 'c@example.com',
      bcc: 'd@example.com',
      subject: 's',
    });
    expect(MailApp.getRemainingDailyQuota()).toBe(96);
  });

  test('a quota of 2: two sends go, the third throws "Service invoked too many times for one day: email." and sends nothing; 24 h after the first send it resets', () => {
    const { service, MailApp, ctx } = setup(2);
    const recipients = ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}@example.com`);
    const sent: string[] = [];
    let error: unknown = null;
    for (const to of recipients) {
      try {
        MailApp.sendEmail(to, 'Digest', 'body');
        sent.push(to);
      } catch (e) {
        error = e;
        break;
      }
    }
    expect(sent).toEqual(['a@example.com', 'b@example.com']);
    expect((error as Error).message).toBe(QUOTA_EXCEEDED);
    expect(service._outbox()).toHaveLength(2);
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    // "Quotas are per user and reset 24 hours after the first request."
    ctx.clock.advance(DAY - 1);
    expect(() => MailApp.sendEmail('c@example.com', 'Digest', 'body')).toThrow(QUOTA_EXCEEDED);
    ctx.clock.advance(1);
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
    MailApp.sendEmail('c@example.com', 'Digest', 'body');
    expect(service._outbox().map((m) => m.to[0])).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
  });

  test('a message with more recipients than the quota left is refused whole', () => {
    const { service, MailApp } = setup(2);
    expect(() => MailApp.sendEmail('a@example.com,b@example.com,c@example.com', 's', 'b')).toThrow(
      QUOTA_EXCEEDED,
    );
    expect(service._outbox()).toHaveLength(0);
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
  });

  test('quotas are per user: another sender has a full quota', () => {
    const { MailApp, ctx } = setup(1);
    MailApp.sendEmail('a@example.com', 's', 'b');
    ctx.identity.effective = 'am@example.com';
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
  });

  test('a malformed address throws "Invalid email: x"; no recipient throws "Failed to send email: no recipient"', () => {
    const { service, MailApp } = setup();
    expect(() => MailApp.sendEmail('not-an-address', 's', 'b')).toThrow('Invalid email: not-an-address');
    expect(() => MailApp.sendEmail('ok@example.com, bad@', 's', 'b')).toThrow('Invalid email: bad@');
    expect(() => MailApp.sendEmail('', 's', 'b')).toThrow('Failed to send email: no recipient');
    expect(() => MailApp.sendEmail({ subject: 's', body: 'b' })).toThrow(
      'Failed to send email: no recipient',
    );
    expect(() => MailApp.sendEmail('ok@example.com', '', 'b')).toThrow('Failed to send email: no subject');
    expect(service._outbox()).toHaveLength(0);
  });

  test('_failNext injects a send failure: it throws the message, sends nothing, uses no quota', () => {
    const { service, MailApp } = setup();
    service._failNext(1, 'Service unavailable: Gmail');
    expect(() => MailApp.sendEmail('a@example.com', 's', 'b')).toThrow('Service unavailable: Gmail');
    expect(service._outbox()).toHaveLength(0);
    expect(MailApp.getRemainingDailyQuota()).toBe(100);
    MailApp.sendEmail('a@example.com', 's', 'b');
    expect(service._outbox()).toHaveLength(1);
  });

  test('_setSendDelay: each send takes emulated time (a test hook: real sends are not instant)', () => {
    const { service, MailApp, ctx } = setup();
    const start = ctx.clock.now();
    MailApp.sendEmail('a@example.com', 's', 'b');
    expect(ctx.clock.now()).toBe(start);
    service._setSendDelay(1500);
    MailApp.sendEmail('a@example.com', 's', 'b');
    MailApp.sendEmail('b@example.com', 's', 'b');
    expect(ctx.clock.now()).toBe(start + 3000);
    expect(service._outbox().map((m) => m.sentAt)).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-02T01:00:01.500Z',
      '2026-03-02T01:00:03.000Z',
    ]);
  });

  test('the outbox and the quota window survive a state round trip', () => {
    const { service, MailApp, ctx } = setup(3);
    MailApp.sendEmail('a@example.com', 's', 'b');
    const state = JSON.parse(JSON.stringify(service.toState()));
    const again = new MailAppEmulator(ctx, state);
    expect(again._outbox()).toEqual(service._outbox());
    expect(again.global.getRemainingDailyQuota()).toBe(2);
    again.global.sendEmail('b@example.com', 's', 'b');
    expect(again._outbox().map((m) => m.id)).toEqual(['m1', 'm2']);
  });
});

describe('MailApp limits of the quotas page', () => {
  test('"Email recipients per day": 100 on consumer, 1,500 on Google Workspace', () => {
    expect(setup(undefined, 'consumer').MailApp.getRemainingDailyQuota()).toBe(100);
    expect(setup(undefined, 'workspace').MailApp.getRemainingDailyQuota()).toBe(1500);
  });

  test('"Email recipients per message 50 / msg": a 51st recipient refuses the message, nothing is sent', () => {
    const { MailApp, service } = setup(undefined, 'workspace');
    const to = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.com`).join(',');
    expect(() => MailApp.sendEmail(to(51), 'S', 'B')).toThrow(TOO_MANY_RECIPIENTS);
    expect(service._outbox()).toHaveLength(0);
    MailApp.sendEmail(to(50), 'S', 'B');
    expect(service._outbox()).toHaveLength(1);
  });

  test('"Email body size 200 KB / msg": a larger body or HTML body is refused', () => {
    const { MailApp, service } = setup();
    const big = 'x'.repeat(200 * 1024 + 1);
    expect(() => MailApp.sendEmail('a@example.com', 'S', big)).toThrow(BODY_TOO_LARGE);
    expect(() => MailApp.sendEmail({ to: 'a@example.com', subject: 'S', htmlBody: big })).toThrow(
      BODY_TOO_LARGE,
    );
    MailApp.sendEmail('a@example.com', 'S', 'x'.repeat(200 * 1024));
    expect(service._outbox()).toHaveLength(1);
  });
});
