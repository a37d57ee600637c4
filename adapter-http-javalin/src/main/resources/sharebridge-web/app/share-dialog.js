/*
 * The share dialog of one file or folder: a new link (or an edited one) through the form, and
 * the item's existing links with copy, edit and revoke.
 */
import { $, el } from '/assets/lib/dom.js';
import { humanSize, shown, when } from '/assets/lib/format.js';
import { announce, showError } from '/assets/lib/messages.js';
import { call, explain, explainIn } from './api.js';
import { confirm } from './confirm.js';
import { editedLink, editLink, readForm, resetForm, wireShareForm } from './share-form.js';
import { button, davUrl, flash, permsText, plural } from './ui.js';

var item = null;
var links = [];

/** Opens the dialog for item {path, name, type ('file' or 'folder')}. */
export function openShareDialog(shared) {
  item = shared;
  $('share-title').textContent = shown('Share “' + item.name + '”');
  $('share-result').hidden = true;
  showError('share-error', '');
  var folder = item.type === 'folder';
  $('perm-edit-label').hidden = !folder;
  $('perm-drop-label').hidden = !folder;
  resetForm();
  $('share-links').textContent = '';
  $('share-links-empty').hidden = true;
  if (!$('share-dialog').open) { $('share-dialog').showModal(); }
  $('perm-view').focus();
  loadItemLinks();
}

function loadItemLinks() {
  return call('GET', '/api/shares?limit=200&item_id=' + encodeURIComponent(item.path)).then(function (page) {
    links = page.items || [];
    renderItemLinks();
  }, explainIn('share-error'));
}

function linkMeta(s) {
  var parts = [permsText(s.permissions)];
  parts.push(s.has_password ? 'password' : 'no password');
  parts.push(s.expires_at ? 'expires ' + when(s.expires_at) : 'never expires');
  parts.push('opened ' + plural(s.access_count, 'time', 'times')
    + (s.max_accesses ? ' of ' + s.max_accesses : '')
    + (s.last_accessed_at ? ', last ' + when(s.last_accessed_at) : ''));
  if (s.max_upload_bytes) { parts.push('receives at most ' + humanSize(s.max_upload_bytes)); }
  if (s.max_file_bytes) { parts.push('files up to ' + humanSize(s.max_file_bytes)); }
  if (s.parent_id) { parts.push('reshared by a visitor'); }
  return parts.join(' · ');
}

function linkItem(s) {
  var li = el('li');
  li.setAttribute('data-share-id', s.id);
  var editing = editedLink();
  if (editing && editing.id === s.id) { li.className = 'editing'; }
  if (s.label) { li.appendChild(el('strong', '', s.label)); }
  var url = el('div', 'link-url', s.url);
  url.id = 'item-link-' + s.id;
  li.appendChild(url);
  var dav = el('div', 'link-dav', 'WebDAV ');
  var davAddress = el('span', 'link-url', davUrl(s));
  davAddress.id = 'item-dav-' + s.id;
  dav.appendChild(davAddress);
  li.appendChild(dav);
  li.appendChild(el('p', 'meta', linkMeta(s)));
  var row = el('div', 'row');
  var c = button('Copy link', '', function () {}, 'Copy link ' + (s.label || s.url));
  c.setAttribute('data-copy', url.id);
  row.appendChild(c);
  var d = button('Copy WebDAV', '', function () {}, 'Copy WebDAV address of link ' + (s.label || s.url));
  d.setAttribute('data-copy', davAddress.id);
  row.appendChild(d);
  row.appendChild(button('Edit', '', function () { startEdit(s); }, 'Edit link ' + (s.label || s.url)));
  row.appendChild(button('Revoke', 'danger', function () { askRevoke(s, loadItemLinks); }, 'Revoke link ' + (s.label || s.url)));
  li.appendChild(row);
  return li;
}

function renderItemLinks() {
  var list = $('share-links');
  list.textContent = '';
  links.forEach(function (s) { list.appendChild(linkItem(s)); });
  $('share-links-empty').hidden = links.length > 0;
}

/** Asks, then revokes the link s and calls after(); errors go to the dialog if open, else to the flash. */
export function askRevoke(s, after) {
  confirm('Revoke this link?', 'People who have the link' + (s.label ? ' “' + s.label + '”' : '')
    + ' will get “not found”. Links that visitors reshared from it stop working too.', 'Revoke', function () {
    call('DELETE', '/api/shares/' + encodeURIComponent(s.id)).then(function () {
      announce('Link revoked');
      var editing = editedLink();
      if (editing && editing.id === s.id) { resetForm(); }
      $('share-result').hidden = true;
      after();
    }, function (err) {
      if (err.status === 401) { return; }
      if ($('share-dialog').open) { showError('share-error', explain(err)); } else { flash(explain(err)); }
    });
  });
}

function startEdit(s) {
  editLink(s);
  renderItemLinks();
  $('share-form-title').scrollIntoView({ block: 'nearest' });
  $('perm-view').focus();
}

/** Shows the new or changed link with its password (shown only now), and empties the form. */
function showSaved(share, request, edited) {
  $('share-result-title').textContent = edited ? 'Link updated' : 'Link ready';
  $('share-result-url').value = share.url;
  $('share-result-password').value = request.password;
  $('share-result-password-row').hidden = !request.password || request.body.password === null;
  $('share-result').hidden = false;
  resetForm();
  announce(edited ? 'Link updated' : 'Link created');
  $('share-copy-url').focus();
}

function submit(e) {
  e.preventDefault();
  showError('share-error', '');
  var request = readForm(item);
  if (request.error) {
    showError('share-error', request.error);
    if (request.focus) { $(request.focus).focus(); }
    return;
  }
  var edited = editedLink();
  var saved = call(request.method, request.url, request.body);
  $('share-submit').disabled = true;
  saved.then(function (share) {
    showSaved(share, request, edited);
    return loadItemLinks();
  }, explainIn('share-error')).then(function () { $('share-submit').disabled = false; });
}

/** The form, Close, and forgetting the passwords shown when the dialog closes. */
export function wireShareDialog() {
  wireShareForm();
  $('share-form').addEventListener('submit', submit);
  $('share-close').addEventListener('click', function () { $('share-dialog').close(); });
  $('share-dialog').addEventListener('close', function () {
    $('share-result-password').value = '';
    $('share-password').value = '';
  });
}
