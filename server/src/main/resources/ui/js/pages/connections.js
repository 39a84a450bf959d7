// Connections: the list with their health, and the form generated from each type's JSON Schema.
import { h, replace } from '../dom.js';
import { get, post, put, del } from '../api.js';
import { navigate } from '../app.js';
import {
  pageHeader, link, button, dataTable, emptyState, field, input, select, checkbox, onSubmit, confirmAction, announce, when,
  clearErrors, showErrors,
} from '../ui.js';

export async function list() {
  const connections = await get('/api/connections');
  return h('section', {},
    pageHeader('Connections', link('/connections/new', 'New connection', { class: 'button primary' })),
    dataTable({
      label: 'Connections',
      rows: connections,
      columns: [
        { label: 'Name', value: (c) => c.name, render: (c) => link(`/connections/${c.id}`, c.name) },
        { label: 'Type', value: (c) => c.type.name },
        { label: 'Health', value: (c) => c.status, render: health },
        { label: 'Updated', value: (c) => c.updated_at, render: (c) => when(c.updated_at) },
        { label: 'Catalog', value: () => '', render: (c) => link(`/connections/${c.id}/catalog`, 'Browse') },
      ],
      empty: emptyState('No connections yet. Add the databases and services you sync from and to, starting with your warehouse.',
        link('/connections/new', 'Add a connection', { class: 'button primary' })),
    }));
}

function health(connection) {
  return h('span', { class: `badge ${connection.status}`, title: connection.status_error || '' },
    connection.status, connection.status_error ? ` — ${connection.status_error}` : '');
}

/** Which setting a failed test is about, so its words appear next to that field. */
const TEST_PROBLEM_FIELDS = {
  wrong_credentials: 'password', host_unreachable: 'host', database_missing: 'database', tls_required: 'sslmode',
};

export async function edit({ params, query }) {
  const existing = params.id ? await get(`/api/connections/${params.id}`) : null;
  const types = await get('/api/connection_types');
  // PostgreSQL first: the most common source and destination.
  const typeId = existing ? existing.type.id : (query.get('type') || (types.find((t) => t.id === 'postgresql') || types[0]).id);
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Connection' });
  const name = input({ value: existing ? existing.name : '', required: true, autocomplete: 'off' });
  const type = select(types.map((t) => ({ value: t.id, label: t.name })), { value: typeId, disabled: !!existing });
  const settings = h('fieldset', { class: 'settings' });
  const testResult = h('p', { class: 'test-result', role: 'status', 'aria-live': 'polite' });
  let readSettings = () => ({});

  async function showSettings() {
    const schema = (await get(`/api/connection_types/${type.value}`)).configuration;
    const built = settingsForm(schema, existing ? existing.configuration : {});
    readSettings = built.value;
    replace(settings, h('legend', {}, 'Settings'), built.fields);
  }
  type.addEventListener('change', showSettings);
  await showSettings();

  async function test() {
    clearErrors(form);
    testResult.className = 'test-result';
    testResult.textContent = 'Testing…';
    try {
      const result = await post('/api/connections/test', { type: type.value, configuration: readSettings(), connection_id: existing?.id });
      if (result.success) {
        testResult.className = 'test-result ok';
        testResult.textContent = 'Connected: these settings work.';
        return;
      }
      testResult.className = 'test-result error';
      testResult.textContent = `The test failed: ${result.message}`;
      const fieldName = TEST_PROBLEM_FIELDS[result.problem];
      const slot = fieldName && form.querySelector(`[data-error-for="configuration.${fieldName}"]`);
      if (slot) {
        slot.textContent = result.message;
        form.querySelector(`[data-field="configuration.${fieldName}"]`).setAttribute('aria-invalid', 'true');
      }
    } catch (error) {
      testResult.textContent = '';
      showErrors(form, error);
    }
  }

  replace(form,
    field('Name', name, { name: 'name' }),
    field('Type', type, { name: 'type' }),
    settings,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, existing ? 'Save' : 'Create connection'),
      button('Test connection', test),
      existing ? button('Delete', remove, { class: 'danger' }) : null),
    testResult);

  async function remove() {
    if (!await confirmAction(`Delete the connection ${existing.name}? Syncs and models that use it stop working.`)) return;
    try {
      await del(`/api/connections/${existing.id}`);
      announce(`Deleted ${existing.name}.`);
      navigate('/connections');
    } catch (error) {
      showErrors(form, error);
    }
  }

  onSubmit(form, async () => {
    const body = { name: name.value, type: type.value, configuration: readSettings() };
    const saved = existing ? await put(`/api/connections/${existing.id}`, body) : await post('/api/connections', body);
    announce(`Saved ${saved.name}.`);
    navigate('/connections');
  });

  return h('section', {},
    pageHeader(existing ? `Connection: ${existing.name}` : 'New connection',
      existing ? link(`/connections/${existing.id}/catalog`, 'Browse catalog', { class: 'button' }) : null,
      existing ? link(`/sql?connection=${existing.id}`, 'Query', { class: 'button' }) : null),
    form);
}

/** Inputs for each property of a JSON Schema: text, number, checkbox or choice; secrets masked as passwords. */
function settingsForm(schema, values) {
  const required = new Set(schema.required || []);
  const readers = [];
  const fields = Object.entries(schema.properties).map(([key, property]) => {
    const current = values[key] ?? property.default ?? '';
    const label = `${key}${required.has(key) ? ' (required)' : ''}`;
    const options = { name: `configuration.${key}`, hint: property.description };
    if (property.type === 'boolean') {
      const box = checkbox(key, { checked: current === true });
      box.querySelector('input').dataset.field = `configuration.${key}`;
      readers.push([key, () => box.querySelector('input').checked]);
      return h('div', { class: 'field' }, box, h('small', { class: 'hint' }, property.description),
        h('small', { class: 'field-error', 'data-error-for': `configuration.${key}` }));
    }
    const control = property.enum
      ? select(property.enum, { value: String(current) })
      : input({
        value: String(current),
        type: property.sensitive ? 'password' : (property.type === 'integer' ? 'number' : 'text'),
        autocomplete: property.sensitive ? 'new-password' : 'off',
        required: required.has(key),
        min: property.minimum, max: property.maximum,
      });
    control.name = key;
    readers.push([key, () => {
      if (control.value === '') return undefined;
      return property.type === 'integer' && /^-?\d+$/.test(control.value) ? Number(control.value) : control.value;
    }]);
    return field(label, control, options);
  });
  const value = () => Object.fromEntries(readers.map(([key, read]) => [key, read()]).filter(([, v]) => v !== undefined));
  return { fields, value };
}
