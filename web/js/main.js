/*
 * main.js: entry point of the web client.
 *
 * The views live in index.html, one <section> each, and the fragment names
 * the one to show:
 *   /                          Kommunen (start page; ?limit= 1..200 sets its page size)
 *   /#/anmelden                Anmelden (?weiter=VIEW, ?email=ADDRESS)
 *   /#/einladung?token=…       Einladung annehmen
 *   /#/konten                  Konten (officers, steering group, district admins; ?limit=)
 *   /#/konten/neu              Person einladen (officers, district admins)
 *   /#/mein-konto              Mein Konto (signed in)
 *   /#/katalog                 Maßnahmenkatalog (a role in a Kommune; ?kommune=, ?konzept=, ?limit=,
 *                              the filters: see catalogue/catalogue-filters.js)
 *   /#/massnahmen/neu          Neue Maßnahme (officers; ?kommune=, ?konzept=, ?uebergeordnet=)
 *   /#/massnahmen/{id}         Maßnahme (a role in its Kommune; ?kommune=)
 *   /#/oeffentlich/{ags}       Integrationskonzept of a Kommune, public
 *   /#/kennzahlen              Kennzahlen of the person's first Kommune (signed in)
 *   /#/kommunen/{ags}/kennzahlen       Kennzahlen of a Kommune (a role in it)
 *   /#/kommunen/{ags}/kennzahlen/{id}  Kennzahl with chart, data table, „Messwert erfassen“
 *   /#/konzept                 Integrationskonzept: versions of a Kommune (a role there; ?kommune=)
 *   /#/konzepte/{id}           a version with its Leitziele (?kommune=)
 *   /#/handlungsfelder         Handlungsfelder of a Kommune (?kommune=)
 *   /#/uebersicht              Übersicht (officers, steering group, district admins;
 *                              ?kommune=, ?seit=YYYY-MM-DD, ?konzept=)
 * Other fragments (#inhalt of the skip link) are anchors, not views. After
 * a change of view the focus moves to its heading, so screen readers
 * announce where the person is; the title and the navigation follow.
 */

import { markCurrentNav, renderHeader } from './shared/header.js';
import { mountMunicipalities } from './public/municipalities.js';
import { problemText } from './shared/problems.js';
import {
  canManageAccounts, canSeeAccounts, canSeeCatalogue, canSeeOverview,
} from './shared/roles.js';
import {
  SESSION_ENDED_TEXT, currentPerson, isSignedIn, onSessionChange, restoreSession, signOut,
} from './shared/session.js';
import { createAccountsView } from './accounts/accounts.js';
import { createCatalogueView } from './catalogue/catalogue.js';
import { createActionFieldsView } from './concept/action-fields.js';
import { createConceptView } from './concept/concept.js';
import { createConceptsView } from './concept/concepts.js';
import { createInvitationView } from './session/invitation.js';
import { createInviteView } from './accounts/invite.js';
import { createIndicatorView } from './indicators/indicator.js';
import { createIndicatorsView } from './indicators/indicators.js';
import { createMeasureView } from './catalogue/measure.js';
import { createNewMeasureView } from './catalogue/measure-new.js';
import { createMyAccountView } from './session/my-account.js';
import { createPublicConceptView } from './public/concept.js';
import { createSignInView } from './session/signin.js';
import { createOverviewView } from './overview/overview.js';

const DEFAULT_TITLE = document.title;

function pageSizeFromUrl() {
  const raw = new URLSearchParams(window.location.search).get('limit');
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
}

let municipalitiesMounted = false;
const startView = {
  show() {
    if (municipalitiesMounted) return;
    municipalitiesMounted = true;
    mountMunicipalities(
      {
        status: document.getElementById('kommunen-status'),
        alert: document.getElementById('kommunen-fehler'),
        list: document.getElementById('kommunen-liste'),
      },
      { pageSize: pageSizeFromUrl() },
    );
  },
};

