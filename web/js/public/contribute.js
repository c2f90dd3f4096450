/*
 * contribute.js: one public Beteiligung (/#/oeffentlich/{ags}/beteiligung/{id})
 * without sign-in: its facts, findings and approved Beiträge, and while a
 * Beteiligung of an online kind is open, the form to contribute: the text
 * with a character counter, an optional Handlungsfeld, an optional name and
 * contact for a reply, the Datenschutzhinweis with its required checkbox,
 * and the honeypot field "website" that people never see. A closed
 * Beteiligung says so and has no form.
 *
 * POST /api/v1/public/municipalities/{ags}/consultations/{id}/contributions
 * answers 202 (also for a filled honeypot, so a robot learns nothing),
 * 409 when the Beteiligung takes no Beiträge (any more), 422 with the
 * invalid fields, 413 when too large, 429 with Retry-After.
 */

import { apiGet, apiRequest, getAll } from '../shared/api.js';
import {
  clearErrors, focusFirstError, noticeBox, setFieldError, showFormAlert, showProblem,
} from '../shared/forms.js';
import { formatInteger } from '../shared/format.js';
import { problemText } from '../shared/problems.js';
import {
  consultationFacts, contributionGroups, municipalityName, paragraph, takesContributions,
} from './participation-parts.js';
import { CONTRIBUTION_MAX, CONSULTATION_STATUS, publicHref, term } from './participation-terms.js';

/** "5 Minuten", "1 Minute", "40 Sekunden" for a wait in seconds. */
export function waitText(seconds) {
  if (!Number.isFinite(seconds) || seconds < 1) return 'einige Minuten';
  if (seconds < 90) {
    const s = Math.ceil(seconds);
    return s === 1 ? '1 Sekunde' : `${s} Sekunden`;
  }
  const m = Math.ceil(seconds / 60);
  return m === 1 ? '1 Minute' : `${formatInteger(m)} Minuten`;
}

const length = (text) => [...text].length;

