// Shared pieces of every page: headings, tables that filter and sort, form fields with their error slots, confirmations.
import { h, replace, uid } from './dom.js';
import { ApiError } from './api.js';

export function pageHeader(title, ...actions) {
  document.title = `${title} - Tributary`;
  return h('div', { class: 'page-header' }, h('h1', {}, title), h('div', { class: 'actions' }, actions));
}

export function link(href, text, attrs = {}) {
  return h('a', { href, 'data-link': true, ...attrs }, text);
}

export function button(text, onclick, attrs = {}) {
  return h('button', { type: 'button', onclick, ...attrs }, text);
}

/** Says what happened in the live region, which screen readers announce. */
export function announce(message, kind = 'info') {
  const status = document.getElementById('status');
  replace(status, message ? h('p', { class: `toast ${kind}` }, message) : null);
  if (message) setTimeout(() => { if (status.textContent === message) replace(status); }, 6000);
}

export function emptyState(message, ...actions) {
  return h('div', { class: 'empty' }, h('p', {}, message), actions);
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, describe(error));
}

export function describe(error) {
  if (error instanceof ApiError) {
    const details = error.errors.map((e) => `${e.field}: ${e.message}`).join(' ');
    return [error.problem.title, error.problem.detail, details].filter(Boolean).join(' — ');
  }
  return String(error && error.message ? error.message : error);
}

/**
 * A table whose rows filter by a search box and sort by any column header.
 * columns: [{ label, value: row => sortable value, render?: row => node }]
 */
export function dataTable({ columns, rows, label, empty }) {
  if (!rows.length) return empty;
  let sortIndex = -1;
  let ascending = true;
  const filterId = uid('filter');
  const filter = h('input', { id: filterId, type: 'search', placeholder: 'Filter', class: 'filter' });
  const body = h('tbody');
  // A column without a label holds actions: nothing to sort by.
  const headers = columns.map((column, index) => (column.label
    ? h('th', { scope: 'col', 'aria-sort': 'none' }, h('button', { type: 'button', class: 'sort', onclick: () => sortBy(index) }, column.label))
    : h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions'))));
  const count = h('span', { class: 'muted count' });

  function sortBy(index) {
    ascending = sortIndex === index ? !ascending : true;
    sortIndex = index;
    headers.filter((th) => th.hasAttribute('aria-sort'))
      .forEach((th) => th.setAttribute('aria-sort', th === headers[index] ? (ascending ? 'ascending' : 'descending') : 'none'));
    render();
  }

  function render() {
    const needle = filter.value.trim().toLowerCase();
    let shown = rows.filter((row) => !needle || columns.some((c) => String(c.value(row) ?? '').toLowerCase().includes(needle)));
    if (sortIndex >= 0) {
      const value = columns[sortIndex].value;
      shown = [...shown].sort((a, b) => compare(value(a), value(b)) * (ascending ? 1 : -1));
    }
    replace(body, shown.map((row) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.label },
      c.render ? c.render(row) : format(c.value(row)))))));
    count.textContent = `${shown.length} of ${rows.length}`;
  }

  filter.addEventListener('input', render);
  render();
  return h('div', { class: 'table-wrap' },
    h('div', { class: 'table-tools' }, h('label', { for: filterId, class: 'sr-only' }, `Filter ${label}`), filter, count),
    h('table', { class: 'data' }, h('caption', { class: 'sr-only' }, label), h('thead', {}, h('tr', {}, headers)), body));
}

function compare(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true });
}

export function format(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

/** A grid of records as the API returns them: objects keyed by field name. */
export function recordGrid(records, fields, label) {
  const names = fields || (records.length ? Object.keys(records[0]) : []);
  if (!records.length) return h('p', { class: 'muted' }, 'No rows.');
  return h('div', { class: 'grid-wrap', tabindex: '0', role: 'region', 'aria-label': label },
    h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, names.map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, records.map((record) => h('tr', {}, names.map((name) => h('td', {}, format(record[name]))))))));
}

/**
 * A labelled control with a hint and a slot for the API's error about it.
 * name is the API's field name (such as configuration.host) that problem documents use.
 */
export function field(label, control, { name, hint } = {}) {
  const id = control.id || uid();
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  control.setAttribute('aria-describedby', `${hint ? hintId : ''} ${errorId}`.trim());
  if (name) control.dataset.field = name;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { id: hintId, class: 'hint' }, hint) : null,
    h('small', { id: errorId, class: 'field-error', 'data-error-for': name || '' }));
}

export function input(attrs = {}) {
  return h('input', { type: 'text', ...attrs });
}

export function select(options, attrs = {}) {
  return h('select', attrs, options.map((o) => (typeof o === 'string'
    ? h('option', { value: o, selected: o === attrs.value }, o)
    : h('option', { value: o.value, selected: o.value === attrs.value }, o.label))));
}

