/*
 * terms.js: the words of the Kennzahlen pages that the catalogue's
 * terms.js does not have: the breakdown by sex of a Messwert (read by the
 * enum check, tests/lint/enums.mjs) and the direction of an indicator.
 */

export { label } from '../catalogue/terms.js';

/** Geschlecht of a disaggregated Messwert. */
export const SEX = {
  female: 'weiblich',
  male: 'männlich',
  diverse: 'divers',

};

/** Which way is better. */
export const DIRECTION = {
  higher_is_better: 'höher ist besser',
  lower_is_better: 'niedriger ist besser',
};
