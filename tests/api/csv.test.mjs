/*
 * CSV for German spreadsheets (issue #12): GET …/measures and GET
 * …/overview with Accept: text/csv. The CSV is parsed here (RFC 4180 with
 * ';') and compared with the JSON of the same request: the row count is
 * the list's total, the cells are the JSON's values in German form (BOM,
 * ';', CRLF, decimal comma, TT.MM.JJJJ, the web client's terms), formulas
 * are neutralised, the filters apply, and a catalogue of more than one
 * page of the export (600 measures) comes whole.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { assertProblem } from './lib/contract.mjs';
import { MUSTERSTADT, psql, signInPersonas, tag } from './lib/auth.mjs';
import { base, createMeasure } from './lib/catalogue.mjs';
import { api, everyItem } from './lib/requests.mjs';
import { MEASURE_STATUS, HORIZON, REPORT_STATUS, VISIBILITY } from '../../web/js/catalogue/terms.js';

const TAG = `C${tag()}`;
const CSV = { Accept: 'text/csv' };
const t = {};
const mine = {};

/* Today in Europe/Berlin, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
/* YYYY-MM-DD as TT.MM.JJJJ; null as an empty cell */
const de = (d) => (d ? d.split('-').reverse().join('.') : '');
/* a number with a decimal comma, as PostgreSQL prints a numeric */
const num = (n, scale = 0) => (n === null || n === undefined ? '' : Number(n).toFixed(scale).replace('.', ','));

/*
 * Parses CSV with ';' (RFC 4180): the rows as arrays of cells. Fails on a
 * bare LF or CR outside quotes (the lines must end with CRLF) and on a
 * missing BOM.
 */
function parse(text) {
	assert.equal(text.charCodeAt(0), 0xfeff, 'the CSV starts with a BOM');
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	for (let i = 1; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"' && cell === '') quoted = true;
		else if (c === ';') { row.push(cell); cell = ''; }
		else if (c === '\r') {
			assert.equal(text[i + 1], '\n', `a CR without LF at ${i}`);
			row.push(cell); rows.push(row); row = []; cell = ''; i++;
		} else {
			assert.notEqual(c, '\n', `a bare LF at ${i}: lines end with CRLF`);
			cell += c;
		}
	}
	assert.equal(quoted, false, 'no quote left open');
	assert.ok(row.length === 0 && cell === '', 'the last line ends with CRLF');
	return rows;
}

const MEASURE_HEADER = ['ID', 'Rang', 'Code', 'Titel', 'Handlungsfeld', 'Status', 'Begründung', 'Fortschritt (%)', 'Zeithorizont',
	'Geplanter Beginn', 'Geplantes Ende', 'Tatsächlicher Beginn', 'Tatsächliches Ende', 'Überfällig', 'Letzter Sachstand vom',
	'Stand des letzten Sachstands', 'Federführung', 'Beteiligte Träger', 'Budget (EUR)', 'Sichtbarkeit', 'Übergeordnete Maßnahme (ID)'];

