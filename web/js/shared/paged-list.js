/*
 * paged-list.js: a list the API gives page by page (keyset cursor), shown
 * page after page with a „Weitere … laden“ button under it.
 *
 * The module does what every paged list does alike: one page at a time,
 * aria-busy on the container while the first page loads, the button while
 * there is a next page (it says when that page is loading, and hands the
 * focus to the first new row when the last page takes it away), a retry
 * button when the first page fails, and a reset that makes an answer still
 * on its way arrive nowhere. The view says what differs: where the page comes
 * from, how its items are shown, and the texts.
 */

import { retryButton } from './ui.js';

/**
 * @param {{
 *   container: HTMLElement,
 *   nouns: string,
 *   fetchPage: (cursor: string | null) => Promise<{items?: any[], next_cursor?: string | null}>,
 *   show: (items: any[], isFirstPage: boolean) => HTMLElement | null | undefined,
 *   empty: () => void,
 *   failed: (err: unknown, isFirstPage: boolean) => void,
 *   alert?: HTMLElement,
 *   live?: HTMLElement,
 *   loadingText?: string,
 *   ready?: () => boolean,
 * }} options
 *   container: where the list (and the button) goes; nouns: "Konten" in
 *   „Weitere Konten laden“; fetchPage: the page after cursor (null: the
 *   first); show: adds the items (on the first page it creates the table
 *   first) and returns the first new row's focus target; empty: the first
 *   page has no items and there is no next one; failed: tells the reader
 *   (the retry or the button follows here); alert: emptied before each page;
 *   live: gets loadingText while the first page loads; ready: asked before
 *   each page, false stops it (the view shows why).
 * @returns {{load: () => Promise<void>, reset: () => void}}
 *   load: the next page (the first after a reset); reset: forget every page
 *   and empty the container.
 */
export function createPagedList({
  container, nouns, fetchPage, show, empty, failed, alert, live, loadingText, ready,
}) {
  const state = { cursor: null, loading: false, generation: 0, shown: false };
  const more = moreButton(container, nouns, () => load());

  async function load() {
    if (state.loading) return;
    if (ready && !ready()) return;
    state.loading = true;
    const generation = state.generation;
    const isFirstPage = !state.shown;
    alert?.replaceChildren();
    if (isFirstPage) {
      if (live && loadingText) live.textContent = loadingText;
      container.setAttribute('aria-busy', 'true');
    } else {
      more.busy();
    }
    try {
      const body = await fetchPage(state.cursor);
      if (generation !== state.generation) return;
      const items = Array.isArray(body?.items) ? body.items : [];
      state.cursor = body?.next_cursor ?? null;
      if (isFirstPage && items.length === 0 && state.cursor === null) {
        empty();
        return;
      }
      state.shown = true;
      const firstNew = show(items, isFirstPage);
      more.update(state.cursor !== null, firstNew);
    } catch (err) {
      if (generation !== state.generation) return;
      failed(err, isFirstPage);
      if (isFirstPage) container.replaceChildren(retryButton(load));
      else more.ready();
    } finally {
      if (generation === state.generation) {
        state.loading = false;
        container.removeAttribute('aria-busy');
      }
    }
  }

  function reset() {
    state.generation += 1;
    state.cursor = null;
    state.loading = false;
    state.shown = false;
    more.forget();
    container.replaceChildren();
    alert?.replaceChildren();
  }

  return { load, reset };
}

/* The „Weitere … laden“ button under the list. */
function moreButton(list, nouns, load) {
  let button = null;

  return {
    busy() {
      if (!button) return;
      button.disabled = true;
      button.textContent = `Weitere ${nouns} werden geladen …`;
    },
    ready() {
      if (!button) return;
      button.disabled = false;
      button.textContent = `Weitere ${nouns} laden`;
    },
    // After a page: keep the button while there is more, else remove it.
    update(hasMore, firstNew) {
      if (!hasMore) {
        if (button) {
          const hadFocus = document.activeElement === button;
          button.remove();
          button = null;
          // The button the user pressed is gone: continue at the new rows.
          if (hadFocus && firstNew) {
            firstNew.tabIndex = -1;
            firstNew.focus();
          }
        }
        return;
      }
      if (!button) {
        button = document.createElement('button');
        button.type = 'button';
        button.className = 'button';
        button.addEventListener('click', load);
        list.append(button);
      }
      this.ready();
    },
    // The list was emptied (with the button in it).
    forget() {
      button = null;
    },
  };
}
