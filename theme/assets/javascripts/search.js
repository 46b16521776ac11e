// The search page: runs the query from the address (?q=..., sent by the search box in the header)
// through Pagefind's search API and draws the results as a plain list, ten at a time; the status
// line is announced. The bundle (data-bundle) is the page's own language's; each has its own.
//
// Three things Pagefind does not do by itself:
// - Ranking: a course page whose title or theme matches comes first, then guides (the fields
//   "course", "about" and "guide" that theme/course.html and theme/partials/content.html set),
//   then the rest; idea pages and list pages are weighed down where they are indexed.
// - Typos: a word Pagefind cannot find makes it fall back to the longest indexed word that
//   starts the query word, often a single letter ("angest" gave every page with "a"). Results
//   are kept only when every query word is really among the words they matched.
// - oe, aa, ae: typed for ø, å, æ on a foreign keyboard ("soevn" for "søvn"). A word that finds
//   nothing is tried with the letters; then the closest word of the site (words.txt, written by
//   the build, fetched only then) is suggested and searched instead.
(function () {
  "use strict";
  var list = document.getElementById("rc-search-results");
  var status = document.getElementById("rc-search-status");
  if (!list || !status) return;
  var PAGE = 10;
  var RANKING = { metaWeights: { course: 40, about: 20, guide: 30, title: 5 } };
  var DIGRAPHS = [[/aa/g, "å"], [/oe/g, "ø"], [/ae/g, "æ"]];
  var typed = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var box = document.getElementById("rc-q");
  if (box && typed) box.value = typed;

  function say(key, values) {
    var text = status.getAttribute("data-" + key);
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", values[name]);
    });
    status.textContent = text;
  }

  // A word as the check compares it: lower case, no accents or marks (Arabic short vowels
  // too), no punctuation, and without the Arabic article and the one-letter words joined to it
  // (wa-, bi-, li-...), which the Arabic stemmer drops as well.
  function fold(word) {
    var plain = word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "")
      .replace(/[^\p{L}\p{N}]/gu, "");
    var bare = plain.replace(/^(?:[وفبك]?ال|لل)/, "");
    return bare.length >= 2 ? bare : plain;
  }

  function queryWords(query) {
    return query.split(/\s+/).map(fold).filter(Boolean);
  }

  // Pagefind matches the start of a word after stemming ("kurser" finds "kursus"), so a query
  // word counts as found when a word its results matched starts with the query word's first
  // half (at least 3 letters).
  function isFound(word, matched) {
    var need = word.length <= 3 ? word.length : Math.max(3, Math.ceil(word.length / 2));
    var start = word.slice(0, need);
    return matched.some(function (token) { return token.slice(0, need) === start; });
  }

  // The words a result matched: its text at the matched places, and the words of the field
  // "about" ("Kursus" and the course's themes), which are not in its text. Titles are in the
  // text, where a matched title word has its place; a title word that did not match must not
  // count, or a page the fallback found would pass for one the word found.
  function matchedWords(data) {
    var text = data.content.split(/\s+/);
    var found = (data.locations || []).map(function (at) { return text[at] || ""; });
    found = found.concat(((data.meta && data.meta.about) || "").split(/\s+/));
    return found.reduce(function (all, token) {
      return all.concat(token.split(/[-‐–—/]/), [token]);
    }, []).map(fold).filter(Boolean);
  }

  // Among the first results, a page whose title holds a query word itself goes before one
  // whose title has only a longer word that starts the same, or none: "recovery" puts "Hvad er
  // recovery?" before "Min recoveryplan". Otherwise Pagefind's order stands.
  function titlesFirst(pages, words) {
    function hits(data) {
      var title = ((data.meta && data.meta.title) || "").split(/\s+/).map(fold);
      return words.filter(function (word) { return title.indexOf(word) !== -1; }).length;
    }
    return pages.map(function (data, at) { return { data: data, hits: hits(data), at: at }; })
      .sort(function (a, b) { return b.hits - a.hits || a.at - b.at; })
      .map(function (item) { return item.data; });
  }

  function attempt(pagefind, query) {
    return pagefind.search(query).then(function (search) {
      var results = search ? search.results : [];
      return Promise.all(results.slice(0, PAGE).map(function (r) { return r.data(); }))
        .then(function (pages) {
          var words = queryWords(query);
          var matched = pages.reduce(function (all, data) { return all.concat(matchedWords(data)); }, []);
          var missing = words.filter(function (word) { return !isFound(word, matched); });
          return { query: query, results: results, first: titlesFirst(pages, words), missing: missing };
        });
    });
  }

  function withDigraphs(query) {
    if (/[æøå]/i.test(query)) return null;
    var changed = query.toLowerCase();
    DIGRAPHS.forEach(function (pair) { changed = changed.replace(pair[0], pair[1]); });
    return changed === query.toLowerCase() ? null : changed;
  }

  // Edit distance with swapped neighbours counted once (optimal string alignment).
  function distance(a, b) {
    var d = [];
    for (var i = 0; i <= a.length; i++) { d.push([i]); }
    for (var j = 1; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }

  // The site's word closest to a missing word; the list is most frequent first, so a tie goes
  // to the commoner word. Short words may be one letter off, longer ones two.
  function closest(word, vocabulary) {
    var limit = word.length <= 5 ? 1 : 2;
    var best = null;
    var bestDistance = limit + 1;
    vocabulary.forEach(function (candidate) {
      if (Math.abs(candidate.length - word.length) > limit) return;
      var d = distance(word, fold(candidate));
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    });
    return best;
  }

  function corrected(query, missing, vocabulary) {
    var changed = false;
    var words = query.split(/\s+/).map(function (word) {
      if (missing.indexOf(fold(word)) === -1) return word;
      var better = closest(fold(word), vocabulary);
      if (better) changed = true;
      return better || word;
    });
    return changed ? words.join(" ") : null;
  }

  function loadWords() {
    var address = new URL(list.getAttribute("data-words"), document.baseURI).href;
    return fetch(address)
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (text) { return text.split("\n").filter(Boolean); })
      .catch(function () { return []; });
  }

  // The query as typed; if a word is not found, the same with ø, å, æ; then with the closest
  // words of the site. The first that finds every word wins; none: nothing is shown.
  function bestAttempt(pagefind) {
    return attempt(pagefind, typed).then(function (first) {
      if (!first.missing.length) return first;
      var letters = withDigraphs(typed);
      var next = letters ? attempt(pagefind, letters) : Promise.resolve(first);
      return next.then(function (second) {
        if (!second.missing.length) return second;
        return loadWords().then(function (vocabulary) {
          var better = corrected(second.query, second.missing, vocabulary);
          if (!better) return null;
          return attempt(pagefind, better).then(function (third) {
            return third.missing.length ? null : third;
          });
        });
      });
    });
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

  // The button is made here, so a page without JavaScript has none that does nothing.
  function show(found) {
    var shown = 0;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "rc-button rc-button--quiet";
    more.textContent = list.getAttribute("data-more");
    var holder = document.createElement("p");
    function draw(pages) {
      pages.forEach(function (data) { list.appendChild(entry(data)); });
      shown += pages.length;
      if (shown >= found.results.length && holder.parentNode) holder.parentNode.removeChild(holder);
    }
    more.addEventListener("click", function () {
      var first = shown;
      var batch = found.results.slice(shown, shown + PAGE);
      Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        draw(pages);
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();  // keyboard and screen reader users go on where the new ones start
      });
    });
    if (found.results.length > PAGE) {
      holder.appendChild(more);
      list.parentNode.insertBefore(holder, list.nextSibling);
    }
    draw(found.first);
  }

  if (!typed) { say("empty"); status.setAttribute("data-done", ""); return; }
  say("loading");
  var bundle = new URL(list.getAttribute("data-bundle"), document.baseURI).href;
  import(bundle + "pagefind.js")
    .then(function (pagefind) {
      // Set before the first search: the search runs on the page, not in Pagefind's worker,
      // whose script (about 40 KB) repeats pagefind.js; one query at a time needs no worker.
      return pagefind.options({ ranking: RANKING, noWorker: true })
        .then(function () { return bestAttempt(pagefind); });
    })
    .then(function (found) {
      if (!found || !found.results.length) { say("none", { query: typed }); return; }
      show(found);
      var count = found.results.length;
      if (found.query === typed) say("found", { query: typed, count: count });
      else say("corrected", { typed: typed, query: found.query, count: count });
    })
    .catch(function () { say("failed"); })
    .then(function () { status.setAttribute("data-done", ""); });
})();
