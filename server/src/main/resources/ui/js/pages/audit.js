// The audit log, for admins: every change and sign-in, newest first, a page at a time.
import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { pageHeader, button, dataTable, emptyState, when } from '../ui.js';

export async function page() {
  const events = [];
  const table = h('div', {});
  const more = h('div', { class: 'actions' });

  async function load(token) {
    const json = await api('GET', `/api/audit?limit=100${token ? `&page_token=${encodeURIComponent(token)}` : ''}`);
    events.push(...json.data);
    replace(table, dataTable({
      label: 'Audit log',
      rows: events,
      columns: [
        { label: 'When', value: (e) => e.at, render: (e) => when(e.at) },
        { label: 'Who', value: (e) => e.actor },
        { label: 'Action', value: (e) => e.action },
        { label: 'Object', value: (e) => [e.target_type, e.target_id].filter(Boolean).join(' ') },
        { label: 'Outcome', value: (e) => e.outcome, render: (e) => h('span', { class: `badge ${e.outcome}` }, e.outcome) },
        { label: 'Detail', value: (e) => e.detail || '' },
      ],
      empty: emptyState('Nothing recorded yet.'),
    }));
    const next = json.pagination?.next_page_token;
    replace(more, next ? button('Older events', () => load(next)) : null);
  }

  await load(null);
  return h('section', {}, pageHeader('Audit log'), h('p', { class: 'hint' }, 'Every change and every sign-in, newest first.'), table, more);
}
