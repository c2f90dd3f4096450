#!/usr/bin/env node
/*
 * enums.mjs (`make lint-enums`): every value set of api/src/enums.c, the one
 * source, against
 *   - the CHECK constraints of a migrated database: read from pg_constraint
 *     (pg_get_constraintdef), so it checks what the database enforces after
 *     all migrations and schema files, whichever file wrote it;
 *   - the `enum` lists of openapi.yaml;
 *   - the web client's term tables (code -> German label), read from the
 *     modules' source text (they need no browser, and non-exported tables
 *     such as accounts.js's count too), and the fixed choices of
 *     web/index.html (a <select>'s options, a group of radio buttons).
 * Fails, naming the set, the place and the values, when a side lacks a
 * value or has one more; also when a CHECK constraint over a value list, an
 * openapi.yaml enum, a term table of the listed modules or a fixed choice
 * of the listed pages belongs to no set.
 * Order is not compared, only the values.
 *
 * usage: node tests/lint/enums.mjs [--c DUMPER | --c-json FILE]
 *          [--openapi FILE] [--web DIR] [--constraints FILE]
 *        node tests/lint/enums.mjs --dump-constraints
 * Without --constraints the database is the one TEILHABE_OWNER_DATABASE_URL
 * names (psql reads it). --dump-constraints prints what would be compared
 * (JSON), for tests/lint/enums.test.mjs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/*
 * The web client's modules and pages that hold term tables or fixed
 * choices, relative to web/. The only place this script names web files:
 * adapt here when they move.
 */
export const WEB_MODULES = {
  terms: 'js/catalogue/terms.js',
  concept: 'js/concept/terms.js',
  roles: 'js/shared/roles.js',
  accounts: 'js/accounts/accounts.js',
  indicators: 'js/indicators/terms.js',
  meetings: 'js/meetings/terms.js',
  participation: 'js/participation/terms.js',
  public: 'js/public/participation-terms.js',
  organisations: 'js/organisations/terms.js',
  networks: 'js/networks/terms.js',
  offers: 'js/offers/terms.js',
  events: 'js/events/terms.js',
  index: 'index.html',
};

/*
 * Where each set of api/src/enums.c appears.
 *   sql:     "table.column" of a CHECK (column = ANY (ARRAY[...])) or
 *            CHECK (column <@ ARRAY[...])
 *   openapi: "Schema" or "Schema.property" (components/schemas),
 *            "GET /path param" (a query parameter), or a JSON pointer "#/...";
 *            with " pattern" after it, each (a|b|...) group of that
 *            schema's pattern instead of an enum
 *   web:     "module NAME" (module: a key of WEB_MODULES; the const of
 *            that name, exported or not), or for a page "page select ID"
 *            (the option values of <select id=ID> but the empty one) and
 *            "page radio PREFIX" (the values of the radio buttons whose id
 *            is PREFIX-value)
 * A set with no SQL entry is computed by the database (indicator status,
 * trend, the audit actor) or is a word of the protocol only.
 */
