// Sign-in goes through the server's /auth routes: the identity provider, or in development the one-time link.
import { h } from '../dom.js';

export function page({ query }) {
  document.title = 'Sign in - Tributary';
  const returnTo = query.get('return_to') || '/';
  return h('section', { class: 'signin card' },
    h('h1', {}, 'Sign in to Tributary'),
    h('p', {}, 'Tributary signs you in with your organization\'s identity provider.'),
    h('a', { class: 'button primary', href: `/auth/login?return_to=${encodeURIComponent(returnTo)}`, id: 'sign-in' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Running in development mode without an identity provider? Open the one-time sign-in link '
      + 'that the server printed in its log when it started.'));
}
