// Keeps a conversation page's transcript current while a member of staff reads it, so the
// tenant's new messages appear without reloading (and without losing a half-typed reply).
// Everything a tenant wrote is inserted with textContent: never as HTML.
(function () {
  "use strict";
  var list = document.getElementById("transcript");
  if (!list || !window.fetch) { return; }
  var source = list.getAttribute("data-source");
  var EVERY_MS = 3000;
  var shown = list.children.length;

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

  function refresh() {
    fetch(source, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (body) {
      if (body.lines.length === shown) { return; }
      var fresh = document.createDocumentFragment();
      body.lines.forEach(function (line) { fresh.appendChild(item(line)); });
      list.replaceChildren(fresh);
      shown = body.lines.length;
    }).catch(function () { /* signed out or Rasa away: try again next time */ }).finally(function () {
      window.setTimeout(refresh, EVERY_MS);
    });
  }

  window.setTimeout(refresh, EVERY_MS);
})();
