/*
 * The signed-in user's API token. It lives in this tab's sessionStorage, never in a URL, a
 * cookie or a log, and is sent as a bearer header. Signing out forgets it and clears the page.
 */
import { $ } from '/assets/lib/dom.js';
import { showError } from '/assets/lib/messages.js';
import { flash, show } from './ui.js';

var TOKEN_KEY = 'sharebridge.token';
var current = sessionStorage.getItem(TOKEN_KEY) || '';

/** The token requests are sent with ('' when signed out). */
export function token() { return current; }

/** Sends requests with value from now on, for this page only (keepToken() keeps it for the tab). */
export function setToken(value) { current = value; }

export function keepToken() { sessionStorage.setItem(TOKEN_KEY, current); }

/** Forgets the token, clears what the user saw and shows the sign-in form with message. */
export function signOut(message) {
  current = '';
  sessionStorage.removeItem(TOKEN_KEY);
  ['share-dialog', 'confirm-dialog'].forEach(function (id) { if ($(id).open) { $(id).close(); } });
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('files-items').textContent = '';
  $('links-items').textContent = '';
  $('rooms-list').textContent = '';
  flash('');
  showError('signin-error', message || '');
  show('signin');
  $('signin-token').value = '';
  $('signin-token').focus();
}
