/*
 * What the folder listings of both pages have in common: the breadcrumb, the order of the
 * items (folders first, then by name), the icon of an item and the thumbnail of a picture.
 */
import { el } from './dom.js';
import { shown } from './format.js';

function crumb(text, href, current) {
  var li = el('li');
  if (current) {
    li.textContent = shown(text);
    li.setAttribute('aria-current', 'page');
  } else {
    var a = el('a', '', text);
    a.href = href;
    li.appendChild(a);
  }
  return li;
}

/**
 * The breadcrumb of path in the list element: rootName, then each folder of path, the last one
 * marked as the current page; hrefOf(names) is the address of a folder. Hidden at the root.
 */
export function renderCrumbs(list, rootName, path, hrefOf) {
  list.textContent = '';
  list.parentNode.hidden = path.length === 0;
  list.appendChild(crumb(rootName, hrefOf([]), path.length === 0));
  path.forEach(function (s, i) {
    list.appendChild(crumb(s, hrefOf(path.slice(0, i + 1)), i === path.length - 1));
  });
}

/** A sorted copy of the items: folders first, then by name. */
export function sortItems(items) {
  return items.slice().sort(function (a, b) {
    if (a.type !== b.type) { return a.type === 'folder' ? -1 : 1; }
    return a.name.localeCompare(b.name);
  });
}

/** The icon of an item of this type ('folder' or 'file'), hidden from screen readers. */
export function itemIcon(type) {
  var icon = el('span', 'icon ' + (type === 'folder' ? 'icon-folder' : 'icon-file'));
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

/** Calls show once element comes near the viewport (at once where the browser cannot tell). */
function whenVisible(element, show) {
  if (typeof IntersectionObserver !== 'function') {
    show();
    return;
  }
  var seen = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) {
      seen.disconnect();
      show();
    }
  }, { rootMargin: '200px' });
  seen.observe(element);
}

/**
 * The picture of an item in a listing (docs/webapp.md, "Thumbnails"): for a file whose preview
 * is 'image', its thumbnail from the server, else the item's icon. The icon stays when the
 * server has no thumbnail (404: a WebP, a damaged or too large picture) or it fails.
 * src is the thumbnail's address, for an img that loads lazily (the share page: the grant
 * cookie goes with it); or, for routes that need a bearer header (the owners' app), load is a
 * function answering a Promise of the thumbnail's Blob, called once the row comes into view.
 */
export function itemPicture(item, src, load) {
  var icon = itemIcon(item.type);
  if (item.type !== 'file' || item.preview !== 'image') { return icon; }
  var img = el('img', 'thumb');
  img.alt = '';
  img.setAttribute('aria-hidden', 'true');
  img.decoding = 'async';
  if (!load) {
    img.loading = 'lazy';
    img.addEventListener('error', function () { img.replaceWith(icon); });
    img.src = src;
    return img;
  }
  whenVisible(icon, function () {
    load().then(function (blob) {
      var url = URL.createObjectURL(blob);
      img.addEventListener('load', function () {
        URL.revokeObjectURL(url);
        icon.replaceWith(img);
      });
      img.addEventListener('error', function () { URL.revokeObjectURL(url); });
      img.src = url;
    }, function () { /* no thumbnail: the icon stays */ });
  });
  return icon;
}
