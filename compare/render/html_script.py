"""The HTML brief's one script (sorting, filtering with live counts) and the CSS rules the page relies on."""

from __future__ import annotations

SCRIPT = """(function () {
  function key(td) {
    var v = td.getAttribute('data-sort');
    if (v !== null && v !== '' && !isNaN(+v)) return +v;
    return (td.textContent || '').trim();
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (t) {
    var ths = t.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th, i) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(ths, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = key(x.cells[i]), b = key(y.cells[i]);
          var r = (typeof a === 'number' && typeof b === 'number') ? a - b
            : String(a).localeCompare(String(b), 'zh');
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
  function apply(q) {
    q = q.trim().toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll('.group'), function (g) {
      var shown = 0;
      Array.prototype.forEach.call(g.querySelectorAll('table.filterable'), function (t) {
        var n = 0;
        Array.prototype.forEach.call(t.tBodies[0].rows, function (r) {
          var hide = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;
          r.classList.toggle('hidden', hide);
          if (!hide) n += 1;
        });
        t.classList.toggle('hidden', n === 0);
        shown += n;
      });
      var c = g.querySelector('.n');
      if (c) c.textContent = q === '' ? c.getAttribute('data-total') : String(shown);
    });
  }
  var f = document.getElementById('filter');
  if (f) {
    f.addEventListener('input', function () { apply(f.value); });
    var h = window.location.hash;
    if (h.indexOf('#q=') === 0) { f.value = decodeURIComponent(h.slice(3)); apply(f.value); }
  }
})();"""

BASE_CSS = """
tr.hidden, table.hidden { display: none; }
.nw { white-space: nowrap; }
mark.fig { background: #fff1a8; padding: 0 .1em; }
mark.fig a { color: inherit; text-decoration: none; }
:target { outline: 2px solid #1f4e79; }
table.side td { width: 50%; }
table.side .task + .task { border-top: 1px dashed #bbb; margin-top: .4rem; padding-top: .4rem; }
"""