export const WHERE = {
  account_status: {
    sql: ['account.status'],
    openapi: ['AccountStatus'],
    web: ['accounts STATUS_LABELS', 'index select filter-status'],
  },
  membership_role: { sql: ['membership.role'], openapi: ['Role'], web: ['index radio einladen-rolle'] },
  account_role_filter: {
    openapi: ['GET /api/v1/accounts role'],
    web: ['roles ROLE_LABELS', 'index select filter-rolle'],
  },
  organisation_kind: { sql: ['organisation.kind'], openapi: ['OrganisationKind'] },
  language: { sql: ['organisation.languages', 'offer.languages'], openapi: ['Language'] },
  api_client_scope: { sql: ['api_client.scopes'], openapi: ['Scope', 'ClientToken.scope pattern'] },
  api_client_status: { sql: ['api_client.status'], openapi: ['ApiClientStatus'] },
  audit_action: { sql: ['audit_event.action'], openapi: ['AuditAction'] },
  audit_actor_kind: { openapi: ['AuditActor.kind'] },
  concept_status: { sql: ['concept.status'], openapi: ['ConceptStatus'], web: ['terms CONCEPT_STATUS', 'concept CONCEPT_STATUS'] },
  measure_status: {
    sql: ['measure.status', 'meeting_decision.measure_status'],
    openapi: ['MeasureStatus'],
    web: ['terms MEASURE_STATUS'],
  },
  measure_horizon: { sql: ['measure.horizon'], openapi: ['MeasureHorizon'], web: ['terms HORIZON'] },
  measure_target_group: {
    sql: ['measure.target_groups', 'event.target_groups', 'offer.target_groups'],
    openapi: ['TargetGroup'],
    web: ['terms TARGET_GROUP'],
  },
  visibility: {
    sql: ['measure.visibility', 'indicator.visibility', 'meeting.visibility',
          'consultation.visibility', 'network.visibility', 'event.visibility',
          'offer.visibility'],
    openapi: ['Visibility'],
    web: ['terms VISIBILITY'],
  },
  consultation_kind: { sql: ['consultation.kind'], openapi: ['ConsultationKind'] },
  consultation_status: { sql: ['consultation.status'], openapi: ['ConsultationStatus'] },
  contribution_origin: { sql: ['contribution.origin'], openapi: ['ContributionOrigin'] },
  contribution_moderation: {
    sql: ['contribution.moderation'],
    openapi: ['ContributionModeration'],
  },
  contribution_decision: { openapi: ['ContributionModerationRequest.moderation'] },
  offer_kind: { sql: ['offer.kind'], openapi: ['OfferKind'] },
  offer_cost: { sql: ['offer.cost'], openapi: ['OfferCost'] },
  weekday: { openapi: ['OfferSlot.weekday'] },
  meeting_kind: { sql: ['meeting.kind'], openapi: ['MeetingKind'] },
  meeting_status: { sql: ['meeting.status'], openapi: ['MeetingStatus'] },
  meeting_minutes_status: { sql: ['meeting.minutes_status'], openapi: ['MeetingMinutesStatus'] },
  network_kind: { sql: ['network.kind'], openapi: ['NetworkKind'] },
  network_member_role: { sql: ['network_member.role'], openapi: ['NetworkMemberRole'] },
  event_status: { sql: ['event.status'], openapi: ['EventStatus'] },
  recommendation_response: {
    sql: ['recommendation.response_kind'],
    openapi: ['RecommendationResponseKind'],
  },
  measure_sort: {
    openapi: ['GET /api/v1/municipalities/{ags}/measures sort'],
    web: ['index select katalog-sortierung'],
  },
  measure_history_table: { openapi: ['MeasureHistoryEntry.table'] },
  progress_status: {
    sql: ['progress_report.status'],
    openapi: ['ProgressReportStatus'],
    web: ['terms REPORT_STATUS', 'index radio sachstand-stand'],
  },
  measure_report_status: { openapi: ['MeasureReportStatus'] },
  indicator_direction: { sql: ['indicator.direction'], openapi: ['IndicatorDirection'], web: ['indicators DIRECTION'] },
  indicator_source_set: { sql: ['indicator.source_set'], openapi: ['IndicatorSourceSet'], web: ['terms SOURCE_SET'] },
  indicator_status: { openapi: ['IndicatorStatus'], web: ['terms INDICATOR_STATUS'] },
  indicator_trend: { openapi: ['IndicatorTrend'], web: ['terms TREND'] },
  sex: { sql: ['observation.sex'], openapi: ['Sex'], web: ['indicators SEX'] },
  overview_since_source: { openapi: ['OverviewSinceSource'] },
  oauth_token_type_hint: { openapi: ['RevokeRequest.token_type_hint'] },
  oauth_error: {
    openapi: ['#/components/responses/TokenError/content/application~1problem+json/schema/allOf/1/properties/error'],
  },
};

/* The Sitzungen's term tables in the web client (js/meetings/terms.js). */
WHERE.meeting_kind.web = ['meetings MEETING_KIND'];
WHERE.meeting_status.web = ['meetings MEETING_STATUS'];
WHERE.meeting_minutes_status.web = ['meetings MINUTES_STATUS'];
WHERE.visibility.web = [...WHERE.visibility.web, 'meetings MEETING_VISIBILITY'];

