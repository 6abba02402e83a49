// Progressive enhancement of the ▲ vote links; every page works without this file (a link opens
// /papers/<id>/vote, a page with a form). Pages are the same for every reader and cached, so they
// hold no per-reader state: this asks /api/me/votes which of the page's papers I voted for, and
// for the CSRF token the vote POSTs need, then votes without a reload.
/* global fetch, window */
(() => {
  const links = Array.from(document.querySelectorAll('a.upvote[data-vote]'));
  if (links.length === 0) return;
  const ids = Array.from(new Set(links.map((a) => a.dataset.vote || '')));
  let csrf = '';

  /** Every place the page shows this paper's votes. */
  const boxes = (id) => Array.from(document.querySelectorAll('[data-votes]')).filter((el) => el.dataset.votes === id);

  function show(id, voted, here) {
    for (const box of boxes(id)) {
      const link = box.querySelector('a.upvote');
      if (link) {
        link.setAttribute('aria-pressed', voted ? 'true' : 'false');
        link.setAttribute('aria-label', voted ? 'Take my vote back' : 'Upvote');
        link.classList.toggle('voted', voted);
      }
      if (here === undefined) continue;
      const hereEl = box.querySelector('.here');
      if (hereEl) hereEl.textContent = String(here);
      const count = box.querySelector('.count');
      if (count) count.textContent = (count.textContent || '').replace(/^\d+/, String(here + Number(box.dataset.baseline || 0)));
    }
  }

  function complain(link, message) {
    let note = link.parentElement && link.parentElement.querySelector('.vote-error');
    if (!note) {
      note = document.createElement('span');
      note.className = 'vote-error';
      note.setAttribute('role', 'status');
      link.insertAdjacentElement('afterend', note);
    }
    note.textContent = message;
  }

  async function toggle(event) {
    const link = event.currentTarget;
    const id = link.dataset.vote || '';
    const voted = link.getAttribute('aria-pressed') === 'true';
    event.preventDefault();
    const path = id.split('/').map(encodeURIComponent).join('/');
    try {
      const res = await fetch(`/api/papers/${path}/${voted ? 'unvote' : 'vote'}`, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf, accept: 'application/json' } });
      // Logged out meanwhile: the vote page explains and links to the log-in.
      if (res.status === 401) return void (window.location.href = link.href);
      const body = await res.json();
      if (!res.ok) return complain(link, body.message || 'The vote did not go through.');
      show(id, body.voted, body.votes);
    } catch {
      complain(link, 'The vote did not go through: no connection.');
    }
  }

  fetch(`/api/me/votes?ids=${encodeURIComponent(ids.join(','))}`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : null))
    .then((me) => {
      // Anonymous readers keep the links, which lead to the page that asks them to log in.
      if (!me || !me.loggedIn) return;
      csrf = me.csrfToken;
      const mine = new Set(me.voted);
      for (const id of ids) show(id, mine.has(id));
      for (const link of links) {
        link.setAttribute('role', 'button');
        link.addEventListener('click', toggle);
      }
    })
    .catch(() => {});
})();
