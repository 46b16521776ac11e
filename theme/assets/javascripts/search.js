// Starts Pagefind's search interface and runs the query typed in the header's search box.
(function () {
  var element = document.getElementById("rc-search-ui");
  if (!element || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#rc-search-ui",
    bundlePath: element.getAttribute("data-bundle"),
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    autofocus: false,
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
