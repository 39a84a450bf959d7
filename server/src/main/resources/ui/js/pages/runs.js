// Runs of a model sync or a bulk sync: live progress, counts, errors, record logs, cancel, and a chart of the last 30.
import { h, replace, svg } from '../dom.js';
import { get, post } from '../api.js';
import { pageHeader, link, button, dataTable, emptyState, when, poll, announce, confirmAction, describe } from '../ui.js';

/** What differs between the two kinds of sync; the page itself is shared. */
const KINDS = {
  model: {
    api: '/api/syncs', page: '/syncs', title: 'Model sync',
    rows: (run) => run.total,
    counts: (run) => [['Records', run.total], ['Inserts', run.inserts], ['Updates', run.updates], ['Upserts', run.upserts],
      ['Deletes', run.deletes], ['Errors', run.errors], ['Warnings', run.warnings]],
    starts: [['Run now', {}], ['Resync', { resync: true }], ['Dry run', { test: true }]],
    logs: ['records', 'inserts', 'updates', 'deletes', 'errors', 'warnings'],
  },
  bulk: {
    api: '/api/bulk/syncs', page: '/bulk', title: 'Bulk sync',
    rows: (run) => run.records_written,
    counts: (run) => [['Read', run.records_read], ['Written', run.records_written], ['Errors', run.records_errored]],
    starts: [['Run now', {}], ['Resync', { resync: true }]],
    logs: [],
  },
};

const FINISHED = ['completed', 'completed_with_errors', 'failed', 'canceled'];

export const modelSyncRuns = (context) => runsPage(KINDS.model, context);
export const bulkSyncRuns = (context) => runsPage(KINDS.bulk, context);

async function runsPage(kind, { params }) {
  const sync = await get(`${kind.api}/${params.id}`);
  const live = h('section', { class: 'live card', 'aria-label': 'Current run' });
  const history = h('div', {});
  let lastTotal = null;

  async function refresh() {
    const [status, runs] = await Promise.all([get(`${kind.api}/${params.id}/status`), get(`${kind.api}/${params.id}/executions`)]);
    // A dry run reads the same records, so it is as good an estimate of a run's size as a real one.
    const previous = runs.find((run) => run.status === 'completed');
    lastTotal = previous ? kind.rows(previous) : null;
    const current = status.current_execution_id ? runs.find((run) => run.id === status.current_execution_id)
      || await get(`${kind.api}/${params.id}/executions/${status.current_execution_id}`) : null;
    replace(live, current ? progress(kind, current, lastTotal, cancel) : idle(status));
    replace(history, runs.length ? [chart(kind, runs.filter((run) => FINISHED.includes(run.status)).slice(0, 30).reverse()),
      runTable(kind, params.id, runs)] : emptyState('No runs yet: start one with Run now.'));
    return !!current;
  }

  function idle(status) {
    return h('p', { class: 'idle' }, 'Not running.', status.next_execution_time
      ? ` Next scheduled run: ${when(status.next_execution_time)}.` : ' No run is scheduled.');
  }

  async function start(options) {
    try {
      await post(`${kind.api}/${params.id}/executions`, options);
      announce(options.test ? 'Dry run started.' : 'Run started.');
      poll(refresh, 1000);
    } catch (error) {
      announce(describe(error), 'error');
    }
  }

  async function cancel() {
    if (!await confirmAction(`Cancel the current run of ${sync.name}? It stops after its current batch.`, 'Cancel run')) return;
    await post(`${kind.api}/${params.id}/cancel`);
    announce('Canceling: the run stops after its current batch.');
  }

  poll(refresh, 1000);
  return h('section', {},
    pageHeader(`Runs: ${sync.name}`, kind.starts.map(([label, options]) => button(label, () => start(options))),
      link(`${kind.page}/${params.id}`, 'Settings', { class: 'button' })),
    live, history);
}

/** Rows per second since the run started, and the time left if it moves as many rows as the last completed run. */
export function progress(kind, run, expectedRows, onCancel) {
  const rows = kind.rows(run) || 0;
  const started = run.started_at ? new Date(run.started_at) : null;
  const seconds = started ? Math.max((Date.now() - started) / 1000, 0.001) : 0;
  const rate = seconds ? rows / seconds : 0;
  const eta = expectedRows && rate > 0 && expectedRows > rows ? (expectedRows - rows) / rate : null;
  const percent = expectedRows ? Math.min(100, Math.round((rows / expectedRows) * 100)) : null;
  return h('div', { class: 'progress-panel', 'data-status': run.status },
    h('h2', {}, `${run.test ? 'Dry run' : 'Run'} ${run.status}`),
    percent !== null ? h('progress', { max: 100, value: percent, 'aria-label': 'Progress' }, `${percent}%`) : null,
    h('dl', { class: 'stats' },
      stat('Rows', rows.toLocaleString()),
      stat('Rows/s', started ? Math.round(rate).toLocaleString() : '—'),
      stat('ETA', eta !== null ? duration(eta) : (started ? 'unknown (no earlier run to compare)' : 'waiting for a worker')),
      stat('Started', when(run.started_at) || 'queued')),
    run.tables ? tableProgress(run.tables) : null,
    onCancel ? button('Cancel run', onCancel, { class: 'danger' }) : null);
}

