/*
 * The password form of a protected link: POST /verify, which sets the grant cookie; a wrong
 * password says so, too many attempts lock the form for the time the server names.
 */
import { $ } from '/assets/lib/dom.js';
import { ApiError, send } from '/assets/lib/http.js';
import { showError } from '/assets/lib/messages.js';
import { api, fail } from './link.js';

var lockUntil = 0;

/** Disables the form for seconds, counting down in the error line. */
function lockForm(seconds) {
  lockUntil = Date.now() + seconds * 1000;
  var button = $('password-submit');
  button.disabled = true;
  function tick() {
    var left = Math.ceil((lockUntil - Date.now()) / 1000);
    if (left <= 0) {
      button.disabled = false;
      $('password-error').hidden = true;
      return;
    }
    $('password-error').textContent = 'Too many attempts. Try again in ' + left + ' s.';
    setTimeout(tick, 1000);
  }
  $('password-error').hidden = false;
  tick();
}

function refused(err) {
  if (!(err instanceof ApiError) || err.status === 0) {
    showError('password-error', 'No connection to the server. Please try again.');
  } else if (err.status === 429 || err.code === 'rate_limited') {
    lockForm(err.retry);
  } else if (err.code === 'invalid_password') {
    showError('password-error', 'Wrong password. Please try again.');
    $('password').select();
  } else {
    fail(err);
  }
}

function verify(password, onVerified) {
  $('password-submit').disabled = true;
  send(api + '/verify', {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ password: password })
  }, 60).then(function () {
    $('password-submit').disabled = false;
    $('password').value = '';
    $('password-error').hidden = true;
    onVerified();
  }, function (err) {
    $('password-submit').disabled = false;
    refused(err);
  });
}

/** Sends the password when the form is submitted; onVerified() then opens the link again. */
export function wirePasswordForm(onVerified) {
  $('password-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var password = $('password').value;
    if (!password) {
      showError('password-error', 'Please enter the password.');
      return;
    }
    verify(password, onVerified);
  });
}
