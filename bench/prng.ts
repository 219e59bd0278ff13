/** The one seeded PRNG, from the domain (the response's Monte-Carlo draws use it too). */
export { prng } from '../src/domain/random/prng';
