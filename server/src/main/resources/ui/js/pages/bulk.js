// Bulk syncs: whole tables copied from a source to a destination, incrementally where a tracking field allows.
import { h, replace } from '../dom.js';
import { get, post, put, del } from '../api.js';
import { navigate } from '../app.js';
import {
  pageHeader, link, button, dataTable, emptyState, field, input, select, onSubmit, confirmAction, announce,
  scheduleFields, describeSchedule, showErrors,
} from '../ui.js';

export async function list() {
  const [syncs, connections] = await Promise.all([get('/api/bulk/syncs'), get('/api/connections')]);
  const names = Object.fromEntries(connections.map((c) => [c.id, c.name]));
  return h('section', {},
    pageHeader('Bulk syncs', link('/bulk/new', 'New bulk sync', { class: 'button primary' })),
    dataTable({
      label: 'Bulk syncs',
      rows: syncs,
      columns: [
        { label: 'Name', value: (s) => s.name, render: (s) => link(`/bulk/${s.id}`, s.name) },
        { label: 'Source', value: (s) => names[s.source_connection_id] || '' },
        { label: 'Destination', value: (s) => names[s.destination_connection_id] || '' },
        { label: 'Tables', value: (s) => s.schemas.filter((t) => t.enabled !== false).length },
        { label: 'Schedule', value: (s) => describeSchedule(s.schedule) },
        { label: 'Runs', value: () => '', render: (s) => link(`/bulk/${s.id}/runs`, 'Runs') },
      ],
      empty: emptyState(connections.length >= 2
        ? 'No bulk syncs yet. A bulk sync copies whole tables from a database into a warehouse or file store.'
        : 'No bulk syncs yet. Add a source and a destination connection first.',
      link(connections.length >= 2 ? '/bulk/new' : '/connections/new', connections.length >= 2 ? 'Create a bulk sync' : 'Add a connection',
        { class: 'button primary' })),
    }));
}

export async function edit({ params }) {
  const existing = params.id ? await get(`/api/bulk/syncs/${params.id}`) : null;
  const connections = await get('/api/connections');
  if (connections.length < 2 && !existing) {
    return h('section', {}, pageHeader('New bulk sync'),
      emptyState('A bulk sync needs a source and a destination connection.', link('/connections/new', 'Add a connection', { class: 'button primary' })));
  }
  const chosen = new Map((existing?.schemas || []).filter((s) => s.enabled !== false).map((s) => [s.id, s]));
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Bulk sync' });
  const name = input({ value: existing?.name || '', required: true });
  const options = connections.map((c) => ({ value: c.id, label: `${c.name} (${c.type.name})` }));
  const source = select(options, { value: existing?.source_connection_id });
  const destination = select(options, { value: existing?.destination_connection_id || connections[1]?.id });
  const prefix = input({ value: existing?.destination_configuration?.prefix || '' });
  const tables = h('div', { class: 'tables-picker', role: 'group', 'aria-label': 'Tables' });
  const schedule = scheduleFields(existing?.schedule);
  let rows = [];

  async function loadTables() {
    replace(tables, h('p', { class: 'muted' }, 'Reading the source catalog…'));
    const objects = await get(`/api/connections/${source.value}/schemas`);
    rows = objects.map((object) => tableRow(source.value, object, chosen.get(object.id)));
    await Promise.all(rows.map((row) => row.ready));
    replace(tables, rows.length ? rows.map((row) => row.element)
      : h('p', { class: 'muted' }, 'The source holds no tables. Refresh its catalog on the connection\'s page.'));
  }
  source.addEventListener('change', () => { chosen.clear(); loadTables(); });
  await loadTables();

  async function remove() {
    if (!await confirmAction(`Delete the bulk sync ${existing.name}? The destination tables stay.`)) return;
    try {
      await del(`/api/bulk/syncs/${existing.id}`);
      announce(`Deleted ${existing.name}.`);
      navigate('/bulk');
    } catch (error) {
      showErrors(form, error);
    }
  }

  replace(form,
    field('Name', name, { name: 'name' }),
    field('Source', source, { name: 'source_connection_id' }),
    field('Destination', destination, { name: 'destination_connection_id' }),
    field('Destination table prefix', prefix, { name: 'destination_configuration', hint: 'Optional, such as raw_.' }),
    h('fieldset', {}, h('legend', {}, 'Tables'),
      h('p', { class: 'hint' }, 'A table with a primary key and a tracking field is copied incrementally; any other is replaced whole at each run.'),
      h('small', { class: 'field-error', 'data-error-for': 'schemas' }), tables),
    schedule.element,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, existing ? 'Save' : 'Create bulk sync'),
      existing ? link(`/bulk/${existing.id}/runs`, 'Runs', { class: 'button' }) : null,
      existing ? button('Delete', remove, { class: 'danger' }) : null));

  onSubmit(form, async () => {
    const body = {
      name: name.value,
      source_connection_id: source.value,
      destination_connection_id: destination.value,
      destination_configuration: prefix.value ? { prefix: prefix.value } : {},
      schemas: rows.map((row) => row.value()).filter(Boolean),
      schedule: schedule.value(),
    };
    const saved = existing ? await put(`/api/bulk/syncs/${existing.id}`, body) : await post('/api/bulk/syncs', body);
    announce(`Saved ${saved.name}.`);
    navigate(`/bulk/${saved.id}/runs`);
  });

  return h('section', {}, pageHeader(existing ? `Bulk sync: ${existing.name}` : 'New bulk sync'), form);
}

