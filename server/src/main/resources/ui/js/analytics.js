// Google Analytics, only when the server names a measurement id (GA_MEASUREMENT_ID); otherwise nothing is loaded.

let started = false;

export function startAnalytics(email) {
  const meta = document.querySelector('meta[name="ga-measurement-id"]');
  if (started || !meta || !meta.content) return;
  started = true;
  const id = meta.content;
  window.dataLayer = window.dataLayer || [];
  // gtag.js reads the arguments objects it is given, exactly as its own snippet pushes them.
  window.gtag = function gtag() { window.dataLayer.push(arguments); }; // eslint-disable-line prefer-rest-params
  window.gtag('js', new Date());
  window.gtag('config', id, { user_id: email });
  const script = document.createElement('script');
  script.async = true;
  script.src = `https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(id)}`;
  document.head.append(script);
}
