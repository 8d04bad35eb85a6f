/* Resume parse progress: poll the status endpoint and update the page without reloading.
   Without JavaScript the page refreshes itself (<noscript> meta refresh). */
(function () {
  "use strict";
  var box = document.getElementById("resume-progress");
  if (!box || box.getAttribute("data-finished") === "true" || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("[data-progress-bar]");
  var meter = box.querySelector("[data-progress]");
  var label = box.querySelector("[data-label]");
  var failed = box.querySelector("[data-failed]");
  var message = box.querySelector("[data-message]");
  var done = box.querySelector("[data-done]");
  var waiting = box.querySelector("[data-waiting]");
  var retry = box.querySelector("[data-retry]");
  var delay = 1000;
  var errors = 0;

  function show(state) {
    bar.style.width = state.percent + "%";
    meter.setAttribute("aria-valuenow", String(state.percent));
    label.textContent = state.label;
    var items = box.querySelectorAll("[data-stage]");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.toggle("current", items[i].getAttribute("data-stage") === state.status);
    }
    if (state.finished) {
      waiting.hidden = true;
      if (state.failed) { message.textContent = state.message || ""; failed.hidden = false; retry.hidden = false; }
      else {
        var next = done.querySelector("[data-next]");
        if (next && state.next_url) { next.setAttribute("href", state.next_url); }
        done.hidden = false;
      }
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        errors = 0;
        show(state);
        if (!state.finished) { delay = Math.min(delay + 250, 3000); window.setTimeout(poll, delay); }
      })
      .catch(function () {
        errors += 1;
        if (errors < 20) { window.setTimeout(poll, 5000); }
      });
  }
  window.setTimeout(poll, delay);
})();
