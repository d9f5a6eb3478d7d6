// Keeps a conversation page's transcript current while a member of staff reads it, so the
// tenant's new messages appear without reloading (and without losing a half-typed reply).
// Everything a tenant wrote is inserted with textContent: never as HTML.
(function () {
  "use strict";
  var list = document.getElementById("transcript");
  if (!list || !window.fetch) { return; }
  var source = list.getAttribute("data-source");
  var EVERY_MS = 3000;

  function item(line) {
    var li = document.createElement("li");
    li.className = line.speaker;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = line.who;
    var when = document.createElement("span");
    when.className = "when";
    when.textContent = line.when;
    var said = document.createElement("p");
    said.className = "said";
    said.textContent = line.text;
    li.appendChild(who);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(when);
    li.appendChild(said);
    return li;
  }

  // What identifies a line: the page and the JSON show the same speaker, time and words.
  function keyOf(who, when, text) { return who + "\u0000" + when + "\u0000" + text; }
  function keyOfItem(li) {
    var part = function (css) { var el = li.querySelector(css); return el ? el.textContent : ""; };
    return keyOf(part(".who"), part(".when"), part(".said"));
  }

  // Only the lines after the last one shown are added, so a screen reader announces the new
  // messages (aria-live) instead of reading the whole transcript again every few seconds. If
  // the last line shown is no longer in the transcript (it was cut to its newest lines, or the
  // conversation restarted), the list is rebuilt once.
  function update(lines) {
    var last = list.lastElementChild ? keyOfItem(list.lastElementChild) : null;
    var from = 0;
    if (last !== null) {
      from = -1;
      for (var i = lines.length - 1; i >= 0; i--) {
        if (keyOf(lines[i].who, lines[i].when, lines[i].text) === last) { from = i + 1; break; }
      }
    }
    var fresh = document.createDocumentFragment();
    (from < 0 ? lines : lines.slice(from)).forEach(function (line) { fresh.appendChild(item(line)); });
    if (from < 0) { list.replaceChildren(fresh); } else if (fresh.childNodes.length) { list.appendChild(fresh); }
  }

  function refresh() {
    fetch(source, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (body) {
      update(body.lines);
    }).catch(function () { /* signed out or Rasa away: try again next time */ }).finally(function () {
      window.setTimeout(refresh, EVERY_MS);
    });
  }

  window.setTimeout(refresh, EVERY_MS);
})();
