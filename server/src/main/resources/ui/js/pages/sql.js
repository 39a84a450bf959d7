// The SQL runner: a read-only query on a connection, its result page by page, and an export of the whole result.
import { h, replace } from '../dom.js';
import { api, get, post } from '../api.js';
import { pageHeader, link, button, emptyState, field, select, onSubmit, recordGrid, announce, describe } from '../ui.js';

export async function page({ query: params }) {
  const connections = await get('/api/connections');
  if (!connections.length) {
    return h('section', {}, pageHeader('SQL runner'),
      emptyState('The SQL runner queries a connection: add one first.', link('/connections/new', 'Add a connection', { class: 'button primary' })));
  }
  const connection = select(connections.map((c) => ({ value: c.id, label: c.name })), { value: params.get('connection') });
  const sql = h('textarea', { class: 'code', rows: 8, spellcheck: 'false', placeholder: 'SELECT * FROM customers LIMIT 100' });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Query' },
    field('Connection', connection, { name: 'connection' }),
    field('SQL', sql, { name: 'query', hint: 'Queries run read-only. Ctrl+Enter runs.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Run')));
  sql.addEventListener('keydown', (event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit(); });
  let current = null;

  async function show(id, page) {
    const json = await api('GET', `/api/queries/${id}?page=${page}`);
    const query = json.data;
    if (query.status === 'running') {
      replace(result, h('p', {}, 'Running… ', button('Cancel query', () => post(`/api/queries/${id}/cancel`))));
      setTimeout(() => { if (current === id) show(id, page); }, 500);
      return;
    }
    if (query.status !== 'completed') {
      replace(result, h('p', { class: 'error', role: 'alert' }, query.error ? `The query ${query.status}: ${query.error}` : `The query was ${query.status}.`));
      return;
    }
    const { pagination } = json;
    const exportLink = h('span', { class: 'export-link' });
    replace(result,
      h('div', { class: 'result-tools' },
        h('span', { class: 'muted', id: 'row-count' }, `${query.count.toLocaleString()} rows${query.truncated ? ' (truncated: export for all of them)' : ''}`),
        h('nav', { class: 'pager', 'aria-label': 'Result pages' },
          button('Previous', () => show(id, pagination.page - 1), { disabled: pagination.page <= 1 }),
          h('span', {}, `Page ${pagination.page} of ${Math.max(pagination.pages, 1)}`),
          button('Next', () => show(id, pagination.next_page), { disabled: !pagination.next_page })),
        button('Export CSV', () => exportAs(id, 'csv', exportLink)),
        button('Export JSON Lines', () => exportAs(id, 'jsonl', exportLink)),
        exportLink),
      recordGrid(query.results, query.fields.map((f) => f.name), 'Query result'));
  }

  async function exportAs(id, format, slot) {
    replace(slot, 'Exporting…');
    try {
      const exported = await post(`/api/queries/${id}/export`, { format });
      replace(slot, h('a', { href: exported.url, download: '' }, `Download ${format.toUpperCase()} (${exported.row_count} rows)`));
    } catch (error) {
      replace(slot);
      announce(describe(error), 'error');
    }
  }

  onSubmit(form, async () => {
    replace(result, h('p', { class: 'muted' }, 'Starting…'));
    const started = await post(`/api/connections/${connection.value}/query`, { query: sql.value });
    current = started.id;
    await show(started.id, 1);
  });

  return h('section', {}, pageHeader('SQL runner'), form, result);
}
