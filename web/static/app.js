// Progressive enhancement for the search page: a suggestion dropdown under
// #q fed by /api/suggest. The page works fully without this file.
(function () {
  'use strict';
  var input = document.getElementById('q');
  var list = document.getElementById('suggestions');
  var form = document.getElementById('search');
  if (!input || !list || !form || !window.fetch) return;

  var timer = 0, active = -1, controller = null, items = [];

  function hide() { list.hidden = true; active = -1; input.setAttribute('aria-expanded', 'false'); }

  function render(words) {
    items = words;
    list.textContent = '';
    words.forEach(function (w, i) {
      var li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.id = 'suggestion-' + i;
      li.textContent = w; // textContent: suggestions are never HTML
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    active = -1;
    list.hidden = words.length === 0;
    input.setAttribute('aria-expanded', String(words.length > 0));
  }

  function choose(i) {
    input.value = items[i];
    hide();
    form.submit();
  }

  function highlight(i) {
    var lis = list.children;
    if (!lis.length) return;
    active = (i + lis.length) % lis.length;
    for (var j = 0; j < lis.length; j++) lis[j].setAttribute('aria-selected', String(j === active));
    input.setAttribute('aria-activedescendant', lis[active].id);
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (controller) controller.abort();
    if (!q) { render([]); return; }
    controller = new AbortController();
    fetch('/api/suggest?n=8&q=' + encodeURIComponent(q), { signal: controller.signal })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (body) { if (input.value.trim() === q) render(body.suggestions || []); })
      .catch(function () { /* aborted or offline: keep the plain form */ });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener('keydown', function (e) {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
    else if (e.key === 'Escape') { hide(); }
    else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(active); }
  });
  input.addEventListener('blur', function () { setTimeout(hide, 100); });
  form.addEventListener('submit', function () { clearTimeout(timer); if (controller) controller.abort(); hide(); });
})();
