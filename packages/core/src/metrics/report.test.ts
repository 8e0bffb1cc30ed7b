// Tests of classificationReport: text identical to scikit-learn 1.7.2's, dict identical to output_dict.
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors/index.js';
import { expectClose, loadExpected } from './__fixtures__/load.js';
import { classificationReport, formatFixed } from './report.js';

const E = loadExpected();

function expectDict(got: Record<string, unknown>, want: Record<string, unknown>) {
  expect(Object.keys(got)).toEqual(Object.keys(want));
  for (const [k, v] of Object.entries(want)) {
    if (typeof v === 'number') expectClose(got[k], v);
    else
      for (const [f, x] of Object.entries(v as Record<string, number>))
        expectClose((got[k] as Record<string, number>)[f], x);
  }
}

describe.each(['binary', 'multiclass', 'strings'] as const)('%s report', (name) => {
  const c = E[name];
  it('text matches sklearn exactly', () => {
    expect(classificationReport(c.yTrue, c.yPred).toString()).toBe(c.report);
    expect(String(classificationReport(c.yTrue, c.yPred, { sampleWeight: c.sampleWeight, digits: 4 }))).toBe(
      c.reportWeighted,
    );
    expect(classificationReport(c.yTrue, c.yPred, { labels: c.labelsSubset }).toString()).toBe(
      c.reportLabels,
    );
  });
  it('dict matches output_dict', () => {
    expectDict(classificationReport(c.yTrue, c.yPred).toDict(), c.reportDict);
    expectDict(
      classificationReport(c.yTrue, c.yPred, { labels: c.labelsSubset }).toDict(),
      c.reportLabelsDict,
    );
  });
});

describe('classificationReport details', () => {
  it('structured fields', () => {
    const r = classificationReport(['a', 'b', 'a'], ['a', 'b', 'b']);
    expect(r.perClass.map((p) => p.name)).toEqual(['a', 'b']);
    expect(r.perClass[0]).toMatchObject({ label: 'a', precision: 1, recall: 0.5, support: 2 });
    expect(r.accuracy).toBeCloseTo(2 / 3, 15);
    expect(r.microAvg).toBeNull();
    expect(r.macroAvg.support).toBe(3);
    const sub = classificationReport(['a', 'b', 'a'], ['a', 'b', 'b'], { labels: ['a'] });
    expect(sub.accuracy).toBeNull();
    expect(sub.microAvg?.precision).toBe(1);
  });
  it('target names and zero division', () => {
    const s = E.strings;
    expect(
      classificationReport(s.yTrue, s.yPred, { targetNames: ['B', 'C', 'D'], digits: 3 }).toString(),
    ).toBe(s.reportTargetNames);
    const z = E.zeroDivision;
    expect(classificationReport(z.yTrue, z.yPred, { zeroDivision: 0 }).toString()).toBe(E.zeroDivisionReport);
  });
  it('wrong number of target names', () => {
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['x'] })).toThrow(ShapeError);
  });
  it('formats like Python, rounding exact ties half to even', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(0.1234, 2)).toBe('0.12');
    expect(formatFixed(Number.NaN, 2)).toBe('nan');
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('inf');
    expect(formatFixed(Number.NEGATIVE_INFINITY, 2)).toBe('-inf');
  });
});
