/**
 * Session: who runs the script and in which locale and time zone. Identities come from the
 * context (the runtime switches them between executions); locales are per user and persisted.
 */
import { createHash } from 'node:crypto';
import { counted, type EmulatorContext } from '../context';

export interface SessionOptions {
  scriptTimeZone: string;
  /** e-mail → locale as Apps Script spells it: 'en', 'zh_CN' */
  userLocales?: Record<string, string>;
  /** locale of users not in the map */
  defaultLocale?: string;
  scriptId?: string;
}

export interface SessionState {
  userLocales: Record<string, string>;
}

const THIRTY_DAYS_MS = 30 * 86_400_000;

export class SessionService {
  private userLocales: Record<string, string>;
  private readonly api: GoogleAppsScript.Base.Session;

  constructor(
    private readonly ctx: EmulatorContext,
    state: SessionState | undefined,
    private readonly options: SessionOptions,
  ) {
    this.userLocales = { ...(options.userLocales ?? {}), ...(state?.userLocales ?? {}) };
    this.api = this.build();
  }

  get global(): GoogleAppsScript.Base.Session {
    return this.api;
  }

  toState(): SessionState {
    return { userLocales: { ...this.userLocales } };
  }

  /** Sets a user's UI language, as the user would in their Google account settings. */
  _setLocale(email: string, locale: string): void {
    this.userLocales[email.toLowerCase()] = locale;
  }

  private user(email: string): GoogleAppsScript.Base.User {
    const user: Pick<GoogleAppsScript.Base.User, 'getEmail'> & { getUserLoginId(): string } = {
      getEmail: () => email,
      getUserLoginId: () => email,
    };
    return counted(this.ctx, 'User', user) as GoogleAppsScript.Base.User;
  }

  private localeOf(): string {
    const email = this.ctx.identity.person.toLowerCase();
    return this.userLocales[email] ?? this.options.defaultLocale ?? 'en';
  }

  private build(): GoogleAppsScript.Base.Session {
    const api: Pick<
      GoogleAppsScript.Base.Session,
      | 'getActiveUser'
      | 'getEffectiveUser'
      | 'getScriptTimeZone'
      | 'getActiveUserLocale'
      | 'getTemporaryActiveUserKey'
      | 'getTimeZone'
    > = {
      // Reference: the active user "may be blank" when security policies hide the identity; the
      // runtime decides per execution kind and account what is revealed (execution.ts).
      getActiveUser: () => this.user(this.ctx.identity.active),
      // Reference: the installer under an installable trigger, else "the same account as getActiveUser()".
      getEffectiveUser: () => this.user(this.ctx.identity.shownEffective),
      getScriptTimeZone: () => this.options.scriptTimeZone,
      getTimeZone: () => this.options.scriptTimeZone,
      getActiveUserLocale: () => this.localeOf(),
      // Reference: "Gets a temporary key that is unique to the active user but does not reveal the
      // user identity", rotating every 30 days. A hash of the person (revealed or not: the key is
      // what a hidden person still has), the script and the 30-day period has those properties.
      getTemporaryActiveUserKey: () => {
        const period = Math.floor(this.ctx.clock.now() / THIRTY_DAYS_MS);
        const who = this.ctx.identity.person;
        return createHash('sha256')
          .update(`${this.options.scriptId ?? 'sheets-crm'}|${who}|${period}`)
          .digest('base64')
          .replace(/=+$/, '');
      },
    };
    return counted(this.ctx, 'Session', api) as GoogleAppsScript.Base.Session;
  }
}
