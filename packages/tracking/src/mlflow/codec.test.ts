// MLflow's JSON quirks and error codes, checked directly on the functions that handle them.
import { ConflictError, InvalidParameterError, NotFoundError, StoreError } from '@mlpy/core';
import { describe, expect, it } from 'vitest';
import {
  decodeDouble,
  encodeDouble,
  fromKV,
  quoteFilter,
  toExperiment,
  toModelVersion,
  toRegisteredModel,
  toRun,
} from './codec.js';
import { mapMlflowError, parseMlflowJson } from './http.js';

describe('MLflow JSON', () => {
  it('encodes non-finite doubles as strings and decodes the SQL store clamp back to Infinity', () => {
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5].map(encodeDouble)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      1.5,
    ]);
    expect(decodeDouble(1.7976931348623157e308)).toBe(Number.POSITIVE_INFINITY);
    expect(decodeDouble(-1.7976931348623157e308)).toBe(Number.NEGATIVE_INFINITY);
    expect(decodeDouble('NaN')).toBeNaN();
    expect(decodeDouble('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });

  it('parses bare NaN and Infinity tokens some servers emit', () => {
    expect(parseMlflowJson('{"value": NaN, "list": [Infinity, -Infinity]}')).toEqual({
      value: 'NaN',
      list: ['Infinity', '-Infinity'],
    });
    expect(parseMlflowJson('')).toEqual({});
  });

  it('fills defaults for fields MLflow omits', () => {
    expect(toExperiment({ experiment_id: '1', name: 'e' })).toMatchObject({
      artifactLocation: '',
      lifecycleStage: 'active',
      tags: {},
    });
    expect(toRun({ info: { run_id: 'r', experiment_id: '1' } })).toMatchObject({
      info: { status: 'RUNNING', endTime: undefined },
      data: { params: {} },
    });
    expect(toRegisteredModel({ name: 'm' })).toMatchObject({ description: '', aliases: {} });
    expect(toModelVersion({ name: 'm', version: '1' })).toMatchObject({
      currentStage: 'None',
      status: 'READY',
      aliases: [],
    });
    expect(fromKV([{ key: 'a', value: undefined as unknown as string }])).toEqual({ a: '' });
    expect(quoteFilter("it's")).toBe(`"it's"`);
  });
});

describe('mapMlflowError', () => {
  it('maps MLflow error codes to typed errors', () => {
    expect(mapMlflowError(404, 'RESOURCE_DOES_NOT_EXIST', 'x', 'w')).toBeInstanceOf(NotFoundError);
    expect(mapMlflowError(400, 'RESOURCE_ALREADY_EXISTS', 'x', 'w')).toBeInstanceOf(ConflictError);
    expect(
      mapMlflowError(400, 'INVALID_PARAMETER_VALUE', 'Changing param values is not allowed.', 'w'),
    ).toBeInstanceOf(ConflictError);
    expect(
      mapMlflowError(400, 'INVALID_PARAMETER_VALUE', 'Registered model alias a not found.', 'w'),
    ).toBeInstanceOf(NotFoundError);
    expect(mapMlflowError(400, 'INVALID_PARAMETER_VALUE', 'bad', 'w')).toBeInstanceOf(InvalidParameterError);
    expect(mapMlflowError(401, 'UNAUTHENTICATED', 'x', 'w').code).toBe('UNAUTHORIZED');
    expect(mapMlflowError(403, 'PERMISSION_DENIED', 'x', 'w').code).toBe('FORBIDDEN');
    expect(mapMlflowError(429, 'REQUEST_LIMIT_EXCEEDED', 'x', 'w').code).toBe('RATE_LIMITED');
    expect(mapMlflowError(503, 'TEMPORARILY_UNAVAILABLE', 'x', 'w').code).toBe('UNAVAILABLE');
    expect(mapMlflowError(404, '', 'x', 'w')).toBeInstanceOf(NotFoundError);
    expect(mapMlflowError(429, '', 'x', 'w').code).toBe('RATE_LIMITED');
    expect(mapMlflowError(502, '', 'x', 'w').code).toBe('UNAVAILABLE');
    const other = mapMlflowError(418, '', 'teapot', 'Brewing');
    expect(other).toBeInstanceOf(StoreError);
    expect(other.message).toBe('Brewing: MLflow answered 418 : teapot');
  });
});
