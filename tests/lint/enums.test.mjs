/*
 * enums.test.mjs: tests/lint/enums.mjs passes on the project as it is and
 * fails, naming the set and the value, on doctored copies of each side: a
 * value missing from openapi.yaml (an enum or the scope pattern), a label
 * missing from a web term table, a choice missing from web/index.html, a
 * value missing from a CHECK constraint, one more value in
 * api/src/enums.c, and a new enum, CHECK list or term table that belongs
 * to no set. Needs build/lint/dump_enums and the migrated database of
 * TEILHABE_OWNER_DATABASE_URL (make test has both).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { WEB_MODULES } from './enums.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'tests/lint/enums.mjs');
let dir;
let inputs;

function run(over = {}) {
  const o = { ...inputs, ...over };
  const r = spawnSync(process.execPath, [script, '--c-json', o.c, '--constraints', o.constraints,
    '--openapi', o.openapi, '--web', o.web], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function write(name, text) {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A copy of the web modules the script reads, with one file changed. */
function webCopy(name, module, change) {
  const web = path.join(dir, name);
  for (const file of Object.values(WEB_MODULES)) {
    mkdirSync(path.dirname(path.join(web, file)), { recursive: true });
    copyFileSync(path.join(root, 'web', file), path.join(web, file));
  }
  const file = path.join(web, WEB_MODULES[module]);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, 'the doctoring changed nothing');
  writeFileSync(file, after);
  return web;
}

function openapiWith(name, change) {
  const doc = parse(readFileSync(path.join(root, 'openapi.yaml'), 'utf8'));
  change(doc);
  return write(name, JSON.stringify(doc)); // JSON is YAML
}

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'enums-test-'));
  const c = execFileSync(path.join(root, 'build/lint/dump_enums'), { encoding: 'utf8' });
  const constraints = execFileSync(process.execPath, [script, '--dump-constraints'], { encoding: 'utf8' });
  inputs = {
    c: write('c.json', c),
    constraints: write('constraints.json', constraints),
    openapi: path.join(root, 'openapi.yaml'),
    web: path.join(root, 'web'),
  };
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the project as it is passes', () => {
  const r = run();
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /sets of api\/src\/enums\.c agree/);
});

test('a value missing from an openapi.yaml enum fails, naming set and value', () => {
  const openapi = openapiWith('openapi-no-dropped.yaml', (doc) => {
    const e = doc.components.schemas.MeasureStatus.enum;
    e.splice(e.indexOf('dropped'), 1);
  });
  const r = run({ openapi });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /measure_status: openapi\.yaml MeasureStatus lacks "dropped"/);
});

test('a value missing from a query parameter enum fails', () => {
  const openapi = openapiWith('openapi-role-filter.yaml', (doc) => {
    const p = doc.paths['/api/v1/accounts'].get.parameters.find((x) => x.name === 'role');
    p.schema.enum = p.schema.enum.filter((v) => v !== 'district_admin');
  });
  const r = run({ openapi });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /account_role_filter: openapi\.yaml GET \/api\/v1\/accounts role lacks "district_admin"/);
});

test('a scope missing from the pattern of the token response fails', () => {
  const openapi = openapiWith('openapi-scope-pattern.yaml', (doc) => {
    const s = doc.components.schemas.ClientToken.properties.scope;
    s.pattern = s.pattern.replace('|offers:write))*', '))*');
  });
  const r = run({ openapi });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /api_client_scope: openapi\.yaml ClientToken\.scope pattern lacks "offers:write"/);
});

test('a web term table missing a label fails', () => {
  const web = webCopy('web-no-seniors', 'terms', (s) => s.replace(/\n\s*seniors: '[^']*',/, ''));
  const r = run({ web });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /measure_target_group: web\/\S+ TARGET_GROUP lacks "seniors"/);
});

test('a term table with a label more than the set fails', () => {
  const web = webCopy('web-extra', 'accounts', (s) => s.replace("disabled: 'deaktiviert'", "disabled: 'deaktiviert', locked: 'gesperrt'"));
  const r = run({ web });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /account_status: web\/\S+ STATUS_LABELS has "locked", not in api\/src\/enums\.c/);
});

test('a fixed choice missing from web/index.html fails', () => {
  const web = webCopy('web-no-at-risk', 'index', (s) => s.replace(/<input id="sachstand-stand-at_risk"[^>]*>/, ''));
  const r = run({ web });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /progress_status: web\/index\.html radio sachstand-stand lacks "at_risk"/);
});

test('a value missing from a CHECK constraint fails', () => {
  const rows = JSON.parse(readFileSync(inputs.constraints, 'utf8'));
  const row = rows.find((x) => x.name === 'organisation_kind_valid');
  assert.ok(row, 'the database has organisation_kind_valid');
  row.def = row.def.replace("'kita'::text, ", '');
  const r = run({ constraints: write('constraints-no-kita.json', JSON.stringify(rows)) });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /organisation_kind: CHECK organisation_kind_valid on organisation\.kind lacks "kita"/);
});

test('a value only api/src/enums.c has fails on every side that shows the set', () => {
  const sets = JSON.parse(readFileSync(inputs.c, 'utf8'));
  sets.measure_status.push('paused');
  const r = run({ c: write('c-paused.json', JSON.stringify(sets)) });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /measure_status: CHECK measure_status_valid on measure\.status lacks "paused"/);
  assert.match(r.out, /measure_status: openapi\.yaml MeasureStatus lacks "paused"/);
  assert.match(r.out, /measure_status: web\/\S+ MEASURE_STATUS lacks "paused"/);
});

test('an enum, a CHECK list or a term table that belongs to no set fails', () => {
  const openapi = openapiWith('openapi-new-enum.yaml', (doc) => {
    doc.components.schemas.EventKind = { type: 'string', enum: ['workshop', 'fair'] };
  });
  const rows = JSON.parse(readFileSync(inputs.constraints, 'utf8'));
  rows.push({ table: 'event', name: 'event_kind_valid',
    def: "CHECK ((kind = ANY (ARRAY['workshop'::text, 'fair'::text])))" });
  const web = webCopy('web-new-table', 'terms', (s) => `${s}\nexport const EVENT_KIND = {\n  workshop: 'Workshop',\n};\n`);
  const r = run({ openapi, constraints: write('constraints-new.json', JSON.stringify(rows)), web });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /openapi\.yaml #\/components\/schemas\/EventKind: an enum that belongs to no set/);
  assert.match(r.out, /CHECK event_kind_valid on event\.kind: a value list that belongs to no set/);
  assert.match(r.out, /EVENT_KIND: a term table that belongs to no set/);
});

test('a set in api/src/enums.c that the script does not place fails', () => {
  const sets = JSON.parse(readFileSync(inputs.c, 'utf8'));
  sets.event_kind = ['workshop', 'fair'];
  const r = run({ c: write('c-new-set.json', JSON.stringify(sets)) });
  assert.equal(r.status, 1, r.out);
  assert.match(r.out, /event_kind: in api\/src\/enums\.c but not in the table WHERE/);
});
