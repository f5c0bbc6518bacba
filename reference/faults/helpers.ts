/**
 * The hook bodies of the fault catalogue (./catalogue.ts) and of the derived faults
 * (./derive.ts): each builds or is one hook, named for what the faulty gateway does.
 */
import type { FaultSpec as SoapFaultSpec } from '../../contract/mark-customer-as-synchronized.ts';
import { ACTIVATION_STATUS_VALUES, typeSpec } from '../../contract/put-customer.ts';
import { childPath, lastSegment, valueAt } from '../../lib/paths.ts';
import { type ValueObject, isObject } from '../../lib/values.ts';
import { type Format, type NegotiationInput, negotiateFormat } from '../rest/negotiation.ts';
import type { ValidationError } from '../rest/validate.ts';

type Validate = (body: ValueObject, errors: ValidationError[]) => ValidationError[];

// --- validation errors

/** Drops the validation errors of some FieldNames. */
export const dropErrors = (match: (fieldName: string, code: string) => boolean): Validate => (_b, errors) =>
  errors.filter((e) => !match(e.fieldName, e.errorCode));

/** The documented maximum length of `typeName.member` (contract/put-customer.ts). */
function maxLengthOf(typeName: string, member: string): number {
  const m = typeSpec(typeName).members.find((x) => x.name === member);
  if (m?.kind !== 'scalar' || m.maxLength === undefined) throw new Error(`faults: ${typeName}.${member} has no maximum length`);
  return m.maxLength;
}

/** An error of a length rule whose length is exactly max+1 is dropped (off by one). */
export function offByOne(typeName: string, member: string): Validate {
  const max = maxLengthOf(typeName, member);
  return (body, errors) =>
    errors.filter(
      (e) => !(lastSegment(e.fieldName) === member && e.errorCode === 'MaximumLength' && lengthAt(body, e.fieldName) === max + 1),
    );
}

/** {@link offByOne} for each of several members of one type. */
export function offByOneEach(typeName: string, members: readonly string[]): Validate {
  return (body, errors) => members.reduce((es, m) => offByOne(typeName, m)(body, es), errors);
}

function lengthAt(body: ValueObject, path: string): number {
  const v = valueAt(body, path);
  return typeof v === 'string' ? v.length : -1;
}

/** A NotEmpty error of `member` is dropped when the member is a string (blank accepted, only nil rejected). */
export function blankAccepted(member: string): Validate {
  return (body, errors) => errors.filter((e) => !(e.fieldName === member && e.errorCode === 'NotEmpty' && typeof body[member] === 'string'));
}

/** The errors of every `member` (anywhere) whose value passes `test` are dropped: a lenient code list. */
export function acceptedValues(member: string, test: (value: string) => boolean): Validate {
  return (body, errors) => errors.filter((e) => !(lastSegment(e.fieldName) === member && test(String(valueAt(body, e.fieldName)))));
}

/** Every `member` (anywhere) holding `value` gets a Predicate error: the code list lacks it. */
export function rejectedValue(member: string, value: string): Validate {
  return (body, errors) => [
    ...errors,
    ...findValues(body, member, value).map((fieldName) => ({ errorCode: 'Predicate', fieldName, message: 'The specified condition was not met.' })),
  ];
}

/** FieldNames of every `member` holding `value`, anywhere in the body. */
function findValues(body: ValueObject, member: string, value: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    const where = childPath(prefix, k);
    if (k === member && v === value) out.push(where);
    else if (isObject(v)) out.push(...findValues(v, member, value, where));
  }
  return out;
}

/** A missing (or nil) top-level `member` gets a NotNull error with `message`: an optional member enforced. */
export function requiredTopLevel(member: string, message: string): Validate {
  return (body, errors) => (body[member] == null ? [...errors, { errorCode: 'NotNull', fieldName: member, message }] : errors);
}

// --- the raw request

/** Path keys read with parseInt: "1.5" and "1e3" are key 1. */
export function parseKeyLeniently(text: string): number | undefined {
  return Number.isNaN(parseInt(text, 10)) ? undefined : parseInt(text, 10);
}

/** ActivationStatus names in any case are rewritten to the documented case before deserialization. */
export function activationStatusAnyCase(raw: string): string {
  return raw.replace(
    /(<ActivationStatus>|"ActivationStatus"\s*:\s*")([A-Za-z]+)/g,
    (_m, pre: string, v: string) => pre + (ACTIVATION_STATUS_VALUES.find((x) => x.toLowerCase() === v.toLowerCase()) ?? v),
  );
}

/** An ActivationStatus that is no documented name (in any case) is rewritten to Active before deserialization. */
export function unknownActivationStatusAsActive(raw: string): string {
  return raw.replace(
    /(<ActivationStatus>|"ActivationStatus"\s*:\s*")([^<"]*)/g,
    (_m, pre: string, v: string) => pre + (ACTIVATION_STATUS_VALUES.some((x) => x.toLowerCase() === v.toLowerCase()) ? v : 'Active'),
  );
}

/**
 * An XML ActivationStatus written as a number is read as the name at that position (`1` →
 * `Active`), as `Enum.Parse` reads it; DataContractSerializer reads names only.
 */
