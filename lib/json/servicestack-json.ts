/**
 * ServiceStack.Text-style JSON, driven by the contract's TypeSpecs (docs/PLATFORM-NOTES.md §servicestack-json):
 * PascalCase member names as declared, null members omitted, DateTime as `\/Date(ms)\/`.
 */
import type { ContractTypes, MemberSpec } from '../type-spec.ts';
import { formatJsonDateTime } from '../dotnet-datetime.ts';
import { DeserializeError, type Value, type ValueObject, isObject, parseInt32 } from '../values.ts';
import { typeOf } from '../xml/datacontract.ts';

export interface JsonWriteOptions {
  /** Member-name casing. Default `pascal` (as declared). */
  readonly casing?: 'pascal' | 'camel';
  /** Indentation. Default none. */
  readonly pretty?: boolean;
  /**
   * Members whose value is null: left out (`omit`, ServiceStack's default when it writes) or
   * written as an explicit `null` (`explicit`: what a client that sets a member to null sends, the
   * JSON form of `i:nil="true"`). Default `omit`.
   */
  readonly nulls?: 'omit' | 'explicit';
}

/** A JSON-ready plain object for `value` of `typeName`: members in contract order, nulls left out (or explicit). */
export function toServiceStackJson(types: ContractTypes, typeName: string, value: ValueObject, options: JsonWriteOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of typeOf(types, typeName).members) {
    const v = value[member.name];
    if (v === undefined || (v === null && options.nulls !== 'explicit')) continue;
    const name = options.casing === 'camel' ? member.name[0]!.toLowerCase() + member.name.slice(1) : member.name;
    out[name] = v === null ? null : jsonMember(types, member, v, options);
  }
  return out;
}

function jsonMember(types: ContractTypes, member: MemberSpec, v: Value, options: JsonWriteOptions): unknown {
  if (v instanceof Date) return formatJsonDateTime(v);
  if (member.kind === 'complex' && isObject(v)) return toServiceStackJson(types, member.typeName, v, options);
  if (member.kind === 'list' && Array.isArray(v)) {
    return v.map((item) => (isObject(item) ? toServiceStackJson(types, member.itemTypeName, item, options) : item));
  }
  return v;
}

/** Serialises to JSON text; ServiceStack escapes `/` in dates as `\/`, which any JSON reader decodes. */
export function writeServiceStackJson(types: ContractTypes, typeName: string, value: ValueObject, options: JsonWriteOptions = {}): string {
  const json = JSON.stringify(toServiceStackJson(types, typeName, value, options), null, options.pretty ? 2 : undefined);
  return json.replace(/"\/Date\((-?\d+(?:[+-]\d{4})?)\)\/"/g, '"\\/Date($1)\\/"');
}

/**
 * Reads parsed JSON as `typeName` the way ServiceStack.Text does: property names matched
 * case-insensitively, unknown properties ignored, scalars coerced to strings, an int or enum that
 * cannot be read throws {@link DeserializeError}.
 */
export function readServiceStackJson(types: ContractTypes, json: unknown, typeName: string, path = ''): ValueObject {
  if (!isObject(json)) throw new DeserializeError(`expected a JSON object for ${path || typeName}`, path || undefined);
  const type = typeOf(types, typeName);
  const out: ValueObject = {};
  const byLower = new Map(Object.keys(json).map((k) => [k.toLowerCase(), k]));
  for (const member of type.members) {
    const key = byLower.get(member.name.toLowerCase());
    if (key === undefined) continue;
    const raw = json[key];
    const memberPath = path ? `${path}.${member.name}` : member.name;
    out[member.name] = raw === null ? null : readJsonMember(types, member, raw, memberPath);
  }
  return out;
}

function readJsonMember(types: ContractTypes, member: MemberSpec, raw: unknown, path: string): Value | undefined {
  switch (member.kind) {
    case 'scalar': {
      if (member.type === 'int') {
        const n = typeof raw === 'number' || typeof raw === 'string' ? parseInt32(String(raw)) : undefined;
        if (n === undefined) throw new DeserializeError(`'${String(raw)}' is not a valid value for ${path} (Int32)`, path);
        return n;
      }
      if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
      throw new DeserializeError(`expected a string for ${path}`, path);
    }
    case 'enum': {
      const values = types.enums[member.enumName]?.values ?? [];
      if (typeof raw !== 'string' || !values.includes(raw)) {
        throw new DeserializeError(`Invalid enum value '${String(raw)}' cannot be deserialized into type '${member.enumName}'`, path);
      }
      return raw;
    }
    case 'complex':
      return readServiceStackJson(types, raw, member.typeName, path);
    case 'list':
      if (!Array.isArray(raw)) throw new DeserializeError(`expected an array for ${path}`, path);
      return raw.map((item, i) => readServiceStackJson(types, item, member.itemTypeName, `${path}[${i}]`));
    case 'opaque':
      return undefined;
  }
}