export function createPublicContributeView() {
  const el = {
    back: document.getElementById('oeffentlich-beitrag-zurueck'),
    kicker: document.getElementById('oeffentlich-beitrag-kommune'),
    title: document.getElementById('oeffentlich-beitrag-titel'),
    live: document.getElementById('oeffentlich-beitrag-status'),
    alert: document.getElementById('oeffentlich-beitrag-fehler'),
    content: document.getElementById('oeffentlich-beitrag-inhalt'),
    part: document.getElementById('oeffentlich-beitrag-teil'),
    thanks: document.getElementById('oeffentlich-beitrag-danke'),
    again: document.getElementById('oeffentlich-beitrag-noch-einer'),
    form: document.getElementById('oeffentlich-beitrag-form'),
    text: document.getElementById('beitrag-text'),
    counter: document.getElementById('beitrag-text-zaehler'),
    announce: document.getElementById('beitrag-text-ansage'),
    actionField: document.getElementById('beitrag-handlungsfeld'),
    name: document.getElementById('beitrag-name'),
    contact: document.getElementById('beitrag-kontakt'),
    website: document.getElementById('beitrag-website'),
    privacy: document.getElementById('beitrag-datenschutz'),
  };
  const state = { ags: null, id: null, generation: 0, sending: false, lastBand: 0 };

  /* The counter under the text; the live region speaks only near and over the limit. */
  function updateCounter() {
    const n = length(el.text.value);
    const over = n > CONTRIBUTION_MAX;
    el.counter.textContent = over
      ? `${formatInteger(n)} von ${formatInteger(CONTRIBUTION_MAX)} Zeichen – ${formatInteger(n - CONTRIBUTION_MAX)} zu viel`
      : `${formatInteger(n)} von ${formatInteger(CONTRIBUTION_MAX)} Zeichen`;
    el.counter.classList.toggle('char-counter--over', over);
    const band = over ? 2 : n >= CONTRIBUTION_MAX * 0.9 ? 1 : 0;
    if (band !== state.lastBand) {
      el.announce.textContent = band === 2
        ? `Ihr Beitrag ist ${formatInteger(n - CONTRIBUTION_MAX)} Zeichen zu lang.`
        : band === 1 ? `Noch ${formatInteger(CONTRIBUTION_MAX - n)} Zeichen möglich.` : '';
      state.lastBand = band;
    }
  }
  el.text.addEventListener('input', updateCounter);

  function resetForm() {
    el.form.reset();
    clearErrors(el.form);
    state.lastBand = 0;
    el.announce.textContent = '';
    updateCounter();
  }

  el.again.addEventListener('click', () => {
    resetForm();
    el.thanks.hidden = true;
    el.form.hidden = false;
    el.text.focus();
  });

  function checkForm() {
    clearErrors(el.form);
    const n = length(el.text.value.trim());
    if (n === 0) setFieldError(el.text, 'Bitte schreiben Sie Ihren Beitrag.');
    else if (length(el.text.value) > CONTRIBUTION_MAX) {
      setFieldError(el.text, `Ihr Beitrag ist zu lang: höchstens ${formatInteger(CONTRIBUTION_MAX)} Zeichen, bitte kürzen Sie ihn.`);
    }
    if (!el.privacy.checked) {
      setFieldError(el.privacy, 'Bitte lesen Sie den Datenschutzhinweis und bestätigen Sie es mit dem Häkchen.');
    }
    if (el.form.querySelector('[aria-invalid="true"]')) {
      showFormAlert(el.form, 'Der Beitrag wurde noch nicht gesendet.', 'Bitte prüfen Sie die markierten Angaben.');
      focusFirstError(el.form);
      return false;
    }
    return true;
  }

  el.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (state.sending || !checkForm()) return;
    const body = {
      text: el.text.value.trim(),
      privacy_accepted: true,
      website: el.website.value,
    };
    if (el.actionField.value) body.action_field_id = el.actionField.value;
    if (el.name.value.trim()) body.author_name = el.name.value.trim();
    if (el.contact.value.trim()) body.author_contact = el.contact.value.trim();
    const submit = el.form.querySelector('button[type="submit"]');
    state.sending = true;
    submit.disabled = true;
    el.live.textContent = 'Ihr Beitrag wird gesendet …';
    try {
      await apiRequest('POST', `public/municipalities/${encodeURIComponent(state.ags)}/consultations/${encodeURIComponent(state.id)}/contributions`, { body, cache: 'no-store' });
      el.live.textContent = '';
      resetForm();
      el.form.hidden = true;
      el.thanks.hidden = false;
      el.thanks.focus();
    } catch (err) {
      el.live.textContent = '';
      failed(err);
    } finally {
      state.sending = false;
      submit.disabled = false;
    }
  });

  function failed(err) {
    const status = err?.status ?? 0;
    if (status === 429) {
      showFormAlert(el.form, 'Von Ihrem Anschluss wurden in kurzer Zeit zu viele Beiträge gesendet.',
        `Zum Schutz vor massenhaftem Senden nehmen wir gerade keinen weiteren an. Bitte warten Sie ${waitText(err.retryAfter)} und senden Sie ihn dann erneut. Ihr Text bleibt hier stehen.`);
      return;
    }
    if (status === 409) {
      showFormAlert(el.form, 'Diese Beteiligung nimmt keine Beiträge mehr an.',
        'Sie wurde inzwischen beendet. Bitte laden Sie die Seite neu.');
      return;
    }
    if (status === 413) {
      setFieldError(el.text, `Ihr Beitrag ist zu lang: höchstens ${formatInteger(CONTRIBUTION_MAX)} Zeichen, bitte kürzen Sie ihn.`);
      showFormAlert(el.form, 'Der Beitrag wurde nicht gesendet.', 'Die Angaben sind zu umfangreich.');
      focusFirstError(el.form);
      return;
    }
    showProblem(el.form, err, {
      lead: 'Der Beitrag wurde nicht gesendet.',
      fields: {
        '/text': el.text,
        '/action_field_id': el.actionField,
        '/author_name': el.name,
        '/author_contact': el.contact,
        '/privacy_accepted': el.privacy,
      },
      texts: {
        '/privacy_accepted': 'Bitte lesen Sie den Datenschutzhinweis und bestätigen Sie es mit dem Häkchen.',
      },
      notFound: 'Diese Beteiligung ist nicht (mehr) veröffentlicht.',
    });
  }

  async function loadActionFields(ags, generation) {
    let fields = [];
    try {
      fields = await getAll(`public/municipalities/${encodeURIComponent(ags)}/action-fields`);
    } catch {
      /* the field stays optional: only "Weiß nicht / keines" */
    }
    if (generation !== state.generation) return;
    el.actionField.replaceChildren(new Option('Weiß nicht / keines', ''), ...fields.map((f) => new Option(f.name, f.id)));
  }

  function render(c) {
    const parts = [consultationFacts(c)];
    if (c.description) parts.push(paragraph(c.description));
    if (!takesContributions(c)) {
      const closedText = c.status === 'planned'
        ? 'Diese Beteiligung hat noch nicht begonnen. Beiträge können erst geschrieben werden, wenn sie eröffnet ist.'
        : ['closed', 'evaluated'].includes(c.status)
          ? `Diese Beteiligung ist abgeschlossen (${term(CONSULTATION_STATUS, c.status)}). Es können keine Beiträge mehr geschrieben werden.`
          : 'Zu dieser Beteiligung können keine Beiträge online geschrieben werden.';
      parts.push(paragraph(closedText, 'notice'));
    }
    const hf = document.createElement('h2');
    hf.textContent = 'Ergebnisse';
    parts.push(hf, c.findings ? paragraph(c.findings) : paragraph('Die Ergebnisse sind noch nicht zusammengefasst.', 'text text--muted'));
    const hc = document.createElement('h2');
    hc.textContent = 'Veröffentlichte Beiträge nach Handlungsfeld';
    hc.id = 'oeffentlich-beitrag-beitraege';
    parts.push(hc, contributionGroups(c.contributions ?? [], 3));
    el.content.replaceChildren(...parts);
  }

  async function show({ args }) {
    const generation = ++state.generation;
    const { ags, id } = args;
    state.ags = ags;
    state.id = id;
    el.back.href = publicHref.participation(ags);
    el.title.textContent = 'Beteiligung';
    el.kicker.textContent = '';
    el.alert.replaceChildren();
    el.content.replaceChildren();
    el.part.hidden = true;
    el.thanks.hidden = true;
    el.form.hidden = false;
    resetForm();
    el.live.textContent = 'Die Beteiligung wird geladen …';
    const name = municipalityName(ags);
    let c;
    try {
      c = await apiGet(`public/municipalities/${encodeURIComponent(ags)}/consultations/${encodeURIComponent(id)}`);
    } catch (err) {
      if (generation !== state.generation) return;
      el.live.textContent = '';
      const notFound = err?.status === 404;
      el.title.textContent = notFound ? 'Beteiligung nicht gefunden' : 'Beteiligung';
      el.alert.replaceChildren(noticeBox(notFound
        ? 'Diese Beteiligung ist nicht veröffentlicht, oder der Link ist unvollständig.'
        : 'Die Beteiligung konnte nicht geladen werden.', notFound ? null : problemText(err)));
      return;
    }
    const n = await name;
    if (generation !== state.generation) return;
    el.kicker.textContent = n ? `${n} · Beteiligung` : 'Beteiligung';
    el.title.textContent = c.title;
    document.title = `${c.title} – Teilhabe`;
    render(c);
    if (takesContributions(c)) {
      el.part.hidden = false;
      await loadActionFields(ags, generation);
      if (generation !== state.generation) return;
    }
    el.live.textContent = `Beteiligung „${c.title}“ geladen.`;
  }

  return { show };
}
