// Model syncs: a model's records sent to one object of a destination, matched by identity, with mappings and filters.
import { h, replace } from '../dom.js';
import { get, post, put, del } from '../api.js';
import { navigate } from '../app.js';
import {
  pageHeader, link, button, dataTable, emptyState, field, input, select, checkbox, onSubmit, confirmAction, announce,
  scheduleFields, describeSchedule, showErrors, clearErrors, poll, describe,
} from '../ui.js';
import { progress } from './runs.js';

const FILTER_FUNCTIONS = ['Equality', 'Inequality', 'GreaterThan', 'GreaterThanEqual', 'LessThan', 'LessThanEqual', 'OnOrAfter',
  'OnOrBefore', 'Between', 'IsNull', 'IsNotNull', 'StringContains', 'StringOneOf'];
/** Filters whose value is a list, typed as comma-separated text. */
const LIST_VALUES = ['Between', 'StringOneOf'];
const NO_VALUE = ['IsNull', 'IsNotNull'];

export async function list() {
  const [syncs, models, connections] = await Promise.all([get('/api/syncs'), get('/api/models'), get('/api/connections')]);
  const modelNames = Object.fromEntries(models.map((m) => [m.id, m.name]));
  const connectionNames = Object.fromEntries(connections.map((c) => [c.id, c.name]));
  return h('section', {},
    pageHeader('Model syncs', link('/syncs/new', 'New model sync', { class: 'button primary' })),
    dataTable({
      label: 'Model syncs',
      rows: syncs,
      columns: [
        { label: 'Name', value: (s) => s.name, render: (s) => link(`/syncs/${s.id}`, s.name) },
        { label: 'Model', value: (s) => modelNames[s.identity?.source?.model_id] || '' },
        { label: 'Destination', value: (s) => `${connectionNames[s.target.connection_id] || ''} / ${s.target.object}` },
        { label: 'Mode', value: (s) => s.mode },
        { label: 'Schedule', value: (s) => describeSchedule(s.schedule) },
        { label: 'Runs', value: () => '', render: (s) => link(`/syncs/${s.id}/runs`, 'Runs') },
      ],
      empty: emptyState(models.length
        ? 'No model syncs yet. A model sync sends a model\'s records to a destination and keeps them up to date.'
        : 'No model syncs yet. Write a model first: its rows are what a model sync sends.',
      link(models.length ? '/syncs/new' : '/models/new', models.length ? 'Create a model sync' : 'Write a model', { class: 'button primary' })),
    }));
}

