/** The customer workbook's commands: import, export, dedupe, audit. */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../cli-args';
import { requireSheetKey } from '../inspect';
import type {
  QualityResult,
  DuplicatesReport,
  MergeResult,
  ExportResult,
  XlsxExportResult,
  ImportResult,
} from '../../server/workbook';
import type { Command, CommandContext } from '.';
import { printUiEvents, runtimeOf } from '.';

function call<T>(ctx: CommandContext, fn: string, args: unknown[] = []): T {
  const rt = runtimeOf(ctx);
  const before = rt.services.ui._events().length;
  const result = rt.run(fn, args, { as: ctx.as }) as T;
  printUiEvents(ctx, before);
  return result;
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

const importCommand: Command = {
  name: 'import',
  usage: '<sheetKey> <file.csv> [--json]',
  summary:
    'Import a CSV file (UTF-8, header by column key or label): valid rows appended, rejected rows listed and written to <file>.rejects.csv.',
  minArgs: 2,
  maxArgs: 2,
  run(ctx) {
    const [key, file] = ctx.args;
    const bytes = readBytes(file);
    const result = call<ImportResult>(ctx, 'importCsv', [requireSheetKey(key), bytes.toString('base64')]);
    const rejectsFile = `${file}.rejects.csv`;
    if (result.rejectsCsv) writeFileSync(rejectsFile, result.rejectsCsv);
    if (ctx.json) {
      const { rejectsCsv: _csv, ...rest } = result;
      ctx.io.out(JSON.stringify({ ...rest, rejectsFile: result.rejectsCsv ? rejectsFile : null }, null, 2));
    } else {
      const lines = [result.summary];
      if (result.unknownNotice) lines.push(result.unknownNotice);
      for (const s of result.skipped) lines.push(`  skipped  ${s.message}`);
      for (const r of result.rejected)
        lines.push(`  rejected line ${r.line}${r.column ? `, ${r.column}` : ''}: ${r.message}`);
      if (result.rejectsCsv) lines.push(`Rejected rows written to ${rejectsFile}.`);
      ctx.io.out(lines.join('\n'));
    }
    return { save: true };
  },
};

const exportCommand: Command = {
  name: 'export',
  readOnly: true,
  usage: '<sheetKey> <file.csv|file.xlsx> [--json]',
  summary:
    "Export a sheet; the format follows the extension: CSV (UTF-8 with BOM, RFC 4180, dates as YYYY-MM-DD, formulas neutralised) or .xlsx (the spreadsheet's own export).",
  minArgs: 2,
  maxArgs: 2,
  run(ctx) {
    const [key, file] = ctx.args;
    if (/\.xlsx$/i.test(file)) {
      const x = call<XlsxExportResult>(ctx, 'exportXlsxFile', [requireSheetKey(key)]);
      writeFileSync(file, Buffer.from(x.base64, 'base64'));
      if (ctx.json) ctx.io.out(JSON.stringify({ sheetKey: x.sheetKey, bytes: x.bytes, file }, null, 2));
      else ctx.io.out(`Exported ${x.sheetKey} to ${file} (${x.bytes} bytes).`);
      return { save: false };
    }
    if (!/\.csv$/i.test(file)) throw new UsageError('the file must end in .csv or .xlsx');
    const result = call<ExportResult>(ctx, 'exportCsvFile', [requireSheetKey(key)]);
    writeFileSync(file, result.csv, 'utf8');
    if (ctx.json) ctx.io.out(JSON.stringify({ sheetKey: result.sheetKey, rows: result.rows, file }, null, 2));
    else ctx.io.out(`Exported ${result.rows} rows of ${result.sheetKey} to ${file}.`);
    return { save: false };
  },
};

const dedupe: Command = {
  name: 'dedupe',
  usage: '[--apply] [--json]',
  summary:
    'List groups of likely duplicate customers; --apply merges them all (archive, re-point, audit log).',
  flags: ['apply'],
  maxArgs: 0,
  run(ctx) {
    const report = call<DuplicatesReport>(ctx, 'findDuplicates');
    const merge = ctx.flags.has('apply') ? mergeAll(ctx) : null;
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ groups: report.groups, summary: report.summary, merge }, null, 2));
    } else {
      const lines = [report.summary];
      for (const g of report.groups) {
        lines.push(`${g.key}  (${g.reasons})`);
        for (const m of g.members)
          lines.push(
            `  ${m.keep ? '*' : ' '} row ${m.row}  ${m.id}  ${m.name}  ${m.company}  ${m.email}  ${m.phone}`,
          );
      }
      if (merge) lines.push(merge.summary);
      ctx.io.out(lines.join('\n'));
    }
    return { save: !!merge };
  },
};

/** Merges every group, one execution per batch of MERGE_GROUPS_PER_RUN, as a user would re-run it. */
function mergeAll(ctx: CommandContext): MergeResult {
  let total = call<MergeResult>(ctx, 'mergeDuplicates', [null]);
  while (total.remaining > 0) {
    const next = call<MergeResult>(ctx, 'mergeDuplicates', [null]);
    if (next.merged === 0) break;
    total = {
      ...next,
      merged: total.merged + next.merged,
      archived: total.archived + next.archived,
      repointed: total.repointed + next.repointed,
      summary: `${total.summary}\n${next.summary}`,
    };
  }
  return total;
}

const audit: Command = {
  name: 'audit',
  usage: '[--json]',
  summary:
    'Data-quality audit: every invalid cell, missing value, orphan, duplicate; rewrites the report sheet.',
  maxArgs: 0,
  run(ctx) {
    const result = call<QualityResult>(ctx, 'runDataQuality');
    if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
    else {
      const lines = [result.summary];
      for (const f of result.findings)
        lines.push(`  ${f.kind}  ${f.sheetKey}${f.row ? ` row ${f.row}` : ''}  ${f.message}`);
      ctx.io.out(lines.join('\n'));
    }
    return { save: true };
  },
};

export const workbookCommands: Command[] = [importCommand, exportCommand, dedupe, audit];
