// The UI's only way to the server: the public /api, with the session cookie and its CSRF token.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = problem.errors || [];
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)tributary_csrf=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && !location.pathname.startsWith('/signin')) {
    location.assign(`/signin?return_to=${encodeURIComponent(location.pathname + location.search)}`);
    throw new ApiError(401, { title: 'Signed out', detail: 'Sign in again.' });
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json || { title: response.statusText });
  return json;
}

export const get = (path) => api('GET', path).then((json) => json.data);
export const post = (path, body = {}) => api('POST', path, body).then((json) => json && json.data);
export const put = (path, body) => api('PUT', path, body).then((json) => json && json.data);
export const patch = (path, body) => api('PATCH', path, body).then((json) => json && json.data);
export const del = (path) => api('DELETE', path);
