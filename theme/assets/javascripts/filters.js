// Filters for a list (the course catalogue, the 100 ideas). Without JavaScript the page is simply
// the complete list (or one page of it, with links to the others) and the filters stay hidden;
// this shows them, hides the items that do not match and says how many are shown.
//
// A form names its list and its count: <form data-filters="list-id" data-count="count-id">. Each
// field's name matches a data-* attribute of the items (values separated by spaces; a checkbox
// filters only when ticked). A list split over pages also gives data-pages (every page's address,
// in order) and data-page (this one's number): the first time a filter is used, the other pages'
// items are fetched from this site and the filters choose among all of them. If that fails
// (offline, say), they choose among this page's items, as the note on the form says.
(function () {
  function matches(item, key, value) {
    if (!value) return true;
    return (item.getAttribute("data-" + key) || "").split(" ").indexOf(value) !== -1;
  }

  function itemsOf(url, listId) {
    return fetch(url, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.text();
      })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var found = page.querySelectorAll("#" + listId + " > li");
        return Array.prototype.map.call(found, function (item) {
          // The item's links are relative to its own page: make them work on this one.
          Array.prototype.forEach.call(item.querySelectorAll("[href]"), function (link) {
            link.setAttribute("href", new URL(link.getAttribute("href"), url).href);
          });
          item.hidden = true;
          return document.importNode(item, true);
        });
      });
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-filters"));
    var count = document.getElementById(form.getAttribute("data-count"));
    if (!list || !count) return;
    var own = Array.prototype.slice.call(list.children);
    var all = own;
    var ownCount = count.textContent;
    var pager = document.querySelector(".rc-pages");
    var note = form.querySelector("[data-all]");
    var pages = (form.getAttribute("data-pages") || "").split(" ").filter(Boolean);
    var current = parseInt(form.getAttribute("data-page") || "1", 10);
    var loading = null;

    var hidden = form.closest("[hidden]");
    if (hidden) hidden.hidden = false;
    var box = form.closest("details");
    if (box && window.matchMedia("(min-width: 60em)").matches) box.open = true;

    function loadAll() {
      if (loading) return loading;
      if (pages.length < 2 || !window.fetch || !window.DOMParser) {
        loading = Promise.resolve();
        return loading;
      }
      var base = document.baseURI;
      loading = Promise.all(pages.map(function (url, index) {
        return index + 1 === current ? Promise.resolve(own) : itemsOf(new URL(url, base).href, list.id);
      })).then(function (groups) {
        all = [].concat.apply([], groups);
        var before = own[0] || null;  // pages before this one go first, the rest after
        groups.slice(0, current - 1).forEach(function (group) {
          group.forEach(function (item) { list.insertBefore(item, before); });
        });
        groups.slice(current).forEach(function (group) {
          group.forEach(function (item) { list.appendChild(item); });
        });
        if (note) note.textContent = note.getAttribute("data-all");
      }, function () { all = own; });
      return loading;
    }

    function values() {
      return Array.prototype.slice.call(form.elements)
        .filter(function (el) { return el.name; })
        .map(function (field) {
          var value = field.type === "checkbox" ? (field.checked ? field.value : "") : field.value;
          return { key: field.name, value: value };
        });
    }

    function apply() {
      var chosen = values();
      var filtering = chosen.some(function (c) { return c.value; });
      if (!filtering && all !== own) {  // back to this page as it was, with its page links
        all.forEach(function (item) { item.hidden = own.indexOf(item) === -1; });
        if (pager) pager.hidden = false;
        count.textContent = ownCount;
        return;
      }
      var shown = 0;
      all.forEach(function (item) {
        var ok = chosen.every(function (c) { return matches(item, c.key, c.value); });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (pager && all !== own) pager.hidden = true;  // every match is on this page now
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", all.length);
    }

    function update() { loadAll().then(apply); }

    form.addEventListener("change", update);
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), setUp);
})();
