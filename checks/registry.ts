/**
 * Every check, by name. Suites compose checks from here; `--list-checks` prints this registry;
 * `--checks` and `--exclude-checks` select from it; `npm run trace` reads it.
 */
import type { ClauseId } from '../contract/index.ts';
import type { Check } from './define.ts';
import { notAServerError } from './common/not-a-server-error.ts';
import { hostileInputRefused } from './hardening/hostile-input-refused.ts';
import { survivesHostileInput } from './hardening/survives-hostile-input.ts';
import { mustUnderstandFault } from './mark-customer/must-understand-fault.ts';
import { soap12Rejected } from './mark-customer/soap12-rejected.ts';
import { soapFaultConformance } from './mark-customer/soap-fault-conformance.ts';
import { soapSuccessConformance } from './mark-customer/soap-success-conformance.ts';
import { wrongSoapActionFault } from './mark-customer/wrong-soap-action-fault.ts';
import { wsdlClientCall } from './mark-customer/wsdl-client-call.ts';
import { contentTypeConformance } from './put-customer/content-type-conformance.ts';
import { contentTypeSpellings } from './put-customer/content-type-spellings.ts';
import { customerDetailConformance } from './put-customer/customer-detail-conformance.ts';
import { formatNegotiation } from './put-customer/format-negotiation.ts';
import { malformedKeyRefused } from './put-customer/malformed-key-refused.ts';
import { jsonBodyAcceptance } from './put-customer/json-body-acceptance.ts';
import { keyLimitsRefused } from './put-customer/key-limits-refused.ts';
import { INPUT_CLAUSES } from './put-customer/input-clauses.ts';
import { negativeDataRejection } from './put-customer/negative-data-rejection.ts';
import { otherMerchantRefused } from './put-customer/other-merchant-refused.ts';
import { positiveDataAcceptance } from './put-customer/positive-data-acceptance.ts';
import { replaceAtomic } from './put-customer/replace-atomic.ts';
import { replaceRepeat, replaceSemantics } from './put-customer/replace-semantics.ts';
import { responseEcho } from './put-customer/response-echo.ts';
import { roleRequired } from './put-customer/role-required.ts';
import { rolesAccepted } from './put-customer/roles-accepted.ts';
import { unauthenticatedRejection } from './put-customer/unauthenticated-rejection.ts';
import { unknownKeyRejection } from './put-customer/unknown-key-rejection.ts';

export const CHECKS = {
  positive_data_acceptance: positiveDataAcceptance,
  negative_data_rejection: negativeDataRejection,
  content_type_conformance: contentTypeConformance,
  customer_detail_conformance: customerDetailConformance,
  response_echo: responseEcho,
  json_body_acceptance: jsonBodyAcceptance,
  format_negotiation: formatNegotiation,
  content_type_spellings: contentTypeSpellings,
  unauthenticated_rejection: unauthenticatedRejection,
  role_required: roleRequired,
  roles_accepted: rolesAccepted,
  other_merchant_refused: otherMerchantRefused,
  unknown_key_rejection: unknownKeyRejection,
  malformed_key_refused: malformedKeyRefused,
  key_limits_refused: keyLimitsRefused,
  replace_semantics: replaceSemantics,
  replace_repeat: replaceRepeat,
  replace_atomic: replaceAtomic,
  soap_success_conformance: soapSuccessConformance,
  soap_fault_conformance: soapFaultConformance,
  wsdl_client_call: wsdlClientCall,
  wrong_soap_action_fault: wrongSoapActionFault,
  soap12_rejected: soap12Rejected,
  must_understand_fault: mustUnderstandFault,
  hostile_input_refused: hostileInputRefused,
  survives_hostile_input: survivesHostileInput,
  not_a_server_error: notAServerError,
} as const;

export type CheckName = keyof typeof CHECKS;
export type CheckInput<N extends CheckName> = (typeof CHECKS)[N] extends Check<infer I> ? I : never;

export const CHECK_NAMES = Object.keys(CHECKS) as CheckName[];

/**
 * Checks the runner applies to every answer of every suite (runner/context.ts, `SuiteContext.send`
 * and `attempt`), so no suite names them; `--exclude-checks` leaves them out like any other.
 */
export const EVERY_EXCHANGE_CHECKS: readonly CheckName[] = ['not_a_server_error'];

export function isCheckName(name: string): name is CheckName {
  return Object.hasOwn(CHECKS, name);
}

/** The checks that can report on `clause`. */
export function checksFor(clause: ClauseId): CheckName[] {
  return CHECK_NAMES.filter((n) => (CHECKS[n].clauses as readonly string[]).includes(clause));
}

/**
 * The checks that judge, of the request-case clauses ({@link INPUT_CLAUSES}), the one the case they
 * are given carries: a suite applying one judges only the case clauses it declares
 * (suites/define.ts `caseClauses`; runner/context.ts refuses any other), which is what `trace` and
 * `--clause` read (runner/selection.ts).
 */
export const CASE_CLAUSE_CHECKS: readonly CheckName[] = ['positive_data_acceptance', 'negative_data_rejection'];

/** Whether check `name`, applied by a suite, judges `clause` only for cases the suite declares. */
export const judgesOnlyDeclaredCases = (name: CheckName, clause: ClauseId): boolean => CASE_CLAUSE_CHECKS.includes(name) && INPUT_CLAUSES.includes(clause);
