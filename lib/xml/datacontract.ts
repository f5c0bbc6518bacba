/**
 * DataContractSerializer-style XML, driven by the contract's TypeSpecs (docs/PLATFORM-NOTES.md
 * §datacontract-xml): members in the TypeSpec's order; a member element in its
 * declaring type's namespace; a complex member's children in the member type's namespace,
 * declared on the member element as `d{depth}p1`; null members as `i:nil="true"`.
 *
 * The same writer serves the generators (requests), the reference gateway (responses) and the
 * exported samples; the reader is a faithful deserializer for the reference gateway.
 */
import type { ContractTypes, MemberSpec, TypeSpec } from '../type-spec.ts';
import { type DateTimeKind, formatXmlDateTime } from '../dotnet-datetime.ts';
import { DeserializeError, type Value, type ValueObject, isObject, parseInt32 } from '../values.ts';
import { type XmlElement, attr } from './parse.ts';
import { type XmlNodeAttribute, type XmlNode, writeXmlDocument, xmlns } from './write.ts';

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The freedoms a correct DataContract writer has (docs/INTERPRETING.md); defaults match the seed. */
export interface XmlWriteOptions {
  /** Write `<?xml version="1.0" encoding="utf-8"?>` first. Default false (the seed has none). */
  readonly declaration?: boolean;
  /** Indent with two spaces. Default false. */
  readonly pretty?: boolean;
  /** `nil`: write null members as `i:nil="true"` (default); `omit`: leave them out (EmitDefaultValue=false). */
  readonly nulls?: 'nil' | 'omit';
  /** Prefix for nested namespaces, given the element depth. Default DataContract's `d{depth}p1`. */
  readonly prefixFor?: (depth: number) => string;
  /** Prefix bound to XMLSchema-instance. Default `i`. */
  readonly xsiPrefix?: string;
  /** How DateTime values are written. Default `unspecified` (no zone, as in the seed). */
  readonly dateTimeKind?: DateTimeKind;
  /** Extra namespace declarations on the root element (prefix → URI). */
  readonly extraNamespaces?: Readonly<Record<string, string>>;
}

export function typeOf(types: ContractTypes, name: string): TypeSpec {
  const t = types.types[name];
  if (!t) throw new Error(`no type ${name} in contract`);
  return t;
}

/** Serialises `value` as a DataContract document whose root element is `rootName` of type `typeName`. */
export function writeDataContractXml(
  types: ContractTypes,
  typeName: string,
  value: ValueObject,
  options: XmlWriteOptions = {},
  rootName: string = typeName,
): string {
  const type = typeOf(types, typeName);
  const xsiPrefix = options.xsiPrefix ?? 'i';
  const attributes: XmlNodeAttribute[] = [xmlns(type.namespace, ''), xmlns(XSI_NS, xsiPrefix)];
  for (const [prefix, uri] of Object.entries(options.extraNamespaces ?? {})) attributes.push(xmlns(uri, prefix));
  const root: XmlNode = { ns: type.namespace, name: rootName, attributes, children: [] };
  const scope = new Map<string, string>([[type.namespace, ''], [XSI_NS, xsiPrefix]]);
  writeMembers(types, root.children, type, value, 1, scope, options);
  return writeXmlDocument(root, options);
}

/**
 * The member elements of `value` (of `typeName`), for an element built elsewhere (a SOAP body, say)
 * whose default namespace is the type's namespace.
 */
export function dataContractMembers(types: ContractTypes, typeName: string, value: ValueObject, options: XmlWriteOptions = {}): XmlNode[] {
  const type = typeOf(types, typeName);
  const children: XmlNode[] = [];
  writeMembers(types, children, type, value, 1, new Map([[type.namespace, ''], [XSI_NS, options.xsiPrefix ?? 'i']]), options);
  return children;
}

function qname(scope: ReadonlyMap<string, string>, ns: string, local: string): string {
  const prefix = scope.get(ns);
  return prefix ? `${prefix}:${local}` : local;
}

function writeMembers(
  types: ContractTypes,
  parent: XmlNode[],
  type: TypeSpec,
  value: ValueObject,
  depth: number,
  scope: ReadonlyMap<string, string>,
  options: XmlWriteOptions,
): void {
  for (const member of type.members) {
    const v = value[member.name];
    if (v === undefined) continue;
    const name = qname(scope, type.namespace, member.name);
    if (v === null) {
      if ((options.nulls ?? 'nil') === 'nil') parent.push({ ns: type.namespace, name, attributes: [{ ns: XSI_NS, name: `${scope.get(XSI_NS)}:nil`, value: 'true' }], children: [] });
      continue;
    }
    parent.push(memberElement(types, type.namespace, name, member, v, depth + 1, scope, options));
  }
}