/* access: who may open the view; "public", "signed-in", "accounts", "manage", "catalogue",
   "staff" (officers, steering group, district admins). */
const VIEWS = {
  '': { section: 'ansicht-start', title: null, access: 'public', view: startView },
  anmelden: { section: 'ansicht-anmelden', title: 'Anmelden', access: 'public', view: createSignInView({ onSignedIn }) },
  einladung: { section: 'ansicht-einladung', title: 'Einladung annehmen', access: 'public', view: createInvitationView() },
  konten: { section: 'ansicht-konten', title: 'Konten', access: 'accounts', view: createAccountsView() },
  'konten/neu': { section: 'ansicht-einladen', title: 'Person einladen', access: 'manage', view: createInviteView() },
  'mein-konto': { section: 'ansicht-mein-konto', title: 'Mein Konto', access: 'signed-in', view: createMyAccountView() },
  katalog: { section: 'ansicht-katalog', title: 'Maßnahmenkatalog', access: 'catalogue', view: createCatalogueView() },
  'massnahmen/neu': { section: 'ansicht-neue-massnahme', title: 'Neue Maßnahme', access: 'catalogue', nav: 'katalog', view: createNewMeasureView() },
  konzept: { section: 'ansicht-konzepte', title: 'Integrationskonzept', access: 'catalogue', view: createConceptsView() },
  handlungsfelder: {
    section: 'ansicht-handlungsfelder', title: 'Handlungsfelder', access: 'catalogue', nav: 'konzept', view: createActionFieldsView(),
  },
};
/* Views whose address names a thing: the match's groups are their args;
   nav: the navigation entry they belong to. */
const PATTERN_VIEWS = [
  {
    pattern: /^massnahmen\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-massnahme', title: 'Maßnahme', access: 'catalogue', nav: 'katalog', view: createMeasureView() },
  },
  {
    pattern: /^konzepte\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-konzept', title: 'Integrationskonzept', access: 'catalogue', nav: 'konzept', view: createConceptView() },
  },
  {
    pattern: /^oeffentlich\/(\d{8})$/,
    args: (m) => ({ ags: m[1] }),
    def: { section: 'ansicht-oeffentlich', title: 'Integrationskonzept', access: 'public', view: createPublicConceptView() },
  },
];
const indicatorsView = createIndicatorsView();
PATTERN_VIEWS.push(
  {
    pattern: /^kennzahlen$/,
    args: () => ({}),
    def: { section: 'ansicht-kennzahlen', title: 'Kennzahlen', access: 'catalogue', nav: 'kennzahlen', view: indicatorsView },
  },
  {
    pattern: /^kommunen\/(\d{8})\/kennzahlen$/,
    args: (m) => ({ ags: m[1] }),
    def: { section: 'ansicht-kennzahlen', title: 'Kennzahlen', access: 'catalogue', nav: 'kennzahlen', view: indicatorsView },
  },
  {
    pattern: /^kommunen\/(\d{8})\/kennzahlen\/(\d{1,19})$/,
    args: (m) => ({ ags: m[1], id: m[2] }),
    def: { section: 'ansicht-kennzahl', title: 'Kennzahl', access: 'catalogue', nav: 'kennzahlen', view: createIndicatorView() },
  },
);
/* ---- Meetings (js/meetings/) --------------------------------------------
 *   /#/sitzungen                       Sitzungen of a Kommune (?kommune=)
 *   /#/sitzungen/neu                   Neue Sitzung (officers; ?kommune=)
 *   /#/sitzungen/{id}                  Sitzung: Teilnehmende, Tagesordnung, Protokoll, Beschlüsse (?kommune=)
 *   /#/oeffentlich/{ags}/sitzungen      öffentliche Sitzungen of a Kommune
 *   /#/oeffentlich/{ags}/sitzungen/{id} one public Sitzung
 */
import { createMeetingsView } from './meetings/meetings.js';
import { createMeetingView } from './meetings/meeting.js';
import { createNewMeetingView } from './meetings/meeting-new.js';
import { createPublicMeetingView, createPublicMeetingsView } from './meetings/public-meetings.js';

