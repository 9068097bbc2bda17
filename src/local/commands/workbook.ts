/** The customer workbook's commands: import, export, dedupe, audit. */
import { readFileSync, writeFileSync } from 'node:fs';
import { UsageError } from '../cli-args';
import { formatMessage } from '../../i18n';
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
    'Import a CSV file (UTF-8, header by column key or label) into customers, interactions, purchases, feedback, opportunities, targets or roles: valid rows appended, rejected rows listed and written to <file>.rejects.csv.',
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
      if (result.notice) lines.push(result.notice);
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
  usage: '[--apply [--keep ID[,ID...]] [--answer yes|no]] [--json]',
  summary:
    'List groups of likely duplicate customers (* marks the record kept); --apply merges them all ' +
    '(archive, re-point, audit log) after asking, --keep ID keeps that record of its group instead.',
  options: ['keep'],
  flags: ['apply'],
  maxArgs: 0,
  run(ctx) {
    const keep = (ctx.options.keep ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (keep.length && !ctx.flags.has('apply')) throw new UsageError('--keep goes with --apply');
    const report = call<DuplicatesReport>(ctx, 'findDuplicates');
    const merge =
      ctx.flags.has('apply') && report.groups.length > 0 ? confirmedMerge(ctx, report, keep) : null;
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ groups: report.groups, summary: report.summary, merge }, null, 2));
    } else {
      const lines = [report.summary];
      const wanted = new Set(keep.map((id) => id.toUpperCase()));
      for (const g of report.groups) {
        const chosen = g.members.some((m) => wanted.has(m.id.toUpperCase()));
        lines.push(`${g.key}  (${g.reasons})`);
        for (const m of g.members) {
          const kept = chosen ? wanted.has(m.id.toUpperCase()) : m.keep;
          lines.push(
            `  ${kept ? '*' : ' '} ${ctx.t('local.dedupe.row', { row: m.row })}  ${m.id}  ${m.name}  ${m.company}  ${m.email}  ${m.phone}`,
          );
        }
      }
      if (report.groups.length) lines.push(ctx.t('local.dedupe.keep'));
      if (merge) lines.push(merge.summary);
      else if (ctx.flags.has('apply') && report.groups.length) lines.push(ctx.t('local.dedupe.nothing'));
      ctx.io.out(lines.join('\n'));
    }
    return { save: !!merge };
  },
};

/**
 * A merge archives records: the runner asks as the dialog does, and goes on only with
 * `--answer yes`; `--answer no` merges nothing, no answer stops with the question.
 */
function confirmedMerge(ctx: CommandContext, report: DuplicatesReport, keep: string[]): MergeResult | null {
  const question = formatMessage(report.messages, 'dedupe.confirm', { groups: report.groups.length });
  if (ctx.options.answer === 'no') return null;
  if (ctx.options.answer !== 'yes') throw new Error(ctx.t('local.question.refused', { question }));
  return mergeAll(ctx, keep);
}

/** Merges every group, one execution per batch of MERGE_GROUPS_PER_RUN, as a user would re-run it. */
function mergeAll(ctx: CommandContext, keep: string[]): MergeResult {
  const options = { keep };
  let total = call<MergeResult>(ctx, 'mergeDuplicates', [null, options]);
  while (total.remaining > 0) {
    // A chosen survivor's group is merged in the first run; later runs keep the defaults.
    const next = call<MergeResult>(ctx, 'mergeDuplicates', [null, { keep: [] }]);
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
    const result = auditAll(ctx);
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

/**
 * Runs the audit to the end: a workbook too large for one execution is audited in stages, which the
 * continuation trigger would run a minute apart; the runner runs them one after the other, as that
 * trigger does. The result holds every stage's findings and the final counts and summary.
 */
function auditAll(ctx: CommandContext): QualityResult {
  let result = call<QualityResult>(ctx, 'runDataQuality');
  const findings = [...result.findings];
  while (!result.done) {
    const next = call<QualityResult | null>(ctx, 'continueDataQuality');
    if (!next) break;
    findings.push(...next.findings);
    result = next;
  }
  return { ...result, findings };
}

export const workbookCommands: Command[] = [importCommand, exportCommand, dedupe, audit];