export async function edit({ params }) {
  const existing = params.id ? await get(`/api/syncs/${params.id}`) : null;
  const [models, connections] = await Promise.all([get('/api/models'), get('/api/connections')]);
  if (!models.length) {
    return h('section', {}, pageHeader('New model sync'),
      emptyState('A model sync sends a model\'s records: write a model first.', link('/models/new', 'Write a model', { class: 'button primary' })));
  }
  const modelId = existing?.identity?.source?.model_id || existing?.fields?.[0]?.source?.model_id || models[0].id;
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Model sync' });
  const name = input({ value: existing?.name || '', required: true });
  const model = select(models.map((m) => ({ value: m.id, label: m.name })), { value: modelId });
  const destination = select(connections.map((c) => ({ value: c.id, label: c.name })), { value: existing?.target?.connection_id });
  const object = select([], {});
  const mode = select([], {});
  const identitySource = select([], {});
  const identityTarget = select([], {});
  const identityFunction = select(['Equality', 'CaseInsensitiveEquality'], { value: existing?.identity?.function || 'Equality' });
  const mappings = h('div', { class: 'rows', role: 'list', 'aria-label': 'Field mappings' });
  const filters = h('div', { class: 'rows', role: 'list', 'aria-label': 'Filters' });
  const filterLogic = input({ value: existing?.filter_logic || '', placeholder: '1 AND (2 OR 3)' });
  const schedule = scheduleFields(existing?.schedule);
  const dryRun = h('div', { class: 'dry-run', 'aria-live': 'polite' });
  let modelFields = [];
  let targetFields = [];

  const modelOf = () => models.find((m) => m.id === model.value);
  const fieldOptions = (fields, chosen, hint) => [h('option', { value: '' }, '(choose)'),
    fields.map((f) => h('option', { value: f.name, selected: f.name === chosen }, `${f.name} — ${hint(f)}`))];

  function targetHint(f) {
    const can = [f.createable && 'create', f.updateable && 'update'].filter(Boolean).join('/');
    return `${f.type}${can ? `, ${can}` : ', read-only'}`;
  }

  async function loadObjects(chosen) {
    const objects = await get(`/api/connections/${destination.value}/modelsync/targetobjects`);
    replace(object, h('option', { value: '' }, '(choose an object)'),
      objects.map((o) => h('option', { value: o.id, selected: o.id === chosen }, o.name)));
    object.objects = objects;
    await loadTarget(existing?.target?.object === object.value ? existing : null);
  }

  async function loadTarget(current) {
    const found = (object.objects || []).find((o) => o.id === object.value);
    replace(mode, (found?.modes || []).map((m) => h('option', { value: m.mode, selected: m.mode === (current?.mode || 'updateOrCreate') }, m.mode)));
    targetFields = object.value ? (await get(`/api/connections/${destination.value}/modelsync/target?target=${encodeURIComponent(object.value)}`)).fields : [];
    replace(identityTarget, fieldOptions(targetFields.filter((f) => f.identity_functions.length), current?.identity?.target, targetHint));
    replace(mappings);
    (current?.fields || []).forEach(addMapping);
  }

  function loadModelFields() {
    modelFields = modelOf()?.fields || [];
    replace(identitySource, fieldOptions(modelFields, existing?.identity?.source?.field || modelOf()?.identifier, (f) => f.type));
  }

  function addMapping(mapping = {}) {
    const index = mappings.children.length;
    const source = select([], { 'aria-label': `Mapping ${index + 1}: model field` });
    replace(source, fieldOptions(modelFields, mapping.source?.field, (f) => f.type));
    source.dataset.field = `fields[${index}].source.field`;
    const target = select([], { 'aria-label': `Mapping ${index + 1}: destination field` });
    replace(target, fieldOptions(targetFields.filter((f) => f.createable || f.updateable), mapping.target, targetHint));
    target.dataset.field = `fields[${index}].target`;
    const createOnly = checkbox('Only when creating', { checked: mapping.sync_mode === 'create' });
    const row = h('div', { class: 'row', role: 'listitem' }, source, h('span', { 'aria-hidden': 'true' }, '→'), target, createOnly,
      button('Remove', () => row.remove(), { class: 'link', 'aria-label': `Remove mapping ${index + 1}` }),
      h('small', { class: 'field-error', 'data-error-for': `fields[${index}]` }));
    row.value = () => ({ source: { model_id: model.value, field: source.value }, target: target.value,
      ...(createOnly.querySelector('input').checked ? { sync_mode: 'create' } : {}) });
    mappings.append(row);
  }

  /** Adds a mapping for every model field whose name the destination also has. */
  function mapSameNames() {
    replace(mappings);
    const names = new Set(targetFields.filter((f) => f.createable || f.updateable).map((f) => f.name));
    modelFields.filter((f) => names.has(f.name) && f.name !== identitySource.value).forEach((f) => addMapping({ source: { field: f.name }, target: f.name }));
  }

  function addFilter(filter = {}) {
    const index = filters.children.length;
    const fieldSelect = select([], { 'aria-label': `Filter ${index + 1}: field` });
    replace(fieldSelect, fieldOptions(modelFields, filter.field, (f) => f.type));
    const fn = select(FILTER_FUNCTIONS, { value: filter.function || 'Equality', 'aria-label': `Filter ${index + 1}: condition` });
    const value = input({ value: Array.isArray(filter.value) ? filter.value.join(', ') : (filter.value ?? ''), 'aria-label': `Filter ${index + 1}: value` });
    const row = h('div', { class: 'row', role: 'listitem' }, h('span', { class: 'number' }, `${index + 1}`), fieldSelect, fn, value,
      button('Remove', () => row.remove(), { class: 'link', 'aria-label': `Remove filter ${index + 1}` }),
      h('small', { class: 'field-error', 'data-error-for': `filters[${index}]` }));
    row.value = () => {
      const text = value.value.trim();
      const parsed = NO_VALUE.includes(fn.value) ? null
        : LIST_VALUES.includes(fn.value) ? text.split(',').map((part) => typed(part.trim())) : typed(text);
      return { field: fieldSelect.value, function: fn.value, ...(parsed === null ? {} : { value: parsed }) };
    };
    filters.append(row);
  }

  destination.addEventListener('change', () => loadObjects(''));
  object.addEventListener('change', () => loadTarget(null));
  model.addEventListener('change', () => { loadModelFields(); replace(mappings); replace(filters); });
  loadModelFields();
  if (connections.length) await loadObjects(existing?.target?.object || '');
  (existing?.filters || []).forEach(addFilter);

  function body() {
    return {
      name: name.value,
      target: { connection_id: destination.value, object: object.value },
      mode: mode.value,
      identity: identitySource.value || identityTarget.value
        ? { source: { model_id: model.value, field: identitySource.value }, target: identityTarget.value, function: identityFunction.value }
        : null,
      fields: [...mappings.children].map((row) => row.value()),
      filters: [...filters.children].map((row) => row.value()),
      filter_logic: filterLogic.value || null,
      schedule: schedule.value(),
    };
  }

  async function runDry() {
    clearErrors(form);
    try {
      const run = await post(`/api/syncs/${existing.id}/executions`, { test: true });
      poll(async () => {
        const current = await get(`/api/syncs/${existing.id}/executions/${run.id}`);
        const done = ['completed', 'completed_with_errors', 'failed', 'canceled'].includes(current.status);
        replace(dryRun, done ? dryRunResult(current) : progress({ rows: (r) => r.total }, current, null, null));
        return !done;
      }, 1000);
    } catch (error) {
      replace(dryRun, h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  async function remove() {
    if (!await confirmAction(`Delete the model sync ${existing.name}? Its run history goes with it; the destination keeps its records.`)) return;
    try {
      await del(`/api/syncs/${existing.id}`);
      announce(`Deleted ${existing.name}.`);
      navigate('/syncs');
    } catch (error) {
      showErrors(form, error);
    }
  }

  replace(form,
    field('Name', name, { name: 'name' }),
    h('fieldset', {}, h('legend', {}, 'From and to'),
      field('Model', model, { name: 'model' }),
      field('Destination connection', destination, { name: 'target.connection_id' }),
      field('Destination object', object, { name: 'target.object', hint: 'The table or object that receives the records.' }),
      field('Mode', mode, { name: 'mode', hint: 'updateOrCreate upserts; create only inserts; update only updates; replace also deletes.' })),
    h('fieldset', {}, h('legend', {}, 'Identity'),
      field('Model field', identitySource, { name: 'identity.source.field' }),
      field('Destination field', identityTarget, { name: 'identity.target', hint: 'Only fields that can match records are listed.' }),
      field('Match', identityFunction, { name: 'identity.function' }),
      h('small', { class: 'field-error', 'data-error-for': 'identity' })),
    h('fieldset', {}, h('legend', {}, 'Field mappings'),
      h('small', { class: 'field-error', 'data-error-for': 'fields' }), mappings,
      h('div', { class: 'actions' }, button('Add mapping', () => addMapping()), button('Map fields with the same name', mapSameNames))),
    h('fieldset', {}, h('legend', {}, 'Filters'),
      h('p', { class: 'hint' }, 'Only records that pass the filters are sent. Lists (Between, StringOneOf) are comma-separated.'),
      h('small', { class: 'field-error', 'data-error-for': 'filters' }), filters,
      h('div', { class: 'actions' }, button('Add filter', () => addFilter())),
      field('Filter logic', filterLogic, { name: 'filter_logic', hint: 'Combines the numbered filters; empty means all of them.' })),
    schedule.element,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, existing ? 'Save' : 'Create model sync'),
      existing ? button('Dry run', runDry) : null,
      existing ? link(`/syncs/${existing.id}/runs`, 'Runs', { class: 'button' }) : null,
      existing ? button('Delete', remove, { class: 'danger' }) : null),
    dryRun);

  onSubmit(form, async () => {
    const saved = existing ? await put(`/api/syncs/${existing.id}`, body()) : await post('/api/syncs', body());
    announce(`Saved ${saved.name}.`);
    navigate(`/syncs/${saved.id}/runs`);
  });

  return h('section', {}, pageHeader(existing ? `Model sync: ${existing.name}` : 'New model sync'),
    connections.length ? form : emptyState('Add a destination connection first.', link('/connections/new', 'Add a connection', { class: 'button primary' })));
}

function dryRunResult(run) {
  if (run.status === 'failed') return h('p', { class: 'error', role: 'alert' }, `The dry run failed: ${run.error}`);
  return h('div', { class: 'card' }, h('h2', {}, 'Dry run: what a run would change'),
    h('dl', { class: 'stats' }, [['Records', run.total], ['Would insert', run.inserts], ['Would update', run.updates],
      ['Would delete', run.deletes], ['Errors', run.errors]].map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, String(value))))),
    h('p', { class: 'muted' }, 'Nothing was written. The run\'s record logs list which records: see ', link(`/syncs/${run.sync_id}/runs`, 'Runs'), '.'));
}

function typed(text) {
  if (text === '') return '';
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}
