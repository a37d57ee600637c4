/*
 * The app's calls to the REST API (files, shares, rooms) with the user's token, and a sentence
 * for every problem the API can answer with. A 401 signs out: the token no longer works.
 */
import { ApiError, send } from '/assets/lib/http.js';
import { showError } from '/assets/lib/messages.js';
import { signOut, token } from './session.js';

/** A user-facing sentence for every problem the API can answer with. */
export function explain(err) {
  if (!(err instanceof ApiError)) { return 'Something went wrong in this page. Please reload it.'; }
  var d = err.detail || '';
  switch (err.code) {
    case 'validation_failed':
      return explainInvalid(d);
    case 'unauthorized': return 'Your sign-in is no longer valid. Please sign in again.';
    case 'forbidden': return 'You are not allowed to do this' + (d ? ': ' + d : '.');
    case 'not_found': return 'Not found: it may have been deleted in the meantime.';
    case 'conflict': return 'This conflicts with an existing item' + (d ? ': ' + d : '.');
    case 'precondition_failed': return 'An item with this name is already there. Choose another name.';
    case 'rate_limited': return 'Too many requests. Please wait ' + err.retry + ' s and try again.';
    case 'service_busy': return 'The server is busy. Please try again in ' + err.retry + ' s.';
    case 'upstream_unavailable':
      return 'The storage (NextCloud) is not reachable right now. Nothing was changed; please try again later.';
    case 'payload_too_large': return 'This is too large' + (d ? ': ' + d : ' for the server.');
    case 'insufficient_storage': return 'There is no room for this' + (d ? ': ' + d : '.');
    case 'method_not_allowed': return 'The server does not support this action.';
    default:
      if (err.status === 0) { return 'No connection to the server. Check your network and try again.'; }
      if (err.status === 413) { return 'The file is too large for the server.'; }
      return 'The server could not do this (' + (d || 'error ' + err.status) + '). Please try again.';
  }
}

/** The sentence of a validation_failed problem, by what its detail says. */
function explainInvalid(d) {
  var guessable = /too easy to guess: (.*)$/.exec(d);
  if (guessable) { return 'This password is too easy to guess. ' + guessable[1] + ' Or press Generate.'; }
  if (/token of the link/.test(d)) { return 'The password must not contain the link\'s token (it is part of the link). Choose another, or press Generate.'; }
  if (/bidirectional/.test(d)) { return 'The text contains invisible characters that change how it reads (right-to-left controls). Remove them.'; }
  if (/not be later than/.test(d)) { return 'The expiry date is too far in the future: ' + d; }
  if (/password must be at least/.test(d)) { return 'The password is too short: use at least 10 characters, or press Generate.'; }
  if (/password must not exceed/.test(d)) { return 'The password is too long: at most 72 bytes.'; }
  if (/control characters/.test(d)) { return 'The text contains characters that are not allowed.'; }
  if (/expires_at must be in the future|expire after/.test(d)) { return 'The expiry date must be in the future.'; }
  if (/^(path|item_id|below)\b/.test(d)) { return 'This name cannot be used: ' + d; }
  return 'Please check your input: ' + d;
}

/** A rejection handler that explains the error in the error paragraph id; a 401 has signed out already. */
export function explainIn(id) {
  return function (err) { if (err.status !== 401) { showError(id, explain(err)); } };
}

function readJson(res) {
  if (res.status === 204) { return null; }
  return res.text().then(function (text) { return text ? JSON.parse(text) : null; });
}

/** Calls the API with the token; resolves with the answer's JSON (null if none), rejects with an ApiError. */
export function call(method, path, body) {
  var headers = { Accept: 'application/json', Authorization: 'Bearer ' + token() };
  var init = { method: method, headers: headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return send(path, init, 30).then(readJson, function (err) {
    if (err.status === 401 && token()) { signOut('Your sign-in is no longer valid. Please sign in again.'); }
    throw err;
  });
}
