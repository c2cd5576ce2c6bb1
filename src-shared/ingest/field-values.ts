/**
 * A record's fields turned into its model table's typed columns
 * (model-fields.ts): what the library stores and what the counting engine
 * reads, so both see the same values. Booleans follow R110 (1, 0, or null
 * when absent), lists of any shape become a JSON array with blank items
 * dropped, node types their last segment.
 */
import type { FieldColumn } from './model-fields';
import { asList, fieldOf, isPlainObject } from './values';

export type ColumnValue = string | number | null;

export function columnValue(fields: Record<string, unknown>, column: FieldColumn): ColumnValue {
  const value = column.field.includes('.') ? nestedField(fields, column.field) : fieldOf(fields, column.field);
  switch (column.kind) {
    case 'bool':
      return value === undefined || value === null ? null : isTrue(value) ? 1 : 0;
    case 'list':
      return JSON.stringify(listItems(value));
    case 'type-name':
      return value === undefined || value === null ? null : nodeTypeName(value);
    default:
      return value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * R110: true is `true`, a non-zero number, or the text `true`, `y`, `yes`,
 * `t`, `1` (trimmed, any case); anything else is false.
 */
export function isTrue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value !== 'string') return false;
  switch (value.trim().toLowerCase()) {
    case 'true':
    case 'y':
    case 'yes':
    case 't':
    case '1':
      return true;
    default:
      return false;
  }
}

/** R110: a list of any shape (platform-dump.md §1), its items as text, blank items dropped. */
export function listItems(value: unknown): unknown[] {
  return asList(value).filter((item) => !(item === null || item === undefined || (typeof item === 'string' && item.trim() === '')));
}

/**
 * The last segment of a node type given as a URI or dotted name
 * (platform-dump.md §1: "a URI or object whose last segment or name is the type name").
 */
export function nodeTypeName(value: unknown): string {
  if (isPlainObject(value)) {
    const name = value.name;
    return typeof name === 'string' ? nodeTypeName(name) : '';
  }
  if (typeof value !== 'string') return '';
  const parts = value.split(/[/.]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

function nestedField(fields: Record<string, unknown>, dotted: string): unknown {
  let current: unknown = fields;
  for (const part of dotted.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = fieldOf(current, part);
  }
  return current;
}
