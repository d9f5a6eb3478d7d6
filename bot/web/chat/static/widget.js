// The tenant chat widget. A landlord adds one line to any page of its website:
//
//   <script src="https://chat.example.org/widget.js" defer></script>
//
// and gets a "Chat with us" button that opens the chat page (`/?embedded=1`) in a frame.
// The chat itself, its session and the quick exit live in that page; this script only adds
// the button and the panel, works out where the chat is from its own address, and passes
// Esc and the quick exit between the frame and the page around it.
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

  // Text colours are checked for WCAG AA contrast by tests/bot/web/chat/test_server.py.
  var CSS = [
    ":host { all: initial; }",
    ".launcher, .close { font-family: system-ui, sans-serif; font-size: 1rem; line-height: 1.5; font-weight: bold; cursor: pointer; }",
    ".launcher { position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483000; padding: 0.75rem 1.25rem; color: #ffffff; background: #00558a; border: 0.125rem solid #ffffff; border-radius: 2rem; box-shadow: 0 0.125rem 0.5rem rgba(0, 0, 0, 0.35); }",
    ".launcher:hover, .close:hover { text-decoration: underline; }",
    ".panel { position: fixed; right: 1rem; bottom: 4.75rem; z-index: 2147483000; display: flex; flex-direction: column; width: min(24rem, calc(100vw - 2rem)); height: min(38rem, calc(100vh - 6rem)); background: #ffffff; border: 0.0625rem solid #555555; border-radius: 0.5rem; box-shadow: 0 0.25rem 1rem rgba(0, 0, 0, 0.35); overflow: hidden; }",
    ".panel[hidden] { display: none; }",
    ".panel-bar { display: flex; justify-content: flex-end; padding: 0.25rem; color: #ffffff; background: #00558a; }",
    ".close { padding: 0.25rem 0.75rem; color: #ffffff; background: #00558a; border: 0.125rem solid #ffffff; border-radius: 0.3rem; }",
    ".frame { flex: 1 1 auto; width: 100%; border: 0; }",
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

  function start() {
    var host = element("div", { id: "tenant-chat-widget" });
    var root = host.attachShadow({ mode: "open" });
    addStyles(root);
    var launcher = element("button", {
      type: "button", "class": "launcher", "aria-expanded": "false", "aria-controls": "panel"
    }, NAME);
    var panel = element("div", { id: "panel", "class": "panel", role: "dialog", "aria-label": NAME });
    panel.hidden = true;
    var bar = element("div", { "class": "panel-bar" });
    var close = element("button", { type: "button", "class": "close", "aria-label": "Close chat" }, "Close");
    var cover = element("div", { "class": "cover" });
    cover.hidden = true;
    var frame = null;
    var frameLoaded = false;
    var lastEscape = 0;
    var leaving = null;
    bar.appendChild(close);
    panel.appendChild(bar);
    root.appendChild(launcher);
    root.appendChild(panel);
    root.appendChild(cover);
    document.body.appendChild(host);

    function isOpen() { return !panel.hidden; }

    function tellFrame(type) {
      if (frame && frame.contentWindow) {
        frame.contentWindow.postMessage({ source: WIDGET, type: type }, ORIGIN);
      }
    }

    function focusFrame() {
      frame.focus();
      tellFrame("focus"); // the chat page then puts the focus in its message box
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
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      if (frameLoaded) { focusFrame(); }
    }

    function shut() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
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
      panel.hidden = true;
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

    window.addEventListener("message", function (event) {
      if (event.origin !== ORIGIN || !frame || event.source !== frame.contentWindow) { return; }
      var data = event.data;
      if (!data || data.source !== WIDGET) { return; }
      if (data.type === "escape") {
        escapePressed();
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
