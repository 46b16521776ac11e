// Filters for a list on one page (the 100 ideas). Without JavaScript the page is simply
// the complete list and the filters stay hidden;
// this shows them, hides the items that do not match and says how many are shown.
//
// A form names its list and its count: <form data-filters="list-id" data-count="count-id">. Each
// field's name matches a data-* attribute of the items (values separated by spaces; a checkbox
// filters only when ticked). The course catalogue, split over pages, has filters of its own
// (catalogue.js).
(function () {
  function matches(item, key, value) {
    if (!value) return true;
    return (item.getAttribute("data-" + key) || "").split(" ").indexOf(value) !== -1;
  }

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-filters"));
    var count = document.getElementById(form.getAttribute("data-count"));
    if (!list || !count) return;
    var all = Array.prototype.slice.call(list.children);

    var hidden = form.closest("[hidden]");
    if (hidden) hidden.hidden = false;
    var box = form.closest("details");
    if (box && window.matchMedia("(min-width: 60em)").matches) box.open = true;

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
      var shown = 0;
      all.forEach(function (item) {
        var ok = chosen.every(function (c) { return matches(item, c.key, c.value); });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", shown).replace("{total}", all.length);
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-filters]"), setUp);
})();
