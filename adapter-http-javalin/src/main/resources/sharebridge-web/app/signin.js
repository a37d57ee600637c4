/*
 * The sign-in form and the sign-out button. A token is tried with a cheap authenticated call
 * before it is kept for the tab.
 */
import { $ } from '/assets/lib/dom.js';
import { showError } from '/assets/lib/messages.js';
import { call, explain } from './api.js';
import { keepToken, setToken, signOut, token } from './session.js';

function signIn(typed, onSignedIn) {
  $('signin-submit').disabled = true;
  var previous = token();
  setToken(typed);
  // a cheap authenticated call tells a good token from a wrong one
  call('GET', '/api/folders').then(function () {
    keepToken();
    $('signin-token').value = '';
    showError('signin-error', '');
    onSignedIn();
  }, function (err) {
    setToken(previous);
    showError('signin-error', err.status === 401
      ? 'Wrong token: the server did not accept it. Check that you copied all of it.'
      : explain(err));
    $('signin-token').select();
  }).then(function () { $('signin-submit').disabled = false; });
}

/** Signs in with the token typed into the form, then calls onSignedIn(). */
export function wireSignIn(onSignedIn) {
  $('signin-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var typed = $('signin-token').value.trim();
    if (!typed) {
      showError('signin-error', 'Please enter your API token.');
      return;
    }
    signIn(typed, onSignedIn);
  });
  $('sign-out').addEventListener('click', function () { signOut(''); });
}
