/* The Meeting rooms view: the rooms the user owns or is invited to, and creating one. */
import { $, el } from '/assets/lib/dom.js';
import { when } from '/assets/lib/format.js';
import { showError } from '/assets/lib/messages.js';
import { call, explainIn } from './api.js';
import { flash, show } from './ui.js';

export function roomName(r) { return r.title || 'Untitled room'; }

function roomItem(room) {
  var li = el('li');
  var a = el('a', '', roomName(room));
  a.href = '#/rooms/' + encodeURIComponent(room.id);
  li.appendChild(a);
  li.appendChild(el('span', 'sub muted', 'created by ' + room.created_by + ' · ' + when(room.created_at)));
  return li;
}

export function openRooms() {
  show('rooms');
  document.title = 'Meeting rooms – Sharebridge';
  showError('room-create-error', '');
  call('GET', '/v1/rooms').then(function (r) {
    var list = $('rooms-list');
    list.textContent = '';
    (r.items || []).forEach(function (room) { list.appendChild(roomItem(room)); });
    $('rooms-empty').hidden = list.children.length > 0;
  }, explainIn('room-create-error'));
}

function createRoom(e) {
  e.preventDefault();
  var title = $('room-create-title').value.trim();
  call('POST', '/v1/rooms', title ? { title: title } : {}).then(function (room) {
    $('room-create-title').value = '';
    flash('Room “' + roomName(room) + '” created.', true);
    location.hash = '#/rooms/' + encodeURIComponent(room.id);
  }, explainIn('room-create-error'));
}

export function wireRooms() {
  $('room-create-form').addEventListener('submit', createRoom);
}
