import { authorizedIdentity, createContext } from '../../../src/local/emulator/context';
import { SessionService } from '../../../src/local/emulator/services/session';

function setup() {
  const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'));
  const service = new SessionService(ctx, undefined, {
    scriptTimeZone: 'Asia/Shanghai',
    userLocales: { 'owner@example.com': 'zh_CN' },
  });
  return { ctx, service, Session: service.global };
}

describe('Session (reference: Class Session)', () => {
  test('getActiveUser and getEffectiveUser come from the execution identity', () => {
    const { ctx, Session } = setup();
    expect(Session.getActiveUser().getEmail()).toBe('owner@example.com');
    ctx.identity.active = 'am@example.com';
    ctx.identity.shownEffective = 'owner@example.com';
    expect(Session.getActiveUser().getEmail()).toBe('am@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.com');
    expect(ctx.counter.snapshot().calls).toMatchObject({ 'Session.getActiveUser': 2, 'User.getEmail': 3 });
  });

  test('getActiveUser may be blank "if security policies do not allow access to the user\'s identity"', () => {
    const { ctx, Session } = setup();
    ctx.identity.active = '';
    expect(Session.getActiveUser().getEmail()).toBe('');
  });

  test('getScriptTimeZone is the project time zone; getActiveUserLocale is the user\'s language, e.g. "en"', () => {
    const { ctx, Session, service } = setup();
    expect(Session.getScriptTimeZone()).toBe('Asia/Shanghai');
    expect(Session.getActiveUserLocale()).toBe('zh_CN');
    ctx.identity = authorizedIdentity('am@example.com');
    expect(Session.getActiveUserLocale()).toBe('en');
    service._setLocale('am@example.com', 'en_GB');
    expect(Session.getActiveUserLocale()).toBe('en_GB');
    expect(
      new SessionService(ctx, service.toState(), { scriptTimeZone: 'UTC' }).global.getActiveUserLocale(),
    ).toBe('en_GB');
  });

  test('getTemporaryActiveUserKey is unique to the user, hides the e-mail and rotates every 30 days', () => {
    const { ctx, Session } = setup();
    const k1 = Session.getTemporaryActiveUserKey();
    expect(k1).not.toContain('owner');
    expect(Session.getTemporaryActiveUserKey()).toBe(k1);
    ctx.identity = authorizedIdentity('am@example.com');
    expect(Session.getTemporaryActiveUserKey()).not.toBe(k1);
    ctx.identity = authorizedIdentity('owner@example.com');
    ctx.clock.advance(31 * 86_400_000);
    expect(Session.getTemporaryActiveUserKey()).not.toBe(k1);
  });
});
