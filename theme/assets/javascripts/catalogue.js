// Filters for the course catalogue. Without JavaScript the page is simply the complete list.
(function () {
  var form = document.getElementById("rc-filters");
  var count = document.getElementById("rc-count");
  if (!form || !count) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".rc-catalogue > li"));
  var box = document.getElementById("rc-filterbox");
  box.hidden = false;
  if (window.matchMedia("(min-width: 60em)").matches) box.open = true;

  function matches(item, key, value) {
    if (!value) return true;
    return (item.getAttribute("data-" + key) || "").split(" ").indexOf(value) !== -1;
  }

  function apply() {
    var shown = 0;
    var fields = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name; });
    items.forEach(function (item) {
      var ok = fields.every(function (field) {
        var value = field.type === "checkbox" ? (field.checked ? field.value : "") : field.value;
        return matches(item, field.name, value);
      });
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