export function checkbox(label, attrs = {}) {
  const id = uid();
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, ...attrs }), h('label', { for: id }, label));
}

/** Clears the errors of a form before a new attempt. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((slot) => { slot.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((control) => control.removeAttribute('aria-invalid'));
  form.querySelectorAll('.form-error').forEach((box) => box.remove());
}

/**
 * Puts each of the API's field errors next to its field: the slot for the exact name, else for the nearest enclosing
 * name (configuration.host, then configuration); what has no slot goes in a box at the top of the form.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const unplaced = [];
  const errors = error instanceof ApiError && error.errors.length ? error.errors : [];
  for (const { field: name, message } of errors) {
    const slot = slotFor(form, name);
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
      const control = form.querySelector(`[data-field="${CSS.escape(slot.dataset.errorFor)}"]`);
      if (control) control.setAttribute('aria-invalid', 'true');
    } else {
      unplaced.push(`${name}: ${message}`);
    }
  }
  if (!errors.length || unplaced.length) {
    const text = errors.length ? unplaced.join(' ') : describe(error);
    form.prepend(h('p', { class: 'error form-error', role: 'alert' }, text));
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

function slotFor(form, name) {
  let candidate = name;
  while (candidate) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(candidate)}"]`);
    if (slot) return slot;
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    candidate = cut > 0 ? candidate.slice(0, cut) : '';
  }
  return null;
}

/** Submits through fn, showing the API's errors next to their fields; the button is disabled while it runs. */
export function onSubmit(form, fn) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = event.submitter || form.querySelector('button[type=submit]');
    if (submit) submit.disabled = true;
    clearErrors(form);
    try {
      await fn(event);
    } catch (error) {
      showErrors(form, error);
    } finally {
      if (submit) submit.disabled = false;
    }
  });
  return form;
}

/** Asks before a destructive action, in a modal dialog that keeps focus and answers Escape. */
export function confirmAction(message, actionLabel = 'Delete') {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-text' },
      h('p', { id: 'confirm-text' }, message),
      h('div', { class: 'actions' },
        button('Cancel', () => dialog.close('cancel')),
        button(actionLabel, () => dialog.close('ok'), { class: 'danger' })));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(dialog.returnValue === 'ok'); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Calls fn now and every ms until it returns false or the page changes. */
export function poll(fn, ms) {
  const page = location.pathname;
  const tick = async () => {
    if (location.pathname !== page) return;
    let again = false;
    try { again = await fn(); } catch (error) { announce(describe(error), 'error'); }
    if (again) setTimeout(tick, ms);
  };
  tick();
}

export const schedules = ['manual', 'continuous', 'hourly', 'daily', 'weekly', 'custom'];

/** The schedule editor: a frequency and the fields it reads. */
export function scheduleFields(schedule = { frequency: 'manual' }) {
  const frequency = select(schedules, { value: schedule.frequency, name: 'frequency' });
  const minute = input({ value: schedule.minute || '', inputmode: 'numeric', size: 4 });
  const hour = input({ value: schedule.hour || '', inputmode: 'numeric', size: 4 });
  const day = select(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    { value: schedule.day_of_week || 'monday' });
  const expression = input({ value: schedule.expression || '', placeholder: '0 */2 * * *' });
  const parts = {
    minute: field('Minute (0-59)', minute, { name: 'schedule.minute' }),
    hour: field('Hour, UTC (0-23)', hour, { name: 'schedule.hour' }),
    day_of_week: field('Day of week', day, { name: 'schedule.day_of_week' }),
    expression: field('Cron expression (UTC)', expression, { name: 'schedule.expression' }),
  };
  const reads = { hourly: ['minute'], daily: ['hour', 'minute'], weekly: ['day_of_week', 'hour', 'minute'], custom: ['expression'] };
  const show = () => Object.entries(parts).forEach(([key, el]) => {
    el.hidden = !(reads[frequency.value] || []).includes(key);
  });
  frequency.addEventListener('change', show);
  show();
  const element = h('fieldset', { class: 'schedule' }, h('legend', {}, 'Schedule'),
    field('Frequency', frequency, { name: 'schedule', hint: 'Times are UTC.' }), Object.values(parts));
  const value = () => {
    const result = { frequency: frequency.value };
    for (const key of reads[frequency.value] || []) {
      result[key] = { minute, hour, day_of_week: day, expression }[key].value;
    }
    return result;
  };
  return { element, value };
}

export function describeSchedule(schedule) {
  if (!schedule) return 'manual';
  const at = [schedule.day_of_week, schedule.hour && `${schedule.hour.padStart(2, '0')}:${(schedule.minute || '0').padStart(2, '0')}`,
    schedule.frequency === 'hourly' && schedule.minute && `:${schedule.minute.padStart(2, '0')}`, schedule.expression]
    .filter(Boolean).join(' ');
  return at ? `${schedule.frequency} (${at} UTC)` : schedule.frequency;
}
