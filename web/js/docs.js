/*
 * docs.js: companion of /docs/. The <redoc> element is rendered by the Redoc
 * bundle itself (/vendor/redoc/redoc.standalone.js); this module only reports
 * in German whether that worked, so a missing bundle or an unreadable
 * openapi.yaml is not a silent blank page.
 */

const status = document.getElementById('docs-status');
const alertRegion = document.getElementById('docs-fehler');
const redocElement = document.querySelector('redoc');

function fail(detail) {
  const box = document.createElement('div');
  box.className = 'notice notice--error';
  const lead = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'Die API-Dokumentation konnte nicht angezeigt werden.';
  lead.append(strong);
  const more = document.createElement('p');
  more.className = 'problem-detail';
  more.append(`${detail} Die Beschreibung steht weiterhin unter `);
  const link = document.createElement('a');
  link.href = '/openapi.yaml';
  link.textContent = '/openapi.yaml';
  more.append(link, ' bereit.');
  box.append(lead, more);
  alertRegion.replaceChildren(box);
  status.textContent = '';
}

/* Redoc shows its own (English) error box when the spec cannot be read;
   it renders the API title as the first h1 when it succeeds. */
function check() {
  if (redocElement.querySelector('h1')) {
    status.textContent = '';
    return true;
  }
  if (/Something went wrong|Error downloading/i.test(redocElement.textContent)) {
    fail('Die API-Beschreibung konnte nicht gelesen werden.');
    return true;
  }
  return false;
}

window.addEventListener('load', () => {
  if (typeof window.Redoc === 'undefined') {
    fail('Die Darstellungskomponente (Redoc) fehlt auf dem Server.');
    return;
  }
  if (check()) return;
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(redocElement, { childList: true, subtree: true });
});
