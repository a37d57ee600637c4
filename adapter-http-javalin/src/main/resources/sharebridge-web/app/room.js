/*
 * One meeting room (#/rooms/ID): its shared folder with the read-write and read-only links,
 * its people (invite, moderators), guest invite codes, and deleting it.
 */
import { $ } from '/assets/lib/dom.js';
import { shown, when } from '/assets/lib/format.js';
import { announce, showError } from '/assets/lib/messages.js';
import { call, explain, explainIn } from './api.js';
import { confirm } from './confirm.js';
import { roomName } from './rooms.js';
import { flash, show } from './ui.js';

var room = null;

function roomPath(suffix) { return '/v1/rooms/' + encodeURIComponent(room.id) + (suffix || ''); }

function clearRoom() {
  showError('room-error', '');
  $('room-title').textContent = 'Room';
  $('room-meta').textContent = '';
  $('room-folder').hidden = true;
  $('room-folder-none').hidden = true;
  $('room-code-box').hidden = true;
  $('room-code').value = '';
  $('room-people-msg').textContent = '';
}

export function openRoom(id) {
  show('room');
  room = { id: id };
  clearRoom();
  call('GET', '/v1/rooms/' + encodeURIComponent(id)).then(function (r) {
    room = r;
    $('room-title').textContent = shown(roomName(r));
    document.title = shown(roomName(r)) + ' – Sharebridge';
    $('room-meta').textContent = 'Created by ' + r.created_by + ' on ' + when(r.created_at) + ' · id ' + r.id;
    return loadFolder();
  }, explainIn('room-error'));
}

function loadFolder() {
  return call('GET', roomPath('/shared_folder')).then(showFolder, function (err) {
    if (err.code === 'not_found') { showFolder(null); } else { explainIn('room-error')(err); }
  });
}

/** The shared folder's links and passwords (only the read-only ones for a non-moderator), or none. */
function showFolder(folder) {
  $('room-folder-none').hidden = !!folder;
  $('room-folder').hidden = !folder;
  if (!folder) {
    ['room-rw-url', 'room-rw-password', 'room-read-url', 'room-read-password'].forEach(function (id) { $(id).value = ''; });
    return;
  }
  $('room-read-url').value = folder.read.url;
  $('room-read-password').value = folder.read.password;
  $('room-rw').hidden = !folder.read_write;
  $('room-rw-url').value = folder.read_write ? folder.read_write.url : '';
  $('room-rw-password').value = folder.read_write ? folder.read_write.password : '';
  $('room-folder-delete').hidden = !folder.read_write;
}

function createFolder() {
  var b = $('room-folder-create');
  b.disabled = true;
  b.textContent = 'Creating…';
  showError('room-error', '');
  call('PUT', roomPath('/shared_folder')).then(function (folder) {
    showFolder(folder);
    announce('Shared folder created');
    $('room-rw-url').focus();
  }, explainIn('room-error')).then(function () {
    b.disabled = false;
    b.textContent = 'Create shared folder';
  });
}

function askDeleteFolder() {
  confirm('Delete the shared folder?', 'The folder, its files and both links are deleted for everyone in the room.',
    'Delete folder', function () {
      call('DELETE', roomPath('/shared_folder')).then(function () {
        showFolder(null);
        announce('Shared folder deleted');
      }, explainIn('room-error'));
    });
}

var peopleActions = {
  invite: { method: 'PUT', path: '/invitees/', done: ' was invited.' },
  uninvite: { method: 'DELETE', path: '/invitees/', done: ' was removed from the room.' },
  moderator: { method: 'PUT', path: '/moderators/', done: ' is now a moderator.' },
  unmoderator: { method: 'DELETE', path: '/moderators/', done: ' is no longer a moderator.' }
};

function peopleMessage(text, ok) {
  var msg = $('room-people-msg');
  msg.textContent = text;
  msg.className = ok ? 'note ok' : 'note bad';
}

/** Does action (a key of peopleActions) for the user name typed in the People form. */
function people(action) {
  var user = $('room-user').value.trim();
  if (!user) {
    peopleMessage('Please enter a user name.', false);
    $('room-user').focus();
    return;
  }
  var a = peopleActions[action];
  call(a.method, roomPath(a.path + encodeURIComponent(user))).then(function () {
    peopleMessage(user + a.done, true);
    $('room-user').value = '';
  }, function (err) {
    if (err.status === 401) { return; }
    peopleMessage(err.code === 'validation_failed'
      ? 'This is not a valid user name (lowercase letters, digits, “.”, “_” and “-”).' : explain(err), false);
  });
}

function createInviteCode() {
  showError('room-error', '');
  call('POST', roomPath('/invite_codes')).then(function (r) {
    $('room-code').value = r.code;
    $('room-code-box').hidden = false;
    $('room-code').focus();
    $('room-code').select();
    announce('Invite code created');
  }, explainIn('room-error'));
}

/** Deletes the room; when the storage cannot delete its folder, offers to delete it anyway (force). */
function deleteRoom(r, force) {
  call('DELETE', '/v1/rooms/' + encodeURIComponent(r.id) + (force ? '?force=true' : '')).then(function () {
    flash('Room “' + roomName(r) + '” deleted.', true);
    location.hash = '#/rooms';
  }, function (err) {
    if (err.status === 401) { return; }
    if (err.code === 'upstream_unavailable' && !force) {
      confirm('Delete the room anyway?', 'The shared folder could not be deleted because the storage is not reachable. '
        + 'Delete the room anyway? The folder and its links would then stay on the storage.', 'Delete anyway',
        function () { deleteRoom(r, true); });
      return;
    }
    showError('room-error', explain(err));
  });
}

function askDeleteRoom() {
  var r = room;
  confirm('Delete the room “' + roomName(r) + '”?', 'The room and its shared folder with both links are deleted.',
    'Delete room', function () { deleteRoom(r, false); });
}

export function wireRoom() {
  $('room-folder-create').addEventListener('click', createFolder);
  $('room-folder-delete').addEventListener('click', askDeleteFolder);
  $('room-people-form').addEventListener('submit', function (e) {
    e.preventDefault();
    people('invite');
  });
  Array.prototype.forEach.call(document.querySelectorAll('#room-people-form button[type="button"]'), function (b) {
    b.addEventListener('click', function () { people(b.getAttribute('data-action')); });
  });
  $('room-code-create').addEventListener('click', createInviteCode);
  $('room-delete').addEventListener('click', askDeleteRoom);
}
