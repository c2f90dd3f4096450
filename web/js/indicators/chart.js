/*
 * chart.js: the time-series chart of a Kennzahl, drawn with uPlot
 * (npm "uplot", copied to /vendor/uplot by .ci/vendor-web.sh and loaded
 * on the first chart only). The chart is for the eye: it is one image
 * (role="img") with a short description, and every number it shows stands
 * in the data table beside it. Its legend is plain HTML made here (uPlot's
 * own is off), so the colours and line styles are named in words too.
 *
 * Drawn: the Messwerte of the chosen breakdown; for the totals also the
 * target line from baseline to target (series.js, the line the status is
 * computed from), the limits of „im Plan“ and „gefährdet“ along it, the
 * baseline and the target as points, and each series break as a vertical
 * dashed line.
 */

import { AT_RISK_TOLERANCE, ON_TRACK_TOLERANCE } from './series.js';

const VENDOR = '/vendor/uplot';

/* Colours with at least 3:1 against white (WCAG 1.4.11). */
const STYLE = {
  values: { stroke: '#0b57a4', width: 2.5, text: 'Messwerte', line: 'solid' },
  expected: { stroke: '#1b1f24', width: 2, dash: [8, 5], text: 'Zielpfad (Ausgangswert bis Zielwert)', line: 'dashed' },
  onTrack: { stroke: '#2b7a3d', width: 1.5, dash: [2, 4], text: 'Grenze „im Plan“', line: 'dotted' },
  atRisk: { stroke: '#b35c00', width: 1.5, dash: [2, 4], text: 'Grenze „gefährdet“', line: 'dotted' },
  baseline: { stroke: '#4a5562', text: 'Ausgangswert', line: 'point' },
  target: { stroke: '#1d5b2a', text: 'Zielwert', line: 'point' },
  seriesBreak: { stroke: '#a4161a', text: 'Zeitreihenbruch', line: 'break' },
};

let loading = null;

/** Load uPlot's script and style sheet once; resolves with the uPlot class. */
export function loadUPlot() {
  if (window.uPlot) return Promise.resolve(window.uPlot);
  loading ??= new Promise((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${VENDOR}/uPlot.min.css`;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = `${VENDOR}/uPlot.iife.min.js`;
    script.addEventListener('load', () => (window.uPlot ? resolve(window.uPlot) : reject(new Error('uPlot missing'))));
    script.addEventListener('error', () => {
      loading = null;
      script.remove();
      reject(new Error('Das Diagramm konnte nicht geladen werden.'));
    });
    document.head.append(script);
  });
  return loading;
}

const seconds = (iso) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/**
 * Draw the chart into container (emptied first).
 * @param {HTMLElement} container
 * @param {{observations: object[], line: ReturnType<import('./series.js').targetLine> | null,
 *          indicator: object, numberText: (v: number) => string}} what
 *   observations: the chosen breakdown, oldest first; line: the target
 *   line, or null (breakdowns and incomplete targets have none)
 * @returns {Promise<{destroy: () => void, legend: HTMLElement}>}
 */
export async function drawChart(container, { observations, line, indicator, numberText }) {
  const UPlot = await loadUPlot();
  container.replaceChildren();

  const dates = new Set(observations.map((o) => o.period_end));
  if (line) {
    dates.add(line.from);
    dates.add(line.to);
  }
  const xs = [...dates].sort();
  const at = new Map(observations.map((o) => [o.period_end, o.value]));
  const inLine = (d) => line && d >= line.from && d <= line.to;
  const data = [xs.map(seconds), xs.map((d) => (at.has(d) ? at.get(d) : null))];
  const series = [{}, seriesOf(STYLE.values, { points: { show: true, size: 7, fill: '#fff' } })];
  const shown = [STYLE.values];
  if (line) {
    data.push(
      xs.map((d) => (inLine(d) ? line.expected(d) : null)),
      xs.map((d) => (inLine(d) ? line.limit(d, ON_TRACK_TOLERANCE) : null)),
      xs.map((d) => (inLine(d) ? line.limit(d, AT_RISK_TOLERANCE) : null)),
      xs.map((d) => (d === indicator.baseline_date ? indicator.baseline_value : null)),
      xs.map((d) => (d === indicator.target_date ? indicator.target_value : null)),
    );
    series.push(
      seriesOf(STYLE.expected, { points: { show: false } }),
      seriesOf(STYLE.onTrack, { points: { show: false } }),
      seriesOf(STYLE.atRisk, { points: { show: false } }),
      pointOnly(STYLE.baseline),
      pointOnly(STYLE.target),
    );
    shown.push(STYLE.expected, STYLE.onTrack, STYLE.atRisk, STYLE.baseline, STYLE.target);
  }
  const breaks = observations.filter((o) => o.series_break).map((o) => seconds(o.period_end));
  if (breaks.length) shown.push(STYLE.seriesBreak);

  const width = () => Math.max(260, Math.floor(container.clientWidth || 600));
  const height = () => (width() < 500 ? 260 : 340);
  const yearOnly = xs.length > 1 && seconds(xs[xs.length - 1]) - seconds(xs[0]) > 3 * 365 * 86400;
  const plot = new UPlot({
    width: width(),
    height: height(),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true } },
    series,
    axes: [
      {
        values: (u, splits) => splits.map((s) => dateTick(s, yearOnly)),
      },
      {
        size: 64,
        values: (u, splits) => splits.map((v) => numberText(v)),
      },
    ],
    hooks: {
      draw: [(u) => drawBreaks(u, breaks)],
    },
  }, data, container);

  const resize = new ResizeObserver(() => plot.setSize({ width: width(), height: height() }));
  resize.observe(container);
  return {
    legend: legendList(shown),
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

function seriesOf(style, extra) {
  return { label: style.text, stroke: style.stroke, width: style.width, dash: style.dash, spanGaps: true, ...extra };
}

function pointOnly(style) {
  return {
    label: style.text,
    stroke: style.stroke,
    paths: () => null,
    points: { show: true, size: 11, width: 3, fill: style.stroke, stroke: style.stroke },
  };
}

/* uPlot puts its time ticks at local midnight (new year, first of the month). */
function dateTick(s, yearOnly) {
  const d = new Date(s * 1000);
  const year = String(d.getFullYear());
  return yearOnly ? year : `${String(d.getMonth() + 1).padStart(2, '0')}/${year}`;
}

/* A vertical dashed line at each series break, in canvas pixels. */
function drawBreaks(u, breaks) {
  if (!breaks.length) return;
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.strokeStyle = STYLE.seriesBreak.stroke;
  ctx.lineWidth = 2 * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  for (const s of breaks) {
    const x = Math.round(u.valToPos(s, 'x', true));
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

/* The legend as a list: a sample of each line (drawn by CSS) and its name. */
function legendList(styles) {
  const ul = document.createElement('ul');
  ul.className = 'chart-legend';
  for (const s of styles) {
    const li = document.createElement('li');
    const sample = document.createElement('span');
    sample.className = `chart-legend__sample chart-legend__sample--${s.line}`;
    sample.setAttribute('aria-hidden', 'true');
    sample.style.color = s.stroke;
    const text = document.createElement('span');
    text.textContent = s.text;
    li.append(sample, text);
    ul.append(li);
  }
  return ul;
}
