// The MLmodel file MLflow reads to recognise a logged model: an `mlpy` flavor, plus `onnx` when
// the model is ONNX, the run it came from and its input signature.
import { randomUUID } from 'node:crypto';

/** One input or output column of a model signature (MLflow's column spec). */
export interface ColumnSpec {
  name: string;
  type: 'double' | 'float' | 'long' | 'integer' | 'string' | 'boolean';
  required?: boolean;
}

/** What a model takes and returns. */
export interface ModelSignature {
  inputs: ColumnSpec[];
  outputs?: ColumnSpec[];
}

/** What goes into an MLmodel file. */
export interface MLmodelInfo {
  artifactPath: string;
  runId: string;
  estimator: string;
  mlpyVersion: string;
  modelFile: string;
  onnxFile?: string;
  signature?: ModelSignature;
  createdAt?: Date;
}

const specJson = (cols: ColumnSpec[]) =>
  JSON.stringify(cols.map((c) => ({ type: c.type, name: c.name, required: c.required ?? true })));

/** A YAML scalar, quoted when plain YAML would misread it. */
function scalar(value: string): string {
  return /^[\w./-]+$/.test(value) && !/^(true|false|null|yes|no|~|[\d.eE+-]+)$/i.test(value)
    ? value
    : `'${value.replaceAll("'", "''")}'`;
}

/** Renders the MLmodel YAML. */
export function renderMLmodel(info: MLmodelInfo): string {
  const created = (info.createdAt ?? new Date()).toISOString().replace('T', ' ').replace('Z', '');
  const lines = [
    `artifact_path: ${scalar(info.artifactPath)}`,
    'flavors:',
    '  mlpy:',
    `    estimator: ${scalar(info.estimator)}`,
    `    mlpy_version: ${scalar(info.mlpyVersion)}`,
    `    model_file: ${scalar(info.modelFile)}`,
  ];
  if (info.onnxFile) {
    lines.push(
      '  onnx:',
      `    data: ${scalar(info.onnxFile)}`,
      '    providers:',
      '    - CPUExecutionProvider',
    );
  }
  lines.push(`model_uuid: ${randomUUID().replaceAll('-', '')}`, `run_id: ${info.runId}`);
  if (info.signature) {
    lines.push(
      'signature:',
      `  inputs: ${scalar(specJson(info.signature.inputs))}`,
      `  outputs: ${info.signature.outputs ? scalar(specJson(info.signature.outputs)) : 'null'}`,
      '  params: null',
    );
  }
  lines.push(`utc_time_created: '${created}'`);
  return `${lines.join('\n')}\n`;
}