PATTERN_VIEWS.push(
  {
    pattern: /^sitzungen$/,
    args: () => ({}),
    def: { section: 'ansicht-sitzungen', title: 'Sitzungen', access: 'catalogue', nav: 'sitzungen', view: createMeetingsView() },
  },
  {
    pattern: /^sitzungen\/neu$/,
    args: () => ({}),
    def: { section: 'ansicht-neue-sitzung', title: 'Neue Sitzung', access: 'catalogue', nav: 'sitzungen', view: createNewMeetingView() },
  },
  {
    pattern: /^sitzungen\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-sitzung', title: 'Sitzung', access: 'catalogue', nav: 'sitzungen', view: createMeetingView() },
  },
  {
    pattern: /^oeffentlich\/(\d{8})\/sitzungen$/,
    args: (m) => ({ ags: m[1] }),
    def: { section: 'ansicht-oeffentlich-sitzungen', title: 'Öffentliche Sitzungen', access: 'public', view: createPublicMeetingsView() },
  },
  {
    pattern: /^oeffentlich\/(\d{8})\/sitzungen\/(\d{1,19})$/,
    args: (m) => ({ ags: m[1], id: m[2] }),
    def: { section: 'ansicht-oeffentlich-sitzung', title: 'Sitzung', access: 'public', view: createPublicMeetingView() },
  },
);
/* ---- end of Meetings ----------------------------------------------------- */

/* ---- Beteiligung (js/participation/) -----------------------------------
 *   /#/beteiligung                     Beteiligungsformate of a Kommune (?kommune=)
 *   /#/beteiligung/{id}                Beteiligungsformat: Angaben, Status, Beiträge, Moderation (?kommune=)
 *   /#/empfehlungen                    Handlungsempfehlungen (?kommune=, ?offen=1, ?antwort=, ?handlungsfeld=,
 *                                      ?beteiligung=, ?neu=1)
 *   /#/empfehlungen/{id}               Handlungsempfehlung: Herkunft, Stellungnahme, Maßnahmen (?kommune=)
 */
import { createConsultationView } from './participation/consultation.js';
import { createConsultationsView } from './participation/consultations.js';
import { createRecommendationView } from './participation/recommendation.js';
import { createRecommendationsView } from './participation/recommendations.js';

PATTERN_VIEWS.push(
  {
    pattern: /^beteiligung$/,
    args: () => ({}),
    def: { section: 'ansicht-beteiligung', title: 'Beteiligung', access: 'catalogue', nav: 'beteiligung', view: createConsultationsView() },
  },
  {
    pattern: /^beteiligung\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: {
      section: 'ansicht-beteiligungsformat', title: 'Beteiligungsformat', access: 'catalogue', nav: 'beteiligung', view: createConsultationView(),
    },
  },
  {
    pattern: /^empfehlungen$/,
    args: () => ({}),
    def: {
      section: 'ansicht-empfehlungen', title: 'Handlungsempfehlungen', access: 'catalogue', nav: 'beteiligung', view: createRecommendationsView(),
    },
  },
  {
    pattern: /^empfehlungen\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: {
      section: 'ansicht-empfehlung', title: 'Handlungsempfehlung', access: 'catalogue', nav: 'beteiligung', view: createRecommendationView(),
    },
  },
);
/* ---- end of Beteiligung --------------------------------------------------- */

const DENIED = { section: 'ansicht-kein-zugriff', title: 'Kein Zugriff', view: { show() {} } };
const UNKNOWN = { section: 'ansicht-unbekannt', title: 'Seite nicht gefunden', view: { show() {} } };

/* ---- Übersicht (overview/): the steering group's page. ---- */
PATTERN_VIEWS.push({
  pattern: /^uebersicht$/,
  args: () => ({}),
  def: { section: 'ansicht-uebersicht', title: 'Übersicht', access: 'staff', view: createOverviewView() },
});
/* ---- end Übersicht ---- */