function memberElement(
  types: ContractTypes,
  ns: string,
  name: string,
  member: MemberSpec,
  v: Value,
  depth: number,
  scope: ReadonlyMap<string, string>,
  options: XmlWriteOptions,
): XmlNode {
  switch (member.kind) {
    case 'scalar':
    case 'enum': {
      const text = v instanceof Date ? formatXmlDateTime(v, options.dateTimeKind ?? 'unspecified') : String(v);
      // An empty string is written <X/>, as in the seed's <Error/>.
      return { ns, name, attributes: [], children: [], ...(text !== '' ? { text } : {}) };
    }
    case 'opaque':
      return { ns, name, attributes: [], children: [] };
    case 'complex': {
      const inner = typeOf(types, member.typeName);
      const { scope: innerScope, attributes } = declare(scope, inner.namespace, depth, options);
      const el: XmlNode = { ns, name, attributes, children: [] };
      writeMembers(types, el.children, inner, asObject(v, member.name), depth, innerScope, options);
      return el;
    }
    case 'list': {
      const item = typeOf(types, member.itemTypeName);
      const { scope: itemScope, attributes } = declare(scope, item.namespace, depth, options);
      const el: XmlNode = { ns, name, attributes, children: [] };
      for (const entry of Array.isArray(v) ? v : []) {
        const itemEl: XmlNode = { ns: item.namespace, name: qname(itemScope, item.namespace, member.itemElement), attributes: [], children: [] };
        writeMembers(types, itemEl.children, item, asObject(entry, member.itemElement), depth + 1, itemScope, options);
        el.children.push(itemEl);
      }
      return el;
    }
  }
}

/** Declares `ns` on the member element when it is not in scope yet, DataContract style; returns the new scope. */
function declare(
  scope: ReadonlyMap<string, string>,
  ns: string,
  depth: number,
  options: XmlWriteOptions,
): { scope: ReadonlyMap<string, string>; attributes: XmlNodeAttribute[] } {
  if (scope.has(ns)) return { scope, attributes: [] };
  const prefix = (options.prefixFor ?? ((d: number) => `d${d}p1`))(depth);
  return { scope: new Map(scope).set(ns, prefix), attributes: [xmlns(ns, prefix)] };
}

function asObject(v: Value, name: string): ValueObject {
  if (!isObject(v)) throw new Error(`${name}: expected an object value`);
  return v;
}

/**
 * `value` with every member of `typeName` present, absent ones as null, recursively: what a
 * DataContract object holds after deserialization, and what DataContractSerializer writes back.
 */
export function withAllMembers(types: ContractTypes, typeName: string, value: ValueObject): ValueObject {
  const out: ValueObject = {};
  for (const member of typeOf(types, typeName).members) {
    const v = value[member.name];
    out[member.name] = v === undefined || v === null ? null : member.kind === 'complex' && isObject(v) ? withAllMembers(types, member.typeName, v) : v;
  }
  return out;
}

/**
 * Reads an element as `type` the way DataContractSerializer does: members are matched by
 * namespace + local name in declared order; an element out of order, repeated, unknown or in
 * another namespace is skipped (the member keeps its default, docs/PLATFORM-NOTES.md §datacontract-xml); `i:nil="true"`
 * is null; an int or enum that cannot be read throws {@link DeserializeError}.
 */
export function readDataContractXml(types: ContractTypes, el: XmlElement, typeName: string, path = ''): ValueObject {
  const type = typeOf(types, typeName);
  const out: ValueObject = {};
  let last = -1;
  for (const child of el.children) {
    const index = type.members.findIndex((m) => m.name === child.local && child.ns === type.namespace);
    if (index <= last) continue;
    last = index;
    const member = type.members[index]!;
    const memberPath = path ? `${path}.${member.name}` : member.name;
    if (attr(child, XSI_NS, 'nil') === 'true') {
      out[member.name] = null;
      continue;
    }
    out[member.name] = readMember(types, child, member, memberPath);
  }
  return out;
}

function readMember(types: ContractTypes, el: XmlElement, member: MemberSpec, path: string): Value | undefined {
  switch (member.kind) {
    case 'scalar':
      if (member.type === 'int') {
        const n = parseInt32(el.text);
        if (n === undefined) throw new DeserializeError(`'${el.text}' is not a valid value for ${path} (Int32)`, path);
        return n;
      }
      return el.text;
    case 'enum': {
      const values = types.enums[member.enumName]?.values ?? [];
      if (!values.includes(el.text)) throw new DeserializeError(`Invalid enum value '${el.text}' cannot be deserialized into type '${member.enumName}'`, path);
      return el.text;
    }
    case 'complex':
      return readDataContractXml(types, el, member.typeName, path);
    case 'list':
      return el.children
        .filter((c) => c.local === member.itemElement)
        .map((c, i) => readDataContractXml(types, c, member.itemTypeName, `${path}[${i}]`));
    case 'opaque':
      return undefined;
  }
}
