// Progressive enhancement of the paper page's comments; the page works without this file. The page
// is the same for every reader (cached), so every comment carries an "edit" link; this asks
// /api/me/comments which comments are the reader's and hides the link on the others.
/* global fetch */
(() => {
  const section = document.querySelector('section.comments[data-paper]');
  if (!section) return;
  const links = Array.from(section.querySelectorAll('a.edit[data-comment]'));
  if (links.length === 0) return;
  fetch(`/api/me/comments?paper=${encodeURIComponent(section.dataset.paper || '')}`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : null))
    .then((me) => {
      if (!me) return;
      const mine = new Set((me.mine || []).map(String));
      for (const link of links) {
        if (mine.has(link.dataset.comment || '')) continue;
        // The separator before the link goes with it.
        const prev = link.previousSibling;
        if (prev && prev.nodeType === 3 && prev.textContent === ' · ') prev.textContent = ' ';
        link.hidden = true;
      }
    })
    .catch(() => undefined);
})();
