/**
 * The mutations of the field rules, derived from the contract: for each member at each location,
 * the values on both sides of each of its clauses (required, not-empty, optional, max-length — edge
 * white space included — and the UTF-16 length unit, allowed-values and ActivationStatus's exact case).
 */
import fc from 'fast-check';
import { allowedValuesOf, fieldClauseId } from '../../contract/put-customer.ts';
import { NON_ASCII_BMP } from '../alphabets.ts';
import { boundedText } from '../bounded-text.ts';
import { MISSING, type Missing, type Mutation, mutation } from '../customer-case.ts';
import { MEMBER_SITES, type MemberSite } from '../locations.ts';
import { astralTextOfLength, textOfLength } from '../text-builders.ts';
import { nearMisses } from './near-misses.ts';
import { setMember } from './repair.ts';

type Edge = 'leading' | 'trailing';
const SPACE_NAMES: Readonly<Record<string, string>> = { ' ': 'space', '\t': 'tab' };

/** The mutations of every field clause of the member at `site`. */
export function siteMutations(site: MemberSite): Mutation[] {
  const { member: m, location, fieldPath: fp } = site;
  if (m.kind !== 'scalar' && m.kind !== 'enum' && m.kind !== 'complex') return [];
  const id = (rule: string) => fieldClauseId(location.typeName, m.name, rule);
  const out: Mutation[] = [];
  const allowed = allowedValuesOf(m);
  const isFreeString = m.kind === 'scalar' && m.type === 'string' && !allowed;
  const base = { fieldPath: fp };

  if (m.required) {
    out.push(mutation<Missing>({
      clause: id('required'), expect: 'rejected', boundary: MISSING, param: fc.constantFrom(...MISSING),
      apply: (b, p) => ({ ...base, clause: id('required'), expect: 'rejected', description: `${fp} ${p}`, value: setMember(b, site, p === 'nil' ? null : undefined) }),
    }));
    if (isFreeString) {
      const blanks = ['', ' ', '   ', '\t', ' \t '];
      out.push(mutation<string>({
        clause: id('not-empty'), expect: 'rejected', boundary: ['', ' '], param: fc.constantFrom(...blanks),
        apply: (b, p) => ({ ...base, clause: id('not-empty'), expect: 'rejected', description: `${fp} ${p === '' ? 'empty' : `whitespace-only (${JSON.stringify(p)})`}`, value: setMember(b, site, p) }),
      }));
      out.push(mutation<null>({
        clause: id('required'), expect: 'accepted', boundary: [null],
        apply: (b) => ({ ...base, clause: id('required'), expect: 'accepted', description: `${fp} of exactly 1 character`, value: setMember(b, site, 'A') }),
      }));
    }
  } else {
    const variants: ('absent' | 'nil' | 'empty')[] = isFreeString ? ['absent', 'nil', 'empty'] : ['absent', 'nil'];
    out.push(mutation<'absent' | 'nil' | 'empty'>({
      clause: id('optional'), expect: 'accepted', boundary: variants,
      apply: (b, p) => ({ ...base, clause: id('optional'), expect: 'accepted', description: `${fp} ${p}`, value: setMember(b, site, p === 'absent' ? undefined : p === 'nil' ? null : '') }),
    }));
  }

  if (m.kind === 'scalar' && m.maxLength !== undefined) {
    const max = m.maxLength;
    const accepted: [string, string][] = [
      [`${fp} of ${max - 1} characters`, textOfLength(max - 1, fp)],
      [`${fp} of exactly ${max} characters`, textOfLength(max, fp)],
      [`${fp} of exactly ${max} non-ASCII characters (${Buffer.byteLength(textOfLength(max, NON_ASCII_BMP))} UTF-8 bytes)`, textOfLength(max, NON_ASCII_BMP)],
      [`${fp} of ${max} UTF-16 units as ${Math.ceil(max / 2)} code points (astral)`, astralTextOfLength(max)],
    ];
    out.push(mutation<[string, string]>({
      clause: id('max-length'), expect: 'accepted', boundary: accepted,
      apply: (b, [description, text]) => ({ ...base, clause: id('max-length'), expect: 'accepted', description, value: setMember(b, site, text) }),
    }));
    const far = max * 10;
    out.push(mutation<[number, string]>({
      clause: id('max-length'), expect: 'rejected',
      boundary: [[max + 1, textOfLength(max + 1, fp)], [max * 4, textOfLength(max * 4, NON_ASCII_BMP)]],
      param: fc.tuple(fc.oneof(fc.constant(max + 1), fc.integer({ min: max + 1, max: far })), boundedText({ minLength: far, maxLength: far, astral: false, nonBlank: true }))
        .map(([len, text]) => [len, text.slice(0, len)] as [number, string]),
      apply: (b, [len, text]) => ({ ...base, clause: id('max-length'), expect: 'rejected', description: `${fp} of ${len} characters`, value: setMember(b, site, text) }),
    }));
    // Edge white space (INTERPRETING.md §lengths): a gateway that trims before it measures takes
    // max+1 units whose extra one is a leading or trailing space; every unit counts.
    const edged = (edge: Edge, space: string) => (edge === 'leading' ? space + textOfLength(max, fp) : textOfLength(max, fp) + space);
    out.push(mutation<[Edge, string]>({
      clause: id('max-length'), expect: 'rejected',
      boundary: [['leading', ' '], ['trailing', ' ']],
      param: fc.tuple(fc.constantFrom<Edge>('leading', 'trailing'), fc.constantFrom(' ', '\t')),
      apply: (b, [edge, space]) => ({ ...base, clause: id('max-length'), expect: 'rejected', description: `${fp} of ${max + 1} characters with a ${edge} ${SPACE_NAMES[space]}`, value: setMember(b, site, edged(edge, space)) }),
    }));
    if (!m.required) {
      // Exactly max units with spaces at both edges: accepted, and echoed with its spaces (response/echo).
      out.push(mutation<null>({
        clause: id('max-length'), expect: 'accepted', boundary: [null],
        apply: (b) => ({ ...base, clause: id('max-length'), expect: 'accepted', description: `${fp} of exactly ${max} characters with a leading and a trailing space`, value: setMember(b, site, ` ${textOfLength(max - 2, fp)} `) }),
      }));
    }
    const utf16 = 'put-customer/length-unit/utf-16';
    out.push(mutation<number>({
      clause: utf16, expect: 'rejected', boundary: [Math.floor((max + 1) / 2)], param: fc.integer({ min: 1, max: Math.floor((max + 1) / 2) }),
      apply: (b, astral) => {
        const text = '😀'.repeat(astral) + 'x'.repeat(max + 1 - 2 * astral);
        return { ...base, clause: utf16, expect: 'rejected', description: `${fp} of ${max + 1} UTF-16 units in ${[...text].length} code points (astral)`, value: setMember(b, site, text) };
      },
    }));
  }

  if (allowed) {
    const enumRead = m.kind === 'enum';
    out.push(mutation<string>({
      clause: id('allowed-values'), expect: 'accepted',
      // Every value once, at the member's first location only: the list is what is under test.
      boundary: MEMBER_SITES.find((s) => s.member === m) === site ? allowed : [allowed[0]!],
      apply: (b, v) => ({ ...base, clause: id('allowed-values'), expect: 'accepted', description: `${fp} ${JSON.stringify(v)}`, value: setMember(b, site, v) }),
    }));
    const misses = nearMisses(allowed, enumRead);
    out.push(mutation<string>({
      clause: id('allowed-values'), expect: 'rejected', boundary: misses.boundary, param: misses.arbitrary,
      apply: (b, v) => ({ ...base, clause: id('allowed-values'), expect: 'rejected', description: `${fp} ${JSON.stringify(v)}`, value: setMember(b, site, v), mayLackFieldName: enumRead }),
    }));
    if (enumRead) {
      const exactCase = 'put-customer/activation-status/exact-case';
      const wrongCase = allowed.flatMap((v) => [v.toLowerCase(), v.toUpperCase()]);
      out.push(mutation<string>({
        clause: exactCase, expect: 'rejected', boundary: wrongCase.slice(0, 2), param: fc.constantFrom(...wrongCase),
        apply: (b, v) => ({ ...base, clause: exactCase, expect: 'rejected', description: `${fp} ${JSON.stringify(v)} (wrong case)`, value: setMember(b, site, v), mayLackFieldName: true }),
      }));
      // A number is no value of the enum for DataContractSerializer, which reads names only: `1`
      // (the ordinal the docs print, "1: ACTIVE") and `7` (no value at all). XML only (§enum-case).
      out.push(mutation<string>({
        clause: id('allowed-values'), expect: 'rejected', boundary: ['1', '7'], param: fc.integer({ min: 0, max: 99 }).map(String),
        apply: (b, v) => ({ ...base, clause: id('allowed-values'), expect: 'rejected', description: `${fp} ${v} (a number, XML)`, value: setMember(b, site, v), mayLackFieldName: true, onlyIn: 'xml' }),
      }));
    }
  }
  return out;
}