export function activationStatusNumbersAsNames(raw: string): string {
  return raw.replace(/(<ActivationStatus>)(\d+)(?=<)/g, (_m, pre: string, n: string) => pre + (ACTIVATION_STATUS_VALUES[Number(n) - 1] ?? n));
}

// --- what is stored

/** A string `member` is cut to its documented maximum length before it is stored. */
export function truncated(typeName: string, member: string): (body: ValueObject) => ValueObject {
  return (body) => {
    const v = body[member];
    return { ...body, [member]: typeof v === 'string' ? v.slice(0, maxLengthOf(typeName, member)) : v };
  };
}

/** CustomerName and the default contact's strings are trimmed before they are stored. */
export function namesTrimmed(body: ValueObject): ValueObject {
  return {
    ...body,
    CustomerName: typeof body.CustomerName === 'string' ? body.CustomerName.trim() : body.CustomerName,
    DefaultContact: trimStrings(body.DefaultContact as ValueObject | undefined),
  };
}

function trimStrings(v: ValueObject | undefined): ValueObject | undefined {
  if (!v) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x.trim() : x]));
}

// --- the answer

/** A hook that changes a copy of the answer in place. */
export function mapDetail(fn: (d: ValueObject) => void): (d: ValueObject) => ValueObject {
  return (d) => {
    const copy = structuredClone(d);
    fn(copy);
    return copy;
  };
}

export function timestampsAsEpochSeconds(d: ValueObject): void {
  for (const k of ['CreationTimestamp', 'LastUpdateTimestamp']) {
    if (d[k] instanceof Date) d[k] = String(Math.floor((d[k] as Date).getTime() / 1000));
  }
}

export function omittedShippingAddressAsEmpty(d: ValueObject): void {
  if (d.ShippingAddress == null) d.ShippingAddress = {};
}

/** The XML answer with CustomerName written before CustomerKey. */
export function customerNameBeforeKey(xml: string): string {
  return xml.replace(/(<CustomerKey>[^<]*<\/CustomerKey>)(<CustomerName[^>]*?(?:\/>|>[^<]*<\/CustomerName>))/, '$2$1');
}

export function withoutFieldNames(v: ValueObject): void {
  const rs = v.ResponseStatus as ValueObject;
  rs.Errors = ((rs.Errors as ValueObject[]) ?? []).map((e) => ({ ...e, FieldName: null }));
}

export function renameKey(j: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(j).map(([k, v]) => [k === from ? to : k, v]));
}

export function camel(j: unknown): Record<string, unknown> {
  if (!j || typeof j !== 'object' || Array.isArray(j)) return j as Record<string, unknown>;
  return Object.fromEntries(Object.entries(j).map(([k, v]) => [k[0]!.toLowerCase() + k.slice(1), v && typeof v === 'object' ? camel(v) : v]));
}

let revision = 0;
/** A number that changes on every call (the answers of `merchant-key-changes`). */
export function nextRevision(): number {
  revision = (revision + 1) % 100000;
  return revision;
}

/** Negotiation that ignores part of the request (the Accept header, the suffix, ?format=). */
export function negotiateIgnoring(ignored: Partial<NegotiationInput>): (input: NegotiationInput) => Format {
  return (input) => negotiateFormat({ ...input, ...ignored });
}

// --- SOAP

/** The InvalidCustomerInternalId fault changed by `change`; other faults left alone. */
export function invalidIdFault(change: Partial<SoapFaultSpec>): (f: SoapFaultSpec) => SoapFaultSpec {
  return (f) => (f.codeLocalName === 'InvalidCustomerInternalId' ? { ...f, ...change } : f);
}

/** The SOAP result without `member`. */
export function without(member: string): (r: ValueObject) => ValueObject {
  return (r) => {
    const { [member]: _gone, ...rest } = r;
    return rest;
  };
}

/** The SOAP answer with Status written before CustomerId and CustomerInternalId. */
export function soapStatusFirst(xml: string): string {
  return xml.replace(/(<CustomerId>[^<]*<\/CustomerId>)(<CustomerInternalId>[^<]*<\/CustomerInternalId>)(<Status>[^<]*<\/Status>)/, '$3$1$2');
}

/** ActivationStatus answered as its position in the documented list (`Active` → `1`), as an enum written as a number. */
export function activationStatusAsNumber(d: ValueObject): void {
  if (typeof d.ActivationStatus === 'string') d.ActivationStatus = String(ACTIVATION_STATUS_VALUES.indexOf(d.ActivationStatus as (typeof ACTIVATION_STATUS_VALUES)[number]) + 1);
}

/** Both timestamps written as local time five hours behind UTC (UTC−5, New York in winter) and labelled as UTC. */
export function localTimeLabelledUtc(d: ValueObject): void {
  for (const k of ['CreationTimestamp', 'LastUpdateTimestamp'] as const) {
    const v = d[k];
    if (v instanceof Date) d[k] = new Date(v.getTime() - 5 * 3_600_000);
  }
}

/** CreationTimestamp answered an hour after LastUpdateTimestamp (created and updated swapped, and off). */
export function creationAfterUpdate(d: ValueObject): void {
  const last = d.LastUpdateTimestamp;
  if (last instanceof Date) d.CreationTimestamp = new Date(last.getTime() + 3_600_000);
}
