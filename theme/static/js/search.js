/* Briefing search page: our UI on Pagefind's JS API (the bundle in SITEURL/pagefind/).
 *
 * Why not Pagefind's own UI: results here link to the exact quote (#q-N) or paragraph (#pN)
 * a hit falls in, excerpts are built as text nodes (article text is data, never markup),
 * filter counts update in place so keyboard focus never jumps, and the query and filters
 * live in the address (?q=...&actor=...), so a search can be bookmarked or linked to.
 */
(function () {
  "use strict";

  var root = document.getElementById("search");
  if (!root) return;

  var GROUPS = [
    ["type", "Show"],
    ["actor", "Actor"],
    ["topic", "Topic"],
    ["year", "Year"],
    ["outlet", "Outlet"],
  ];
  var TYPE_ORDER = ["Briefings", "People", "Organisations", "Places", "Topics"];
  var PAGE = 8; // results per "Show more": each costs a fragment download
  var SHORT_LIST = 8; // filter values shown before "Show all"
  var EXCERPT_WORDS = 32;
  var DEBOUNCE_MS = 180;

  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filterSection = document.getElementById("search-filters");
  var groupsBox = document.getElementById("search-filter-groups");
  var clearButton = document.getElementById("search-clear");

  var pagefind = null;
  var boxes = {}; // group -> [{value, input, item, count}]
  var results = [];
  var shown = 0;
  var generation = 0; // a newer search makes older ones drop their results
  var timer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function words(text) {
    return (text || "").split(/[\r\n\s]+/).filter(Boolean);
  }

  /* ---------- filters ---------- */

  function sortedValues(group, counts) {
    var values = Object.keys(counts);
    if (group === "type") {
      return values.sort(function (a, b) {
        return TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b);
      });
    }
    if (group === "year") {
      return values.sort(function (a, b) {
        // Newest first; "Undated" last.
        return (b === "Undated" ? -1 : +b) - (a === "Undated" ? -1 : +a);
      });
    }
    return values.sort(function (a, b) {
      return counts[b] - counts[a] || a.localeCompare(b);
    });
  }

  function buildFilters(all, selected) {
    groupsBox.textContent = "";
    var any = false;
    GROUPS.forEach(function (pair, gi) {
      var group = pair[0];
      var counts = all[group];
      if (!counts || !Object.keys(counts).length) return;
      any = true;
      var fieldset = el("fieldset", "filter-group");
      fieldset.dataset.filter = group;
      fieldset.appendChild(el("legend", null, pair[1]));
      var ul = el("ul", "filter-values");
      boxes[group] = [];
      sortedValues(group, counts).forEach(function (value, vi) {
        var li = el("li", "filter-value");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = "filter-" + gi + "-" + vi;
        box.value = value;
        box.checked = (selected[group] || []).indexOf(value) >= 0;
        box.addEventListener("change", function () {
          run(true);
        });
        var label = el("label", null, value + " ");
        label.htmlFor = box.id;
        var count = el("span", "filter-count", "(" + counts[value] + ")");
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        ul.appendChild(li);
        boxes[group].push({ value: value, input: box, item: li, count: count });
      });
      fieldset.appendChild(ul);
      var toggle = el("button", "filter-toggle");
      toggle.type = "button";
      toggle.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        layoutGroup(group);
      });
      fieldset.appendChild(toggle);
      boxes[group].toggle = toggle;
      groupsBox.appendChild(fieldset);
    });
    filterSection.hidden = !any;
  }

  function layoutGroup(group) {
    var entries = boxes[group];
    var open = entries.toggle.getAttribute("aria-expanded") === "true";
    var relevant = entries.filter(function (e) {
      return !e.item.classList.contains("filter-irrelevant");
    });
    relevant.forEach(function (e, i) {
      e.item.hidden = !open && i >= SHORT_LIST && !e.input.checked;
    });
    entries.forEach(function (e) {
      if (e.item.classList.contains("filter-irrelevant")) e.item.hidden = true;
    });
    entries.toggle.hidden = relevant.length <= SHORT_LIST;
    entries.toggle.textContent = open
      ? "Show fewer"
      : "Show all " + relevant.length;
  }

  /* Counts for the current results; values that match nothing for this query are hidden
     (unless ticked), so the lists stay short. Inputs are updated, never rebuilt: a
     keyboard user ticking boxes keeps their place. */
  function updateCounts(current, total) {
    Object.keys(boxes).forEach(function (group) {
      var now = (current && current[group]) || {};
      var possible = (total && total[group]) || now;
      boxes[group].forEach(function (e) {
        var n = now[e.value] || 0;
        e.count.textContent = "(" + n + ")";
        e.item.classList.toggle("filter-irrelevant", !possible[e.value] && !e.input.checked);
      });
      layoutGroup(group);
    });
  }

  function resetCounts(all) {
    updateCounts(all, all);
  }

  function selectedFilters() {
    var out = {};
    Object.keys(boxes).forEach(function (group) {
      var values = boxes[group]
        .filter(function (e) { return e.input.checked; })
        .map(function (e) { return e.value; });
      if (values.length) out[group] = values;
    });
    return out;
  }

  /* ---------- results ---------- */

  /* The quote (#q-N) holding most of the hit's words, else the full-text paragraph (#pN)
     that does; Pagefind records every id on the page with its word position. */
  function bestAnchor(data) {
    var anchors = (data.anchors || []).slice().sort(function (a, b) {
      return a.location - b.location;
    });
    var locations = data.locations || [];
    if (!locations.length) return null;
    var sorted = locations.slice().sort(function (a, b) { return a - b; });
    /* Score: the longest run of hit words next to each other (a phrase from a quote),
       then the number of hits: a long quote full of "the" and "region" must not beat the
       quote that holds the reader's exact words. */
    function score(from, to) {
      var run = 0;
      var runStart = 0;
      var longest = 0;
      var at = from;
      var hits = 0;
      var prev = -10;
      sorted.forEach(function (l) {
        if (l < from || l >= to) return;
        hits++;
        if (l - prev <= 2) {
          run++;
        } else {
          run = 1;
          runStart = l;
        }
        prev = l;
        if (run > longest) {
          longest = run;
          at = runStart;
        }
      });
      return { value: longest * 10000 + hits, at: at };
    }
    function best(candidates, endOf) {
      var top = null;
      var topScore = 0;
      candidates.forEach(function (a, i) {
        var s = score(a.location, endOf(a, i));
        if (s.value > topScore) {
          top = { id: a.id, location: a.location, hit: s.at };
          topScore = s.value;
        }
      });
      return top;
    }
    var quotes = anchors.filter(function (a) { return /^q-\d+$/.test(a.id); });
    var quote = best(quotes, function (a) {
      return a.location + Math.max(1, words(a.text).length);
    });
    if (quote) {
      quote.quote = true;
      return quote;
    }
    var paras = anchors.filter(function (a) { return /^p\d+$/.test(a.id); });
    var para = best(paras, function (a, i) {
      return i + 1 < paras.length ? paras[i + 1].location : Infinity;
    });
    return para;
  }

  /* An excerpt around the densest run of hits, as text and <mark> nodes only. */
  function excerptNode(data, anchor) {
    var all = words(data.content);
    var hits = {};
    (data.locations || []).forEach(function (l) { hits[l] = true; });
    var start = 0;
    if (anchor) {
      // From the start of the quote or paragraph, unless the hit lies deeper in it.
      start = Math.max(anchor.location, anchor.hit - 10);
    } else if (all.length > EXCERPT_WORDS) {
      var bestCount = -1;
      (data.locations || []).forEach(function (l) {
        var from = Math.max(0, l - 4);
        var n = 0;
        for (var i = from; i < from + EXCERPT_WORDS; i++) if (hits[i]) n++;
        if (n > bestCount) {
          bestCount = n;
          start = from;
        }
      });
    }
    start = Math.max(0, Math.min(start, all.length - EXCERPT_WORDS));
    var end = Math.min(all.length, start + EXCERPT_WORDS);
    var p = el("p", "result-excerpt");
    if (start > 0) p.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (i > start) p.appendChild(document.createTextNode(" "));
      if (hits[i]) p.appendChild(el("mark", null, all[i]));
      else p.appendChild(document.createTextNode(all[i]));
    }
    if (end < all.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var anchor = meta.kind === "Briefing" ? bestAnchor(data) : null;
    var li = el("li", "search-result");
    var heading = el("h3", "result-title");
    var link = el("a", "result-link", meta.title || data.url);
    link.href = data.url + (anchor ? "#" + anchor.id : "");
    heading.appendChild(link);
    li.appendChild(heading);
    var facts = [meta.kind, meta.when, meta.outlet].filter(Boolean);
    if (anchor && anchor.quote) facts.push("match in a quote");
    if (facts.length) li.appendChild(el("p", "result-meta", facts.join(" · ")));
    li.appendChild(excerptNode(data, anchor));
    return li;
  }

  function showMore(moveFocus) {
    var batch = results.slice(shown, shown + PAGE);
    var mine = generation;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== generation) return;
      var first = null;
      datas.forEach(function (data) {
        var item = resultItem(data);
        list.appendChild(item);
        if (!first) first = item.querySelector("a");
      });
      shown += datas.length;
      more.hidden = shown >= results.length;
      more.textContent = "Show more results (" + (results.length - shown) + " left)";
      if (moveFocus && first) first.focus();
      return datas.length;
    });
  }

  /* ---------- a name puts its actor page first ---------- */

  var ACTOR_TYPES = ["People", "Organisations", "Places"];

  function nameKey(text) {
    return (text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]+/gu, "")
      .split(/\s+/)
      .filter(Boolean);
  }

  /* "Bagheri", "Donald Trump", "Amirabdollahian" name an actor whose name or alias holds
     all the query's words, or ends with them written together. */
  function namesActor(term, names, exactOnly) {
    var query = nameKey(term);
    if (!query.length) return false;
    return names.some(function (name) {
      var tokens = nameKey(name);
      var joined = tokens.join("");
      if (joined === query.join("")) return true;
      if (exactOnly) return false;
      if (joined.endsWith(query.join(""))) return true;
      return query.every(function (w) { return tokens.indexOf(w) >= 0; });
    });
  }

  /* Pagefind ranks by how often and where words occur, so a much-reported name can rank
     articles above the person's own page: when the query is an actor's name or alias, the
     best-ranked such actor page moves to the top. */
  function actorFirst(term, selected, filters, found) {
    if (!term || selected.type) return Promise.resolve(found);
    var actorFilters = Object.assign({}, filters, { type: { any: ACTOR_TYPES } });
    return pagefind.search(term, { filters: actorFilters }).then(function (actors) {
      var top = actors ? actors.results.slice(0, 2) : [];
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (datas) {
        // An exact spelling of a name wins over a name that merely contains the words.
        var pick = -1;
        [true, false].forEach(function (exactOnly) {
          for (var i = 0; i < datas.length && pick < 0; i++) {
            var names = ((datas[i].meta || {}).names || "").split("|");
            if (namesActor(term, names, exactOnly)) pick = i;
          }
        });
        if (pick < 0) return found;
        var id = top[pick].id;
        var rest = found.filter(function (r) { return r.id !== id; });
        var mine = found.filter(function (r) { return r.id === id; });
        return mine.length ? mine.concat(rest) : found;
      });
    });
  }

  function describe(term, selected) {
    var parts = [];
    Object.keys(selected).forEach(function (g) {
      parts.push(selected[g].join(" or "));
    });
    var what = term ? "“" + term + "”" : "";
    if (parts.length) what += (what ? " in " : "") + parts.join("; ");
    return what;
  }

  function syncAddress(term, selected) {
    var params = new URLSearchParams();
    if (term) params.set("q", term);
    Object.keys(selected).forEach(function (g) {
      selected[g].forEach(function (v) { params.append(g, v); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function run(now) {
    clearTimeout(timer);
    if (!now) {
      timer = setTimeout(function () { run(true); }, DEBOUNCE_MS);
      return;
    }
    if (!pagefind) return;
    var term = input.value.trim();
    var selected = selectedFilters();
    var mine = ++generation;
    syncAddress(term, selected);
    if (!term && !Object.keys(selected).length) {
      results = [];
      shown = 0;
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      resetCounts(allFilters);
      return;
    }
    var filters = {};
    Object.keys(selected).forEach(function (g) { filters[g] = { any: selected[g] }; });
    pagefind.search(term || null, { filters: filters }).then(function (search) {
      if (mine !== generation || !search) return;
      return actorFirst(term, selected, filters, search.results).then(function (ordered) {
        return { search: search, ordered: ordered };
      });
    }).then(function (found) {
      if (!found || mine !== generation) return;
      var search = found.search;
      results = found.ordered;
      shown = 0;
      list.textContent = "";
      updateCounts(search.filters, search.totalFilters);
      return showMore(false).then(function () {
        if (mine !== generation) return;
        var n = results.length;
        var what = describe(term, selected);
        status.textContent = n
          ? n + (n === 1 ? " result for " : " results for ") + what
          : "No results for " + what + ". Try another spelling or fewer filters.";
      });
    }).catch(function (err) {
      status.textContent = "Search failed: " + err;
    });
  }

  var allFilters = {};

  function start() {
    var params = new URLSearchParams(location.search);
    var selected = {};
    GROUPS.forEach(function (pair) {
      var values = params.getAll(pair[0]);
      if (values.length) selected[pair[0]] = values;
    });
    input.value = params.get("q") || "";
    import(root.dataset.bundle + "pagefind.js")
      .then(function (module) {
        pagefind = module;
        return pagefind.options({ excerptLength: EXCERPT_WORDS });
      })
      .then(function () { return pagefind.filters(); })
      .then(function (all) {
        allFilters = all || {};
        buildFilters(allFilters, selected);
        resetCounts(allFilters);
        root.classList.add("search-ready");
        run(true);
      })
      .catch(function () {
        status.textContent =
          "Search is not available: its index could not be loaded. " +
          "Open the site through a web server (invoke serve), not as a file.";
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(true);
  });
  input.addEventListener("input", function () { run(false); });
  more.addEventListener("click", function () { showMore(true); });
  clearButton.addEventListener("click", function () {
    Object.keys(boxes).forEach(function (g) {
      boxes[g].forEach(function (e) { e.input.checked = false; });
    });
    run(true);
    input.focus();
  });

  start();
})();
