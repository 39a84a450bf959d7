// Settings of the organization: record logging, who is emailed about failures, and webhooks.
import { h, replace } from '../dom.js';
import { get, post, put, del } from '../api.js';
import { pageHeader, button, dataTable, emptyState, field, input, checkbox, onSubmit, confirmAction, announce, describe, when } from '../ui.js';

export async function page({ me }) {
  const admin = me.role === 'admin';
  const organization = await get(`/api/organizations/${me.organization_id}`);
  const subscribers = await get('/api/notifications/global-error-subscribers');
  const webhooks = h('section', { 'aria-labelledby': 'webhooks-title' });

  const logging = checkbox('Keep record logs of model sync runs', { checked: organization.record_logging, disabled: !admin });
  const loggingBox = logging.querySelector('input');
  loggingBox.dataset.field = 'record_logging';
  const loggingForm = onSubmit(h('form', { class: 'form', 'aria-labelledby': 'logging-title' },
    h('h2', { id: 'logging-title' }, 'Record logging'),
    h('p', { class: 'hint' }, 'Record logs list which records each run inserted, updated, deleted or refused; they can be downloaded from a run.'),
    logging, h('small', { class: 'field-error', 'data-error-for': 'record_logging' }),
    admin ? h('button', { type: 'submit' }, 'Save') : null), async () => {
    // PUT replaces the organization's settings, so the others are sent back as they are (a masked secret keeps its value).
    await put(`/api/organizations/${organization.id}`, {
      name: organization.name, sso_domain: organization.sso_domain, issuer: organization.issuer, client_id: organization.client_id,
      client_secret: organization.client_secret, record_logging: loggingBox.checked,
    });
    announce(`Record logging is ${loggingBox.checked ? 'on' : 'off'}.`);
  });

  const emails = h('textarea', { rows: 3, disabled: !admin }, subscribers.emails.join('\n'));
  const subscribersForm = onSubmit(h('form', { class: 'form', 'aria-labelledby': 'subscribers-title' },
    h('h2', { id: 'subscribers-title' }, 'Error subscribers'),
    subscribers.email_enabled ? null : h('p', { class: 'warning' }, 'Email is off on this server (SMTP_HOST is not set): nobody is emailed until it is.'),
    field('Emailed when a sync fails or runs too long (one per line)', emails, { name: 'emails' }),
    admin ? h('button', { type: 'submit' }, 'Save') : null), async () => {
    const list = emails.value.split(/[\s,]+/).filter(Boolean);
    await put('/api/notifications/global-error-subscribers', { emails: list });
    announce('Saved the error subscribers.');
  });

  async function loadWebhooks() {
    if (!admin) {
      replace(webhooks, h('h2', { id: 'webhooks-title' }, 'Webhooks'), h('p', { class: 'muted' }, 'Only admins see and change webhooks.'));
      return;
    }
    const list = await get('/api/webhooks');
    replace(webhooks, h('h2', { id: 'webhooks-title' }, 'Webhooks'),
      h('p', { class: 'hint' }, 'Each endpoint receives every run event as a signed POST.'),
      dataTable({
        label: 'Webhooks',
        rows: list,
        columns: [
          { label: 'Endpoint', value: (w) => w.endpoint },
          { label: 'State', value: (w) => (w.paused ? 'paused' : 'active') },
          { label: 'Added', value: (w) => w.created_at, render: (w) => when(w.created_at) },
          { label: '', value: () => '', render: (w) => h('span', {},
            button(w.paused ? 'Resume' : 'Pause', () => act(() => post(`/api/webhooks/${w.id}/${w.paused ? 'enable' : 'disable'}`),
              `${w.paused ? 'Resumed' : 'Paused'} ${w.endpoint}.`), { class: 'link' }),
            button('Delete', async () => {
              if (await confirmAction(`Delete the webhook ${w.endpoint} and its queued deliveries?`)) {
                await act(() => del(`/api/webhooks/${w.id}`), `Deleted ${w.endpoint}.`);
              }
            }, { class: 'link danger' })) },
        ],
        empty: emptyState('No webhooks. Add an endpoint to be told when runs start, finish or fail.'),
      }), webhookForm());
  }

  function webhookForm() {
    const endpoint = input({ type: 'url', placeholder: 'https://example.com/tributary' });
    const secret = input({ type: 'password', autocomplete: 'new-password' });
    return onSubmit(h('form', { class: 'form inline', 'aria-label': 'Add a webhook' },
      field('Endpoint', endpoint, { name: 'endpoint' }),
      field('Secret (16 characters or more)', secret, { name: 'secret' }),
      h('button', { type: 'submit' }, 'Add webhook')), async () => {
      await post('/api/webhooks', { endpoint: endpoint.value, secret: secret.value });
      announce(`Added ${endpoint.value}.`);
      await loadWebhooks();
    });
  }

  async function act(fn, message) {
    try {
      await fn();
      announce(message);
      await loadWebhooks();
    } catch (error) {
      announce(describe(error), 'error');
    }
  }

  await loadWebhooks();
  return h('section', {}, pageHeader('Settings'), loggingForm, subscribersForm, webhooks);
}