/* ---- Öffentliche Beteiligung (js/public/) --------------------------------
 *   /#/oeffentlich/{ags}/beteiligung         public Beteiligungen with findings and Beiträge
 *   /#/oeffentlich/{ags}/beteiligung/{id}    one Beteiligung; the form to contribute while open
 *   /#/oeffentlich/{ags}/empfehlungen        „Was ist aus den Empfehlungen geworden?“
 *   /#/oeffentlich/{ags}/massnahmen/{id}     one public Maßnahme
 */
import { createPublicConsultationsView } from './public/consultations.js';
import { createPublicContributeView } from './public/contribute.js';
import { createPublicRecommendationsView } from './public/recommendations.js';
import { createPublicMeasureView } from './public/measure.js';

PATTERN_VIEWS.push(
  {
    pattern: /^oeffentlich\/(\d{8})\/beteiligung$/,
    args: (m) => ({ ags: m[1] }),
    def: { section: 'ansicht-oeffentlich-beteiligung', title: 'Beteiligung', access: 'public', view: createPublicConsultationsView() },
  },
  {
    pattern: /^oeffentlich\/(\d{8})\/beteiligung\/(\d{1,19})$/,
    args: (m) => ({ ags: m[1], id: m[2] }),
    def: { section: 'ansicht-oeffentlich-beitrag', title: 'Beteiligung', access: 'public', view: createPublicContributeView() },
  },
  {
    pattern: /^oeffentlich\/(\d{8})\/empfehlungen$/,
    args: (m) => ({ ags: m[1] }),
    def: {
      section: 'ansicht-oeffentlich-empfehlungen', title: 'Was ist aus den Empfehlungen geworden?', access: 'public', view: createPublicRecommendationsView(),
    },
  },
  {
    pattern: /^oeffentlich\/(\d{8})\/massnahmen\/(\d{1,19})$/,
    args: (m) => ({ ags: m[1], id: m[2] }),
    def: { section: 'ansicht-oeffentlich-massnahme', title: 'Maßnahme', access: 'public', view: createPublicMeasureView() },
  },
);
/* ---- end of Öffentliche Beteiligung -------------------------------------- */

/* ---- Netzwerke, Angebote, Veranstaltungen (js/organisations/, js/networks/, js/offers/, js/events/) ----
 *   /#/organisationen/{id}             Organisation: profile, „Bearbeiten“ for who may
 *   /#/organisationen/meine            „Meine Organisation“ of a partner
 *   /#/netzwerke                       Netzwerke of a Kommune (?kommune=)
 *   /#/netzwerke/{id}                  Netzwerk: Mitglieder, Maßnahmen (?kommune=)
 *   /#/angebote                        Angebote (?kommune=, ?art=, ?sprache=, ?zielgruppe=, ?organisation=, ?suche=)
 *   /#/angebote/{id}                   Angebot (?kommune=)
 *   /#/veranstaltungen                 Veranstaltungen (?kommune=, ?zeit=vergangen, ?status=, ?organisation=)
 *   /#/veranstaltungen/{id}            Veranstaltung: Teilnehmende, absagen (?kommune=)
 */
import { createOrganisationView } from './organisations/organisation.js';
import { createNetworksView } from './networks/networks.js';
import { createNetworkView } from './networks/network.js';
import { createOffersView } from './offers/offers.js';
import { createOfferView } from './offers/offer.js';
import { createEventsView } from './events/events.js';
import { createEventView } from './events/event.js';

