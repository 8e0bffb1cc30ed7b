// classificationReport: per-class precision/recall/F1/support plus averages, as data and as text.
import { ShapeError } from '../errors/index.js';
import { type AveragedPrfs, type PerClassPrfs, prfs, type ZeroDivision } from './precision-recall.js';
import { checkSampleWeight, encodePair, type Label, type LabelArray } from './validation.js';

/** One line of the report. */
export interface ReportRow {
  precision: number;
  recall: number;
  f1Score: number;
  /** (Weighted) number of true samples. */
  support: number;
}

/** Structured classification report; `toString()` renders sklearn's text table. */
export interface ClassificationReport {
  /** One row per label, in label order, with its display name. */
  perClass: Array<ReportRow & { label: Label; name: string }>;
  /** Accuracy, when micro-averaging equals it (all present labels are reported); else null. */
  accuracy: number | null;
  /** Micro average, only when it differs from accuracy (a subset of labels was asked for). */
  microAvg: ReportRow | null;
  macroAvg: ReportRow;
  weightedAvg: ReportRow;
  /** The same content keyed like sklearn's `output_dict=True` ('f1-score', 'macro avg'…). */
  toDict(): Record<
    string,
    number | { precision: number; recall: number; 'f1-score': number; support: number }
  >;
  /** Text table identical to sklearn's `classification_report`. */
  toString(): string;
}

export interface ClassificationReportOptions {
  /** Labels to include, in order; default: all labels of yTrue and yPred, sorted. */
  labels?: LabelArray;
  /** Display names aligned with the labels. */
  targetNames?: readonly string[];
  sampleWeight?: ArrayLike<number>;
  /** Decimal places in the text rendering (default 2). */
  digits?: number;
  zeroDivision?: ZeroDivision;
}

/** Python's `format(x, '.{d}f')`: exact ties round half to even (JS `toFixed` rounds them up). */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const long = Math.abs(x).toFixed(Math.min(100, digits + 30));
  const cut = long.indexOf('.') + digits + 1;
  const isTie = long[cut] === '5' && /^0*$/.test(long.slice(cut + 1));
  if (!isTie) return x.toFixed(digits);
  const kept = long.slice(0, digits === 0 ? cut - 1 : cut);
  // An odd last digit rounds up, which toFixed already does; an even one stays.
  return Number(kept[kept.length - 1]) % 2 === 0 ? (x < 0 ? '-' : '') + kept : x.toFixed(digits);
}

/** Python's `repr(float)` for the values a support column can hold. */
function pyFloat(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x).replace(/e([+-])(\d)$/, 'e$10$2');
}

function row(
  r: AveragedPrfs | { precision: number; recall: number; fScore: number },
  support: number,
): ReportRow {
  return { precision: r.precision, recall: r.recall, f1Score: r.fScore, support };
}

/**
 * Builds a text and structured report of the main classification metrics, as sklearn's
 * `classification_report`.
 *
 * @throws ShapeError when `targetNames` does not have one name per label.
 */
export function classificationReport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const fn = 'classificationReport';
  const { classes } = encodePair(fn, yTrue, yPred);
  const weighted = checkSampleWeight(fn, options.sampleWeight, yTrue.length) !== null;
  const digits = options.digits ?? 2;
  const common = {
    labels: options.labels,
    sampleWeight: options.sampleWeight,
    zeroDivision: options.zeroDivision,
  };
  const per = prfs(fn, yTrue, yPred, null, common) as PerClassPrfs;
  const names = options.targetNames ? [...options.targetNames] : per.labels.map(String);
  if (names.length !== per.labels.length) {
    throw new ShapeError(
      `${fn}: ${per.labels.length} labels but ${names.length} targetNames; pass one name per label (or set labels)`,
    );
  }
  const selected = new Set<Label>(per.labels);
  const microIsAccuracy = options.labels === undefined || classes.every((c) => selected.has(c));
  let total = 0;
  for (let i = 0; i < per.support.length; i++) total += per.support[i]!;
  const avg = (average: 'micro' | 'macro' | 'weighted') =>
    row(prfs(fn, yTrue, yPred, average, common) as AveragedPrfs, total);
  const micro = avg('micro');
  const report: ClassificationReport = {
    perClass: per.labels.map((label, i) => ({
      label,
      name: names[i]!,
      ...row(
        { precision: per.precision[i]!, recall: per.recall[i]!, fScore: per.fScore[i]! },
        per.support[i]!,
      ),
    })),
    accuracy: microIsAccuracy ? micro.f1Score : null,
    microAvg: microIsAccuracy ? null : micro,
    macroAvg: avg('macro'),
    weightedAvg: avg('weighted'),
    toDict() {
      const d: ReturnType<ClassificationReport['toDict']> = {};
      const put = (key: string, r: ReportRow) => {
        d[key] = { precision: r.precision, recall: r.recall, 'f1-score': r.f1Score, support: r.support };
      };
      for (const r of report.perClass) put(r.name, r);
      if (report.accuracy !== null) d['accuracy'] = report.accuracy;
      else put('micro avg', micro);
      put('macro avg', report.macroAvg);
      put('weighted avg', report.weightedAvg);
      return d;
    },
    toString() {
      const width = Math.max(...names.map((n) => n.length), 'weighted avg'.length, digits);
      const sup = (s: number) => (weighted ? pyFloat(s) : String(s)).padStart(9);
      const num = (x: number) => formatFixed(x, digits).padStart(9);
      const line = (name: string, r: ReportRow) =>
        `${name.padStart(width)}  ${num(r.precision)} ${num(r.recall)} ${num(r.f1Score)} ${sup(r.support)}\n`;
      let text = `${''.padStart(width)}  ${['precision', 'recall', 'f1-score', 'support'].map((h) => h.padStart(9)).join(' ')}\n\n`;
      for (const r of report.perClass) text += line(r.name, r);
      text += '\n';
      if (report.accuracy !== null) {
        text += `${'accuracy'.padStart(width)}  ${''.padStart(9)} ${''.padStart(9)} ${num(micro.f1Score)} ${sup(total)}\n`;
      } else text += line('micro avg', micro);
      text += line('macro avg', report.macroAvg);
      text += line('weighted avg', report.weightedAvg);
      return text;
    },
  };
  return report;
}
