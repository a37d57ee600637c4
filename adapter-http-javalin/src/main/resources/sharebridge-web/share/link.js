/*
 * The link this page shows: its token (from the address /s/TOKEN), its public API (docs/reference.md
 * §6), what the API said about it, and the views that show it or why it cannot be shown.
 */
import { $, showViews } from '/assets/lib/dom.js';
import { ApiError, connectionLost, send } from '/assets/lib/http.js';

var parts = location.pathname.split('/');
export var token = parts.length > 2 ? decodeURIComponent(parts[2]) : '';
export var api = '/api/s/' + encodeURIComponent(token);

var VIEWS = ['loading', 'missing', 'error', 'password', 'file', 'folder', 'upload'];
var READ = { credentials: 'same-origin', headers: { Accept: 'application/json' } };
var share = null;

/** What GET /api/s/TOKEN answered (null before): item name and type, permissions, label, expiry. */
export function info() { return share; }

export function setInfo(value) { share = value; }

/** Shows the views named (e.g. ['folder', 'upload']) and hides the others. */
export function show(names) { showViews(VIEWS, names); }

/** The JSON of a GET with the link's grant cookie; an ApiError (Retry-After: 60 s if not said) when refused. */
export function getJson(url) {
  return send(url, READ, 60).then(function (res) { return res.json(); });
}

function showPassword() {
  show(['password']);
  $('password').focus();
}

/** Shows why the link cannot be shown: not found, a password first, or the error with a retry. */
export function fail(err) {
  var p = err instanceof ApiError ? err : connectionLost();
  if (p.status === 404) {
    show(['missing']);
    document.title = 'Link not found – Sharebridge';
  } else if (p.code === 'password_required') {
    showPassword();
  } else {
    $('error-text').textContent = p.status === 429
      ? 'Too many requests. Please try again in ' + p.retry + ' s.'
      : 'The server could not answer (' + (p.detail || p.status) + '). Please try again in a moment.';
    show(['error']);
  }
}