/* A spreadsheet cell of user text: formulas neutralised. */
const safe = (s) => (s === null || s === undefined ? '' : /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/* The row a measure of the JSON list must have. */
function expectedRow(m) {
	const now = today();
	const overdue = Boolean(m.planned_end && m.planned_end < now && !['completed', 'dropped'].includes(m.status));
	return [m.id, String(m.rank), safe(m.code), safe(m.title), safe(m.action_field.name), MEASURE_STATUS[m.status], safe(m.status_reason),
		String(m.progress), HORIZON[m.horizon], de(m.planned_start), de(m.planned_end), de(m.actual_start), de(m.actual_end),
		overdue ? 'ja' : 'nein', de(m.last_report?.reported_on), m.last_report ? REPORT_STATUS[m.last_report.status] : 'kein Sachstand',
		safe(m.lead_organisation?.name), safe(m.partner_organisations.map((o) => o.name).join(', ') || null), num(m.budget, 2),
		VISIBILITY[m.visibility], m.parent_id ?? ''];
}

/* The id of the demo's adopted concept of Musterstadt (by its title: other files adopt their own). */
async function demoConcept() {
	const concepts = await everyItem(`${base()}/concepts`, t.officer);
	const demo = concepts.find((c) => c.title === 'Integrationskonzept der Stadt Musterstadt 2024–2030');
	assert.ok(demo, 'the demo concept');
	return demo.id;
}

async function csv(path, token = t.officer, headers = CSV) {
	const res = await api('GET', path, token, { headers });
	assert.equal(res.status, 200, res.text.slice(0, 400));
	assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
	return { res, rows: parse(res.text) };
}

before(async () => {
	[t.officer, t.partner] = await signInPersonas('officer', 'partner');
	const fields = await api('GET', `${base()}/action-fields?limit=200`, t.officer);
	assert.equal(fields.status, 200, fields.text);
	mine.field = fields.json.items[0];
	const c = await api('POST', `${base()}/concepts`, t.officer, { body: { title: `CSV ${TAG}` } });
	assert.equal(c.status, 201, c.text);
	mine.concept = c.json;
	/* cells a spreadsheet would run as formulas, and cells that need quoting */
	mine.formula = await createMeasure(t.officer, {
		concept_id: mine.concept.id, code: `=1+1-${TAG}`.slice(0, 20), title: '=HYPERLINK("http://example.invalid";"klick")',
		horizon: 'short', action_field_id: mine.field.id, budget: 1234.5, planned_start: '2026-02-01', planned_end: '2027-03-04',
	});
	mine.quoted = await createMeasure(t.officer, {
		concept_id: mine.concept.id, code: `+${TAG}`.slice(0, 20), title: '@Sprachcafé; „offen“ und "zitiert"',
		horizon: 'long', action_field_id: mine.field.id,
	});
	mine.minus = await createMeasure(t.officer, {
		concept_id: mine.concept.id, code: `-${TAG}`.slice(0, 20), title: 'Normaler Titel', horizon: 'medium',
		action_field_id: mine.field.id, budget: 0.05,
	});
	/* 600 more, as the owner: more than one part of the export */
	psql(`INSERT INTO measure (municipality_id, concept_id, code, title, action_field_id, horizon, rank, progress)
		SELECT municipality_id, ${mine.concept.id}, 'M-' || g, 'Massenmaßnahme ' || g, ${mine.field.id}, 'short', 3 + g, g % 101
		  FROM concept, generate_series(1, 600) g WHERE id = ${mine.concept.id}`);
});

describe('the catalogue as CSV', () => {
	test('the demo catalogue: BOM, header, CRLF, one row per measure of the list, the JSON\'s values in German form', async () => {
		const path = `${base()}/measures?concept_id=${await demoConcept()}`;
		for (let attempt = 0; ; attempt++) {
			const items = await everyItem(path, t.officer);
			const { res, rows } = await csv(path);
			const again = await everyItem(path, t.officer);
			if (JSON.stringify(items) !== JSON.stringify(again) && attempt < 3) continue;
			assert.equal(res.headers['content-disposition'], `attachment; filename="massnahmen-${MUSTERSTADT}-${today()}.csv"`);
			assert.deepEqual(rows[0], MEASURE_HEADER);
			assert.equal(rows.length - 1, items.length, 'one row per measure');
			assert.ok(items.length >= 43);
			rows.slice(1).forEach((row, i) => assert.deepEqual(row, expectedRow(items[i]), `row ${i + 1} (${items[i].code})`));
			/* decimal comma and dates in the demo's own data */
			assert.ok(rows.some((r) => /^\d+,\d\d$/.test(r[18])), 'a budget with a decimal comma');
			assert.ok(rows.slice(1).every((r) => r[10] === '' || /^\d\d\.\d\d\.\d{4}$/.test(r[10])), 'dates as TT.MM.JJJJ');
			return;
		}
	});

	test('formulas are neutralised and cells with ; and " quoted', async () => {
		const { res, rows } = await csv(`${base()}/measures?concept_id=${mine.concept.id}`);
		const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
		const f = byId.get(mine.formula.id);
		assert.equal(f[2], `'${mine.formula.code}`);
		assert.equal(f[3], `'=HYPERLINK("http://example.invalid";"klick")`);
		assert.equal(f[18], '1234,50');
		assert.equal(f[9], '01.02.2026');
		assert.equal(f[10], '04.03.2027');
		const q = byId.get(mine.quoted.id);
		assert.equal(q[2], `'${mine.quoted.code}`);
		assert.equal(q[3], `'@Sprachcafé; „offen“ und "zitiert"`);
		assert.ok(res.text.includes(`"'@Sprachcafé; „offen“ und ""zitiert"""`), 'quoted per RFC 4180');
		assert.equal(byId.get(mine.minus.id)[2], `'${mine.minus.code}`);
		assert.equal(byId.get(mine.minus.id)[18], '0,05');
		/* no raw cell of the whole export starts a formula */
		for (const r of rows.slice(1)) for (const cell of r) assert.ok(!/^[=+@]/.test(cell), `cell ${cell}`);
	});

	test('more than one part: all 603 measures of the concept, in rank order, as the JSON list', async () => {
		const path = `${base()}/measures?concept_id=${mine.concept.id}`;
		const items = await everyItem(path, t.officer);
		const { rows } = await csv(path);
		assert.equal(items.length, 603);
		assert.deepEqual(rows.slice(1).map((r) => r[0]), items.map((m) => m.id));
		const db = psql(`SELECT count(*) FROM measure WHERE concept_id = ${mine.concept.id}`);
		assert.equal(String(rows.length - 1), db);
		/* limit and cursor do not make it a page */
		const limited = await csv(`${path}&limit=5`);
		assert.equal(limited.rows.length - 1, 603);
	});

	const filters = [
		'report_status=delayed,at_risk', 'status=in_progress', 'overdue=true', 'horizon=short', 'q=Sprache',
		'visibility=public&report_status=none', 'sort=-updated_at', 'status=completed&sort=-updated_at',
	];
	for (const query of filters) {
		test(`the filters apply: ${query}`, async () => {
			const path = `${base()}/measures?${query}`;
			for (let attempt = 0; ; attempt++) {
				const items = await everyItem(path, t.officer);
				const { rows } = await csv(path);
				const again = await everyItem(path, t.officer);
				if (JSON.stringify(items) !== JSON.stringify(again) && attempt < 3) continue;
				assert.deepEqual(rows.slice(1).map((r) => r[0]), items.map((m) => m.id), 'the same measures in the same order');
				return;
			}
		});
	}

	test('the partner gets the rows the partner may read, no more', async () => {
		const path = `${base()}/measures?concept_id=${await demoConcept()}`;
		const items = await everyItem(path, t.partner);
		const { rows } = await csv(path, t.partner);
		assert.deepEqual(rows.slice(1).map((r) => r[0]), items.map((m) => m.id));
		const all = await everyItem(path, t.officer);
		assert.ok(items.length < all.length, 'fewer than the officer');
	});

	test('bad filters answer 400 as JSON problems; no rows is a header alone', async () => {
		assertProblem(await api('GET', `${base()}/measures?status=bogus`, t.officer, { headers: CSV }), 400, { parameter: 'status' });
		assertProblem(await api('GET', `${base()}/measures?sort=rank`, t.officer, { headers: CSV }), 400, { parameter: 'sort' });
		assertProblem(await api('GET', `${base('05999008')}/measures`, t.officer, { headers: CSV }), 404);
		const { rows } = await csv(`${base()}/measures?q=${TAG}nichtvorhanden`);
		assert.deepEqual(rows, [MEASURE_HEADER]);
	});

	test('without text/csv in Accept: JSON as before', async () => {
		for (const accept of ['application/json', '*/*', 'text/*', 'text/csv;q=0, application/json', undefined]) {
			const res = await api('GET', `${base()}/measures?limit=2`, t.officer, { headers: accept ? { Accept: accept } : {} });
			assert.equal(res.status, 200, `${accept}: ${res.text.slice(0, 200)}`);
			assert.equal(res.headers['content-type'], 'application/json', String(accept));
			assert.equal(res.json.items.length, 2);
			assert.equal(res.headers['content-disposition'], undefined);
		}
		const both = await api('GET', `${base()}/measures?limit=2`, t.officer, { headers: { Accept: 'application/json, text/csv;q=0.5' } });
		assert.equal(both.headers['content-type'], 'text/csv; charset=utf-8', 'text/csv named with a q above 0');
	});
});

describe('the overview as CSV', () => {
	test('the Handlungsfeld table: one row per action field and „Gesamt“, the JSON\'s counts', async () => {
		/* the demo concept: other files adopt concepts of their own meanwhile */
		const path = `${base()}/overview?concept_id=${await demoConcept()}`;
		for (let attempt = 0; ; attempt++) {
			const json = await api('GET', path, t.officer);
			const { res, rows } = await csv(path);
			const again = await api('GET', path, t.officer);
			if (JSON.stringify(json.json.totals) !== JSON.stringify(again.json.totals) && attempt < 3) continue;
			assert.equal(res.headers['content-disposition'], `attachment; filename="uebersicht-${MUSTERSTADT}-${today()}.csv"`);
			assert.deepEqual(rows[0], ['Handlungsfeld', 'Maßnahmen', 'vorgeschlagen', 'geplant', 'in Umsetzung', 'abgeschlossen',
				'ausgesetzt', 'verworfen', 'Mittlerer Fortschritt (%)', 'verzögert', 'gefährdet', 'ohne Sachstand seit sechs Monaten',
				'überfällig']);
			const groups = [...json.json.action_fields, { name: 'Gesamt', ...json.json.totals }];
			assert.equal(rows.length - 1, groups.length);
			groups.forEach((g, i) => {
				const s = g.by_status;
				assert.deepEqual(rows[i + 1], [safe(g.name), ...[g.measures, s.proposed, s.planned, s.in_progress, s.completed, s.suspended,
					s.dropped].map(String), num(g.mean_progress, 1), ...[g.delayed, g.at_risk, g.stale, g.overdue].map(String)], g.name);
			});
			assert.ok(rows.some((r) => /^\d+,\d$/.test(r[8])), 'a mean progress with a decimal comma');
			return;
		}
	});

	test('the overview\'s parameters apply to the CSV; a bad one is a 400', async () => {
		const { rows } = await csv(`${base()}/overview?concept_id=${mine.concept.id}`);
		assert.equal(rows.at(-1)[0], 'Gesamt');
		assert.equal(rows.at(-1)[1], '603');
		assertProblem(await api('GET', `${base()}/overview?since=31.12.2026`, t.officer, { headers: CSV }), 400, { parameter: 'since' });
	});
});
