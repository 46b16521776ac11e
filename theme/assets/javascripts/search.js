// The search page: runs the query from the address (?q=..., sent by the search box in the header)
// through Pagefind's search API and draws the results as a plain list. Pagefind picks the index of
// the page's language from <html lang>. Ten results at a time; the status line is announced.
(function () {
  var list = document.getElementById("rc-search-results");
  var status = document.getElementById("rc-search-status");
  var more = document.getElementById("rc-search-more");
  if (!list || !status || !more) return;
  var query = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var box = document.getElementById("rc-q");
  if (box && query) box.value = query;

  function say(key, count) {
    status.textContent = status.getAttribute("data-" + key)
      .replace("{query}", query).replace("{count}", count);
  }

  function entry(data) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt;  // the site's own text, with the matches in <mark>
    item.appendChild(heading);
    item.appendChild(excerpt);
    return item;
  }

  if (!query) { say("empty"); status.setAttribute("data-done", ""); return; }
  say("loading");
  var bundle = new URL(list.getAttribute("data-bundle"), document.baseURI).href;
  import(bundle + "pagefind.js")
    .then(function (pagefind) { return pagefind.search(query); })
    .then(function (search) {
      var results = search.results;
      var shown = 0;
      function next() {
        var batch = results.slice(shown, shown + 10);
        shown += batch.length;
        return Promise.all(batch.map(function (result) { return result.data(); }))
          .then(function (pages) {
            pages.forEach(function (data) { list.appendChild(entry(data)); });
            more.hidden = shown >= results.length;
          });
      }
      more.addEventListener("click", function () {
        var first = shown;
        next().then(function () {
          var link = list.children[first] && list.children[first].querySelector("a");
          if (link) link.focus();  // keyboard and screen reader users continue where the new ones start
        });
      });
      if (!results.length) { say("none"); return; }
      return next().then(function () { say("found", results.length); });
    })
    .catch(function () { say("failed"); })
    .then(function () { status.setAttribute("data-done", ""); });
})();
