/*
 * The My links view: every link of the user, newest first, 50 at a time, each with its WebDAV
 * address, with copy (the link or its WebDAV address), manage (the item's share dialog) and revoke.
 */
import { $, el } from '/assets/lib/dom.js';
import { when } from '/assets/lib/format.js';
import { itemIcon } from '/assets/lib/listing.js';
import { announce, showError } from '/assets/lib/messages.js';
import { call, explainIn } from './api.js';
import { token } from './session.js';
import { askRevoke, openShareDialog } from './share-dialog.js';
import { button, davUrl, permsText, plural, show } from './ui.js';

var cursor = null;

export function openLinks() {
  show('links');
  document.title = 'My links – Sharebridge';
  showError('links-error', '');
  $('links-items').textContent = '';
  cursor = null;
  loadLinks();
}

/** The next page of links, added to the table. */
function loadLinks() {
  var url = '/api/shares?limit=50' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
  $('links-more').disabled = true;
  call('GET', url).then(function (page) {
    (page.items || []).forEach(function (s) { $('links-items').appendChild(linkRow(s)); });
    cursor = page.next_cursor || null;
    $('links-more').hidden = !cursor;
    var count = $('links-items').children.length;
    $('links-empty').hidden = count > 0;
    $('links-table').hidden = count === 0;
    announce(plural(count, 'link', 'links') + ' shown');
  }, explainIn('links-error')).then(function () { $('links-more').disabled = false; });
}

/** The item's path as the share dialog takes it: its names joined with "/", no leading "/". */
function itemPath(itemId) {
  return String(itemId || '').split('/').filter(function (s) { return s.length > 0; }).join('/');
}

function itemCell(s) {
  var item = el('td', 'name');
  item.appendChild(itemIcon(s.item_type));
  item.appendChild(el('strong', '', s.item_name || s.item_id));
  if (s.label) { item.appendChild(el('span', 'badge', s.label)); }
  var url = el('span', 'sub', s.url);
  url.id = 'my-link-' + s.id;
  item.appendChild(url);
  var dav = el('span', 'sub', davUrl(s));
  dav.id = 'my-dav-' + s.id;
  dav.title = 'WebDAV address, for file managers and rclone';
  item.appendChild(dav);
  item.appendChild(el('span', 'sub', permsText(s.permissions) + (s.has_password ? ' · password' : '')));
  return item;
}

function actionsCell(s) {
  var name = s.item_name || s.item_id;
  var act = el('td', 'actions');
  var c = button('Copy link', '', function () {}, 'Copy link to ' + name);
  c.setAttribute('data-copy', 'my-link-' + s.id);
  act.appendChild(c);
  var d = button('Copy WebDAV', '', function () {}, 'Copy WebDAV address of the link to ' + name);
  d.setAttribute('data-copy', 'my-dav-' + s.id);
  act.appendChild(d);
  act.appendChild(button('Manage', '', function () {
    openShareDialog({ path: itemPath(s.item_id), name: name, type: s.item_type });
  }, 'Manage links of ' + name));
  act.appendChild(button('Revoke', 'danger', function () { askRevoke(s, openLinks); }, 'Revoke link to ' + name));
  return act;
}

function linkRow(s) {
  var tr = el('tr');
  var opened = el('td', 'num', String(s.access_count) + (s.max_accesses ? ' / ' + s.max_accesses : ''));
  opened.setAttribute('data-label', 'Opened ');
  if (s.last_accessed_at) { opened.title = 'Last opened ' + when(s.last_accessed_at); }
  var exp = el('td', 'when', s.expires_at ? when(s.expires_at) : 'never');
  exp.setAttribute('data-label', 'Expires ');
  tr.appendChild(itemCell(s));
  tr.appendChild(opened);
  tr.appendChild(exp);
  tr.appendChild(actionsCell(s));
  return tr;
}

/** Show more links, and the list again after the share dialog closed (it may have changed links). */
export function wireLinks() {
  $('links-more').addEventListener('click', loadLinks);
  $('share-dialog').addEventListener('close', function () {
    if (!$('view-links').hidden && token()) { openLinks(); }
  });
}
