/*
 * Sharebridge owners' app. Talks only to the public REST API (files, shares, rooms) with the
 * user's API token as a bearer header (session.js). All text goes into the page through
 * textContent/value, never as HTML. No third-party code. This module routes the address
 * (#/files/a/b, #/links, #/rooms, #/rooms/ID) to the views and wires the features.
 */
import { $ } from '/assets/lib/dom.js';
import { decodeSegments, hashParts } from '/assets/lib/paths.js';
import { wireCopyButtons } from './clipboard.js';
import { wireConfirm } from './confirm.js';
import { openFolder, wireFiles } from './files.js';
import { wireMove } from './move.js';
import { openLinks, wireLinks } from './links.js';
import { openRoom, wireRoom } from './room.js';
import { openRooms, wireRooms } from './rooms.js';
import { signOut, token } from './session.js';
import { wireShareDialog } from './share-dialog.js';
import { wireSignIn } from './signin.js';
import { flash } from './ui.js';
import { wireUploads } from './uploads.js';

function route() {
  if (!token()) { signOut(''); return; }
  flash('');
  var parts = hashParts();
  if (parts[0] === 'links') {
    openLinks();
  } else if (parts[0] === 'rooms' && parts[1]) {
    openRoom(decodeURIComponent(parts[1]));
  } else if (parts[0] === 'rooms') {
    openRooms();
  } else {
    openFolder(decodeSegments(parts[0] === 'files' ? parts.slice(1) : []));
  }
}

function signedIn() {
  $('nav').hidden = false;
  $('sign-out').hidden = false;
  route();
}

wireCopyButtons();
wireConfirm();
wireSignIn(signedIn);
wireFiles();
wireMove();
wireUploads();
wireShareDialog();
wireLinks();
wireRooms();
wireRoom();
window.addEventListener('hashchange', route);
document.querySelector('.skip').addEventListener('click', function (e) {
  e.preventDefault();
  $('main').focus();
});

if (token()) { signedIn(); } else { signOut(''); }
