/**
 * Checks of a 200 CustomerDetail against the contract: root, member names (namespace URI + local
 * name, never prefixes), namespaces, DataContract order, types, nil, and the echo of the request
 * (docs/INTERPRETING.md §nil). XML and JSON bodies are judged by the same rules where they apply.
 */
import { CUSTOMER_DETAIL_SOURCES, NS, TYPES, allowedValuesOf, typeSpec } from '../contract/put-customer.ts';
import type { MemberSpec } from '../contract/types.ts';
import { JSON_DATETIME, XML_DATETIME } from '../lib/dotnet-datetime.ts';
import type { HttpExchange } from '../lib/http/client.ts';
import { readServiceStackJson } from '../lib/json/servicestack-json.ts';
import { DeserializeError, type Value, type ValueObject, isObject, parseInt32 } from '../lib/values.ts';
import { XSI_NS, readDataContractXml } from '../lib/xml/datacontract.ts';
import { type XmlElement, XmlReadError, attr, parseAnswerXml, qualifiedName } from '../lib/xml/parse.ts';
import { type Finding, excerpt, fail, judge, pass } from './finding.ts';


export interface DetailRead {
  readonly findings: Finding[];
  /** The CustomerDetail as read, when it could be read. */
  readonly detail?: ValueObject;
}

const READ = new WeakMap<HttpExchange, DetailRead>();

/** Reads and judges a 200 answer's body, XML or JSON by its content; each answer is parsed once. */
export function readCustomerDetail(exchange: HttpExchange): DetailRead {
  let read = READ.get(exchange);
  if (!read) READ.set(exchange, (read = readDetail(exchange)));
  return read;
}

function readDetail(exchange: HttpExchange): DetailRead {
  const text = exchange.text.trimStart();
  if (text.startsWith('<')) return readXmlDetail(exchange.text);
  if (text.startsWith('{')) return readJsonDetail(exchange.text);
  return { findings: [fail('put-customer/response/customer-detail-root', 'wrong-shape', 'a CustomerDetail in XML or JSON', excerpt(exchange.text))] };
}

// ---------------------------------------------------------------------------------------- XML

function readXmlDetail(text: string): DetailRead {
  let root: XmlElement;
  try {
    root = parseAnswerXml(text);
  } catch (e) {
    return { findings: [fail('put-customer/response/customer-detail-root', 'wrong-shape', 'a well-formed CustomerDetail document', `not well-formed XML: ${(e as XmlReadError).message}`)] };
  }
  const findings: Finding[] = [];
  const rootOk = root.local === 'CustomerDetail' && root.ns === NS.bindingModels;
  findings.push(rootOk ? pass('put-customer/response/customer-detail-root') : fail('put-customer/response/customer-detail-root', 'wrong-shape', `root {${NS.bindingModels}}CustomerDetail`, `root ${qualifiedName(root)}`));
  if (!rootOk) return { findings };

  const names: string[] = [];
  const namespaces: string[] = [];
  const order: string[] = [];
  const types: string[] = [];
  walkXml(root, 'CustomerDetail', '', { names, namespaces, order, types });
  findings.push(judge('put-customer/response/member-names', 'wrong-shape', 'only documented CustomerDetail, Contact and Address members', names));
  findings.push(judge('put-customer/response/member-namespaces', 'wrong-shape', 'CustomerDetail members in BindingModels, contact and address members in Common.DTO', namespaces));
  findings.push(judge('put-customer/response/member-order', 'wrong-shape', 'members in DataContract (ordinal) order', order));

  let detail: ValueObject | undefined;
  try {
    detail = readDataContractXml(TYPES, root, 'CustomerDetail');
  } catch (e) {
    if (!(e instanceof DeserializeError)) throw e;
    types.push(e.message);
  }
  findings.push(judge('put-customer/response/member-types', 'wrong-shape', 'CustomerKey and MerchantKey Int32, timestamps DateTime, ActivationStatus one of its names', types));
  return { findings, ...(detail ? { detail } : {}) };
}

