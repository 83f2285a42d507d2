// /search/ (the only page with client JavaScript besides the verifier): a small search UI over
// Pagefind's JS API (/pagefind/pagefind.js, written by the build). It keeps the query in the URL
// (/search/?q=terms runs on load; typing updates it with history.replaceState, so a search can be
// shared), says each result's status (the version pages' data-pagefind-meta "status:<standing>|
// <status>|<title>", written by lib/search-status.ts: In force, Upcoming, Superseded on …,
// Withdrawn on …) and ranks versions in force first: Pagefind's relevance order is kept within
// each standing (SEARCH_STANDING_RANK there).
const PAGE_SIZE = 10;
// How many of Pagefind's results are loaded and re-ranked at once (each is one small fragment).
const RANKED_WINDOW = 50;
const STANDING_RANK = { 'in-force': 0, upcoming: 1, superseded: 2, withdrawn: 3 };
const OTHER_RANK = 1;
const BADGE_CLASS = { 'in-force': 'badge-in-force', upcoming: 'badge-upcoming', withdrawn: 'badge-withdrawn' };

const form = document.querySelector('[data-search-form]');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const more = document.getElementById('search-more');

let pagefind;
let generation = 0;
let ranked = [];
let pending = [];
let shown = 0;

/** A version page's standing, status words and title (for an upcoming one), or nulls for other pages. */
function statusOf(data) {
  const [standing, status, title] = (data.meta?.status ?? '').split('|');
  return { standing: standing || null, status: status || null, title: title || null };
}

const rankOf = (data) => STANDING_RANK[statusOf(data).standing] ?? OTHER_RANK;

async function loadPagefind() {
  if (pagefind === undefined) {
    pagefind = await import('/pagefind/pagefind.js');
    await pagefind.options({ excerptLength: 30 });
  }
  return pagefind;
}

function keepInUrl(term) {
  const url = new URL(window.location.href);
  if (term.trim() === '') url.searchParams.delete('q');
  else url.searchParams.set('q', term);
  window.history.replaceState(null, '', url);
}

function render(data) {
  const version = statusOf(data);
  const item = document.createElement('li');
  item.className = 'search-result';
  item.dataset.searchResult = data.url;
  item.dataset.standing = version.standing ?? 'other';
  const title = document.createElement('h2');
  title.className = 'search-result-title';
  const link = document.createElement('a');
  link.href = data.url;
  link.textContent = version.title ?? data.meta?.title ?? data.url;
  title.append(link);
  item.append(title);
  if (version.status !== null) {
    const label = document.createElement('p');
    label.className = 'search-result-status';
    const badge = document.createElement('span');
    badge.className = `badge ${BADGE_CLASS[version.standing] ?? ''}`.trim();
    badge.dataset.status = version.standing ?? '';
    badge.textContent = version.status;
    label.append(badge);
    item.append(label);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result-excerpt';
  // Pagefind's excerpt is the page's own indexed text, escaped, with the matches in <mark>.
  excerpt.innerHTML = data.excerpt;
  item.append(excerpt);
  return item;
}

async function showMore(mine) {
  if (ranked.length - shown < PAGE_SIZE && pending.length > 0) {
    // Past the ranked window, results keep Pagefind's order.
    const next = pending.splice(0, PAGE_SIZE);
    const loaded = await Promise.all(next.map((result) => result.data()));
    if (mine !== generation) return;
    ranked.push(...loaded);
  }
  const page = ranked.slice(shown, shown + PAGE_SIZE);
  list.append(...page.map(render));
  shown += page.length;
  more.hidden = shown >= ranked.length && pending.length === 0;
}

async function run(term) {
  const mine = ++generation;
  keepInUrl(term);
  if (term.trim() === '') {
    list.replaceChildren();
    status.textContent = '';
    more.hidden = true;
    return;
  }
  status.textContent = 'Searching…';
  const found = await (await loadPagefind()).search(term);
  if (mine !== generation) return;
  const results = found?.results ?? [];
  const head = await Promise.all(results.slice(0, RANKED_WINDOW).map((result) => result.data()));
  if (mine !== generation) return;
  ranked = head
    .map((data, index) => ({ data, index }))
    .sort((a, b) => rankOf(a.data) - rankOf(b.data) || a.index - b.index)
    .map(({ data }) => data);
  pending = results.slice(RANKED_WINDOW);
  shown = 0;
  list.replaceChildren();
  status.textContent =
    results.length === 0
      ? `No results for “${term}”.`
      : `${results.length} ${results.length === 1 ? 'result' : 'results'} for “${term}”; versions in force first.`;
  await showMore(mine);
}

let timer;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 200);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
more.addEventListener('click', () => showMore(generation));

form.hidden = false;
const initial = new URLSearchParams(window.location.search).get('q');
if (initial !== null && initial.trim() !== '') {
  input.value = initial;
  run(initial);
}
