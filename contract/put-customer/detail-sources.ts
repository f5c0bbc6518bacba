/**
 * What each CustomerDetail member of an answer holds, relative to the request that produced it:
 * an echo of a request member, the path key, a timestamp or the merchant key. The reference store,
 * the checks of the answer and the exported XSD read this map.
 */

/** How each CustomerDetail member relates to the request that produced it. */
export type DetailSource =
  | { readonly kind: 'echo'; readonly requestMember: string }
  | { readonly kind: 'path-key' }
  | { readonly kind: 'creation-timestamp' }
  | { readonly kind: 'update-timestamp' }
  | { readonly kind: 'merchant-key' };

export const CUSTOMER_DETAIL_SOURCES: Readonly<Record<string, DetailSource>> = {
  ActivationStatus: { kind: 'echo', requestMember: 'ActivationStatus' },
  BillingAddress: { kind: 'echo', requestMember: 'BillingAddress' },
  CreationTimestamp: { kind: 'creation-timestamp' },
  CustomerID: { kind: 'echo', requestMember: 'CustomerId' },
  CustomerKey: { kind: 'path-key' },
  CustomerName: { kind: 'echo', requestMember: 'CustomerName' },
  DefaultContact: { kind: 'echo', requestMember: 'DefaultContact' },
  LastUpdateTimestamp: { kind: 'update-timestamp' },
  MerchantKey: { kind: 'merchant-key' },
  ShippingAddress: { kind: 'echo', requestMember: 'ShippingAddress' },
};
