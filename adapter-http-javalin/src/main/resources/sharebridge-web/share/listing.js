/*
 * A shared folder's listing: the folder named in the address (#/a/b), its breadcrumb, its
 * items with their download links, and the zip of it all. Follows the address as it changes.
 */
import { $, el } from '/assets/lib/dom.js';
import { humanSize, shown, when } from '/assets/lib/format.js';
import { itemPicture, renderCrumbs, sortItems } from '/assets/lib/listing.js';
import { announce } from '/assets/lib/messages.js';
import { decodeSegments, encodePath, hashParts } from '/assets/lib/paths.js';
import { openViewer } from '/assets/lib/viewer.js';
import { api, fail, getJson, info } from './link.js';

/** The folder the address names, as names below the shared folder. */
export function currentPath() {
  return decodeSegments(hashParts());
}

function folderHref(names) { return '#/' + encodePath(names); }

/** Lists the current folder; a subfolder that is gone leads back to the shared folder. */
export function listFolder() {
  var path = currentPath();
  var sub = path.length ? '/' + encodePath(path) : '';
  getJson(api + '/list' + sub).then(function (listing) { renderListing(path, listing); }).catch(function (err) {
    if (err.status === 404 && path.length) {
      location.hash = '';
      return;
    }
    fail(err);
  });
}

function upRow(path) {
  var up = el('tr');
  var cell = el('td', 'name up');
  cell.colSpan = 4;
  var link = el('a', '', '← Back to ' + (path.length > 1 ? path[path.length - 2] : info().item_name));
  link.href = folderHref(path.slice(0, -1));
  cell.appendChild(link);
  up.appendChild(cell);
  return up;
}

function downloadHref(names) { return api + '/download/' + encodePath(names); }

/** The file's inline address: what the viewer shows (the server decides what may be inline). */
export function inlineHref(names) { return downloadHref(names) + '?inline=1'; }

function itemLink(names, item) {
  var link = el('a', '', item.name);
  if (item.type === 'folder') {
    link.href = folderHref(names);
    link.setAttribute('aria-label', 'Open folder ' + shown(item.name));
  } else {
    link.href = downloadHref(names);
    link.setAttribute('download', shown(item.name));
  }
  return link;
}

function downloadCell(names, item) {
  var act = el('td');
  if (item.type === 'file' && item.preview) {
    var view = el('button', 'button small', 'View');
    view.type = 'button';
    view.setAttribute('aria-label', 'View ' + shown(item.name));
    view.addEventListener('click', function () {
      openViewer(item.name, item.preview, { url: inlineHref(names) });
    });
    act.appendChild(view);
  }
  if (item.type === 'file') {
    var dl = el('a', 'button small', 'Download');
    dl.href = downloadHref(names);
    dl.setAttribute('download', shown(item.name));
    dl.setAttribute('aria-label', 'Download ' + shown(item.name));
    act.appendChild(dl);
  }
  return act;
}

function itemRow(path, item) {
  var names = path.concat([item.name]);
  var tr = el('tr');
  var name = el('td', 'name');
  name.appendChild(itemPicture(item, api + '/thumbnail/' + encodePath(names)));
  name.appendChild(itemLink(names, item));
  tr.appendChild(name);
  tr.appendChild(el('td', 'num', item.type === 'folder' ? '' : humanSize(item.size)));
  tr.appendChild(el('td', 'when', when(item.modified_at)));
  tr.appendChild(downloadCell(names, item));
  return tr;
}

function renderListing(path, listing) {
  var root = info().item_name;
  $('folder-name').textContent = shown(path.length ? path[path.length - 1] : root);
  renderCrumbs($('crumbs'), root, path, folderHref);
  $('folder-zip').href = api + '/zip' + (path.length ? '/' + encodePath(path) : '');
  var body = $('items');
  body.textContent = '';
  var children = sortItems(listing.children || []);
  if (path.length) { body.appendChild(upRow(path)); }
  children.forEach(function (c) { body.appendChild(itemRow(path, c)); });
  $('empty').hidden = children.length > 0;
  $('items-table').hidden = children.length === 0 && path.length === 0;
  announce('Showing ' + (path.length ? path.join('/') : root) + ', ' + children.length + ' items');
}

/** Lists the folder the address names whenever the address changes, if this link may read. */
export function wireListing() {
  window.addEventListener('hashchange', function () {
    var share = info();
    if (share && share.item_type === 'folder' && share.permissions.read) { listFolder(); }
  });
}
