// People: the members and their roles, custom roles, and one's own API keys.
import { h, replace } from '../dom.js';
import { get, post, put, del } from '../api.js';
import { pageHeader, button, dataTable, emptyState, field, input, select, onSubmit, confirmAction, announce, when, describe } from '../ui.js';

export async function page({ me }) {
  const org = me.organization_id;
  const admin = me.role === 'admin';
  const members = h('section', { 'aria-labelledby': 'members-title' });
  const roles = h('section', { 'aria-labelledby': 'roles-title' });
  const keys = h('section', { 'aria-labelledby': 'keys-title' });

  async function load() {
    const [users, roleList, keyList] = await Promise.all([get(`/api/organizations/${org}/users`), get('/api/permissions/roles'),
      get(`/api/organizations/${org}/users/${me.id}/keys`)]);
    const roleNames = roleList.map((r) => r.name);
    replace(members, h('h2', { id: 'members-title' }, 'Members'), dataTable({
      label: 'Members',
      rows: users,
      columns: [
        { label: 'Email', value: (u) => u.email },
        { label: 'Role', value: (u) => u.role, render: (u) => (admin && u.id !== me.id ? roleSelect(u, roleNames) : u.role) },
        { label: 'Since', value: (u) => u.created_at, render: (u) => when(u.created_at) },
        { label: '', value: () => '', render: (u) => (admin && u.id !== me.id ? button('Remove', () => removeUser(u), { class: 'link danger' }) : '') },
      ],
      empty: emptyState('No members.'),
    }), admin ? addUserForm(roleNames) : null);
    replace(roles, h('h2', { id: 'roles-title' }, 'Roles'), dataTable({
      label: 'Roles',
      rows: roleList,
      columns: [
        { label: 'Name', value: (r) => r.name },
        { label: 'Kind', value: (r) => (r.system ? 'built in' : 'custom') },
        { label: '', value: () => '', render: (r) => (admin && !r.system ? button('Delete', () => removeRole(r), { class: 'link danger' }) : '') },
      ],
      empty: emptyState('No roles.'),
    }), admin ? addRoleForm() : null);
    replace(keys, h('h2', { id: 'keys-title' }, 'Your API keys'),
      h('p', { class: 'hint' }, 'A key calls the API as you: send it as Authorization: Bearer KEY.'),
      dataTable({
        label: 'API keys',
        rows: keyList.filter((k) => !k.revoked_at),
        columns: [
          { label: 'Name', value: (k) => k.name },
          { label: 'Prefix', value: (k) => k.prefix },
          { label: 'Created', value: (k) => k.created_at, render: (k) => when(k.created_at) },
          { label: 'Last used', value: (k) => k.last_used_at || '', render: (k) => when(k.last_used_at) || 'never' },
          { label: '', value: () => '', render: (k) => button('Revoke', () => revokeKey(k), { class: 'link danger' }) },
        ],
        empty: emptyState('No API keys. Create one for scripts and tools that call the API.'),
      }), addKeyForm());
  }

  function roleSelect(user, roleNames) {
    const control = select(roleNames, { value: user.role, 'aria-label': `Role of ${user.email}` });
    control.addEventListener('change', async () => {
      try {
        await put(`/api/organizations/${org}/users/${user.id}`, { role: control.value });
        announce(`${user.email} is now ${control.value}.`);
      } catch (error) {
        control.value = user.role;
        announce(describe(error), 'error');
      }
    });
    return control;
  }

  async function removeUser(user) {
    if (!await confirmAction(`Remove ${user.email} from the organization? Their sessions and API keys stop working at once.`, 'Remove')) return;
    await act(() => del(`/api/organizations/${org}/users/${user.id}`), `Removed ${user.email}.`);
  }

  async function removeRole(role) {
    if (!await confirmAction(`Delete the role ${role.name}?`)) return;
    await act(() => del(`/api/permissions/roles/${role.id}`), `Deleted the role ${role.name}.`);
  }

  async function revokeKey(key) {
    if (!await confirmAction(`Revoke the key ${key.name}? Anything using it is refused at once.`, 'Revoke')) return;
    await act(() => del(`/api/organizations/${org}/users/${me.id}/keys/${key.id}`), `Revoked ${key.name}.`);
  }

  async function act(fn, message) {
    try {
      await fn();
      announce(message);
      await load();
    } catch (error) {
      announce(describe(error), 'error');
    }
  }

  function addUserForm(roleNames) {
    const email = input({ type: 'email', autocomplete: 'off' });
    const role = select(roleNames, { value: 'user' });
    return onSubmit(h('form', { class: 'form inline', 'aria-label': 'Add a member' },
      field('Email', email, { name: 'email' }), field('Role', role, { name: 'role' }),
      h('button', { type: 'submit' }, 'Add member')), async () => {
      await post(`/api/organizations/${org}/users`, { email: email.value, role: role.value });
      announce(`Added ${email.value}.`);
      await load();
    });
  }

  function addRoleForm() {
    const name = input({ autocomplete: 'off' });
    return onSubmit(h('form', { class: 'form inline', 'aria-label': 'Add a role' },
      field('Role name', name, { name: 'name' }), h('button', { type: 'submit' }, 'Add role')), async () => {
      await post('/api/permissions/roles', { name: name.value });
      announce(`Added the role ${name.value}.`);
      await load();
    });
  }

  function addKeyForm() {
    const name = input({ autocomplete: 'off', placeholder: 'deploy script' });
    return onSubmit(h('form', { class: 'form inline', 'aria-label': 'Create an API key' },
      field('Key name', name, { name: 'name' }), h('button', { type: 'submit' }, 'Create key')), async () => {
      const created = await post(`/api/organizations/${org}/users/${me.id}/keys`, { name: name.value });
      await load();
      keys.append(h('p', { class: 'card new-key', role: 'status' }, 'Your new key, shown only this once: copy it now. ',
        h('code', { class: 'secret' }, created.key)));
    });
  }

  await load();
  return h('section', {}, pageHeader('People'), members, roles, keys);
}