interface XmlProblems {
  names: string[];
  namespaces: string[];
  order: string[];
  types: string[];
}

function walkXml(el: XmlElement, typeName: string, path: string, p: XmlProblems): void {
  const type = typeSpec(typeName);
  let last = -1;
  for (const child of el.children) {
    const where = path ? `${path}.${child.local}` : child.local;
    const index = type.members.findIndex((m) => m.name === child.local);
    if (index < 0) {
      const near = type.members.find((m) => m.name.toLowerCase() === child.local.toLowerCase());
      p.names.push(near ? `<${where}> should be named ${near.name}` : `undocumented element <${where}>`);
      continue;
    }
    if (child.ns !== type.namespace) p.namespaces.push(`<${where}> is in ${child.ns || 'no namespace'}, documented ${type.namespace}`);
    if (index <= last) p.order.push(`<${where}> comes after <${type.members[last]!.name}>`);
    last = Math.max(last, index);
    const member = type.members[index]!;
    const nil = attr(child, XSI_NS, 'nil');
    if (nil === 'true') {
      if (child.children.length > 0 || child.text.trim() !== '') p.types.push(`<${where}> is nil but has content`);
      continue;
    }
    if (member.kind === 'complex') walkXml(child, member.typeName, where, p);
    else checkScalarText(member, child.text, where, p.types);
  }
}

function checkScalarText(member: MemberSpec, text: string, where: string, problems: string[]): void {
  if (member.kind === 'scalar' && member.type === 'int' && parseInt32(text) === undefined) problems.push(`${where} = '${text}' is not an Int32`);
  if (member.kind === 'scalar' && member.type === 'dateTime' && !XML_DATETIME.test(text.trim())) problems.push(`${where} = '${text}' is not a DateTime`);
  if (member.kind === 'enum' && !allowedValuesOf(member)!.includes(text)) problems.push(`${where} = '${text}' is not an ${member.enumName} name`);
}

// --------------------------------------------------------------------------------------- JSON

function readJsonDetail(text: string): DetailRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { findings: [fail('put-customer/response/customer-detail-root', 'wrong-shape', 'a CustomerDetail JSON object', `not JSON: ${(e as Error).message}`)] };
  }
  if (!isObject(json)) return { findings: [fail('put-customer/response/customer-detail-root', 'wrong-shape', 'a CustomerDetail JSON object', excerpt(text))] };
  const findings: Finding[] = [pass('put-customer/response/customer-detail-root')];
  const names: string[] = [];
  const casing: string[] = [];
  const types: string[] = [];
  walkJson(json, 'CustomerDetail', '', names, casing, types);
  findings.push(judge('put-customer/response/member-names', 'wrong-shape', 'only documented CustomerDetail, Contact and Address members', names));
  findings.push(judge('put-customer/response/json-pascal-case', 'wrong-shape', 'JSON member names in PascalCase as documented', casing));
  let detail: ValueObject | undefined;
  try {
    detail = readServiceStackJson(TYPES, json, 'CustomerDetail');
  } catch (e) {
    if (!(e instanceof DeserializeError)) throw e;
    types.push(e.message);
  }
  findings.push(judge('put-customer/response/member-types', 'wrong-shape', 'CustomerKey and MerchantKey integers, timestamps DateTime, ActivationStatus one of its names', types));
  return { findings, ...(detail ? { detail } : {}) };
}

function walkJson(obj: Record<string, Value | undefined>, typeName: string, path: string, names: string[], casing: string[], types: string[]): void {
  const type = typeSpec(typeName);
  for (const [key, v] of Object.entries(obj)) {
    const where = path ? `${path}.${key}` : key;
    const member = type.members.find((m) => m.name === key) ?? type.members.find((m) => m.name.toLowerCase() === key.toLowerCase());
    if (!member) {
      names.push(`undocumented member "${where}"`);
      continue;
    }
    if (member.name !== key) casing.push(`"${where}" should be "${member.name}"`);
    if (v === null || v === undefined) continue;
    if (member.kind === 'complex') {
      if (isObject(v)) walkJson(v, member.typeName, where, names, casing, types);
      else types.push(`${where} is not an object`);
    } else if (member.kind === 'scalar' && member.type === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v)) types.push(`${where} = ${JSON.stringify(v)} is not an integer`);
    } else if (member.kind === 'scalar' && member.type === 'dateTime') {
      if (typeof v !== 'string' || !(JSON_DATETIME.test(v) || XML_DATETIME.test(v))) types.push(`${where} = ${JSON.stringify(v)} is not a DateTime`);
    } else if (typeof v === 'string') {
      checkScalarText(member, v, where, types);
    } else {
      types.push(`${where} = ${JSON.stringify(v)} is not a string`);
    }
  }
}

