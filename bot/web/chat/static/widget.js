// The tenant chat widget. A landlord adds one line to any page of its website:
//
//   <script src="https://chat.example.org/widget.js" defer></script>
//
// and gets a "Chat with us" button that opens the chat page (`/?embedded=1`) in a frame.
// The chat itself, its session and the quick exit live in that page; this script only adds
// the button and the panel, works out where the chat is from its own address, and passes
// Esc and the quick exit between the frame and the page around it.
//
// The panel is a modal <dialog> (showModal): the landlord's page behind it is inert, Esc
// closes it and the focus goes back to the button. Tab goes round the panel's Close button and
// the chat page, never out to the page behind. On a small screen, or at 400% zoom, the panel
// takes the whole window. The button moves to another corner whenever the landlord's page
// puts the focus on something under it (WCAG 2.4.11, focus not obscured).
// Plain ES5 with no dependencies; its markup and styles sit in a shadow root, so the
// landlord's CSS cannot change them and they cannot change the landlord's page.
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src$="/widget.js"]');
  if (!script || !script.src || window.__tenantChatWidget || !Element.prototype.attachShadow) { return; }
  window.__tenantChatWidget = true;

  var ORIGIN = new URL(script.src, window.location.href).origin;
  var CHAT_URL = ORIGIN + "/?embedded=1";
  var EXIT_URL = "https://www.bbc.co.uk/weather"; // the chat page's quick exit goes there too
  var WIDGET = "tenant-chat-widget";              // marks messages to and from the frame
  var ESCAPE_TWICE_MS = 1500;
  var SHIFT_PRESSES = 3;                          // GOV.UK's Exit this page, while the chat is open
  var SHIFT_WINDOW_MS = 5000;
  var WIPE_WAIT_MS = 150;                         // how long a quick exit waits for the frame
  var NAME = "Chat with us";
  // Where the button may sit, the first being its home: it leaves home only to uncover the
  // element of the landlord's page that has the focus.
  var CORNERS = ["bottom-right", "bottom-left", "top-right", "top-left"];

  // Text colours are checked for WCAG AA contrast by tests/bot/web/chat/test_server.py.
  var CSS = [
    ":host { all: initial; }",
    ".launcher, .close { font-family: system-ui, sans-serif; font-size: 1rem; line-height: 1.5; font-weight: bold; cursor: pointer; }",
    ".launcher { position: fixed; z-index: 2147483000; max-width: calc(100vw - 2rem); padding: 0.75rem 1.25rem; color: #ffffff; background: #00558a; border: 0.125rem solid #ffffff; border-radius: 2rem; box-shadow: 0 0.125rem 0.5rem rgba(0, 0, 0, 0.35); }",
    ".bottom-right { right: 1rem; bottom: 1rem; }",
    ".bottom-left { left: 1rem; bottom: 1rem; }",
    ".top-right { right: 1rem; top: 1rem; }",
    ".top-left { left: 1rem; top: 1rem; }",
    ".launcher:hover, .close:hover { text-decoration: underline; }",
    ".panel { position: fixed; inset: auto 1rem 4.75rem auto; margin: 0; padding: 0; box-sizing: border-box; width: min(24rem, calc(100vw - 2rem)); height: min(38rem, calc(100vh - 6rem)); max-width: none; max-height: none; color: #1b1b1b; background: #ffffff; border: 0.0625rem solid #555555; border-radius: 0.5rem; box-shadow: 0 0.25rem 1rem rgba(0, 0, 0, 0.35); overflow: hidden; }",
    ".panel[open] { display: flex; flex-direction: column; }",
    /* No text sits on the backdrop: its colour is named for the contrast check alone. */
    ".panel::backdrop { color: #ffffff; background: #0b0c0c; opacity: 0.5; }",
    /* A phone, or a desktop at 400% zoom (320 by 256 CSS pixels): the whole window, not a strip. */
    "@media (max-width: 30rem), (max-height: 30rem) { .panel { inset: 0; width: 100%; height: 100%; border: 0; border-radius: 0; } }",
    ".panel-bar { display: flex; flex: none; align-items: center; justify-content: space-between; gap: 0.5rem; padding: 0.25rem 0.25rem 0.25rem 0.75rem; color: #ffffff; background: #00558a; }",
    ".title { margin: 0; font-family: system-ui, sans-serif; font-size: 1rem; line-height: 1.5; color: #ffffff; background: #00558a; }",
    ".close { flex: none; padding: 0.25rem 0.75rem; color: #ffffff; background: #00558a; border: 0.125rem solid #ffffff; border-radius: 0.3rem; }",
    /* A short window (400% zoom): a slimmer bar, so the chat below it keeps the room. */
    "@media (max-height: 30rem) { .panel-bar { padding: 0 0.25rem 0 0.75rem; } .close { padding: 0 0.75rem; } }",
    ".frame { flex: 1 1 auto; min-height: 0; width: 100%; border: 0; }",
    ".cover { position: fixed; inset: 0; z-index: 2147483647; color: #1b1b1b; background: #ffffff; }",
    ".cover[hidden] { display: none; }",
    ":focus-visible { outline: 0.1875rem solid #0b0c0c; outline-offset: 0; box-shadow: 0 0 0 0.375rem #ffdd00; }"
  ].join("\n");

  function element(tag, attributes, text) {
    var made = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, attributes[name]); });
    if (text) { made.textContent = text; }
    return made;
  }

  function addStyles(root) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch (unsupported) {
      root.appendChild(element("style", {}, CSS));
    }
  }

  // How much of two boxes (DOMRects) overlap, in square CSS pixels.
  function overlap(a, b) {
    var width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return width > 0 && height > 0 ? width * height : 0;
  }

  function start() {
    var host = element("div", { id: "tenant-chat-widget" });
    var root = host.attachShadow({ mode: "open" });
    addStyles(root);
    var launcher = element("button", {
      type: "button", "class": "launcher " + CORNERS[0], "aria-expanded": "false", "aria-controls": "panel"
    }, NAME);
    var panel = element("dialog", {
      id: "panel", "class": "panel", "aria-modal": "true", "aria-labelledby": "panel-title"
    });
    var bar = element("div", { "class": "panel-bar" });
    var title = element("h2", { id: "panel-title", "class": "title" }, NAME);
    var close = element("button", { type: "button", "class": "close", "aria-label": "Close chat" }, "Close");
    var cover = element("div", { "class": "cover" });
    cover.hidden = true;
    var frame = null;
    var frameLoaded = false;
    var lastEscape = 0;
    var leaving = null;
    bar.appendChild(title);
    bar.appendChild(close);
    panel.appendChild(bar);
    root.appendChild(launcher);
    root.appendChild(panel);
    root.appendChild(cover);
    document.body.appendChild(host);

    function isOpen() { return panel.open; }

    // --- the button keeps out of the way of the landlord's focused element -------------------

    // The landlord's element that has the focus, or null when it is the body.
    function focusedOnPage() {
      var focused = document.activeElement;
      if (!focused || focused === document.body || focused === document.documentElement) { return null; }
      return focused;
    }

    function putLauncherAt(corner) {
      CORNERS.forEach(function (each) { launcher.classList.toggle(each, each === corner); });
    }

    // Home, unless the focused element is under the button there: then the corner that covers
    // least of it (none, but for an element as big as the window, which is never wholly hidden).
    function placeLauncher() {
      var focused = focusedOnPage();
      if (focused === host) { return; } // the button itself, or the chat: nothing moves under the tenant
      if (!focused) { putLauncherAt(CORNERS[0]); return; }
      var target = focused.getBoundingClientRect();
      var best = null;
      var bestCovered = Infinity;
      for (var i = 0; i < CORNERS.length && bestCovered > 0; i += 1) {
        putLauncherAt(CORNERS[i]);
        var covered = overlap(launcher.getBoundingClientRect(), target);
        if (covered < bestCovered) { best = CORNERS[i]; bestCovered = covered; }
      }
      putLauncherAt(best);
    }

    var placing = false;
    function placeSoon() {
      if (placing) { return; }
      placing = true;
      window.requestAnimationFrame(function () { placing = false; placeLauncher(); });
    }

    // --- the panel: a modal dialog ---------------------------------------------------------

    function tellFrame(type) {
      if (frame && frame.contentWindow) {
        frame.contentWindow.postMessage({ source: WIDGET, type: type }, ORIGIN);
      }
    }

    // `where` is "focus" (the chat page's message box) or "focus-last" (its last control).
    function focusFrame(where) {
      frame.focus();
      tellFrame(where || "focus");
    }

    function open() {
      if (!frame) {
        // Made on first use, so a page that never opens the chat never loads it.
        frame = element("iframe", {
          "class": "frame", title: NAME, src: CHAT_URL, referrerpolicy: "no-referrer"
        });
        frame.addEventListener("load", function () {
          frameLoaded = true;
          if (isOpen()) { focusFrame(); }
        });
        panel.appendChild(frame);
      }
      panel.showModal(); // the page behind becomes inert, and so does the button
      launcher.setAttribute("aria-expanded", "true");
      if (frameLoaded) { focusFrame(); }
    }

    function shut() {
      if (isOpen()) { panel.close(); }
      launcher.setAttribute("aria-expanded", "false");
      putLauncherAt(CORNERS[0]);
      launcher.focus();
    }

    function go() {
      try {
        window.top.location.replace(EXIT_URL);
      } catch (framed) {
        window.location.replace(EXIT_URL);
      }
    }

    // Leave for a neutral site, replacing this page in the history so Back does not return.
    // The panel goes at once; the page goes as soon as the frame says it has wiped its session
    // (a round trip of a millisecond or two), or after WIPE_WAIT_MS if it does not answer.
    function leave() {
      if (leaving) { return; }
      cover.hidden = false; // nothing of the landlord's page or the chat shows while the exit loads
      if (isOpen()) { panel.close(); }
      if (!frameLoaded) { leaving = go; go(); return; }
      var timer = setTimeout(go, WIPE_WAIT_MS);
      leaving = function () { clearTimeout(timer); go(); };
      try { tellFrame("quick-exit"); } catch (ignored) { leaving(); }
    }

    // One Esc closes the chat; a second one soon after, in the frame or out of it, leaves.
    // Esc on the landlord's page is left alone unless it follows one that closed the chat.
    function escapePressed() {
      var now = Date.now();
      if (now - lastEscape < ESCAPE_TWICE_MS) {
        leave();
        return true;
      }
      if (!isOpen()) { return false; }
      lastEscape = now;
      shut();
      return true;
    }

    launcher.addEventListener("click", function () {
      if (isOpen()) { shut(); } else { open(); }
    });
    close.addEventListener("click", shut);
    // Shift+Tab from Close, the panel's first control, goes round to the chat's last one.
    close.addEventListener("keydown", function (event) {
      if (event.key === "Tab" && event.shiftKey && frame) {
        event.preventDefault();
        focusFrame("focus-last");
      }
    });
    // The browser's own close request (Esc, or Back on Android) is counted as an Esc, so the
    // focus goes back to the button and a second Esc still leaves.
    panel.addEventListener("cancel", function (event) {
      event.preventDefault();
      escapePressed();
    });

    var shifts = [];
    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (event.repeat || !isOpen()) { return; }
        var now = Date.now();
        shifts = shifts.filter(function (at) { return now - at < SHIFT_WINDOW_MS; });
        shifts.push(now);
        if (shifts.length >= SHIFT_PRESSES) { leave(); }
        return;
      }
      shifts = [];
      if ((event.key === "Escape" || event.key === "Esc") && escapePressed()) {
        event.preventDefault();
      }
    });

    document.addEventListener("focusin", placeSoon);
    document.addEventListener("focusout", placeSoon);
    window.addEventListener("scroll", placeSoon, { capture: true, passive: true });
    window.addEventListener("resize", placeSoon);

    window.addEventListener("message", function (event) {
      if (event.origin !== ORIGIN || !frame || event.source !== frame.contentWindow) { return; }
      var data = event.data;
      if (!data || data.source !== WIDGET) { return; }
      if (data.type === "escape") {
        escapePressed();
      } else if (data.type === "tab-past-end") {
        close.focus(); // Tab on the chat's last control goes round to Close
      } else if (data.type === "quick-exit") {
        leave();
      } else if (data.type === "wiped" && leaving) {
        leaving();
      }
    });
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
