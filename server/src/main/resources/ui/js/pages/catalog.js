// A connection's catalog: its schemas and tables, a table's fields, and a sample of its rows.
import { h, replace } from '../dom.js';
import { get, post } from '../api.js';
import { pageHeader, link, button, dataTable, emptyState, recordGrid, errorBox, announce } from '../ui.js';

export async function page({ params }) {
  const connection = await get(`/api/connections/${params.id}`);
  const detail = h('div', { class: 'catalog-detail', 'aria-live': 'polite' },
    h('p', { class: 'muted' }, 'Choose a table to see its fields and a sample of its rows.'));
  const listing = h('div', { class: 'catalog-list' });

  async function load() {
    const objects = await get(`/api/connections/${params.id}/schemas`);
    const bySchema = Map.groupBy(objects, (o) => o.schema || '');
    replace(listing, objects.length ? [...bySchema].map(([schema, tables]) => h('section', { class: 'schema' },
      h('h2', {}, schema || 'Objects'),
      h('ul', { class: 'plain' }, tables.map((table) => h('li', {},
        button(table.name, () => show(table.id), { class: 'link', 'data-table': table.id }))))))
      : emptyState('This connection holds no tables yet, or its catalog is out of date: refresh it.'));
  }

  async function show(id) {
    replace(detail, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const [object, records] = await Promise.all([
        get(`/api/connections/${params.id}/schemas/${encodeURIComponent(id)}`),
        get(`/api/connections/${params.id}/schemas/${encodeURIComponent(id)}/records?limit=20`),
      ]);
      replace(detail, h('h2', {}, object.id),
        dataTable({
          label: `Fields of ${object.id}`,
          rows: object.fields,
          columns: [
            { label: 'Field', value: (f) => f.name },
            { label: 'Type', value: (f) => f.type },
            { label: 'Database type', value: (f) => f.remote_type },
            { label: 'Key', value: (f) => (f.primary_key ? 'primary key' : '') },
            { label: 'Nullable', value: (f) => (f.nullable ? 'yes' : 'no') },
          ],
          empty: h('p', {}, 'No fields.'),
        }),
        h('h3', {}, 'Sample rows'),
        recordGrid(records, object.fields.map((f) => f.name), `Sample rows of ${object.id}`));
    } catch (error) {
      replace(detail, errorBox(error));
    }
  }

  async function refresh() {
    await post(`/api/connections/${params.id}/schemas/refresh`);
    await load();
    announce('Catalog refreshed.');
  }

  await load();
  return h('section', {},
    pageHeader(`Catalog: ${connection.name}`, button('Refresh catalog', refresh), link(`/connections/${params.id}`, 'Settings', { class: 'button' })),
    h('div', { class: 'split' }, listing, detail));
}
