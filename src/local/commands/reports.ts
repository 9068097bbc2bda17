/** The runner's report and backup commands. */
import type { Command, CommandContext } from '.';
import { printUiEvents, runtimeOf } from '.';

interface Block {
  key: string;
  values: unknown[][];
  formats: string[][];
}

interface ReportPayload {
  scope: 'all' | 'own';
  written: boolean;
  kpis: { customers: { total: number } };
  blocks: Block[];
}

interface BackupResult {
  ok: boolean;
  file?: { id: string; name: string };
  folder: string;
  trashed: string[];
  error?: string;
  retentionError?: string;
}

interface BackupListing {
  folder: string;
  keep: number;
  schedule: string;
  files: Array<{ id: string; name: string; created: string; ours: boolean }>;
}

function runAs<T>(ctx: CommandContext, fn: string, args: unknown[] = []): T {
  const rt = runtimeOf(ctx);
  const before = rt.services.ui._events().length;
  const result = rt.run(fn, args, { as: ctx.as }) as T;
  printUiEvents(ctx, before);
  return result;
}

/** The dashboard's number formats (#,##0 / 0.00 / 0.0% / "¥"#,##0.00) as text. */
export function formatCell(value: unknown, format: string): string {
  if (typeof value !== 'number') {
    const s = String(value ?? '');
    return s.startsWith("'") ? s.slice(1) : s;
  }
  if (!format) return String(value);
  if (format.endsWith('%')) return `${(value * 100).toFixed(1)}%`;
  const currency = /^"([^"]*)"/.exec(format)?.[1] ?? '';
  const decimals = /0\.(0+)/.exec(format)?.[1].length ?? 0;
  return (
    currency +
    value.toLocaleString('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: format.includes('#,##'),
    })
  );
}

function table(block: Block): string {
  const text = block.values.map((line, i) => line.map((v, j) => formatCell(v, block.formats[i]?.[j] ?? '')));
  const widths = text[0].map((_, j) => Math.max(...text.map((l) => [...l[j]].length)));
  return text
    .map((l) =>
      l
        .map((v, j) =>
          typeof block.values[1]?.[j] === 'number' ? v.padStart(widths[j]) : v.padEnd(widths[j]),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const report: Command = {
  name: 'report',
  usage: '[--own] [--json]',
  summary:
    'Refresh the dashboard (managers, admins) and print its figures; account managers (or --own) get their own figures and nothing is written.',
  flags: ['own'],
  maxArgs: 0,
  run(ctx) {
    const payload = runAs<ReportPayload>(ctx, ctx.flags.has('own') ? 'myFigures' : 'runReport');
    if (ctx.json) ctx.io.out(JSON.stringify(payload, null, 2));
    else {
      const [title, subtitle] = payload.blocks.find((b) => b.key === 'title')?.values ?? [];
      const tables = payload.blocks.filter((b) => b.key !== 'title').map(table);
      ctx.io.out(
        [formatCell(title?.[0], ''), formatCell(subtitle?.[0], ''), '', tables.join('\n\n')].join('\n'),
      );
      if (payload.written) ctx.io.out('\n(written to the dashboard sheet)');
    }
    return { save: payload.written };
  },
};

const backup: Command = {
  name: 'backup',
  usage: '[--list] [--json]',
  summary:
    'Copy the spreadsheet to the backup folder in Drive, keeping the newest N; --list shows the backups.',
  flags: ['list'],
  maxArgs: 0,
  run(ctx) {
    if (ctx.flags.has('list')) {
      const listing = runAs<BackupListing>(ctx, 'listBackups');
      if (ctx.json) ctx.io.out(JSON.stringify(listing, null, 2));
      else {
        ctx.io.out(
          `Folder "${listing.folder}" (keep ${listing.keep}, schedule ${listing.schedule}): ${listing.files.length} file(s)`,
        );
        for (const f of listing.files)
          ctx.io.out(`  ${f.created}  ${f.name}${f.ours ? '' : '  (not made by Sheets CRM: never trashed)'}`);
      }
      return { save: false };
    }
    const result = runAs<BackupResult>(ctx, 'menuBackupNow');
    if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
    if (!result.ok) {
      ctx.io.err(result.error ?? 'The backup failed.');
      return { save: false, code: 1 };
    }
    return { save: true };
  },
};

export const reportCommands: Command[] = [report, backup];