PATTERN_VIEWS.push(
  {
    pattern: /^organisationen\/(\d{1,19}|meine)$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-organisation', title: 'Organisation', access: 'catalogue', nav: 'organisationen', view: createOrganisationView() },
  },
  {
    pattern: /^netzwerke$/,
    args: () => ({}),
    def: { section: 'ansicht-netzwerke', title: 'Netzwerke', access: 'catalogue', nav: 'netzwerke', view: createNetworksView() },
  },
  {
    pattern: /^netzwerke\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-netzwerk', title: 'Netzwerk', access: 'catalogue', nav: 'netzwerke', view: createNetworkView() },
  },
  {
    pattern: /^angebote$/,
    args: () => ({}),
    def: { section: 'ansicht-angebote', title: 'Angebote', access: 'catalogue', nav: 'angebote', view: createOffersView() },
  },
  {
    pattern: /^angebote\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-angebot', title: 'Angebot', access: 'catalogue', nav: 'angebote', view: createOfferView() },
  },
  {
    pattern: /^veranstaltungen$/,
    args: () => ({}),
    def: { section: 'ansicht-veranstaltungen', title: 'Veranstaltungen', access: 'catalogue', nav: 'veranstaltungen', view: createEventsView() },
  },
  {
    pattern: /^veranstaltungen\/(\d{1,19})$/,
    args: (m) => ({ id: m[1] }),
    def: { section: 'ansicht-veranstaltung', title: 'Veranstaltung', access: 'catalogue', nav: 'veranstaltungen', view: createEventView() },
  },
);
/* ---- end of Netzwerke, Angebote, Veranstaltungen ---------------------------- */
/* ---- Öffentliches Angebotsverzeichnis und Veranstaltungen (js/public/) ---
 *   /#/oeffentlich/{ags}/angebote          Angebote of a Kommune (?suche=, ?sprache=, ?zielgruppe=, ?art=)
 *   /#/angebote-im-kreis                   Angebote of the whole district (the same and ?kommune=)
 *   /#/oeffentlich/angebote/{id}           one public Angebot
 *   /#/oeffentlich/{ags}/veranstaltungen   coming Veranstaltungen of a Kommune (?zielgruppe=, ?veranstalter=)
 *   /#/veranstaltungen-im-kreis            coming Veranstaltungen of the district (the same and ?kommune=)
 *   /#/oeffentlich/veranstaltungen/{id}    one public Veranstaltung
 */
import { createPublicEventView } from './public/event.js';
import { createPublicEventsView } from './public/events.js';
import { createPublicOfferView } from './public/offer.js';
import { createPublicOffersView } from './public/offers.js';
import { mountStartLinks } from './public/start-links.js';

{
  const offersView = createPublicOffersView();
  const eventsView = createPublicEventsView();
  const offers = { section: 'ansicht-oeffentlich-angebote', title: 'Angebote', access: 'public', view: offersView };
  const events = { section: 'ansicht-oeffentlich-veranstaltungen', title: 'Veranstaltungen', access: 'public', view: eventsView };
  PATTERN_VIEWS.push(
    { pattern: /^oeffentlich\/(\d{8})\/angebote$/, args: (m) => ({ ags: m[1] }), def: offers },
    { pattern: /^angebote-im-kreis$/, args: () => ({}), def: offers },
    {
      pattern: /^oeffentlich\/angebote\/(\d{1,19})$/,
      args: (m) => ({ id: m[1] }),
      def: { section: 'ansicht-oeffentlich-angebot', title: 'Angebot', access: 'public', view: createPublicOfferView() },
    },
    { pattern: /^oeffentlich\/(\d{8})\/veranstaltungen$/, args: (m) => ({ ags: m[1] }), def: events },
    { pattern: /^veranstaltungen-im-kreis$/, args: () => ({}), def: events },
    {
      pattern: /^oeffentlich\/veranstaltungen\/(\d{1,19})$/,
      args: (m) => ({ id: m[1] }),
      def: { section: 'ansicht-oeffentlich-veranstaltung', title: 'Veranstaltung', access: 'public', view: createPublicEventView() },
    },
  );
  mountStartLinks();
}
/* ---- end of Öffentliches Angebotsverzeichnis ------------------------------ */

