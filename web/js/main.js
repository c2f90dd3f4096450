/*
 * main.js: entry point of the start page.
 * The page size can be set with ?limit= (1..200) in the page's URL; without
 * it the API's default applies.
 */

import { mountMunicipalities } from './municipalities.js';

function pageSizeFromUrl() {
  const raw = new URLSearchParams(window.location.search).get('limit');
  const n = Number.parseInt(raw ?? '', 10);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : undefined;
}

mountMunicipalities(
  {
    status: document.getElementById('kommunen-status'),
    alert: document.getElementById('kommunen-fehler'),
    list: document.getElementById('kommunen-liste'),
  },
  { pageSize: pageSizeFromUrl() },
);
