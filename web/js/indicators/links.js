/*
 * links.js: the addresses of the Kennzahlen pages and how a value reads,
 * shared by the list and the page of one Kennzahl.
 */

import { formatNumber } from '../shared/format.js';

/** The address of a Kommune's Kennzahlen: /#/kommunen/{ags}/kennzahlen. */
export const indicatorsHref = (ags) => `/#/kommunen/${encodeURIComponent(ags)}/kennzahlen`;

/** The address of one Kennzahl: /#/kommunen/{ags}/kennzahlen/{id}. */
export const indicatorHref = (ags, id) => `${indicatorsHref(ags)}/${encodeURIComponent(id)}`;

/** "22,1 %", "412 Personen". */
export function valueText(value, unit) {
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}
