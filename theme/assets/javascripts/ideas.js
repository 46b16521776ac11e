// Filters for the list of 100 ideas. Without JavaScript the page is simply the complete list;
// this only hides items that do not match and says how many are shown.
(function () {
  var form = document.getElementById("rc-idea-filters");
  var count = document.getElementById("rc-idea-count");
  if (!form || !count) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("#rc-idea-list > li"));
  form.hidden = false;

  function matches(item, key, value) {
    if (!value) return true;
    return (item.getAttribute("data-" + key) || "").split(" ").indexOf(value) !== -1;
  }

  function apply() {
    var shown = 0;
    var fields = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name; });
    items.forEach(function (item) {
      var ok = fields.every(function (field) { return matches(item, field.name, field.value); });
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", items.length);
  }

  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
})();
