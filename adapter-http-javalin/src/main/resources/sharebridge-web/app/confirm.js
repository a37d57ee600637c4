/* The confirmation dialog before anything is deleted or revoked. */
import { $ } from '/assets/lib/dom.js';
import { shown } from '/assets/lib/format.js';

var confirmAction = null;

/** Asks title / text with a yes button labelled yesLabel; action() runs only on yes. */
export function confirm(title, text, yesLabel, action) {
  $('confirm-title').textContent = shown(title);
  $('confirm-text').textContent = shown(text);
  $('confirm-yes').textContent = yesLabel;
  confirmAction = action;
  $('confirm-dialog').showModal();
  $('confirm-no').focus();
}

export function wireConfirm() {
  $('confirm-no').addEventListener('click', function () { $('confirm-dialog').close(); });
  $('confirm-yes').addEventListener('click', function () {
    var action = confirmAction;
    confirmAction = null;
    $('confirm-dialog').close();
    if (action) { action(); }
  });
}
