// Models: a SQL query (or a table) of a connection, previewed before saving, with the field that identifies a record.
import { h, replace } from '../dom.js';
import { get, post, put, del } from '../api.js';
import { navigate } from '../app.js';
import {
  pageHeader, link, button, dataTable, emptyState, field, input, select, onSubmit, confirmAction, announce, when, recordGrid,
  showErrors, clearErrors,
} from '../ui.js';

export async function list() {
  const [models, connections] = await Promise.all([get('/api/models'), get('/api/connections')]);
  const names = Object.fromEntries(connections.map((c) => [c.id, c.name]));
  return h('section', {},
    pageHeader('Models', link('/models/new', 'New model', { class: 'button primary' })),
    dataTable({
      label: 'Models',
      rows: models,
      columns: [
        { label: 'Name', value: (m) => m.name, render: (m) => link(`/models/${m.id}`, m.name) },
        { label: 'Connection', value: (m) => names[m.connection_id] || m.connection_id },
        { label: 'Identity', value: (m) => m.identifier },
        { label: 'Fields', value: (m) => m.fields.length },
        { label: 'Updated', value: (m) => m.updated_at, render: (m) => when(m.updated_at) },
      ],
      empty: emptyState(connections.length
        ? 'No models yet. A model is a SQL query on a source connection whose rows model syncs send elsewhere.'
        : 'No models yet. Add a connection first, then write a SQL query on it.',
      link(connections.length ? '/models/new' : '/connections/new', connections.length ? 'Write a model' : 'Add a connection',
        { class: 'button primary' })),
    }));
}

export async function edit({ params }) {
  const existing = params.id ? await get(`/api/models/${params.id}`) : null;
  const connections = await get('/api/connections');
  if (!connections.length) {
    return h('section', {}, pageHeader('New model'),
      emptyState('A model reads from a connection: add one first.', link('/connections/new', 'Add a connection', { class: 'button primary' })));
  }
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Model' });
  const name = input({ value: existing?.name || '', required: true });
  const connection = select(connections.map((c) => ({ value: c.id, label: c.name })), { value: existing?.connection_id });
  const configuration = existing?.configuration || {};
  const sql = h('textarea', { class: 'code', rows: 8, spellcheck: 'false', placeholder: 'SELECT id, email, name FROM customers' },
    configuration.query || (configuration.table ? `SELECT * FROM ${configuration.table}` : ''));
  // A model of a whole table stays one until its SQL is edited.
  const tableQuery = sql.value;
  const modelConfiguration = () => (configuration.table && sql.value === tableQuery ? { table: configuration.table } : { query: sql.value });
  const identity = select([], {});
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });

  function identityOptions(fields, chosen) {
    replace(identity, h('option', { value: '' }, '(none)'), fields.map((f) => h('option', { value: f.name, selected: f.name === chosen },
      `${f.name} (${f.type})`)));
  }
  identityOptions(existing?.fields || [], existing?.identifier);

  async function runPreview() {
    clearErrors(form);
    replace(preview, h('p', { class: 'muted' }, 'Running the query…'));
    try {
      const result = await post('/api/model-preview', { connection_id: connection.value, configuration: modelConfiguration(), limit: 20 });
      identityOptions(result.fields, identity.value || existing?.identifier);
      replace(preview, h('h2', {}, 'Preview'), h('p', { class: 'muted' },
        `${result.fields.length} fields: ${result.fields.map((f) => `${f.name} ${f.type}`).join(', ')}`),
      recordGrid(result.records, result.fields.map((f) => f.name), 'Preview rows'));
    } catch (error) {
      replace(preview);
      showErrors(form, error);
    }
  }

  replace(form,
    field('Name', name, { name: 'name' }),
    field('Connection', connection, { name: 'connection_id' }),
    field('SQL', sql, { name: 'configuration', hint: 'A read-only query; Ctrl+Enter previews it.' }),
    field('Identity field', identity, { name: 'identifier', hint: 'The field that identifies a record; preview to list the fields.' }),
    h('div', { class: 'actions' },
      button('Preview', runPreview),
      h('button', { type: 'submit', class: 'primary' }, existing ? 'Save' : 'Create model'),
      existing ? button('Delete', remove, { class: 'danger' }) : null),
    preview);
  sql.addEventListener('keydown', (event) => { if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) runPreview(); });

  async function remove() {
    if (!await confirmAction(`Delete the model ${existing.name}?`)) return;
    try {
      await del(`/api/models/${existing.id}`);
      announce(`Deleted ${existing.name}.`);
      navigate('/models');
    } catch (error) {
      showErrors(form, error);
    }
  }

  onSubmit(form, async () => {
    const body = { name: name.value, connection_id: connection.value, configuration: modelConfiguration(), identifier: identity.value || null };
    const saved = existing ? await put(`/api/models/${existing.id}`, body) : await post('/api/models', body);
    announce(`Saved ${saved.name}.`);
    navigate('/models');
  });

  return h('section', {}, pageHeader(existing ? `Model: ${existing.name}` : 'New model'), form);
}
