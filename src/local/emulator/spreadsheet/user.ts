/** User: an e-mail address behind the Apps Script User class. */
import { counted } from '../context';
import type { Env } from './env';

type U = GoogleAppsScript.Base.User;

export class UserImpl implements Pick<U, 'getEmail' | 'getUserLoginId'> {
  constructor(private readonly _email: string) {}
  getEmail() {
    return this._email;
  }
  getUserLoginId() {
    return this._email;
  }
  toString() {
    return this._email;
  }
}

export function makeUser(env: Env, email: string): U {
  return counted(env.ctx, 'User', new UserImpl(email)) as unknown as U;
}