/* The Beteiligung's term tables in the web client (js/participation/terms.js). */
WHERE.consultation_kind.web = ['participation CONSULTATION_KIND'];
WHERE.consultation_status.web = ['participation CONSULTATION_STATUS'];
WHERE.contribution_origin.web = ['participation CONTRIBUTION_ORIGIN'];
WHERE.contribution_moderation.web = ['participation MODERATION'];
WHERE.recommendation_response.web = ['participation RESPONSE_KIND'];
WHERE.visibility.web = [...WHERE.visibility.web, 'participation CONSULTATION_VISIBILITY'];
/* The public Beteiligung pages' term tables (js/public/participation-terms.js). */
for (const [set, tables] of [
  ['consultation_kind', ['public CONSULTATION_KIND']],
  ['consultation_status', ['public CONSULTATION_STATUS']],
  ['recommendation_response', ['public RESPONSE_KIND', 'public RESPONSE_SENTENCE']],
]) WHERE[set].web = [...(WHERE[set].web ?? []), ...tables];
/* The public Angebote and Veranstaltungen pages' term tables (js/public/offer-terms.js). */
WEB_MODULES.publicOffers = 'js/public/offer-terms.js';
for (const [set, table] of [
  ['language', 'LANGUAGE'],
  ['offer_kind', 'OFFER_KIND'],
  ['offer_cost', 'OFFER_COST'],
  ['weekday', 'WEEKDAY_ADVERB'],
  ['event_status', 'EVENT_STATUS'],
]) WHERE[set].web = [...(WHERE[set].web ?? []), `publicOffers ${table}`];

/* The partners' views of #14 (js/organisations/, js/networks/, js/offers/, js/events/). */
for (const [set, tables] of [
  ['organisation_kind', ['organisations ORGANISATION_KIND']],
  ['language', ['organisations LANGUAGE']],
  ['network_kind', ['networks NETWORK_KIND']],
  ['network_member_role', ['networks NETWORK_ROLE']],
  ['offer_kind', ['offers OFFER_KIND']],
  ['offer_cost', ['offers COST']],
  ['weekday', ['offers WEEKDAY']],
  ['event_status', ['events EVENT_STATUS']],
  ['visibility', ['networks NETWORK_VISIBILITY', 'offers OFFER_VISIBILITY', 'events EVENT_VISIBILITY']],
]) WHERE[set] = { ...(WHERE[set] ?? {}), web: [...(WHERE[set]?.web ?? []), ...tables] };

const CONSTRAINTS_SQL = `
SELECT coalesce(nullif(c.conrelid, 0)::regclass::text, c.contypid::regtype::text) AS "table",
       c.conname AS name, pg_get_constraintdef(c.oid) AS def
  FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
 WHERE c.contype = 'c' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg_toast%'
 ORDER BY 1, 2`;

/** The CHECK constraints of the database TEILHABE_OWNER_DATABASE_URL names. */
export function readConstraints(url = process.env.TEILHABE_OWNER_DATABASE_URL) {
  if (!url) throw new Error('no database: set TEILHABE_OWNER_DATABASE_URL (make lint-enums does) or pass --constraints');
  const out = execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c',
    `SELECT coalesce(json_agg(t), '[]') FROM (${CONSTRAINTS_SQL}) t`], { encoding: 'utf8' });
  return JSON.parse(out);
}

/**
 * The value lists in CHECK constraints: "table.column" -> values, from
 * (column = ANY (ARRAY['a'::text, ...])) and (column <@ ARRAY[...]).
 */
export function sqlValueSets(constraints) {
  const sets = new Map();
  const lists = /\(*([a-z_][a-z0-9_]*)\)* (?:= ANY \(|<@ )\(*ARRAY\[([^\]]*)\]/g;
  for (const { table, name, def } of constraints) {
    for (const m of def.matchAll(lists)) {
      const values = [...m[2].matchAll(/'((?:[^']|'')*)'(?:::[a-z ]+)?/g)].map((v) => v[1].replace(/''/g, "'"));
      const key = `${table}.${m[1]}`;
      if (sets.has(key)) throw new Error(`two CHECK value lists on ${key} (${sets.get(key).name}, ${name})`);
      sets.set(key, { name, values });
    }
  }
  return sets;
}

const esc = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

