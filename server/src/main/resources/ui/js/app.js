// The shell: who is signed in, the navigation, and which page each address shows.
import { h, replace } from './dom.js';
import { get, post } from './api.js';
import { errorBox, button } from './ui.js';
import { startAnalytics } from './analytics.js';
import * as signin from './pages/signin.js';
import * as connections from './pages/connections.js';
import * as catalog from './pages/catalog.js';
import * as models from './pages/models.js';
import * as syncs from './pages/syncs.js';
import * as bulk from './pages/bulk.js';
import * as runs from './pages/runs.js';
import * as sql from './pages/sql.js';
import * as people from './pages/people.js';
import * as settings from './pages/settings.js';
import * as audit from './pages/audit.js';

const routes = [
  ['/signin', signin.page, { public: true }],
  ['/connections', connections.list],
  ['/connections/new', connections.edit],
  ['/connections/:id', connections.edit],
  ['/connections/:id/catalog', catalog.page],
  ['/models', models.list],
  ['/models/new', models.edit],
  ['/models/:id', models.edit],
  ['/syncs', syncs.list],
  ['/syncs/new', syncs.edit],
  ['/syncs/:id', syncs.edit],
  ['/syncs/:id/runs', runs.modelSyncRuns],
  ['/bulk', bulk.list],
  ['/bulk/new', bulk.edit],
  ['/bulk/:id', bulk.edit],
  ['/bulk/:id/runs', runs.bulkSyncRuns],
  ['/sql', sql.page],
  ['/people', people.page],
  ['/settings', settings.page],
  ['/audit', audit.page, { admin: true }],
];

const nav = [
  ['/connections', 'Connections'], ['/models', 'Models'], ['/syncs', 'Model syncs'], ['/bulk', 'Bulk syncs'],
  ['/sql', 'SQL runner'], ['/people', 'People'], ['/settings', 'Settings'], ['/audit', 'Audit log', { admin: true }],
];

let me = null;

function match(path) {
  for (const [pattern, render, options = {}] of routes) {
    const names = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}/?$`);
    const found = path.match(regex);
    if (found && !(pattern.endsWith('/:id') && found[1] === 'new')) {
      return { render, options, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])])) };
    }
  }
  return null;
}

function renderNav() {
  const navEl = document.getElementById('nav');
  if (!me) { replace(navEl); return; }
  const here = location.pathname;
  replace(navEl, h('ul', {}, nav.filter(([, , o = {}]) => !o.admin || me.role === 'admin').map(([href, label]) => h('li', {},
    h('a', { href, 'data-link': true, 'aria-current': here === href || here.startsWith(`${href}/`) ? 'page' : null }, label)))),
  h('div', { class: 'who' }, h('span', { class: 'muted' }, me.email), button('Sign out', signOut, { class: 'link' })));
}

async function signOut() {
  await post('/auth/logout');
  me = null;
  navigate('/signin');
}

export function navigate(path, { replaceState = false } = {}) {
  if (replaceState) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  render();
}

async function render() {
  const main = document.getElementById('main');
  if (location.pathname === '/') { history.replaceState({}, '', '/connections'); }
  const route = match(location.pathname);
  if (!route) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'No page here. ', h('a', { href: '/connections', 'data-link': true }, 'Go to connections.')));
    return;
  }
  if (!route.options.public && !me) {
    try {
      me = await get('/api/me');
      startAnalytics(me.email);
    } catch {
      return; // api() has sent the browser to the sign-in page.
    }
  }
  renderNav();
  document.body.classList.remove('nav-open');
  document.querySelector('.menu-toggle').setAttribute('aria-expanded', 'false');
  replace(main, h('p', { class: 'muted', 'aria-busy': 'true' }, 'Loading…'));
  try {
    const content = await route.render({ params: route.params, query: new URLSearchParams(location.search), me });
    replace(main, content);
  } catch (error) {
    replace(main, h('h1', {}, 'Something went wrong'), errorBox(error));
  }
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// Internal links change the page without reloading it; modified clicks still open new tabs.
document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[data-link]');
  if (!anchor || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  navigate(anchor.getAttribute('href'));
});
window.addEventListener('popstate', render);
document.querySelector('.menu-toggle').addEventListener('click', (event) => {
  const open = document.body.classList.toggle('nav-open');
  event.currentTarget.setAttribute('aria-expanded', String(open));
});
render();
