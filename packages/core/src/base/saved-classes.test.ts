import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors/index.js';
import { readSavedClasses } from './saved-classes.js';

describe('readSavedClasses', () => {
  it('accepts sorted distinct labels of one type', () => {
    expect(readSavedClasses('M', [0, 1, 5])).toEqual([0, 1, 5]);
    expect(readSavedClasses('M', ['a', 'b'], 2)).toEqual(['a', 'b']);
  });

  it.each([
    ['not an array', { 0: 'a' }],
    ['too few', ['a']],
    ['mixed types', [1, 'a']],
    ['unsorted', ['b', 'a']],
    ['duplicates', [1, 1]],
    ['non-finite', [0, Number.NaN]],
    ['empty string', ['', 'a']],
  ])('refuses %s with a FormatError', (_, value) => {
    expect(() => readSavedClasses('M', value, 2)).toThrow(FormatError);
  });
});
