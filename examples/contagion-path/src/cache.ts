// The API's shipped cache set-up (src/client/cache-policies.ts in the API's repository):
// type policies for the types with no id of their own, and the interfaces' implementations.
export { possibleTypes, typePolicies } from '../../../src/client/cache-policies';
