// The tenant chat page, on its own or inside the widget's frame (`/?embedded=1`).
// Everything a person or the bot wrote is inserted as text, never HTML.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var conversation = document.getElementById("conversation"); // the greeting and the log
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var typing = document.getElementById("typing");
  var error = document.getElementById("error");
  var retry = document.getElementById("retry");
  var quickExit = document.getElementById("quick-exit");
  var cover = document.getElementById("exit-cover");
  var withPerson = document.getElementById("with-person");
  var embedded = document.documentElement.getAttribute("data-embedded") === "1";

  // Messages to and from widget.js in the page around the frame. Nothing in them is secret.
  var WIDGET = "tenant-chat-widget";
  var SESSION_HEADER = "X-Chat-Session";
  var PHOTO_ID_HEADER = "X-Photo-Id";
  var SESSION_KEY = "tenant-chat-session";
  var SEEN_KEY = "tenant-chat-seen";
  var TRANSCRIPT_KEY = "tenant-chat-transcript";
  var TRANSCRIPT_KEPT = 200;     // messages kept to show again after a reload, the newest
  var POLL_MS = 3000;
  var SLOW_POLL_MS = 60000;      // with nobody replying: news of the tenant's cases (issue 18)
  var PERSON_STATES = {
    waiting: "You're waiting for a member of our team. They will reply here; the assistant is not answering.",
    with_staff: "You're talking to a member of our team. They will reply here."
  };
  var ESCAPE_TWICE_MS = 1500;
  var SHIFT_PRESSES = 3;         // GOV.UK's Exit this page: Shift three times
  var SHIFT_WINDOW_MS = 5000;

  // The server's signed session token. A frame on another site gets no cookies, so the page
  // keeps the token itself: in memory, and in sessionStorage (this tab only) so that the
  // conversation carries on across the landlord's pages. Quick exit wipes it.
  var session = readStored(SESSION_KEY);
  // Once the quick exit has wiped this tab, nothing is written again: a reply still on its way
  // must not put the conversation back for whoever is next at the screen.
  var forgotten = false;

  function readStored(key) {
    try { return window.sessionStorage.getItem(key); } catch (blocked) { return null; }
  }

  function store(key, value) {
    if (forgotten) { return; }
    try { window.sessionStorage.setItem(key, value); } catch (blockedOrFull) { /* memory only */ }
  }

  function keepSession(token) {
    if (typeof token !== "string" || !token || forgotten) { return; }
    session = token;
    store(SESSION_KEY, token);
  }

  // What this tab said and was told, kept in sessionStorage beside the token, so a reload shows
  // the conversation that carries on behind it. Like the token it lasts as long as the tab, is
  // this tab's alone, and goes with the quick exit. Only what was delivered is kept.
  var transcript = [];

  function readTranscript() {
    try {
      var kept = JSON.parse(readStored(TRANSCRIPT_KEY) || "[]");
      return Array.isArray(kept) ? kept : [];
    } catch (unreadable) { return []; }
  }

  function record(entry) {
    if (forgotten) { return; }
    transcript.push(entry);
    if (transcript.length > TRANSCRIPT_KEPT) { transcript = transcript.slice(-TRANSCRIPT_KEPT); }
    store(TRANSCRIPT_KEY, JSON.stringify(transcript));
  }

  function forgetSession() {
    forgotten = true;
    session = null;
    transcript = [];
    stopPolling();
    forgetThumbnails();
    try { window.sessionStorage.clear(); } catch (blocked) { /* nothing was stored */ }
    log.textContent = "";
    input.value = "";
  }

  function tellWidget(type) {
    if (!embedded || window.parent === window) { return; }
    try { window.parent.postMessage({ source: WIDGET, type: type }, "*"); } catch (ignored) { /* no widget */ }
  }

  // Ends the conversation on the server, so neither the cookie nor a token left in the browser
  // can open it again. `keepalive` lets the request finish after the page has gone.
  function endOnServer() {
    var headers = {};
    if (session) { headers[SESSION_HEADER] = session; }
    try {
      fetch("/api/exit", { method: "POST", headers: headers, credentials: "same-origin",
        cache: "no-store", keepalive: true }).catch(function () { /* leaving anyway */ });
    } catch (unsupported) { /* leaving anyway */ }
  }

  // Quick exit: cover the chat at once, end the conversation, forget it here, then leave for a
  // neutral site with replace(), so the Back button does not come back. In the widget the whole
  // page must go, not just the frame: the top window is navigated directly (allowed after a
  // click), and the widget is asked to do it too (needed after a key press, which browsers do
  // not count as a gesture); only if both fail does the frame leave on its own.
  var leaving = false;
  function leave() {
    if (leaving) { return; }
    leaving = true;
    cover.hidden = false;
    endOnServer();
    forgetSession();
    if (embedded) {
      tellWidget("quick-exit");
      try {
        window.top.location.replace(quickExit.href);
        return;
      } catch (blocked) { /* fall back to the frame */ }
    }
    window.location.replace(quickExit.href);
  }

  quickExit.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  // Esc twice leaves, and so does Shift three times (GOV.UK's Exit this page); any other key in
  // between starts the count again, so typing capitals never leaves. In the widget a single Esc
  // closes the panel, so the widget counts the second press if it lands outside the frame.
  var lastEscape = 0;
  var shifts = [];
  document.addEventListener("keydown", function (event) {
    var now = Date.now();
    if (event.key === "Shift") {
      if (event.repeat) { return; }
      shifts = shifts.filter(function (at) { return now - at < SHIFT_WINDOW_MS; });
      shifts.push(now);
      if (shifts.length >= SHIFT_PRESSES) { leave(); }
      return;
    }
    shifts = [];
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    if (now - lastEscape < ESCAPE_TWICE_MS) {
      event.preventDefault();
      leave();
      return;
    }
    lastEscape = now;
    tellWidget("escape");
  });

  // The controls Tab goes through, in order: what is shown, enabled and not taken out of it.
  function tabbable() {
    var all = document.querySelectorAll("a[href], button, textarea, input, select, [tabindex]");
    return Array.prototype.filter.call(all, function (control) {
      return !control.disabled && control.tabIndex >= 0 && control.getClientRects().length > 0;
    });
  }

  // In the widget the chat is a modal dialog: Tab on its last control goes round to the
  // widget's Close button (the first in the dialog) rather than out to the landlord's page.
  document.addEventListener("keydown", function (event) {
    if (!embedded || event.key !== "Tab" || event.shiftKey || window.parent === window) { return; }
    var controls = tabbable();
    if (controls.length && event.target === controls[controls.length - 1]) {
      event.preventDefault();
      tellWidget("tab-past-end");
    }
  });

  window.addEventListener("message", function (event) {
    if (!embedded || event.source !== window.parent || !event.data || event.data.source !== WIDGET) { return; }
    if (event.data.type === "focus") {
      input.focus();
    } else if (event.data.type === "focus-last") {
      var controls = tabbable(); // Shift+Tab from the widget's Close button comes round to here
      (controls.length ? controls[controls.length - 1] : input).focus();
    } else if (event.data.type === "quick-exit") {
      cover.hidden = false;
      endOnServer();
      forgetSession();
      tellWidget("wiped"); // the widget waits for this before it leaves the landlord's page
    }
  });

  // Who said each message, for a screen reader: the tenant's and the assistant's bubbles look
  // different, so their labels are visually hidden; a person from the housing team is named on
  // screen as well.
  var SPEAKERS = { tenant: "You said:", bot: "Assistant:", staff: "Housing team:" };
  var PHOTO_SPEAKER = "You sent:";

  // A reference such as REP-2026-KX7Q4MTD, a UK phone number (0808 2000 247, 03332 31 32 33,
  // +44 20 7946 0000) or 999, 111 and 112, in what the assistant or the housing team wrote.
  var REFERENCE = "\\b(?:REP|ASB|CMP|ENQ)-\\d{4}-[A-Z0-9]{6,8}\\b";
  var PHONE = "(?:\\+44\\s?|\\b0)\\d(?:[ -]?\\d){8,9}\\b|\\b(?:999|111|112)\\b";
  var MARKED = new RegExp("(" + REFERENCE + ")|(" + PHONE + ")", "g");

  // The text as DOM nodes: references in <strong class="reference"> (kept on one line, and
  // selected whole with one click), phone numbers as tap-to-call links. Every piece of the
  // text is a text node: a reply can quote the tenant's own words, so it is never HTML.
  function formatted(text) {
    var fragment = document.createDocumentFragment();
    var at = 0;
    var match;
    MARKED.lastIndex = 0;
    while ((match = MARKED.exec(text)) !== null) {
      if (match.index > at) { fragment.appendChild(document.createTextNode(text.slice(at, match.index))); }
      var element;
      if (match[1]) {
        element = document.createElement("strong");
        element.className = "reference";
      } else {
        element = document.createElement("a");
        element.className = "phone";
        element.href = "tel:" + match[2].replace(/[^\d+]/g, "");
      }
      element.textContent = match[0];
      fragment.appendChild(element);
      at = match.index + match[0].length;
    }
    if (at < text.length) { fragment.appendChild(document.createTextNode(text.slice(at))); }
    return fragment;
  }

  // `photo`: the tenant's message is a photo they sent, which `text` names.
  function add(who, text, photo) {
    var item = document.createElement("li");
    item.className = who;
    var speaker = document.createElement("span");
    speaker.className = who === "staff" ? "speaker" : "speaker visually-hidden";
    speaker.textContent = (photo ? PHOTO_SPEAKER : SPEAKERS[who]) + " ";
    var said = document.createElement("span");
    said.className = "said";
    if (who === "tenant") { said.textContent = text; } else { said.appendChild(formatted(text)); }
    item.appendChild(speaker);
    item.appendChild(said);
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  // Once the tenant has said anything, typed or pressed, earlier quick replies are answered:
  // they stay in the conversation to read, but cannot be pressed, so only the newest set works.
  // The greeting's starters are quick replies too.
  function retireQuickReplies() {
    Array.prototype.forEach.call(conversation.querySelectorAll(".quick-replies button"), function (button) {
      button.disabled = true;
      button.setAttribute("aria-disabled", "true");
    });
  }

  // Where the focus goes once a message is answered: back to the box for words typed there;
  // after a press, to the new quick replies if there are some (the pressed one is disabled
  // now), or else the box.
  function afterSending(typed) {
    var active = document.activeElement;
    if (typed || !active || active.disabled || !conversation.contains(active)) { input.focus(); }
  }

  // A quick reply sends its payload and shows its title as what the tenant said.
  function pressable(element, button) {
    element.addEventListener("click", function () {
      if (element.disabled) { return; }
      // The pressed button is now disabled: focus goes to the next quick replies, or else the box.
      send(button.payload, button.title, false).then(function () { afterSending(false); });
    });
  }

  // `focus` is false when a reload puts the conversation back: the page does not jump about.
  function addQuickReplies(buttons, focus) {
    // A list item holds the group: a list may only hold list items.
    var item = document.createElement("li");
    item.className = "quick-replies";
    var group = document.createElement("div");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Quick replies");
    buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.textContent = button.title;
      pressable(element, button);
      group.appendChild(element);
    });
    item.appendChild(group);
    log.appendChild(item);
    var first = item.querySelector("button");
    if (first && focus !== false) { first.focus(); }
  }

  // A starter the page answers itself, with no turn ("Ask a question": there is nothing yet for
  // the assistant to read). The choice and the answer are kept as any delivered message is, and
  // the tenant's next message, the question, is the first the assistant hears.
  function answeredHere(element) {
    element.addEventListener("click", function () {
      if (element.disabled) { return; }
      var reply = element.getAttribute("data-reply");
      clearFailure();
      retireQuickReplies();
      add("tenant", element.textContent);
      record({ who: "tenant", text: element.textContent });
      add("bot", reply);
      record({ who: "bot", text: reply });
      input.focus();
    });
  }

  // The greeting's starters come with the page (their words are the domain's).
  Array.prototype.forEach.call(conversation.querySelectorAll(".starters button"), function (element) {
    if (element.hasAttribute("data-reply")) {
      answeredHere(element);
    } else {
      pressable(element, { title: element.textContent, payload: element.getAttribute("data-payload") });
    }
  });

  // While a person has the conversation, their replies cannot come back as answers to the
  // tenant's messages (the bot is silent), so the page asks for them every few seconds, and
  // says who is answering. `seen` is the newest staff message shown, kept for this tab.
  var seen = Number(readStored(SEEN_KEY)) || 0;
  var polling = null;

  function showPerson(state) {
    var words = PERSON_STATES[state];
    withPerson.textContent = words || "";
    withPerson.hidden = !words;
    if (polling === null && session) {
      polling = window.setTimeout(poll, words ? POLL_MS : SLOW_POLL_MS);
    }
  }

  function stopPolling() {
    if (polling !== null) { window.clearTimeout(polling); }
    polling = null;
  }

  function poll() {
    polling = null;
    if (!session) { return; }
    fetch("/api/updates?after=" + seen, {
      headers: (function () { var h = {}; h[SESSION_HEADER] = session; return h; })(),
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      return response.ok ? response.json() : { messages: [], with_person: withPerson.hidden ? null : "waiting" };
    }).then(function (body) {
      if (forgotten) { return; }
      body.messages.forEach(function (message) {
        var who = message.from === "staff" ? "staff" : "bot";
        add(who, message.text);
        record({ who: who, text: message.text });
        seen = Math.max(seen, message.id);
      });
      store(SEEN_KEY, String(seen));
      // Updates on the tenant's cases, sent while the page was closed or open: each comes once.
      (body.case_updates || []).forEach(function (text) {
        add("bot", text);
        record({ who: "bot", text: text });
      });
      showPerson(body.with_person);
    }).catch(function () {
      showPerson(withPerson.hidden ? null : "waiting");
    });
  }

  function messageId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // A message keeps its id when it is sent again after a network failure, so the server
  // answers the retry without the assistant seeing the message twice.
  function post(payload, id, retriesLeft, resent) {
    var headers = { "Content-Type": "application/json" };
    if (session) { headers[SESSION_HEADER] = session; }
    return fetch("/api/messages", {
      method: "POST",
      headers: headers,
      credentials: "same-origin",
      cache: "no-store",
      body: JSON.stringify({ message: payload, message_id: id, resent: resent === true })
    }).catch(function (problem) {
      if (retriesLeft <= 0) { throw problem; }
      return new Promise(function (resolve) { setTimeout(resolve, 2000); }).then(function () {
        return post(payload, id, retriesLeft - 1, true);
      });
    });
  }

  // A photo goes as itself, not as a form: the server reads what it is from its bytes, so the
  // type the browser guessed is not sent. Its id lets the server keep a photo sent again once.
  function postPhoto(file, id, retriesLeft) {
    var headers = { "Content-Type": "application/octet-stream" };
    headers[PHOTO_ID_HEADER] = id;
    if (session) { headers[SESSION_HEADER] = session; }
    return fetch("/api/photos", {
      method: "POST",
      headers: headers,
      credentials: "same-origin",
      cache: "no-store",
      body: file
    }).catch(function (problem) {
      if (retriesLeft <= 0) { throw problem; }
      return new Promise(function (resolve) { setTimeout(resolve, 2000); }).then(function () {
        return postPhoto(file, id, retriesLeft - 1);
      });
    });
  }

  // A send that failed, in plain words: a message from the server if it gave one, never the
  // browser's own ("Failed to fetch"). `retry` is whether sending the same again could work
  // (no connection, or the server or assistant was down), unlike a message the server refused.
  var NOT_SENT = "Your message has not been sent.";
  var PHOTO_NOT_SENT = "Your photo has not been sent.";
  var NO_CONNECTION = " We could not connect to the chat. Please check you are online, then select Retry.";
  var NOT_WORKING = " The chat is not working just now. Please select Retry in a minute, or call us if it is an emergency.";

  function Failure(words, retry) {
    this.words = words;
    this.retry = retry;
  }

  // A photo refused for being one too many today (429) is not one to retry; a message may be.
  function failure(status, body, photo) {
    var said = body && typeof body.error === "string" ? body.error : "";
    var notSent = photo ? PHOTO_NOT_SENT : NOT_SENT;
    if (status >= 500 || status === 408 || (status === 429 && !photo)) {
      return new Failure(notSent + " " + (said || NOT_WORKING.trim()), true);
    }
    return new Failure(said || notSent + NOT_WORKING, false);
  }

  function readBody(response) {
    return response.json().catch(function () { return {}; }); // a proxy's error page is not JSON
  }

  // The message that could not be sent, which Retry sends again under the same id (so the
  // assistant answers it once even if the first try reached it after all).
  var unsent = null;

  function showFailure(message, problem) {
    if (forgotten) { return; }
    var known = problem instanceof Failure ? problem :
      new Failure((message.photo ? PHOTO_NOT_SENT : NOT_SENT) + NO_CONNECTION, true);
    message.item.classList.remove("sending");
    message.item.classList.add("not-sent");
    var mark = document.createElement("span");
    mark.className = "delivery";
    mark.textContent = " Not sent";
    message.item.appendChild(mark);
    // The tenant's words go back in the box, unless they have started typing something else.
    if (message.typed && !input.value) {
      input.value = message.shown;
      countCharacters();
    }
    error.textContent = known.words;
    unsent = known.retry ? message : null;
    retry.hidden = !known.retry;
  }

  function clearFailure() {
    error.textContent = "";
    retry.hidden = true;
    unsent = null;
  }

  function delivered(message, body) {
    if (forgotten) { return; } // a reply that arrives after the quick exit is not shown
    message.item.classList.remove("sending");
    if (message.typed && input.value.trim() === message.shown) {
      input.value = ""; // sent by Retry: the words put back in the box are not wanted twice
      countCharacters();
    }
    keepSession(body.session);
    record(message.photo ? { who: "tenant", text: message.shown, photo: true } : { who: "tenant", text: message.shown });
    body.messages.forEach(function (reply) {
      if (reply.text) {
        add("bot", reply.text);
        record({ who: "bot", text: reply.text });
      }
      if (reply.buttons && reply.buttons.length) {
        addQuickReplies(reply.buttons);
        record({ buttons: reply.buttons });
      }
    });
    showPerson(body.with_person);
  }

  function deliver(message) {
    typing.textContent = message.photo ? "Sending your photo…" : "Assistant is typing…";
    var sending = message.photo ? postPhoto(message.photo, message.id, 1) :
      post(message.payload, message.id, 1, message.resent);
    return sending.then(function (response) {
      return readBody(response).then(function (body) {
        if (!response.ok) { throw failure(response.status, body, Boolean(message.photo)); }
        delivered(message, body);
      });
    }).catch(function (problem) {
      showFailure(message, problem);
    }).finally(function () {
      typing.textContent = "";
    });
  }

  // `typed` is whether the tenant wrote the words (so they go back in the box if not sent).
  function send(payload, shown, typed) {
    clearFailure();
    retireQuickReplies();
    var item = add("tenant", shown);
    item.classList.add("sending");
    return deliver({ payload: payload, shown: shown, typed: typed, id: messageId(), item: item, resent: false });
  }

  retry.addEventListener("click", function () {
    var message = unsent;
    if (!message) { return; }
    clearFailure();
    message.item.classList.remove("not-sent");
    var mark = message.item.querySelector(".delivery");
    if (mark) { mark.parentNode.removeChild(mark); }
    message.item.classList.add("sending");
    message.resent = true;
    input.focus(); // the Retry button hides: the focus goes back to the box
    deliver(message).then(function () { afterSending(message.typed); });
  });

  // "Add a photo": a photo is sent as soon as it is chosen, shown in the conversation as the
  // tenant sent it, and answered as a message is; a failure is marked and Retry sends it again
  // under the same id. The page says before sending what it can know (empty, too big, not a
  // picture at all), in the server's words; what the photo really is, only the server decides.
  var photoInput = document.getElementById("photo");
  var MAX_PHOTO_BYTES = Number(photoInput.getAttribute("data-max-bytes")) || 10 * 1024 * 1024;
  var thumbnails = [];

  function addThumbnail(item, file) {
    if (!window.URL || !window.URL.createObjectURL) { return; }
    var image = document.createElement("img");
    image.className = "thumbnail";
    image.alt = ""; // the message beside it names the photo
    image.addEventListener("error", function () { // a format this browser cannot show (HEIC)
      if (image.parentNode) { image.parentNode.removeChild(image); }
    });
    image.src = window.URL.createObjectURL(file);
    thumbnails.push(image.src);
    item.appendChild(image);
  }

  function forgetThumbnails() {
    thumbnails.forEach(function (address) { window.URL.revokeObjectURL(address); });
    thumbnails = [];
  }

  function refusedHere(file) {
    if (file.size === 0) { return photoInput.getAttribute("data-empty"); }
    if (file.size > MAX_PHOTO_BYTES) { return photoInput.getAttribute("data-too-big"); }
    if (file.type && file.type.indexOf("image/") !== 0) { return photoInput.getAttribute("data-not-a-photo"); }
    return null;
  }

  function sendPhoto(file) {
    clearFailure();
    var refused = refusedHere(file);
    if (refused) {
      error.textContent = refused;
      return Promise.resolve();
    }
    retireQuickReplies();
    var shown = "Photo: " + (file.name || "from your device");
    var item = add("tenant", shown, true);
    addThumbnail(item, file);
    item.classList.add("sending");
    return deliver({ photo: file, shown: shown, typed: false, id: messageId(), item: item, resent: false });
  }

  photoInput.addEventListener("change", function () {
    var file = photoInput.files && photoInput.files[0];
    photoInput.value = ""; // the same photo chosen again is a new choice
    if (file) { sendPhoto(file).then(function () { afterSending(false); }); }
  });

  // The server takes a message of up to MAX_MESSAGE_CHARS characters (bot/limits.py). The box
  // has no maxlength, which would cut a long paste without a word: near the limit the page says
  // how many characters are left, past it how many too many, and a message too long is not sent.
  // The count on screen changes as the tenant types; a screen reader hears it when they pause.
  var limit = document.getElementById("message-limit");
  var spoken = document.getElementById("message-count");
  var MAX_CHARS = Number(input.getAttribute("data-max-chars")) || 5000;
  var WARN_FROM = Math.floor(MAX_CHARS * 0.9);
  var LIMIT_HINT = limit.textContent;
  var SPEAK_AFTER_MS = 1000;
  var speaking = null;

  function characters(text) { return Array.from(text).length; } // as the server counts them

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function countCharacters() {
    var used = characters(input.value);
    var words = LIMIT_HINT;
    if (used > MAX_CHARS) {
      words = "You have " + plural(used - MAX_CHARS, "character") + " too many";
    } else if (used >= WARN_FROM) {
      words = "You have " + plural(MAX_CHARS - used, "character") + " left";
    }
    limit.textContent = words;
    limit.classList.toggle("near", used >= WARN_FROM && used <= MAX_CHARS);
    limit.classList.toggle("over", used > MAX_CHARS);
    input.setAttribute("aria-invalid", used > MAX_CHARS ? "true" : "false");
    if (speaking !== null) { window.clearTimeout(speaking); }
    speaking = window.setTimeout(function () {
      spoken.textContent = used >= WARN_FROM ? words : "";
    }, SPEAK_AFTER_MS);
  }

  input.addEventListener("input", countCharacters);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { error.textContent = "Please type a message first."; return; }
    var over = characters(text) - MAX_CHARS;
    if (over > 0) {
      error.textContent = "Your message is " + plural(over, "character") + " too long to send in one go. " +
        "Please send it in parts of up to " + MAX_CHARS + " characters; nothing has been sent.";
      input.focus();
      return;
    }
    input.value = "";
    countCharacters();
    send(text, text, true).then(function () { afterSending(true); });
  });

  // After a reload the conversation this tab had is shown again, as it was left.
  function restore() {
    readTranscript().forEach(function (entry) {
      if (!entry) { return; }
      if (Array.isArray(entry.buttons)) {
        addQuickReplies(entry.buttons, false);
      } else if (SPEAKERS[entry.who] && typeof entry.text === "string") {
        if (entry.who === "tenant") { retireQuickReplies(); }
        add(entry.who, entry.text, entry.photo === true);
      } else {
        return;
      }
      transcript.push(entry);
    });
  }

  restore();
  // A conversation carried on from another of the landlord's pages may be with a person.
  if (session) { poll(); }

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