/**
 * One source table: whether it is copied, its tracking field, and which of its fields. The catalog lists tables without
 * their fields, so a table's fields are read when it is first chosen.
 */
function tableRow(connectionId, object, current) {
  const include = h('input', { type: 'checkbox', id: `table-${object.id}`, checked: !!current, 'data-table': object.id });
  const details = h('div', { class: 'table-options', hidden: !current, 'aria-live': 'polite' });
  let read = null;

  async function showDetails() {
    if (read) return;
    const detail = await get(`/api/connections/${connectionId}/schemas/${encodeURIComponent(object.id)}`);
    const keys = detail.fields.filter((f) => f.primary_key).map((f) => f.name);
    const tracking = select([{ value: '', label: '(none: replace whole)' },
      ...detail.fields.map((f) => ({ value: f.name, label: `${f.name} (${f.type})` }))],
    { value: current?.tracking_field || '', 'aria-label': `Tracking field of ${object.id}` });
    const picked = new Set(current?.fields || detail.fields.map((f) => f.name));
    const boxes = detail.fields.map((f) => h('input', { type: 'checkbox', value: f.name, checked: picked.has(f.name) }));
    replace(details,
      h('p', { class: 'muted' }, keys.length ? `Primary key: ${keys.join(', ')}` : 'No primary key: replaced whole at each run.'),
      h('label', {}, 'Tracking field ', tracking),
      h('div', { class: 'chips', role: 'group', 'aria-label': `Fields of ${object.id}` },
        boxes.map((box) => h('label', { class: 'chip' }, box, box.value))));
    read = () => {
      const fields = boxes.filter((box) => box.checked).map((box) => box.value);
      return {
        id: object.id,
        ...(tracking.value ? { tracking_field: tracking.value } : {}),
        ...(fields.length < boxes.length ? { fields } : {}),
      };
    };
  }

  include.addEventListener('change', async () => {
    details.hidden = !include.checked;
    if (include.checked) await showDetails();
  });
  const element = h('div', { class: 'table-row' }, h('div', { class: 'check' }, include, h('label', { for: include.id }, object.id)), details);
  const value = () => {
    if (!include.checked) return null;
    return read ? read() : { id: object.id, ...current };
  };
  return { element, value, ready: current ? showDetails() : Promise.resolve() };
}
