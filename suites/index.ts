/** Every suite, in the order the runner starts them (they run at once, sharing the run's client). */
import type { SuiteDefinition } from './define.ts';
import { hardening, soapHardening } from './hardening.ts';
import { markCustomer } from './mark-customer.ts';
import { putCustomerAccess } from './put-customer-access.ts';
import { putCustomerInputs } from './put-customer-inputs.ts';
import { putCustomerReplace } from './put-customer-replace.ts';

export const SUITES: readonly SuiteDefinition[] = [putCustomerInputs, putCustomerReplace, putCustomerAccess, markCustomer, hardening, soapHardening];

export type { SuiteDefinition } from './define.ts';
