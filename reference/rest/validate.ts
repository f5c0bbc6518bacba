/**
 * The reference gateway's validator: every field rule read from the contract data, reported the
 * way ServiceStack's FluentValidation does (docs/PLATFORM-NOTES.md §errors): one ResponseError per
 * failing member with a dotted FieldName, error codes `NotEmpty`, `NotNull`, `MaximumLength`,
 * `Predicate`, and the current English messages.
 */
import { allowedValuesOf, typeSpec } from '../../contract/put-customer.ts';
import type { TypeSpec } from '../../contract/types.ts';
import { type ValueObject, isObject } from '../../lib/values.ts';

export interface ValidationError {
  readonly errorCode: string;
  readonly fieldName: string;
  readonly message: string;
}

/** FluentValidation's display name: `StreetAddress1` → `Street Address1`. */
export function displayName(member: string): string {
  return member.replace(/([a-z])([A-Z])/g, '$1 $2');
}

export interface ValidateOptions {
  /** Length of a string as the gateway counts it. Default: UTF-16 code units (.NET string.Length). */
  readonly length?: (s: string) => number;
}

export function validatePutCustomer(body: ValueObject, options: ValidateOptions = {}): ValidationError[] {
  const errors: ValidationError[] = [];
  validateType(typeSpec('PutCustomer'), body, '', errors, options.length ?? ((s) => s.length));
  if (body.ShippingAddress == null && body.BillingAddress == null) {
    errors.push({
      errorCode: 'NotNull',
      fieldName: 'ShippingAddress',
      message: 'Either a shipping address, a billing address, or both are required.',
    });
  }
  return errors;
}

function validateType(type: TypeSpec, value: ValueObject, path: string, errors: ValidationError[], length: (s: string) => number): void {
  for (const member of type.members) {
    if (member.boundFrom === 'path') continue;
    const v = value[member.name];
    const fieldName = path ? `${path}.${member.name}` : member.name;
    const label = displayName(member.name);
    if (v === undefined || v === null) {
      if (member.required) {
        const isString = member.kind === 'scalar' && member.type === 'string';
        // FluentValidation words NotNull and NotEmpty alike.
        errors.push({ errorCode: isString ? 'NotEmpty' : 'NotNull', fieldName, message: `'${label}' must not be empty.` });
      }
      continue;
    }
    if (member.kind === 'complex') {
      if (isObject(v)) validateType(typeSpec(member.typeName), v, fieldName, errors, length);
      continue;
    }
    if (member.kind !== 'scalar' || member.type !== 'string' || typeof v !== 'string') continue;
    const allowed = allowedValuesOf(member);
    if (member.required && !allowed && v.trim() === '') {
      errors.push({ errorCode: 'NotEmpty', fieldName, message: `'${label}' must not be empty.` });
      continue;
    }
    if (member.maxLength !== undefined && length(v) > member.maxLength) {
      errors.push({
        errorCode: 'MaximumLength',
        fieldName,
        message: `The length of '${label}' must be ${member.maxLength} characters or fewer. You entered ${length(v)} characters.`,
      });
    }
    if (allowed && !allowed.includes(v)) {
      errors.push({ errorCode: 'Predicate', fieldName, message: `The specified condition was not met for '${label}'.` });
    }
  }
}
