// mlpy train / evaluate / predict in-process on real CSV files: models, aliases, auto, automatic
// preprocessing, tracking and registration, outputs, and every user mistake's exit code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTracker } from '@mlpy/tracking';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo, mlpy, tempDir, trainIris, writeDiabetes, writeIris } from '../__fixtures__/helpers.js';
import { run } from '../cli.js';
import { inferTask } from '../training/dataset.js';
import { parseParams, resolveModelClass } from '../training/model-spec.js';

const cwd = tempDir();
beforeAll(() => {
  writeIris(cwd);
  writeDiabetes(cwd);
});

describe('mlpy train', () => {
  it('trains a named model with params, preprocessing, a tracked run and a registered champion', async () => {
    const r = await trainIris(
      cwd,
      '-m',
      'logistic',
      '-p',
      'C=2',
      '-p',
      'maxIter=300',
      '-o',
      'iris.mlpy',
      '--register',
      'iris',
      '--alias',
      'champion',
      '--json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.task).toBe('classification');
    expect(out.estimator).toBe('Pipeline(ColumnTransformer → LogisticRegression)');
    expect(out.preprocessing.join(' ')).toMatch(
      /median imputation.*standard scaling.*one-hot encoding of 1 text column\(s\): colour/,
    );
    expect(out.testMetrics.accuracy).toBeGreaterThan(0.8);
    expect(existsSync(join(cwd, 'iris.mlpy'))).toBe(true);
    expect(out.registered).toEqual({ name: 'iris', version: '1', alias: 'champion' });
    const tracker = await createTracker(join(cwd, '.mlpy/tracking.db'));
    const run = await tracker.getRun(out.runId);
    expect(run.info.status).toBe('FINISHED');
    expect(run.data.params['model__C']).toBe('2');
    expect(run.data.params['steps']).toMatch(/^\[\["prep",\{"estimator":"ColumnTransformer"/);
    expect(run.data.metrics['test_accuracy']?.value).toBeCloseTo(out.testMetrics.accuracy);
    expect((await tracker.registry.getModel('iris')).aliases).toEqual({ champion: '1' });
    await tracker.close();
  });

  it('auto cross-validates the candidates and prints the table (text output)', async () => {
    const r = await mlpy(
      cwd,
      'train',
      'diabetes.csv',
      '-t',
      'progression',
      '--cv',
      '3',
      '-o',
      'diab.mlpy',
      '--no-track',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cross-validated r2 \(\d candidates, best first\)/);
    expect(r.out).toMatch(/task: +regression/);
    expect(r.out).toMatch(/test rmse/);
    expect(r.out).not.toMatch(/run:/);
  });

  it('draws a progress bar only on a terminal', async () => {
    const m = memoryIo(cwd, {}, true);
    const code = await run(
      [
        'train',
        'diabetes.csv',
        '-t',
        'progression',
        '-m',
        'rf',
        '-p',
        'nEstimators=30',
        '--no-track',
        '-o',
        'rf.mlpy',
      ],
      m.io,
    );
    expect(code).toBe(0);
    expect(m.err()).toMatch(/\rfit rf \[[#-]{24}\] \d+\/30 /);
    expect(m.err().endsWith('\r\x1b[K')).toBe(true);
    expect(m.out()).not.toContain('\r');
  });

  it.each([
    [['missing.csv', '-t', 'x'], /Cannot read CSV file .*missing.csv': no such file/],
    [['iris.csv', '-t', 'nope'], /no column 'nope' in iris.csv; columns: sepal_length/],
    [['iris.csv', '-t', 'species', '-m', 'nope'], /unknown model 'nope'/],
    [['iris.csv', '-t', 'species', '-m', 'ridge'], /model 'ridge' is not a classification model/],
    [['iris.csv', '-t', 'species', '-m', 'LinearRegression'], /LinearRegression' is a regression estimator/],
    [['iris.csv', '-t', 'species', '-m', 'rf', '-p', 'bogus=1'], /unknown parameter 'bogus'/],
    [['iris.csv', '-t', 'species', '-m', 'rf', '-p', 'nEstimators=-3', '--no-track'], /nEstimators/],
    [['iris.csv', '-t', 'species', '-p', 'C=1'], /--param applies to one model/],
    [['iris.csv', '-t', 'species', '--cv', '1'], /auto needs --cv of at least 2/],
    [['iris.csv', '-t', 'species', '--alias', 'champion'], /--alias goes with --register/],
    [['iris.csv', '-t', 'species', '--register', 'x', '--no-track'], /--register needs tracking/],
    [['iris.csv', '-t', 'species', '-p', 'novalue'], /is not key=value/],
    [
      ['iris.csv', '-t', 'species', '--task', 'regression'],
      /holds text, so it cannot be a regression target/,
    ],
    [['iris.csv', '-t', 'species', '--tracking-uri', 'ftp://x', '-m', 'dummy'], /Unsupported tracking URI/],
  ])('train %j fails with exit 2 and one line', async (args, message) => {
    const r = await mlpy(cwd, 'train', ...args);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
  });

  it('rejects targets with missing values and files without features or rows', async () => {
    writeFileSync(join(cwd, 'gaps.csv'), 'a,y\n1,x\n2,\n3,y\n');
    expect((await mlpy(cwd, 'train', 'gaps.csv', '-t', 'y')).err).toMatch(
      /1 missing value\(s\) \(first in data row 2\)/,
    );
    writeFileSync(join(cwd, 'gapsnum.csv'), 'a,y\n1,1\n2,NA\n');
    expect((await mlpy(cwd, 'train', 'gapsnum.csv', '-t', 'y')).err).toMatch(/missing value/);
    writeFileSync(join(cwd, 'one.csv'), 'y\n1\n2\n');
    expect((await mlpy(cwd, 'train', 'one.csv', '-t', 'y')).err).toMatch(/no feature columns/);
    writeFileSync(join(cwd, 'short.csv'), 'a,y\n1,2\n');
    expect((await mlpy(cwd, 'train', 'short.csv', '-t', 'y')).err).toMatch(/1 data row/);
  });
});

describe('model names, params and tasks', () => {
  it('resolves aliases by task and class names in any case', () => {
    expect(resolveModelClass('rf', 'regression').estimatorName).toBe('RandomForestRegressor');
    expect(resolveModelClass('knn', 'classification').estimatorName).toBe('KNeighborsClassifier');
    expect(resolveModelClass('decisiontreeclassifier', 'classification').estimatorName).toBe(
      'DecisionTreeClassifier',
    );
    expect(() => resolveModelClass('linear', 'classification')).toThrow(/not a classification model/);
  });

  it('parses params as JSON, falling back to strings', () => {
    expect(parseParams(['a=1', 'b=true', 'c=sqrt', 'd=[1,2]', 'e=null'])).toEqual({
      a: 1,
      b: true,
      c: 'sqrt',
      d: [1, 2],
      e: null,
    });
  });

  it('reads few integer levels as classes and anything else as regression', () => {
    expect(inferTask(Float64Array.from([0, 1, 1, 0]))).toBe('classification');
    expect(inferTask(Float64Array.from([0.5, 1]))).toBe('regression');
    expect(inferTask(Float64Array.from({ length: 30 }, (_, i) => i))).toBe('regression');
  });
});

describe('mlpy evaluate and predict', () => {
  beforeAll(async () => {
    const r = await trainIris(cwd, '-m', 'tree', '-o', 'tree.mlpy', '--no-track');
    expect(r.code).toBe(0);
  });

  it('evaluates a saved model on a labelled file', async () => {
    const json = await mlpy(cwd, 'evaluate', 'tree.mlpy', 'iris.csv', '-t', 'species', '--json');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out);
    expect(r).toMatchObject({ task: 'classification', rows: 150 });
    expect(r.metrics.accuracy).toBeGreaterThan(0.9);
    const text = await mlpy(cwd, 'evaluate', 'tree.mlpy', 'iris.csv', '-t', 'species');
    expect(text.out).toMatch(/accuracy: +0\.9/);
    const reg = await mlpy(cwd, 'evaluate', 'diab.mlpy', 'diabetes.csv', '-t', 'progression', '--json');
    expect(JSON.parse(reg.out).metrics.r2).toBeGreaterThan(0.3);
    expect((await mlpy(cwd, 'evaluate', 'tree.mlpy', 'iris.csv', '-t', 'nope')).code).toBe(2);
  });

  it('predicts to a file, to stdout as CSV or JSON, with probabilities', async () => {
    const toFile = await mlpy(cwd, 'predict', 'tree.mlpy', 'iris.csv', '-o', 'scored.csv', '--proba');
    expect(toFile.code).toBe(0);
    expect(toFile.err).toBe('wrote 150 predictions to scored.csv\n');
    const lines = readFileSync(join(cwd, 'scored.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'sepal_length,sepal_width,petal_length,petal_width,colour,species,prediction,proba_setosa,proba_versicolor,proba_virginica',
    );
    expect(lines).toHaveLength(151);
    const csv = await mlpy(cwd, 'predict', 'tree.mlpy', 'iris.csv');
    expect(csv.out.split('\n')[1]).toMatch(/,setosa$/);
    const json = JSON.parse((await mlpy(cwd, 'predict', 'tree.mlpy', 'iris.csv', '--json')).out);
    expect(json.rows).toBe(150);
    expect(json.predictions[0]).toBe('setosa');
    const reg = JSON.parse((await mlpy(cwd, 'predict', 'diab.mlpy', 'diabetes.csv', '--json')).out);
    expect(typeof reg.predictions[0]).toBe('number');
    expect((await mlpy(cwd, 'predict', 'diab.mlpy', 'diabetes.csv', '--proba')).err).toMatch(
      /predictProba|class probabilities/,
    );
  });

  it('reports a missing model file, a foreign file and a missing feature column', async () => {
    expect((await mlpy(cwd, 'predict', 'none.mlpy', 'iris.csv')).err).toBe(
      "mlpy: model file 'none.mlpy' does not exist\n",
    );
    expect((await mlpy(cwd, 'predict', '.', 'iris.csv')).err).toMatch(/is a directory/);
    const foreign = await mlpy(cwd, 'predict', 'iris.csv', 'iris.csv');
    expect(foreign.code).toBe(2);
    writeFileSync(join(cwd, 'partial.csv'), 'sepal_length,colour\n1,red\n');
    const partial = await mlpy(cwd, 'predict', 'tree.mlpy', 'partial.csv');
    expect(partial.err).toMatch(/the model needs column 'sepal_width', which partial.csv does not have/);
    expect(partial.code).toBe(2);
  });
});
