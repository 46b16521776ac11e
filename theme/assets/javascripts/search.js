// The search page: runs the query from the address (?q=..., sent by the search box in the header)
// against this language's index (data-bundle; outputs/searchindex.py explains its files) and
// draws the results as a plain list, ten at a time; the status line is announced.
//
// - Words: the query is folded and split as the index was (`words`, the same as `words` in
//   searchindex.py). A word finds its stem through the index's word files ("kurser" -> "kurs"),
//   then every stem that starts with it ("kurs" finds "kursus"); a word the index does not have
//   finds the stems that start with it ("recov" finds "recovery"). Every word must be found on
//   a page for the page to be a result.
// - Ranking: each word adds the best score of the stems it found on the page, weighed by how
//   rare the stem is and how near it is to the word typed (the page scores were worked out by
//   the build). Among the first ten, a title holding a query word itself goes first.
// - oe, aa, ae: typed for ø, å, æ on a foreign keyboard ("soevn" for "søvn"). A word that finds
//   nothing is tried with the letters; then the closest word of the site (words.txt, written by
//   the build, fetched only then) is suggested and searched instead.
(function () {
  "use strict";
  var list = document.getElementById("rc-search-results");
  var status = document.getElementById("rc-search-status");
  if (!list || !status) return;
  var PAGE = 10;
  var EXCERPT_WORDS = 30;
  var DIGRAPHS = [[/aa/g, "å"], [/oe/g, "ø"], [/ae/g, "æ"]];
  var MARKS = /[\u0300-\u036f\u0640\u064b-\u065f\u0670]/g;
  // Letters and digits of any script; a browser older than 2020 that cannot read this splits
  // at spaces and punctuation instead (made here, so the script still runs there).
  var WORD = (function () {
    try { return new RegExp("[\\p{L}\\p{N}]+", "gu"); } catch (e) {
      return /[^\s!-\/:-@[-`{-~\u00ab\u00bb\u2010-\u2027]+/g;
    }
  })();
  var typed = (new URLSearchParams(window.location.search).get("q") || "").trim();
  var box = document.getElementById("rc-q");
  if (box && typed) box.value = typed;
  var bundle = new URL(list.getAttribute("data-bundle"), document.baseURI);
  var root = new URL("../", bundle);  // the language's root: the index's addresses start there
  var loaded = {};

  function say(key, values) {
    var text = status.getAttribute("data-" + key);
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("{" + name + "}", values[name]);
    });
    status.textContent = text;
  }

  function load(name) {
    var address = new URL(name, bundle).href;
    if (!loaded[address]) {
      loaded[address] = fetch(address).then(function (response) {
        if (!response.ok) throw new Error(address + ": " + response.status);
        return response.json();
      });
    }
    return loaded[address];
  }

  // Lower case, no accents or Arabic marks (å stays å), split into words, each without the
  // Arabic article and a letter joined to it (wa-, bi-, li-...).
  function words(text) {
    var folded = text.toLowerCase().normalize("NFD").replace(/a\u030a/g, "å").replace(MARKS, "");
    return (folded.match(WORD) || []).map(function (word) {
      var bare = word.replace(/^(?:[وفبك]?ال|لل)/, "");
      return bare.length >= 2 ? bare : word;
    });
  }

  // The entries of the word files whose alphabetical range meets [low, high].
  function entriesBetween(entry, low, high) {
    var firsts = entry.words;
    var wanted = [];
    for (var i = 0; i < firsts.length && firsts[i] <= high; i++) {
      if (i + 1 < firsts.length && firsts[i + 1] <= low) continue;
      wanted.push(load(entry.files + "/w" + i + ".json"));
    }
    return Promise.all(wanted).then(function (files) {
      return Object.assign.apply(null, [{}].concat(files));
    });
  }

  // What one query word finds: the start every found stem has, and the stems with their pages
  // and how near each is to the word (1 for the word's own stem).
  function lookup(entry, word) {
    var start = word.slice(0, Math.max(4, word.length - 4));
    return entriesBetween(entry, start, start + "\uffff").then(function (found) {
      var own = found[word];
      var stem = own && own.s ? own.s : own && own.p ? word : null;
      for (var n = word.length - 1; !stem && n >= start.length; n--) {
        var cut = word.slice(0, n);
        if (found[cut] && found[cut].p) stem = cut;  // "kurserne" (not on the site) -> "kurs"
      }
      var prefix = stem || word;
      var more = prefix.indexOf(start) === 0 ? found : entriesBetween(entry, prefix, prefix + "\uffff");
      return Promise.resolve(more).then(function (all) {
        var stems = Object.keys(all).filter(function (key) {
          return key.indexOf(prefix) === 0 && all[key].p;
        }).map(function (key) {
          var near = key === prefix && stem ? 1 : (prefix.length / key.length) * (stem ? 0.8 : 0.6);
          return { near: near, pages: all[key].p };
        });
        return { prefix: prefix, stems: stems };
      });
    });
  }

  // Page numbers by score, best first: only pages every word found.
  function ranked(entry, found) {
    var total = entry.pages;
    var scores = null;
    found.forEach(function (word) {
      var best = {};
      word.stems.forEach(function (stem) {
        var count = stem.pages.length / 2;
        var rarity = Math.log(1 + (total - count + 0.5) / (count + 0.5));
        var page = 0;
        for (var i = 0; i < stem.pages.length; i += 2) {
          page += stem.pages[i];
          var value = rarity * stem.pages[i + 1] * stem.near;
          if (!(page in best) || value > best[page]) best[page] = value;
        }
      });
      if (scores === null) { scores = best; return; }
      var both = {};
      Object.keys(scores).forEach(function (page) {
        if (page in best) both[page] = scores[page] + best[page];
      });
      scores = both;
    });
    return Object.keys(scores || {}).map(Number).sort(function (a, b) {
      return scores[b] - scores[a] || a - b;
    });
  }

  function pages(entry, numbers) {
    return Promise.all(numbers.map(function (number) {
      return load(entry.files + "/p" + number + ".json");
    }));
  }

  // Among the first results, a page whose title holds a query word itself goes before one
  // whose title has only a longer word that starts the same, or none: "recovery" puts "Hvad er
  // recovery?" before "Min recoveryplan". Otherwise the scores' order stands.
  function titlesFirst(shown, query) {
    var asked = words(query);
    function hits(page) {
      var title = words(page.t);
      return asked.filter(function (word) { return title.indexOf(word) !== -1; }).length;
    }
    return shown.map(function (page, at) { return { page: page, hits: hits(page), at: at }; })
      .sort(function (a, b) { return b.hits - a.hits || a.at - b.at; })
      .map(function (item) { return item.page; });
  }

  function attempt(entry, query) {
    var asked = words(query);
    return Promise.all(asked.map(function (word) { return lookup(entry, word); }))
      .then(function (found) {
        var missing = asked.filter(function (word, at) { return !found[at].stems.length; });
        var results = asked.length && !missing.length ? ranked(entry, found) : [];
        var prefixes = found.map(function (word) { return word.prefix; });
        return pages(entry, results.slice(0, PAGE)).then(function (first) {
          return { query: query, results: results, first: titlesFirst(first, query), missing: missing, prefixes: prefixes };
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
      var d = distance(word, candidate);
      if (d < bestDistance) { best = candidate; bestDistance = d; }
    });
    return best;
  }

  function corrected(query, missing, vocabulary) {
    var changed = false;
    var fixed = query.split(/\s+/).map(function (word) {
      var folded = words(word).join("");
      if (missing.indexOf(folded) === -1) return word;
      var better = closest(folded, vocabulary);
      if (better) changed = true;
      return better || word;
    });
    return changed ? fixed.join(" ") : null;
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
  function bestAttempt(entry) {
    return attempt(entry, typed).then(function (first) {
      if (!first.missing.length) return first;
      var letters = withDigraphs(typed);
      var next = letters ? attempt(entry, letters) : Promise.resolve(first);
      return next.then(function (second) {
        if (!second.missing.length) return second;
        return loadWords().then(function (vocabulary) {
          var better = corrected(second.query, second.missing, vocabulary);
          if (!better) return null;
          return attempt(entry, better).then(function (third) {
            return third.missing.length ? null : third;
          });
        });
      });
    });
  }

  // The page's text around the first word the query found, with the found words in <mark>;
  // made of text nodes, so nothing in the index is read as HTML.
  function excerpt(text, prefixes) {
    var tokens = text.split(/(\s+)/);
    function isFound(token) {
      return words(token).some(function (word) {
        return prefixes.some(function (prefix) { return word.indexOf(prefix) === 0; });
      });
    }
    // Words and the spaces between them take turns in `tokens`: a window of EXCERPT_WORDS
    // words that starts a few words before the first match, as far as the text allows.
    var size = 2 * EXCERPT_WORDS;
    var first = tokens.findIndex(isFound);
    var from = first > size / 2 ? Math.max(0, Math.min(first - 16, tokens.length - size)) : 0;
    from -= from % 2;
    var shown = tokens.slice(from, from + size);
    var paragraph = document.createElement("p");
    if (from > 0) paragraph.appendChild(document.createTextNode("… "));
    shown.forEach(function (token) {
      if (token.trim() && isFound(token)) {
        var mark = document.createElement("mark");
        mark.textContent = token;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(token));
      }
    });
    if (from + size < tokens.length) paragraph.appendChild(document.createTextNode(" …"));
    return paragraph;
  }

  function entryFor(page, prefixes) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = new URL(page.u, root).href;
    link.textContent = page.t || page.u;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(excerpt(page.x, prefixes));
    return item;
  }

  // The button is made here, so a page without JavaScript has none that does nothing.
  function show(entry, found) {
    var shown = 0;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "rc-button rc-button--quiet";
    more.textContent = list.getAttribute("data-more");
    var holder = document.createElement("p");
    function draw(batch) {
      batch.forEach(function (page) { list.appendChild(entryFor(page, found.prefixes)); });
      shown += batch.length;
      if (shown >= found.results.length && holder.parentNode) holder.parentNode.removeChild(holder);
    }
    more.addEventListener("click", function () {
      var first = shown;
      pages(entry, found.results.slice(shown, shown + PAGE)).then(function (batch) {
        draw(batch);
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
  load("entry.json")
    .then(function (entry) {
      return bestAttempt(entry).then(function (found) {
        if (!found || !found.results.length) { say("none", { query: typed }); return; }
        show(entry, found);
        var count = found.results.length;
        if (found.query === typed) say("found", { query: typed, count: count });
        else say("corrected", { typed: typed, query: found.query, count: count });
      });
    })
    .catch(function () { say("failed"); })
    .then(function () { status.setAttribute("data-done", ""); });
})();