const DENIED_TEXTS = {
  accounts: 'Die Konten sehen Integrationsbeauftragte, die Steuerungsgruppe und die Kreisadministration. '
    + 'Ihr Konto hat keine dieser Rollen.',
  manage: 'Personen einladen können Integrationsbeauftragte und die Kreisadministration. Ihr Konto hat keine dieser Rollen.',
  staff: 'Die Übersicht sehen Integrationsbeauftragte, die Steuerungsgruppe und die Kreisadministration. '
    + 'Ihr Konto hat keine dieser Rollen.',
  catalogue: 'Den Maßnahmenkatalog sehen alle mit einer Rolle in einer Kommune: Integrationsbeauftragte, '
    + 'Steuerungsgruppe, Partner und die Kreisadministration. Ihr Konto hat keine solche Rolle.',
};

/** The view of a path ("konten", "massnahmen/7") and its args, or null. */
function resolve(path) {
  if (Object.hasOwn(VIEWS, path)) return { def: VIEWS[path], args: {} };
  for (const p of PATTERN_VIEWS) {
    const m = p.pattern.exec(path);
    if (m) return { def: p.def, args: p.args(m) };
  }
  return null;
}

/** The view the fragment names, or null for an in-page anchor (#inhalt). */
function parseHash() {
  const hash = window.location.hash;
  if (hash === '' || hash === '#' || hash === '#/') return { path: '', params: new URLSearchParams() };
  if (!hash.startsWith('#/')) return null;
  const rest = hash.slice(2);
  const q = rest.indexOf('?');
  const path = (q < 0 ? rest : rest.slice(0, q)).replace(/\/+$/, '');
  return { path, params: new URLSearchParams(q < 0 ? '' : rest.slice(q + 1)) };
}

let flash = null; // a message for the next view shown
let firstRender = true;
let renderCount = 0;
let current = document.getElementById('ansicht-start');

/**
 * Go to a view.
 * @param {string} path e.g. "konten"; "" is the start page
 * @param {{params?: Record<string, string>, replace?: boolean, message?: string}} [options]
 */
