/** The generators read member locations from the contract (contract/locations.ts). */
export { LOCATIONS, MEMBER_SITES, type Location, type MemberSite, updateAt } from '../contract/locations.ts';