function at(doc, pointer) {
  let node = doc;
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node == null || typeof node !== 'object') return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Every `enum` in the document: pointer of the schema holding it -> values (null left out). */
export function openapiEnums(doc) {
  const found = new Map();
  (function walk(node, pointer) {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${pointer}/${i}`));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'enum' && Array.isArray(v)) found.set(pointer, v.filter((x) => x !== null).map(String));
        else walk(v, `${pointer}/${esc(k)}`);
      }
    }
  })(doc, '#');
  return found;
}

/** The pointer of the schema an openapi entry of WHERE names (see there). */
export function openapiPointer(doc, where) {
  if (where.startsWith('#/')) return where;
  const param = /^(GET|POST|PUT|PATCH|DELETE) (\S+) (\S+)$/.exec(where);
  if (!param) {
    const [schema, prop] = where.split('.');
    return `#/components/schemas/${esc(schema)}` + (prop ? `/properties/${esc(prop)}` : '');
  }
  const [, method, p, name] = param;
  const item = doc.paths?.[p];
  if (!item) return undefined;
  const lists = [[`#/paths/${esc(p)}/${method.toLowerCase()}/parameters`, item[method.toLowerCase()]?.parameters],
    [`#/paths/${esc(p)}/parameters`, item.parameters]];
  for (const [base, params] of lists) {
    for (const [i, prm] of (params ?? []).entries()) {
      let ptr = `${base}/${i}`;
      let obj = prm;
      if (obj?.$ref) {
        ptr = obj.$ref;
        obj = at(doc, obj.$ref);
      }
      if (obj?.name === name && obj.in === 'query') {
        return obj.schema?.items?.enum ? `${ptr}/schema/items` : `${ptr}/schema`;
      }
    }
  }
  return undefined;
}

/*
 * The term tables of a module's source: `const NAME = { code: 'Label', ... };`
 * (exported or not) whose members are all string literals. NAME -> codes.
 */
export function termTables(source) {
  const tables = new Map();
  const str = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
  const entry = new RegExp(String.raw`^\s*(?:([A-Za-z_$][\w$]*)|(${str}))\s*:\s*(?:${str})\s*,?\s*$`);
  for (const m of source.matchAll(/(?:^|\n)\s*(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*=\s*\{([^{}]*)\}\s*;/g)) {
    const body = m[2].replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    const items = body.split(/,(?=(?:[^'"]|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")*$)/).map((s) => s.trim()).filter(Boolean);
    const codes = [];
    let ok = items.length > 0;
    for (const it of items) {
      const e = entry.exec(it);
      if (!e) {
        ok = false;
        break;
      }
      codes.push(e[1] ?? e[2].slice(1, -1));
    }
    if (ok) tables.set(m[1], codes);
  }
  return tables;
}

const attr = (tag, name) => new RegExp(String.raw`\s${name}\s*=\s*"([^"]*)"`).exec(tag)?.[1];

/*
 * The fixed choices of a page: "select ID" -> the values of its <option>s
 * but the empty one ("all"), for every <select> with such options;
 * "radio PREFIX" -> the values of the radio buttons whose id is
 * PREFIX-value.
 */
export function pageChoices(html) {
  const choices = new Map();
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const values = [...m[2].matchAll(/<option\b[^>]*>/g)].map((o) => attr(o[0], 'value')).filter((v) => v);
    if (values.length) choices.set(`select ${attr(m[1], 'id')}`, values);
  }
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    if (attr(m[0], 'type') !== 'radio') continue;
    const id = attr(m[0], 'id') ?? '';
    const value = attr(m[0], 'value') ?? '';
    const key = `radio ${id.endsWith(`-${value}`) ? id.slice(0, -value.length - 1) : id}`;
    choices.set(key, [...(choices.get(key) ?? []), value]);
  }
  return choices;
}

function difference(name, where, want, have) {
  const lacks = want.filter((v) => !have.includes(v));
  const extra = have.filter((v) => !want.includes(v));
  const out = [];
  if (lacks.length) out.push(`${name}: ${where} lacks ${lacks.map((v) => JSON.stringify(v)).join(', ')}`);
  if (extra.length) {
    out.push(`${name}: ${where} has ${extra.map((v) => JSON.stringify(v)).join(', ')}, not in api/src/enums.c`);
  }
  return out;
}

/**
 * Compares the sets (name -> values, from api/src/enums.c) with the three
 * sides. Returns { errors: [...], counts }.
 */
export function compare({ sets, constraints, openapi, webSources, where = WHERE }) {
  const errors = [];
  const sql = sqlValueSets(constraints);
  const enums = openapiEnums(openapi);
  const claimedSql = new Set();
  const claimedApi = new Set();
  const claimedWeb = new Set();
  const tables = new Map();
  for (const [key, source] of Object.entries(webSources)) {
    tables.set(key, /\.html?$/.test(WEB_MODULES[key] ?? '') ? pageChoices(source) : termTables(source));
  }

  for (const name of Object.keys(sets)) if (!where[name]) errors.push(`${name}: in api/src/enums.c but not in the table WHERE of tests/lint/enums.mjs`);
  for (const name of Object.keys(where)) if (!sets[name]) errors.push(`${name}: in tests/lint/enums.mjs but not in enum_sets[] of api/src/enums.c`);

  for (const [name, values] of Object.entries(sets)) {
    const w = where[name];
    if (!w) continue;
    for (const col of w.sql ?? []) {
      claimedSql.add(col);
      const s = sql.get(col);
      if (!s) errors.push(`${name}: the database has no CHECK value list on ${col}`);
      else errors.push(...difference(name, `CHECK ${s.name} on ${col}`, values, s.values));
    }
    for (const entry of w.openapi ?? []) {
      if (entry.endsWith(' pattern')) {
        const ptr = openapiPointer(openapi, entry.slice(0, -' pattern'.length));
        const pattern = ptr && at(openapi, ptr)?.pattern;
        const groups = [...(pattern ?? '').matchAll(/\(([^()]*\|[^()]*)\)/g)];
        if (!groups.length) errors.push(`${name}: openapi.yaml has no pattern of alternatives at ${entry}`);
        for (const g of groups) {
          const alternatives = g[1].split('|').map((a) => a.replace(/\\(.)/g, '$1'));
          errors.push(...difference(name, `openapi.yaml ${entry}`, values, alternatives));
        }
        continue;
      }
      const ptr = openapiPointer(openapi, entry);
      if (!ptr || !enums.has(ptr)) {
        errors.push(`${name}: openapi.yaml has no enum at ${entry}${ptr ? ` (${ptr})` : ''}`);
        continue;
      }
      claimedApi.add(ptr);
      errors.push(...difference(name, `openapi.yaml ${entry}`, values, enums.get(ptr)));
    }
    for (const entry of w.web ?? []) {
      const [mod, ...rest] = entry.split(' ');
      const table = rest.join(' ');
      claimedWeb.add(entry);
      const codes = tables.get(mod)?.get(table);
      if (!codes) errors.push(`${name}: no term table ${table} in web/${WEB_MODULES[mod] ?? mod}`);
      else errors.push(...difference(name, `web/${WEB_MODULES[mod]} ${table}`, values, codes));
    }
  }
  for (const [col, s] of sql) {
    if (!claimedSql.has(col)) errors.push(`CHECK ${s.name} on ${col}: a value list that belongs to no set of api/src/enums.c`);
  }
  for (const ptr of enums.keys()) {
    if (!claimedApi.has(ptr)) errors.push(`openapi.yaml ${ptr}: an enum that belongs to no set of api/src/enums.c`);
  }
  for (const [mod, t] of tables) {
    for (const table of t.keys()) {
      if (!claimedWeb.has(`${mod} ${table}`)) {
        errors.push(`web/${WEB_MODULES[mod]} ${table}: a term table that belongs to no set of api/src/enums.c`);
      }
    }
  }
  return { errors, counts: { sets: Object.keys(sets).length, sql: sql.size, openapi: enums.size, web: claimedWeb.size } };
}

function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dump-constraints') o.dumpConstraints = true;
    else if (['--c', '--c-json', '--openapi', '--web', '--constraints'].includes(a) && i + 1 < argv.length) {
      o[a.slice(2)] = argv[++i];
    } else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

function main() {
  const o = args(process.argv.slice(2));
  if (o.dumpConstraints) {
    console.log(JSON.stringify(readConstraints(), null, 1));
    return 0;
  }
  const sets = JSON.parse(o['c-json'] ? readFileSync(o['c-json'], 'utf8')
    : execFileSync(path.resolve(o.c ?? path.join(ROOT, 'build/lint/dump_enums')), { encoding: 'utf8' }));
  const constraints = o.constraints ? JSON.parse(readFileSync(o.constraints, 'utf8')) : readConstraints();
  const openapi = parse(readFileSync(o.openapi ?? path.join(ROOT, 'openapi.yaml'), 'utf8'));
  const web = o.web ?? path.join(ROOT, 'web');
  const webSources = {};
  for (const [key, file] of Object.entries(WEB_MODULES)) webSources[key] = readFileSync(path.join(web, file), 'utf8');
  const { errors, counts } = compare({ sets, constraints, openapi, webSources });
  if (errors.length) {
    for (const e of errors) console.error(`enums: ${e}`);
    console.error(`enums: ${errors.length} disagreement(s) with api/src/enums.c`);
    return 1;
  }
  console.log(`enums: ${counts.sets} sets of api/src/enums.c agree with ${counts.sql} CHECK value lists, `
    + `${counts.openapi} openapi.yaml enums and ${counts.web} web term tables and choices`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`enums: ${e.message}`);
    process.exitCode = 2;
  }
}