function navigate(path, { params, replace = false, message = null } = {}) {
  const qs = params ? new URLSearchParams(params).toString() : '';
  const url = `${window.location.pathname}${window.location.search}#/${path}${qs ? `?${qs}` : ''}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  flash = message;
  render();
}

function onSignedIn(next) {
  const person = currentPerson();
  // next may carry the view's parameters: "massnahmen/7?kommune=05999004".
  const [nextPath, nextQuery] = (next ?? '').split('?');
  let target = next !== null && resolve(nextPath) && nextPath !== 'anmelden' ? nextPath : null;
  let params = target && nextQuery ? Object.fromEntries(new URLSearchParams(nextQuery)) : undefined;
  if (!target) ({ path: target, params } = landing(person));
  navigate(target, { replace: true, params });
}

/*
 * Where a role's work is, after signing in: officers and the steering group
 * the Übersicht, partners their organisation's measures („Meine
 * Maßnahmen“), district admins the Kommunen; anyone else the own account.
 */
function landing(person) {
  const roles = new Set((person?.memberships ?? []).map((m) => m.role));
  if (roles.has('officer') || roles.has('steering')) return { path: 'uebersicht' };
  if (roles.has('partner')) return { path: 'katalog', params: { meine: '1' } };
  if (person?.district_admin) return { path: '' };
  return { path: 'mein-konto' };
}

/* The address of the current view for ?weiter=: its path and parameters. */
function returnPath(route) {
  const qs = route.params.toString();
  return qs ? `${route.path}?${qs}` : route.path;
}

/*
 * A click on a link or the back button fires popstate and then hashchange
 * for the same address: the second must not show the view again (it sent
 * every request twice). navigate() renders itself, also the same address.
 */
let renderedUrl = null;
function onAddressChange() {
  if (window.location.href === renderedUrl) return;
  render();
}

async function render() {
  const route = parseHash();
  renderedUrl = window.location.href;
  if (!route) return;
  const count = ++renderCount;
  await ready;
  if (count !== renderCount) return;

  const found = resolve(route.path);
  const def = found?.def ?? UNKNOWN;
  const message = flash;
  flash = null;

  if (def.access && def.access !== 'public' && !isSignedIn()) {
    navigate('anmelden', {
      params: { weiter: returnPath(route) },
      replace: true,
      message: message ?? 'Bitte melden Sie sich an, um diese Seite zu sehen.',
    });
    return;
  }
  if (def.access && def.access !== 'public') {
    if (!currentPerson()) {
      // Signed in, but who it is could not be read (no connection?).
      try {
        await restoreSession();
      } catch (err) {
        if (count !== renderCount) return;
        showDenied('Ihre Angaben konnten nicht geladen werden', problemText(err));
        return;
      }
      if (count !== renderCount) return;
      if (!isSignedIn()) return; // ended: the session listener goes on
    }
    const allowed = def.access === 'accounts' ? canSeeAccounts(currentPerson())
      : def.access === 'manage' ? canManageAccounts(currentPerson())
        : def.access === 'catalogue' ? canSeeCatalogue(currentPerson())
          : def.access === 'staff' ? canSeeOverview(currentPerson()) : true;
    if (!allowed) {
      showDenied('Kein Zugriff', DENIED_TEXTS[def.access]);
      return;
    }
  }
  activate(def, def === UNKNOWN ? null : def.nav ?? route.path, route.path);
  def.view.show({ params: route.params, message, args: found?.args ?? {} });
}

function showDenied(title, text) {
  document.getElementById('kein-zugriff-titel').textContent = title;
  document.getElementById('kein-zugriff-text').textContent = text;
  activate({ ...DENIED, title }, null);
}

/*
 * Show the section, set title and navigation, move the focus. Only the
 * parameters changed (new filters of the same list): the focus stays.
 */
let shownPath = null;
function activate(def, path, address = null) {
  const sameView = address !== null && address === shownPath && !firstRender;
  shownPath = address;
  const section = document.getElementById(def.section);
  if (current !== section) {
    current.hidden = true;
    section.hidden = false;
    current = section;
  }
  document.title = def.title ? `${def.title} – Teilhabe` : DEFAULT_TITLE;
  markCurrentNav(path ?? '');
  if (firstRender) {
    firstRender = false;
    if (path === '') return;
  }
  if (sameView && current === section) return;
  window.scrollTo(0, 0);
  section.querySelector('h1')?.focus();
}

/* Leave the start page out of view at once when the address names another. */
{
  const route = parseHash();
  if (route && route.path !== '') document.getElementById('ansicht-start').hidden = true;
}

renderHeader(null, isSignedIn());
const ready = restoreSession().catch(() => {
  renderHeader(null, isSignedIn(), { failed: true });
  return null;
});

onSessionChange((reason) => {
  renderHeader(currentPerson(), isSignedIn());
  if (reason === 'expired') {
    const route = parseHash();
    const def = route ? resolve(route.path)?.def : null;
    if (def && def.access !== 'public') {
      navigate('anmelden', { params: { weiter: returnPath(route) }, replace: true, message: SESSION_ENDED_TEXT });
    }
  }
});

let signingOut = false;
document.getElementById('kopf-abmelden').addEventListener('click', async () => {
  if (signingOut) return;
  signingOut = true;
  try {
    const confirmed = await signOut();
    navigate('anmelden', {
      message: confirmed
        ? 'Sie haben sich abgemeldet.'
        : 'Sie sind in diesem Browserfenster abgemeldet. Der Server war nicht erreichbar; '
          + 'Ihre Anmeldung endet dort spätestens nach 30 Tagen.',
    });
  } finally {
    signingOut = false;
  }
});

// The skip link moves the focus without touching the address, which names the view.
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  const main = document.getElementById('inhalt');
  main.focus();
  main.scrollIntoView();
});

window.addEventListener('hashchange', onAddressChange);
window.addEventListener('popstate', onAddressChange);
render();
