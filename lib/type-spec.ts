/**
 * How a DataContract type is described: its members in wire order, each scalar, enum, complex,
 * list or opaque, with the namespace the DataContract rule writes them in. The contract (contract/)
 * describes its operations' messages in these shapes; the serializers here (lib/xml, lib/json)
 * read any such description, never one operation's.
 */
export type ScalarType = 'string' | 'int' | 'dateTime';

interface MemberBase {
  /** Element name in XML and property name in JSON, exactly as documented. */
  readonly name: string;
  readonly required: boolean;
  /** The seed's description of the member, quoted. */
  readonly doc: string;
  /**
   * Set when the documented parameter is bound from the route: it is required of the request,
   * but may be left out of the body (ServiceStack fills route variables, INTERPRETING.md §path-key).
   */
  readonly boundFrom?: 'path';
}

export interface ScalarMember extends MemberBase {
  readonly kind: 'scalar';
  readonly type: ScalarType;
  /** Maximum length in UTF-16 code units (docs/INTERPRETING.md §lengths). */
  readonly maxLength?: number;
  /** The documented allowable values, when the member is a string restricted to a list. */
  readonly allowedValues?: readonly string[];
}

export interface EnumMember extends MemberBase {
  readonly kind: 'enum';
  /** Name of the enum in {@link ContractTypes.enums}. */
  readonly enumName: string;
}

export interface ComplexMember extends MemberBase {
  readonly kind: 'complex';
  /** Name of the member's type in {@link ContractTypes.types}. */
  readonly typeName: string;
}

export interface ListMember extends MemberBase {
  readonly kind: 'list';
  /** Type of each item, in {@link ContractTypes.types}; items are written as `<itemElement>`. */
  readonly itemTypeName: string;
  readonly itemElement: string;
}

/** A member whose content the contract does not judge (ServiceStack's `Meta` dictionary). */
export interface OpaqueMember extends MemberBase {
  readonly kind: 'opaque';
}

export type MemberSpec = ScalarMember | EnumMember | ComplexMember | ListMember | OpaqueMember;

export interface TypeSpec {
  readonly name: string;
  /** XML namespace of the type; members are written in this namespace (DataContract rule). */
  readonly namespace: string;
  /** Members in wire order. */
  readonly members: readonly MemberSpec[];
}

export interface EnumSpec {
  readonly name: string;
  readonly namespace: string;
  readonly values: readonly string[];
}

export interface ContractTypes {
  readonly types: Readonly<Record<string, TypeSpec>>;
  readonly enums: Readonly<Record<string, EnumSpec>>;
}

/** `CustomerName` → `customer-name`, `StreetAddress1` → `street-address-1`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z])([A-Z0-9])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * DataContractSerializer's default member order: ordinal (code-unit) comparison of the names.
 * docs/PLATFORM-NOTES.md §datacontract-xml: without [DataMember(Order)], members are written in
 * ordinal order of their names.
 */
export function dataContractOrder<T extends { readonly name: string }>(members: readonly T[]): T[] {
  return [...members].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