// --------------------------------------------------------------------------------------- echo

/**
 * The response echoes the request: every member sent comes back exactly (`response/echo`,
 * `response/customer-id-echo`), every member not sent is nil/absent — or empty, for a string —
 * (`response/omitted-members-nil-or-absent`), CustomerKey is the path key, MerchantKey an int.
 */
export function checkEcho(sent: ValueObject, detail: ValueObject, pathKey: number): Finding[] {
  const echo: string[] = [];
  const customerId: string[] = [];
  const omitted: string[] = [];
  for (const [member, source] of Object.entries(CUSTOMER_DETAIL_SOURCES)) {
    if (source.kind !== 'echo') continue;
    const requestMember = typeSpec('PutCustomer').members.find((m) => m.name === source.requestMember)!;
    const target = member === 'CustomerID' ? customerId : echo;
    compareMember(requestMember, sent[source.requestMember], detail[member], member, target, omitted);
  }
  const memberOf = (kind: string) => Object.entries(CUSTOMER_DETAIL_SOURCES).find(([, s]) => s.kind === kind)![0];
  const keyMember = memberOf('path-key');
  const merchantMember = memberOf('merchant-key');
  const key = detail[keyMember];
  const merchantKey = detail[merchantMember];
  return [
    judge('put-customer/response/echo', 'wrong-behaviour', 'every member sent returned exactly as sent', echo),
    judge('put-customer/response/customer-id-echo', 'wrong-behaviour', 'CustomerID = the CustomerId sent', customerId),
    judge('put-customer/response/omitted-members-nil-or-absent', 'wrong-behaviour', 'members not sent returned nil or absent', omitted),
    key === pathKey ? pass('put-customer/response/customer-key-echo') : fail('put-customer/response/customer-key-echo', 'wrong-behaviour', `${keyMember} ${pathKey} (the path key)`, `${keyMember} ${JSON.stringify(key)}`),
    typeof merchantKey === 'number' && Number.isInteger(merchantKey) ? pass('put-customer/response/merchant-key') : fail('put-customer/response/merchant-key', 'wrong-shape', `${merchantMember} present, an Int32`, `${merchantMember} ${JSON.stringify(merchantKey)}`),
  ];
}

const isNone = (v: unknown) => v === undefined || v === null;

function compareMember(member: MemberSpec, sent: Value | undefined, got: Value | undefined, where: string, echo: string[], omitted: string[]): void {
  const isString = member.kind === 'scalar' && member.type === 'string';
  if (isNone(sent)) {
    if (!isNone(got) && !(isString && got === '')) omitted.push(`${where} was not sent but came back ${JSON.stringify(got)}`);
    return;
  }
  if (member.kind === 'complex') {
    if (!isObject(got)) {
      echo.push(`${where} was sent but came back ${JSON.stringify(got ?? null)}`);
      return;
    }
    for (const m of typeSpec(member.typeName).members) compareMember(m, (sent as ValueObject)[m.name], got[m.name], `${where}.${m.name}`, echo, omitted);
    return;
  }
  // An optional string sent empty may come back empty, nil or absent (INTERPRETING.md §nil).
  if (isString && !member.required && sent === '' && (isNone(got) || got === '')) return;
  if (got !== sent) echo.push(`${where}: sent ${JSON.stringify(sent)}, got ${JSON.stringify(got ?? null)}`);
}
