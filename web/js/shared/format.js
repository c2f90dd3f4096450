/*
 * format.js: German (de-DE) display formats shared by the pages.
 * Every function returns a string; missing values are the caller's concern.
 */

const integerFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('de-DE', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

const wholePercentFormat = new Intl.NumberFormat('de-DE', { style: 'percent', maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });
const euroFormat = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });

/** 31234 -> "31.234" */
export function formatInteger(value) {
  return integerFormat.format(value);
}

/** A percentage given as 0..100: 9.1 -> "9,1 %" (with a no-break space). */
export function formatPercent(value) {
  return percentFormat.format(value / 100);
}

/** A whole percentage given as 0..100: 60 -> "60 %" (progress of a measure). */
export function formatWholePercent(value) {
  return wholePercentFormat.format(value / 100);
}

/** A measured value: 1234.5 -> "1.234,5", at most two decimals. */
export function formatNumber(value) {
  return numberFormat.format(value);
}

/** An amount in euros: 15000 -> "15.000,00 €". */
export function formatEuro(value) {
  return euroFormat.format(value);
}

/**
 * An ISO 8601 calendar date "2023-12-31" -> "31.12.2023". Parsed by hand:
 * new Date("2023-12-31") is midnight UTC and may be the day before locally.
 * Returns the input unchanged when it is not such a date.
 */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
  return m ? `${m[3]}.${m[2]}.${m[1]}` : String(iso);
}

const dateTimeFormat = new Intl.DateTimeFormat('de-DE', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * An ISO 8601 timestamp with offset -> "05.12.2026, 18:22 Uhr" in the
 * browser's time zone. Returns the input unchanged when it cannot be read.
 */
export function formatDateTime(iso) {
  const t = Date.parse(String(iso));
  return Number.isNaN(t) ? String(iso) : `${dateTimeFormat.format(new Date(t))} Uhr`;
}