function tableProgress(tables) {
  return h('ul', { class: 'plain tables' }, tables.map((table) => h('li', {},
    `${table.id}: ${table.status}, ${table.records_written.toLocaleString()} written`,
    table.rows_per_second ? `, ${Math.round(table.rows_per_second).toLocaleString()} rows/s` : '',
    table.error ? h('span', { class: 'error' }, ` — ${table.error}`) : '')));
}

function stat(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

export function duration(seconds) {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

function runSeconds(run) {
  return run.started_at && run.completed_at ? (new Date(run.completed_at) - new Date(run.started_at)) / 1000 : null;
}

function runTable(kind, syncId, runs) {
  return dataTable({
    label: 'Runs',
    rows: runs,
    columns: [
      { label: 'Started', value: (r) => r.started_at || r.created_at, render: (r) => when(r.started_at || r.created_at) },
      { label: 'Status', value: (r) => r.status, render: (r) => h('span', { class: `badge ${r.status}` }, r.test ? `${r.status} (dry run)` : r.status) },
      { label: 'Duration', value: (r) => runSeconds(r) ?? -1, render: (r) => (runSeconds(r) === null ? '' : duration(runSeconds(r))) },
      { label: 'Counts', value: (r) => kind.rows(r), render: (r) => kind.counts(r).map(([l, v]) => `${l} ${v}`).join(', ') },
      { label: 'Error', value: (r) => r.error || '', render: (r) => (r.error ? h('span', { class: 'error' }, r.error) : '') },
      ...(kind.logs.length ? [{ label: 'Record logs', value: () => '', render: (r) => recordLogs(syncId, r) }] : []),
    ],
    empty: null,
  });
}

/** Record logs are fetched as signed links on demand, since a link expires after an hour. */
function recordLogs(syncId, run) {
  if (!FINISHED.includes(run.status)) return '';
  const logs = KINDS.model.logs.filter((type) => type === 'records' || run[type] > 0);
  return h('span', { class: 'logs' }, logs.map((type) => button(type, async () => {
    try {
      const { url } = await get(`/api/syncs/${syncId}/executions/${run.id}/${type}`);
      location.assign(url);
    } catch (error) {
      announce(describe(error), 'error');
    }
  }, { class: 'link', 'aria-label': `Download the ${type} log of the run of ${when(run.started_at)}` })));
}

/** Bars for each run's duration, a line for its rows, oldest on the left. */
function chart(kind, runs) {
  if (!runs.length) return null;
  const width = 600;
  const height = 160;
  const pad = 24;
  const step = (width - 2 * pad) / runs.length;
  const maxSeconds = Math.max(...runs.map((r) => runSeconds(r) || 0), 1);
  const maxRows = Math.max(...runs.map((r) => kind.rows(r) || 0), 1);
  const y = (value, max) => height - pad - (value / max) * (height - 2 * pad);
  const points = runs.map((r, i) => `${pad + step * i + step / 2},${y(kind.rows(r) || 0, maxRows)}`).join(' ');
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Duration and rows of the last ${runs.length} runs` },
      runs.map((r, i) => svg('rect', {
        class: `bar ${r.status}`, x: pad + step * i + step * 0.15, width: step * 0.7,
        y: y(runSeconds(r) || 0, maxSeconds), height: height - pad - y(runSeconds(r) || 0, maxSeconds),
      }, svg('title', {}, `${when(r.started_at)}: ${duration(runSeconds(r) || 0)}, ${kind.rows(r)} rows`))),
      svg('polyline', { class: 'rows', points, fill: 'none' }),
      svg('text', { x: pad, y: 14, class: 'axis' }, `max ${duration(maxSeconds)}`),
      svg('text', { x: width - pad, y: 14, class: 'axis rows-label', 'text-anchor': 'end' }, `max ${maxRows.toLocaleString()} rows`)),
    h('figcaption', {}, 'Bars: duration of each run. Line: rows. Oldest on the left.'));
}
