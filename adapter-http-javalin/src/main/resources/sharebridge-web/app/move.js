/*
 * Rename and Move of an item in the Files view, through POST /api/files/move: one dialog that
 * asks for a new name (Rename) or the folder to move into (Move). The item's share links follow
 * it, so nothing is asked about them.
 */
import { $ } from '/assets/lib/dom.js';
import { shown } from '/assets/lib/format.js';
import { showError } from '/assets/lib/messages.js';
import { call, explainIn } from './api.js';
import { flash } from './ui.js';

var pending = null;

/** Asks for a new name of the item at segs (names below the user's root); done() after the move. */
export function askRename(segs, item, done) {
  open(segs, item, 'Rename ' + item.name, 'New name', item.name, 'Rename', function (value) {
    if (value.indexOf('/') >= 0) { return 'A name cannot contain “/”.'; }
    return segs.slice(0, -1).concat([value]);
  }, done, false);
}

/** Asks for the folder (a path below the user's root, empty for the root) to move the item into. */
export function askMove(segs, item, done) {
  open(segs, item, 'Move ' + item.name, 'Move into the folder (empty: the top level)', segs.slice(0, -1).join('/'),
    'Move', function (value) {
      var folder = value.split('/').filter(function (s) { return s !== ''; });
      return folder.concat([item.name]);
    }, done, true);
}

function open(segs, item, title, label, value, yes, target, done, emptyAllowed) {
  $('move-title').textContent = shown(title);
  $('move-label').textContent = label;
  $('move-yes').textContent = yes;
  $('move-input').value = value;
  showError('move-error', '');
  pending = { from: segs, item: item, target: target, done: done, emptyAllowed: emptyAllowed };
  $('move-dialog').showModal();
  $('move-input').focus();
  $('move-input').select();
}

function submit(e) {
  e.preventDefault();
  if (!pending) { return; }
  var value = $('move-input').value.trim();
  if (!value && !pending.emptyAllowed) { showError('move-error', 'Please enter a name.'); return; }
  var to = pending.target(value);
  if (typeof to === 'string') { showError('move-error', to); return; }
  var job = pending;
  call('POST', '/api/files/move', { from: job.from.join('/'), to: to.join('/') }).then(function (moved) {
    $('move-dialog').close();
    pending = null;
    flash('“' + job.item.name + '” is now at ' + (moved && moved.path ? moved.path : to.join('/')) + '.', true);
    job.done();
  }, explainIn('move-error'));
}

export function wireMove() {
  $('move-form').addEventListener('submit', submit);
  $('move-no').addEventListener('click', function () { pending = null; $('move-dialog').close(); });
}
