// The catalogue's filters (theme/catalogue.html). Without JavaScript the catalogue is its pages
// and the facet pages it links ("courses taught in Arabic" and so on); this shows the filters.
//
// The filters choose among the whole catalogue, however many pages it has: the first time one
// is used, the build's compact index of every coming offering (courses/filter-index.json) is
// fetched, and the matching offerings are shown as cards made from it, 15 at a time. A visitor
// who never filters never downloads the index.
//
// The chosen filters stand in the address (?sprog=ar&dag=tirsdag): a reload keeps them, the
// address can be sent to someone, and the back button goes back through the choices.
(function () {
  var STEP = 15;
  var SAFE = /^(https:|mailto:|tel:)/;  // the build allows no other links; checked again here

  function setUp(form) {
    var list = document.getElementById(form.getAttribute("data-list"));
    var results = document.getElementById(form.getAttribute("data-results"));
    var count = document.getElementById(form.getAttribute("data-count"));
    var more = document.getElementById(form.getAttribute("data-more"));
    if (!list || !results || !count || !more || !window.fetch || !window.URLSearchParams) return;
    var indexUrl = new URL(form.getAttribute("data-index"), document.baseURI).href;
    var pager = document.querySelector(".rc-pages");
    var ownCount = count.textContent;
    var fields = Array.prototype.filter.call(form.elements, function (el) { return el.name; });
    var index = null;
    var loading = null;
    var matched = [];
    var shown = 0;

    var box = form.closest("details");
    if (box) box.hidden = false;
    if (box && window.matchMedia("(min-width: 60em)").matches) box.open = true;

    function load() {
      if (!loading) {
        loading = fetch(indexUrl, { credentials: "omit" }).then(function (response) {
          if (!response.ok) throw new Error(indexUrl + ": " + response.status);
          return response.json();
        }).then(function (data) { index = data; return data; });
        loading.catch(function () { loading = null; });  // try again on the next choice
      }
      return loading;
    }

    function chosen() {
      return fields.map(function (field) {
        var value = field.type === "checkbox" ? (field.checked ? field.value : "") : field.value;
        return { key: field.getAttribute("data-key") || field.name, name: field.name, value: value };
      }).filter(function (c) { return c.value; });
    }

    function query() {
      var params = new URLSearchParams();
      chosen().forEach(function (c) { params.append(c.name, c.value); });
      var text = params.toString();
      return text ? "?" + text : "";
    }

    // The address's filters into the form; unknown names and values are left out.
    function fromAddress() {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (field) {
        var value = params.get(field.name) || "";
        if (field.type === "checkbox") {
          field.checked = value === field.value;
        } else {
          var known = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
          field.value = known ? value : "";
        }
      });
    }

    function element(tag, className, text) {
      var el = document.createElement(tag);
      if (className) el.className = className;
      if (text) el.textContent = text;
      return el;
    }

    function fact(dl, label, parts) {
      var row = element("div");
      row.appendChild(element("dt", "", label));
      var dd = element("dd");
      parts.forEach(function (part) { dd.appendChild(part); });
      row.appendChild(dd);
      dl.appendChild(row);
    }

    function card(offering) {
      var course = index.courses[offering.course] || { title: offering.course, summary: "", url: "" };
      var article = element("article", "rc-offering rc-offering--" + offering.status);
      article.setAttribute("aria-labelledby", "o-" + offering.id);
      var head = element("header", "rc-offering__head");
      var title = element("h2", "rc-offering__title");
      title.id = "o-" + offering.id;
      var link = element("a", "", course.title);
      link.href = new URL(course.url, indexUrl).href;
      title.appendChild(link);
      head.appendChild(title);
      head.appendChild(element("p", "rc-status rc-status--" + offering.status, offering.label));
      article.appendChild(head);
      if (course.summary) article.appendChild(element("p", "rc-offering__summary", course.summary));
      var dl = element("dl", "rc-facts rc-facts--compact");
      var when = offering.when;
      fact(dl, index.labels.when, [
        document.createTextNode(when[0] + ", "), element("bdi", "", when[1]),
        document.createTextNode("–"), element("bdi", "", when[2]),
        document.createTextNode(". " + when[3])
      ]);
      var where = offering.where;  // [the place's name or null, words in the page's language]
      fact(dl, index.labels.where, where[0]
        ? [element("bdi", "", where[0]), document.createTextNode(". " + where[1])]
        : [document.createTextNode(where[1])]);
      fact(dl, index.labels.language, [document.createTextNode(offering.language)]);
      article.appendChild(dl);
      if (offering.signup) {
        var signup = element("p", "rc-signup");
        var href = offering.signup[1];
        if (href && SAFE.test(href)) {
          var button = element("a", "rc-button", offering.signup[0]);
          button.href = href;
          signup.appendChild(button);
        } else {
          signup.appendChild(element("strong", "", offering.signup[0]));
        }
        article.appendChild(signup);
      }
      var item = element("li");
      item.appendChild(article);
      return item;
    }

    function matches(offering, choices) {
      return choices.every(function (c) {
        return (offering.f[c.key] || "").split(" ").indexOf(c.value) !== -1;
      });
    }

    function showMore() {
      var next = matched.slice(shown, shown + STEP);
      next.forEach(function (offering) { results.appendChild(card(offering)); });
      shown += next.length;
      more.hidden = shown >= matched.length;
    }

    function showOwnPage() {
      list.hidden = false;
      results.hidden = true;
      more.hidden = true;
      if (pager) pager.hidden = false;
      count.textContent = ownCount;
    }

    function apply() {
      var choices = chosen();
      if (!choices.length) { showOwnPage(); return Promise.resolve(); }
      return load().then(function () {
        matched = index.offerings.filter(function (o) { return matches(o, choices); });
        results.textContent = "";
        shown = 0;
        showMore();
        list.hidden = true;
        results.hidden = false;
        if (pager) pager.hidden = true;  // every match is here, however many pages there are
        count.textContent = count.getAttribute("data-template")
          .replace("{matched}", matched.length).replace("{total}", index.offerings.length);
      }, function () {
        count.textContent = count.getAttribute("data-error");
      });
    }

    function changed() {
      var address = window.location.pathname + query() + window.location.hash;
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState(null, "", address);
      }
      apply();
    }

    form.addEventListener("change", changed);
    form.addEventListener("reset", function () { setTimeout(changed, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
    more.addEventListener("click", showMore);
    window.addEventListener("popstate", function () { fromAddress(); apply(); });

    fromAddress();
    if (chosen().length) {
      if (box) box.open = true;
      apply();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-index]"), setUp);
})();
