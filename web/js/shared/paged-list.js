// more-button.js: the „Weitere … laden“ button under a paged list. It is
// there while the list has a next page, says when that page is loading, and
// hands the focus to the first new row when the last page takes it away.

export function createMoreButton(list, nouns, load) {
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
