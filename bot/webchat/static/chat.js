// The tenant chat page. Everything a person or the bot wrote is inserted as text, never HTML.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var typing = document.getElementById("typing");
  var error = document.getElementById("error");

  document.getElementById("quick-exit").addEventListener("click", function (event) {
    event.preventDefault();
    window.location.replace(this.href);
  });

  function add(who, text) {
    var item = document.createElement("li");
    item.className = who;
    item.textContent = text;
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function addQuickReplies(buttons) {
    var item = document.createElement("li");
    item.className = "quick-replies";
    buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.textContent = button.title;
      element.addEventListener("click", function () {
        item.remove();
        send(button.payload, button.title);
      });
      item.appendChild(element);
    });
    log.appendChild(item);
    var first = item.querySelector("button");
    if (first) { first.focus(); }
  }

  function messageId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  // A message keeps its id when it is sent again after a network failure, so the server
  // answers the retry without the assistant seeing the message twice.
  function post(payload, id, retriesLeft) {
    return fetch("/api/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ message: payload, message_id: id })
    }).catch(function (problem) {
      if (retriesLeft <= 0) { throw problem; }
      return new Promise(function (resolve) { setTimeout(resolve, 2000); }).then(function () {
        return post(payload, id, retriesLeft - 1);
      });
    });
  }

  function send(payload, shown) {
    error.textContent = "";
    add("tenant", shown);
    typing.hidden = false;
    return post(payload, messageId(), 1).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || "Something went wrong."); }
        body.messages.forEach(function (message) {
          if (message.text) { add("bot", message.text); }
          if (message.buttons && message.buttons.length) { addQuickReplies(message.buttons); }
        });
      });
    }).catch(function (problem) {
      error.textContent = problem.message || "Sorry, the message could not be sent. Please try again.";
    }).finally(function () {
      typing.hidden = true;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { error.textContent = "Please type a message first."; return; }
    input.value = "";
    send(text, text).then(function () { input.focus(); });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
})();
