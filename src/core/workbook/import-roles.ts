/**
 * Import rules of the roles sheet (admins only: the shell checks the role before planning). The
 * cells are checked like any sheet's (e-mail, the role from the role list in either language; an
 * item an admin added to that list is refused, since it is no role); then addresses are stored normalised (trimmed, lower case, as `parseRoles` reads them), a blank
 * "active" is written as TRUE (the checkbox shows what blank already means), and a person already
 * on the sheet, or earlier in the file, is skipped and reported: an import adds people, it never
 * changes an existing row's role.
 */
import { Locale, t } from '../../i18n';
import { normalizeEmail } from '../roles';
import { isRole, listKeyOf, listLabel, ROLES, SheetRow } from '../schema';
import { cellText } from '../shared';
import { importSkip, Known, SheetImportRules, whereText } from './import';
import { columnLabel } from './validation';

export function rolesImportRules(args: { existing: readonly SheetRow[]; locale: Locale }): SheetImportRules {
  const { locale } = args;
  const known = new Map<string, Known>();
  for (const r of args.existing) {
    const email = normalizeEmail(r.values.email);
    if (email && !known.has(email)) known.set(email, { row: r.row, line: null, id: null });
  }
  return {
    row(values, line) {
      // A label an admin added to the role list is no role the add-on knows (parseRoles skips it).
      if (!isRole(listKeyOf('role', values.role))) {
        const column = columnLabel(locale, 'roles', 'role');
        const allowed = ROLES.map((r) => listLabel('role', r, locale)).join(', ');
        const value = cellText(values.role);
        return {
          problems: [
            { columnKey: 'role', message: t(locale, 'import.unknownRole', { column, value, allowed }) },
          ],
        };
      }
      const email = normalizeEmail(values.email);
      values.email = email;
      values.managerEmail = normalizeEmail(values.managerEmail);
      if (values.active === '') values.active = true;
      const there = known.get(email);
      if (there) {
        const where = whereText(locale, there);
        return { skip: importSkip(line, 'key', there, t(locale, 'import.skipRole', { line, email, where })) };
      }
      known.set(email, { row: null, line, id: null });
      return { write: true };
    },
  };
}
